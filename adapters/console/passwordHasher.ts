import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N = 2^15, r = 8, p = 1 → 32 MiB of memory per hash (OWASP's minimum is 2^17 × 8 / 8 = the same budget). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Default parameters of new hashes; stored in each hash, so that raising them later keeps old hashes valid. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Password hashing with scrypt (memory-hard, node:crypto): a random salt per password and the
 * parameters in the hash string `scrypt$N$r$p$salt$key` (base64url). Verification is constant-time.
 */
export class PasswordHasher {
  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params);
    return [PREFIX, this.params.N, this.params.r, this.params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** True when the password matches the hash; a malformed hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== PREFIX) return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
    const expected = Buffer.from(parts[5], 'base64url');
    if (expected.length !== KEY_BYTES) return false;
    const actual = await derive(password, Buffer.from(parts[4], 'base64url'), { N, r, p });
    return timingSafeEqual(actual, expected);
  }

  /**
   * A hash of a random password: verified against when a username does not exist, so that a
   * login takes as long for an unknown user as for a wrong password (no user enumeration by timing).
   */
  async decoy(): Promise<string> {
    this.decoyHash ??= this.hash(randomBytes(16).toString('hex'));
    return this.decoyHash;
  }

  private decoyHash?: Promise<string>;
}
