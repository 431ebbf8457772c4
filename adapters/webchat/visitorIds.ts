import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A visitor id as the server issues it: `web_` and 22 random base64url characters (128 bits). */
const VISITOR_ID = /^web_[A-Za-z0-9_-]{22}$/;

/**
 * The web chat's visitor ids: random, issued by the server only, and signed (HMAC-SHA256) in the
 * `digibank_uid` cookie as `<id>.<signature>`. A page that comes back with a cookie is the same
 * visitor only when the signature holds; a cookie written by hand, by another site or by an older
 * version of the assistant (unsigned) starts a new anonymous visitor. The id only remembers the
 * visitor's language: it never shows appointments or loans (those need their reference code).
 */
export class VisitorIds {
  constructor(private readonly key: Buffer) {}

  /** A new random signing key (stored once in the database when WEBCHAT_VISITOR_KEY is not set). */
  static newKey(): string {
    return randomBytes(32).toString('base64url');
  }

  /** A new visitor: its id and the cookie value that proves it. */
  issue(): { id: string; cookie: string } {
    const id = `web_${randomBytes(16).toString('base64url')}`;
    return { id, cookie: `${id}.${this.sign(id)}` };
  }

  /** The visitor id of a cookie value, or undefined when it is not one this server signed. */
  verify(cookie: string | undefined): string | undefined {
    const [id, signature, extra] = (cookie ?? '').split('.');
    if (!id || !signature || extra !== undefined || !VISITOR_ID.test(id)) return undefined;
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(`webchat-visitor:${id}`).digest('base64url');
  }
}
