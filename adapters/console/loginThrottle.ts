import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';

/** Limits of the login throttle. */
export interface ThrottleLimits {
  /** Failed logins of one username from one client address within the window before that pair is locked. */
  maxFailuresPerPair: number;
  /** Failed logins from one client address (any username) within the window before its logins are slowed down. */
  slowAfterAddressFailures: number;
  /** Delay added per failure past {@link slowAfterAddressFailures}, up to {@link maxDelayMs}. */
  delayStepMs: number;
  maxDelayMs: number;
  windowMinutes: number;
  lockMinutes: number;
}

/**
 * Defaults: 5 wrong passwords for one username from one address in 15 minutes lock that pair for
 * 15 minutes; past 10 failures from one address, each of its logins waits 0.5 s more, at most 5 s.
 * Nobody elsewhere is locked out: behind a proxy many colleagues share one address, and an
 * attacker must not be able to lock an account by guessing wrong on purpose.
 */
export const DEFAULT_THROTTLE: ThrottleLimits = { maxFailuresPerPair: 5, slowAfterAddressFailures: 10, delayStepMs: 500, maxDelayMs: 5000, windowMinutes: 15, lockMinutes: 15 };

const MINUTE = 60_000;

/** The throttle keys of a login attempt: the (address, username) pair and the address, hashed (never the address itself). */
export function throttleKeys(username: string, address: string | undefined): ThrottleKeys {
  const addressHash = createHash('sha256').update(address ?? 'unknown').digest('base64url').slice(0, 22);
  return { pair: `pair:${addressHash}:${username.trim().toLowerCase().slice(0, 100)}`, address: `addr:${addressHash}` };
}

/** See {@link throttleKeys}. */
export interface ThrottleKeys {
  pair: string;
  address: string;
}

/**
 * Rate limit of console logins, shared by every process through `console_login_throttle`: each
 * failure is one atomic upsert that counts it in the current window and, for an (address, username)
 * pair, sets `lockedUntil` when the limit is reached. A locked pair refuses its logins until the lock
 * ends; an address with many failures is only slowed down ({@link LoginThrottle.delayMs}).
 */
export class LoginThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** When the later lock of these keys ends, or undefined when none is locked. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | undefined> {
    const rows = await this.prisma.consoleLoginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
    const ends = rows.map((row) => row.lockedUntil?.getTime() ?? 0);
    return ends.length ? new Date(Math.max(...ends)) : undefined;
  }

  /** How long a login from this address waits first: nothing until it has many recent failures. */
  async delayMs(keys: ThrottleKeys, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - this.limits.windowMinutes * MINUTE);
    const row = await this.prisma.consoleLoginThrottle.findUnique({ where: { key: keys.address }, select: { failures: true, windowStartAt: true } });
    const failures = row && row.windowStartAt > windowStart ? row.failures : 0;
    const over = failures - this.limits.slowAfterAddressFailures;
    return over > 0 ? Math.min(this.limits.maxDelayMs, over * this.limits.delayStepMs) : 0;
  }

  /** Counts a failed login for the pair (locked at its limit) and for the address (never locked). */
  async recordFailure(keys: ThrottleKeys, now: Date): Promise<void> {
    await this.count(keys.pair, this.limits.maxFailuresPerPair, now);
    await this.count(keys.address, null, now);
  }

  /** Counts a login refused because its pair is locked: still an attempt from the address. */
  async recordRefused(keys: ThrottleKeys, now: Date): Promise<void> {
    await this.count(keys.address, null, now);
  }

  /** A successful login clears the pair's failures (the address keeps its count). */
  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    await this.prisma.consoleLoginThrottle.deleteMany({ where: { key: keys.pair } });
  }

  /** Counts a failure of `key` in its window; at `max` (null: never) the key is locked. */
  private async count(key: string, max: number | null, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.limits.windowMinutes * MINUTE);
    const lockUntil = new Date(now.getTime() + this.limits.lockMinutes * MINUTE);
    await this.prisma.$executeRaw`
      INSERT INTO "console_login_throttle" ("key", "failures", "windowStartAt", "lockedUntil")
      VALUES (${key}, 1, ${now}::timestamptz, CASE WHEN 1 >= ${max}::int THEN ${lockUntil}::timestamptz END)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "console_login_throttle"."windowStartAt" <= ${windowStart}::timestamptz THEN 1 ELSE "console_login_throttle"."failures" + 1 END,
        "windowStartAt" = CASE WHEN "console_login_throttle"."windowStartAt" <= ${windowStart}::timestamptz THEN ${now}::timestamptz ELSE "console_login_throttle"."windowStartAt" END,
        "lockedUntil" = CASE
          WHEN (CASE WHEN "console_login_throttle"."windowStartAt" <= ${windowStart}::timestamptz THEN 1 ELSE "console_login_throttle"."failures" + 1 END) >= ${max}::int
          THEN ${lockUntil}::timestamptz
          ELSE "console_login_throttle"."lockedUntil" END`;
  }
}
