import type { Request, Response } from 'restify';

/** Roles of console accounts: an administrator sees every digibank. */
export type ConsoleRole = 'admin' | 'coordinator' | 'volunteer';

/** The logged-in console user of a request (never the password hash). */
export interface ConsoleUserView {
  id: string;
  username: string;
  displayName: string | null;
  role: ConsoleRole;
  /** null only for an administrator (all digibanks). */
  digibankId: string | null;
  languages: string[];
  /** Language of the console itself: nl | fr | en. */
  uiLanguage: string;
}

/** What a route asks of the request before it acts. */
export interface GuardOptions {
  /** A state-changing request: the `X-CSRF-Token` header must match the session's token. */
  csrf?: boolean;
  /** Only these roles may call the route (default: every role). */
  roles?: ConsoleRole[];
}

/**
 * The session and CSRF rules every `/console/api/*` route shares (adapters/console/consoleAuth.ts
 * implements it). Routes call `authenticate` first; when it returns `undefined` the answer has
 * already been sent (401 without a valid session, 403 with a missing or wrong CSRF token or role).
 */
export interface ConsoleGuard {
  authenticate(req: Request, res: Response, options?: GuardOptions): Promise<ConsoleUserView | undefined>;
  /** Whether the user may see or change records of that digibank (admin: all; null: not assigned yet → all). */
  canAccess(user: ConsoleUserView, digibankId: string | null): boolean;
}
