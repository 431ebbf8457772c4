import { twilioSignature, validTwilioSignature } from '../../../../adapters/sms/twilioSignature';
import { normalizeSmsChoice, smsKeyword } from '../../../../adapters/sms/smsKeywords';

describe('Twilio signature', () => {
  // The example of Twilio's documentation ("Validating requests", twilio-node's own tests).
  const params = Object.entries({ CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' });
  test('matches the documented example', () => {
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(validTwilioSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(true);
  });
  test('order of fields does not matter; a changed value, URL or token does', () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const signature = twilioSignature('12345', url, params);
    expect(twilioSignature('12345', url, [...params].reverse())).toBe(signature);
    expect(validTwilioSignature('12345', signature, url, [...params.slice(1), ['CallSid', 'CA1234567890ABCDF']])).toBe(false);
    expect(validTwilioSignature('12345', signature, `${url}&x=1`, params)).toBe(false);
    expect(validTwilioSignature('54321', signature, url, params)).toBe(false);
    expect(validTwilioSignature('12345', undefined, url, params)).toBe(false);
  });
});

describe('SMS keywords and number words', () => {
  test.each(['STOP', 'stop', 'Stoppen', 'ARRET', 'arrêt', 'UNSUBSCRIBE', 'STOPALL', 'CANCEL', 'END', 'QUIT', 'stop!'])('%s opts out', (word) => {
    expect(smsKeyword(word)?.kind).toBe('stop');
  });
  test.each(['START', 'unstop'])('%s opts in', (word) => expect(smsKeyword(word)?.kind).toBe('start'));
  test.each(['HELP', 'hulp', 'Aide', 'INFO'])('%s asks for help', (word) => expect(smsKeyword(word)?.kind).toBe('help'));
  test('a sentence with the word is not a keyword', () => {
    expect(smsKeyword('stop met roken hulp')).toBeUndefined();
  });
  test.each([['een', '1'], ['één', '1'], ['un', '1'], ['one', '1'], ['Deux', '2'], ['drie.', '3'], ['1.', '1'], ['(2)', '2'], ['Nederlands', 'Nederlands'], ['1️⃣', '1️⃣']])('%s → %s', (typed, expected) => {
    expect(normalizeSmsChoice(typed)).toBe(expected);
  });
});
