import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { ConsoleContext } from './consoleContext';
import { clientAddress, consoleRoute, readJson, sendError, sendJson } from './consoleHttp';
import { newUserSchema, passwordChangeSchema, userPatchSchema } from './consoleUsers';
import { isHttpsRequest } from '../shared/httpRequest';

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/**
 * `POST /console/api/login`, `POST /console/api/logout`, `GET /console/api/me`,
 * `POST /console/api/me/password`, and the accounts: `GET|POST /console/api/users`,
 * `PATCH /console/api/users/:id`.
 */
export function registerAuthRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.post('/console/api/login', route(async (req, res) => {
    const body = await readJson(req, loginSchema);
    const result = await ctx.auth.login(body.username, body.password, clientAddress(req, ctx.http.trustedProxyHops));
    if (result.kind === 'locked') {
      res.header('Retry-After', String(Math.max(1, Math.ceil((result.until.getTime() - ctx.clock().getTime()) / 1000))));
      return sendError(res, 429, 'too_many_attempts', { retryAt: result.until.toISOString() });
    }
    if (result.kind === 'invalid') return sendError(res, 401, 'invalid_credentials');
    res.header('Set-Cookie', ctx.auth.sessionCookie(result.token, overHttps(req, ctx)));
    sendJson(res, 200, { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() });
  }));

  server.post('/console/api/logout', route(async (req, res) => {
    if (!(await ctx.auth.authenticate(req, res, { csrf: true }))) return;
    await ctx.auth.logout(req);
    res.header('Set-Cookie', ctx.auth.clearedCookie(overHttps(req, ctx)));
    sendJson(res, 200, { ok: true });
  }));

  server.get('/console/api/me', route(async (req, res) => {
    const session = await ctx.auth.authenticateSession(req, res);
    if (session) sendJson(res, 200, { user: session.user, csrfToken: session.csrfToken });
  }));

  server.patch('/console/api/me', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const patch = await readJson(req, userPatchSchema.pick({ displayName: true, languages: true, uiLanguage: true }).strict());
    sendJson(res, 200, { user: (await ctx.users.update(user, user.id, patch)).user });
  }));

  server.post('/console/api/me/password', route(async (req, res) => {
    const session = await ctx.auth.authenticateSession(req, res, { csrf: true });
    if (!session) return;
    const body = await readJson(req, passwordChangeSchema);
    await ctx.users.changeOwnPassword(session.user, body.currentPassword, body.newPassword);
    await ctx.auth.endSessions(session.user.id, session.tokenHash);
    sendJson(res, 200, { ok: true });
  }));

  server.get('/console/api/users', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    sendJson(res, 200, { users: await ctx.users.list(user) });
  }));

  server.post('/console/api/users', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true, roles: ['admin', 'coordinator'] });
    if (!user) return;
    sendJson(res, 201, { user: await ctx.users.create(user, await readJson(req, newUserSchema)) });
  }));

  server.patch('/console/api/users/:id', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const result = await ctx.users.update(user, String(req.params.id), await readJson(req, userPatchSchema.strict()));
    if (result.endSessions) await ctx.auth.endSessions(result.user.id);
    sendJson(res, 200, { user: result.user });
  }));
}

/** The request came over https: directly, or through a trusted reverse proxy (X-Forwarded-Proto, TRUST_PROXY). */
function overHttps(req: Request, ctx: ConsoleContext): boolean {
  return isHttpsRequest(req, { trustedProxyHops: ctx.http.trustedProxyHops ?? 0 });
}
