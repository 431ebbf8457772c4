import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';

/** Limits of the login throttle. */
export interface ThrottleLimits {
  /** Failed logins of one username within the window before it is locked. */
  maxFailuresPerUser: number;
  /** Failed logins from one client address within the window before it is locked. */
  maxFailuresPerAddress: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Defaults: 5 wrong passwords for a username or 20 from one address in 15 minutes lock it for 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleLimits = { maxFailuresPerUser: 5, maxFailuresPerAddress: 20, windowMinutes: 15, lockMinutes: 15 };

const MINUTE = 60_000;

/** The throttle keys of a login attempt: the username and a hash of the client address (never the address itself). */
export function throttleKeys(username: string, address: string | undefined): { user: string; address: string } {
  return {
    user: `user:${username.trim().toLowerCase().slice(0, 100)}`,
    address: `addr:${createHash('sha256').update(address ?? 'unknown').digest('base64url').slice(0, 22)}`,
  };
}

/**
 * Rate limit of console logins, shared by every process through `console_login_throttle`: each
 * failure is one atomic upsert that counts it in the current window and sets `lockedUntil` when the
 * limit is reached. A locked key refuses every login (right password or not) until the lock ends.
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

  /** Counts a failed login for the username and the address keys. */
  async recordFailure(keys: { user: string; address: string }, now: Date): Promise<void> {
    await this.count(keys.user, this.limits.maxFailuresPerUser, now);
    await this.count(keys.address, this.limits.maxFailuresPerAddress, now);
  }

  /** A successful login clears the username's failures (the address keeps its count). */
  async recordSuccess(keys: { user: string }): Promise<void> {
    await this.prisma.consoleLoginThrottle.deleteMany({ where: { key: keys.user } });
  }

  private async count(key: string, max: number, now: Date): Promise<void> {
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
