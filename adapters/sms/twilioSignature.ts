import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/security#validating-requests):
 * base64(HMAC-SHA1(auth token, full URL + every POST field name and value, sorted by name)).
 * A repeated field contributes each distinct value once, in sorted order (as Twilio's libraries do).
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const pairs = [...new Set([...params].map(([key, value]) => JSON.stringify([key, value])))]
    .map((pair) => JSON.parse(pair) as [string, string])
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  const data = url + pairs.map(([key, value]) => key + value).join('');
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Constant-time check of an `X-Twilio-Signature` header. */
export function validTwilioSignature(authToken: string, header: string | undefined, url: string, params: Iterable<[string, string]>): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Byte-wise (code unit) order, as Twilio's libraries sort keys. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
