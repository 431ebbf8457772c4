import { phoneDigits, ReachKeys } from '../../../../services/reach/reachKeys';

describe('ReachKeys', () => {
  const keys = new ReachKeys('a-test-key-of-sufficient-length');

  test.each([
    ['32470111222', '32470111222'],
    ['+32470111222', '32470111222'],
    ['0032 470 11 12 22', '32470111222'],
    ['+32 (470) 11-12-22', '32470111222'],
  ])('the phone number %s is the digits %s', (typed, digits) => {
    expect(phoneDigits(typed)).toBe(digits);
  });

  test('one number on WhatsApp and on SMS is one person; a browser is another', () => {
    expect(keys.person('whatsapp', '32470111222')).toBe(keys.person('sms', '+32470111222'));
    expect(keys.person('webchat', '32470111222')).not.toBe(keys.person('whatsapp', '32470111222'));
    expect(keys.person('webchat', 'web_abc')).toBe(keys.person('webchat', 'web_abc'));
  });

  test('a key never shows the number, and another secret gives other keys', () => {
    const key = keys.person('sms', '+32470111222');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toContain('470111222');
    expect(new ReachKeys('another-key-of-sufficient-length').person('sms', '+32470111222')).not.toBe(key);
    expect(keys.conversation('c1')).not.toBe(keys.person('webchat', 'c1'));
  });

  test('a short secret is refused', () => {
    expect(() => new ReachKeys('short')).toThrow(/16 characters/);
  });
});
