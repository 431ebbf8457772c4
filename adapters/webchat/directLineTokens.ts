import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one user in one conversation, until it expires. */
export interface TokenClaims {
  userId: string;
  conversationId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Lifetime of a token; Web Chat refreshes well before (every 15 minutes). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Issues and verifies Direct Line tokens: `base64url(claims).base64url(hmac-sha256)`. The key is
 * shared by every server process (stored in the database), so any process accepts any token.
 */
export class DirectLineTokens {
  constructor(private readonly key: Buffer) {}

  /** A new random signing key. */
  static newKey(): string {
    return randomBytes(32).toString('base64url');
  }

  issue(userId: string, conversationId: string, now = Date.now()): string {
    const claims: TokenClaims = { userId, conversationId, exp: Math.floor(now / 1000) + TOKEN_LIFETIME_SECONDS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The token's claims, or undefined when it is forged, malformed or expired. */
  verify(token: string, now = Date.now()): TokenClaims | undefined {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.userId !== 'string' || typeof claims.conversationId !== 'string' || typeof claims.exp !== 'number') return undefined;
      return claims.exp * 1000 > now ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
