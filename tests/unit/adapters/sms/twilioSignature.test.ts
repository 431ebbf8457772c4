import { twilioSignature, validTwilioSignature } from '../../../../adapters/sms/twilioSignature';
import { normalizeSmsChoice, smsKeyword } from '../../../../adapters/sms/smsKeywords';
import twilio from 'twilio';

/** Form fields as twilio-node takes them: a repeated field as an array of its values. */
function asTwilioParams(pairs: [string, string][]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    const seen = params[key];
    params[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

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

describe('Twilio signature against the twilio package (the oracle)', () => {
  const url = 'https://digibank.example.org/api/sms';
  const cases: [string, [string, string][]][] = [
    ['an inbound SMS', [['MessageSid', `SM${'a'.repeat(32)}`], ['From', '+32470123456'], ['To', '+32460000000'], ['Body', 'hallo']]],
    ['é ë ç and emoji', [['Body', 'café Citroën garçon 🙏 ŵ'], ['From', '+32470123456']]],
    ['an empty body and odd keys', [['Body', ''], ['a', '1'], ['B', '2'], ['_', '3'], ['Z9', '']]],
    ['a repeated field', [['MediaUrl', 'https://b.example/2'], ['MediaUrl', 'https://a.example/1'], ['From', '+32470123456']]],
    ['a repeated identical value', [['Tag', 'x'], ['Tag', 'x'], ['Tag', 'a']]],
    ['a status callback', [['MessageSid', `SM${'b'.repeat(32)}`], ['MessageStatus', 'undelivered'], ['ErrorCode', '30003'], ['SmsStatus', 'undelivered']]],
  ];
  test.each(cases)('%s: same signature as twilio.getExpectedTwilioSignature, accepted by twilio.validateRequest', (_name, pairs) => {
    const ours = twilioSignature('secret-token', url, pairs);
    expect(ours).toBe(twilio.getExpectedTwilioSignature('secret-token', url, asTwilioParams(pairs)));
    expect(twilio.validateRequest('secret-token', ours, url, asTwilioParams(pairs))).toBe(true);
    expect(validTwilioSignature('secret-token', twilio.getExpectedTwilioSignature('secret-token', url, asTwilioParams(pairs)), url, pairs)).toBe(true);
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
