import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { ConsoleUser, PrismaClient } from '../../generated/prisma/client';
import type { ConsoleGuard, ConsoleRole, ConsoleUserView, GuardOptions } from './consoleGuard';
import { readCookie, securityHeaders, sendError } from './consoleHttp';
import { LoginThrottle, throttleKeys, ThrottleLimits } from './loginThrottle';
import { PasswordHasher } from './passwordHasher';

/** Name of the session cookie (Path=/console). */
export const SESSION_COOKIE = 'digibank_console';
/** Header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** Options of {@link ConsoleAuth}. */
export interface ConsoleAuthOptions {
  /** PUBLIC_BASE_URL is https: the cookie gets `Secure`. */
  https: boolean;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after login, used or not. */
  maxHours: number;
  throttle?: ThrottleLimits;
  hasher?: PasswordHasher;
  clock?: () => Date;
}

/** Outcome of a login. */
export type LoginResult =
  | { kind: 'ok'; user: ConsoleUserView; token: string; csrfToken: string; expiresAt: Date }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date };

/** A valid session of a request. */
export interface ConsoleSessionView {
  user: ConsoleUserView;
  csrfToken: string;
  tokenHash: string;
}

/** Don't write `lastSeenAt` on every request: once a minute is precise enough for the idle limit. */
const TOUCH_INTERVAL_MS = 60_000;
const MINUTE = 60_000;

/** The console user as routes see it (never the password hash). */
export function userView(user: ConsoleUser): ConsoleUserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as ConsoleRole,
    digibankId: user.digibankId,
    languages: user.languages,
    uiLanguage: user.uiLanguage,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Logins, sessions and the {@link ConsoleGuard} of every `/console/api` route. The cookie holds a
 * random token; the database keeps only its SHA-256 with the session's CSRF token, so a leaked
 * table cannot be replayed. Sessions end after `idleMinutes` without use and `maxHours` after login.
 */
export class ConsoleAuth implements ConsoleGuard {
  readonly hasher: PasswordHasher;
  private readonly throttle: LoginThrottle;
  private readonly clock: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ConsoleAuthOptions,
  ) {
    this.hasher = options.hasher ?? new PasswordHasher();
    this.throttle = new LoginThrottle(prisma, options.throttle);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Checks the password (rate-limited per username and per client address) and opens a session. */
  async login(username: string, password: string, address: string | undefined): Promise<LoginResult> {
    const now = this.clock();
    const keys = throttleKeys(username, address);
    const lockedUntil = await this.throttle.lockedUntil([keys.pair], now);
    if (lockedUntil) {
      await this.throttle.recordRefused(keys, now);
      return { kind: 'locked', until: lockedUntil };
    }
    const delay = await this.throttle.delayMs(keys, now);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const user = await this.prisma.consoleUser.findUnique({ where: { username: username.trim().toLowerCase() } });
    const matches = await this.hasher.verify(password, user?.passwordHash ?? (await this.hasher.decoy()));
    if (!user || !matches || !user.active) {
      await this.throttle.recordFailure(keys, now);
      return { kind: 'invalid' };
    }
    await this.throttle.recordSuccess(keys);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.maxHours * 60 * MINUTE);
    await this.prisma.consoleSession.create({ data: { tokenHash: sha256(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt } });
    await this.prisma.consoleUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await this.prisma.consoleSession.deleteMany({ where: { expiresAt: { lt: now } } });
    return { kind: 'ok', user: userView(user), token, csrfToken, expiresAt };
  }

  /** Ends the request's session (if any). */
  async logout(req: Request): Promise<void> {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await this.prisma.consoleSession.deleteMany({ where: { tokenHash: sha256(token) } });
  }

  /** Ends every session of a user (password changed, account deactivated). */
  async endSessions(userId: string, exceptTokenHash?: string): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { userId, ...(exceptTokenHash ? { tokenHash: { not: exceptTokenHash } } : {}) } });
  }

  /** The `Set-Cookie` value of a new session; `Secure` when PUBLIC_BASE_URL is https or `secure` (the request came over https). */
  sessionCookie(token: string, secure = false): string {
    return `${SESSION_COOKIE}=${token}; Path=/console; Max-Age=${this.options.maxHours * 3600}; HttpOnly; SameSite=Strict${this.options.https || secure ? '; Secure' : ''}`;
  }

  /** The `Set-Cookie` value that removes the session cookie. */
  clearedCookie(secure = false): string {
    return `${SESSION_COOKIE}=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict${this.options.https || secure ? '; Secure' : ''}`;
  }

  /** The request's valid session, or undefined (no cookie, unknown, expired, idle or the user deactivated). */
  async session(req: Request): Promise<ConsoleSessionView | undefined> {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token || token.length > 100) return undefined;
    const tokenHash = sha256(token);
    const session = await this.prisma.consoleSession.findUnique({ where: { tokenHash }, include: { user: true } });
    const now = this.clock();
    if (!session || !session.user.active) return undefined;
    const idleSince = now.getTime() - session.lastSeenAt.getTime();
    if (session.expiresAt <= now || idleSince >= this.options.idleMinutes * MINUTE) {
      await this.prisma.consoleSession.deleteMany({ where: { tokenHash } });
      return undefined;
    }
    if (idleSince >= TOUCH_INTERVAL_MS) await this.prisma.consoleSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: now } });
    return { user: userView(session.user), csrfToken: session.csrfToken, tokenHash };
  }

  async authenticate(req: Request, res: Response, options: GuardOptions = {}): Promise<ConsoleUserView | undefined> {
    return (await this.authenticateSession(req, res, options))?.user;
  }

  /** {@link authenticate}, giving the whole session (its CSRF token, its hash). */
  async authenticateSession(req: Request, res: Response, options: GuardOptions = {}): Promise<ConsoleSessionView | undefined> {
    securityHeaders(res, this.options);
    const session = await this.session(req);
    if (!session) {
      res.setHeader('Set-Cookie', this.clearedCookie());
      sendError(res, 401, 'unauthenticated');
      return undefined;
    }
    if (options.csrf && !sameSecret(String(req.header(CSRF_HEADER) ?? ''), session.csrfToken)) {
      sendError(res, 403, 'csrf');
      return undefined;
    }
    if (options.roles && !options.roles.includes(session.user.role)) {
      sendError(res, 403, 'forbidden_role');
      return undefined;
    }
    return session;
  }

  /**
   * Whether the user may see what belongs to this digibank. What belongs to no known digibank is
   * for administrators only: a person's data is never open to every digibank's volunteers.
   */
  canAccess(user: ConsoleUserView, digibankId: string | null): boolean {
    return user.role === 'admin' || (digibankId !== null && user.digibankId === digibankId);
  }
}
