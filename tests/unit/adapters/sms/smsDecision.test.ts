import { decideSms, optOutTypeOf, SmsSenderState } from '../../../../adapters/sms/twilioSmsChannel';

const open: SmsSenderState = { optedOut: false, recentInbound: 0, openQuestion: true };
const idle: SmsSenderState = { optedOut: false, recentInbound: 0, openQuestion: false };
const stopped: SmsSenderState = { optedOut: true, recentInbound: 0 };

describe('what an inbound SMS is', () => {
  test.each(['STOP', 'cancel', 'End.', 'quit', 'STOPPEN', 'arrêt', 'unsubscribe'])('%s at an open question goes to the dialogs', (word) => {
    expect(decideSms(word, undefined, open, 20)).toEqual({ kind: 'turn' });
  });

  test('outside an open question STOP-class words opt out, with the keyword\'s language', () => {
    expect(decideSms('STOP', undefined, idle, 20)).toEqual({ kind: 'keyword', optedOut: true, language: undefined });
    expect(decideSms('Stoppen!', undefined, idle, 20)).toEqual({ kind: 'keyword', optedOut: true, language: 'nl' });
    expect(decideSms('cancel', undefined, { optedOut: false, recentInbound: 0 }, 20)).toMatchObject({ kind: 'keyword', optedOut: true });
  });

  test('Twilio\'s OptOutType wins: the number is blocked (or unblocked) on Twilio\'s side whatever was asked', () => {
    expect(decideSms('cancel', 'STOP', open, 20)).toEqual({ kind: 'provider', optedOut: true });
    expect(decideSms('start', 'START', stopped, 20)).toEqual({ kind: 'provider', optedOut: false });
    expect(decideSms('help', 'HELP', open, 20)).toEqual({ kind: 'silent', name: 'help' });
    expect(optOutTypeOf(' stop ')).toBe('STOP');
    expect(optOutTypeOf('whatever')).toBeUndefined();
  });

  test('an opted-out number: START opts back in, anything else is kept silently', () => {
    expect(decideSms('START', undefined, stopped, 20)).toMatchObject({ kind: 'keyword', optedOut: false });
    expect(decideSms('STOP', undefined, stopped, 20)).toEqual({ kind: 'silent', name: 'stop' });
    expect(decideSms('hallo', undefined, stopped, 20)).toEqual({ kind: 'silent', name: 'optedOut' });
  });

  test('START while not opted out, and ordinary text, are for the dialogs; over the rate limit nothing is', () => {
    expect(decideSms('start', undefined, open, 20)).toEqual({ kind: 'turn' });
    expect(decideSms('hallo', undefined, { ...open, recentInbound: 20 }, 20)).toEqual({ kind: 'throttled' });
    expect(decideSms('HULP', undefined, idle, 20)).toEqual({ kind: 'help', language: 'nl' });
  });
});
