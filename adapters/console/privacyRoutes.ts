import type { Request, Response, Server } from 'restify';
import { isLanguage } from '../../i18n/translator';
import { DutyHours } from '../../services/handoff/dutyHours';
import type { AuditAction } from '../../services/privacy/auditTrail';
import { PersonExport } from '../../services/privacy/personExport';
import type { ConsoleContext } from './consoleContext';
import type { ConsoleRole, ConsoleUserView } from './consoleGuard';
import { consoleRoute, ConsoleHttpError, sendJson } from './consoleHttp';

/** Who may open, export and erase a person's data: coordinators (their digibank) and administrators. */
const PRIVACY_ROLES: ConsoleRole[] = ['admin', 'coordinator'];
const AUDIT_LIMIT_MAX = 1000;
/** An open conversation refreshed by the page counts as one read per this long. */
const CONVERSATION_READ_MS = 15 * 60_000;

/** The console user and the person of a `/console/api/people/:personId…` request, after the guard and the digibank check. */
async function personAccess(ctx: ConsoleContext, req: Request, res: Response, csrf = false): Promise<{ user: ConsoleUserView; personId: string; digibankId: string | null } | undefined> {
  const user = await ctx.auth.authenticate(req, res, { roles: PRIVACY_ROLES, csrf });
  if (!user) return undefined;
  const person = await ctx.prisma.person.findUnique({ where: { id: String(req.params.personId) }, select: { id: true } });
  if (!person) throw new ConsoleHttpError(404, 'not_found');
  const digibankId = await digibankOfPerson(ctx, person.id);
  if (!ctx.auth.canAccess(user, digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
  return { user, personId: person.id, digibankId };
}

/** The person's digibank: of their latest appointment, else their latest loan request, else of a handoff. */
async function digibankOfPerson(ctx: ConsoleContext, personId: string): Promise<string | null> {
  const booked = await new DutyHours(ctx.prisma).digibankOf(personId);
  if (booked) return booked;
  const loan = await ctx.prisma.loanRequest.findFirst({ where: { personId }, orderBy: { createdAt: 'desc' }, select: { digibankId: true } });
  if (loan) return loan.digibankId;
  const handoff = await ctx.prisma.handoff.findFirst({ where: { personId, digibankId: { not: null } }, orderBy: { requestedAt: 'desc' }, select: { digibankId: true } });
  return handoff?.digibankId ?? null;
}

/**
 * Writes the audit entry of a console read of a person's data (a conversation the page keeps open
 * and refreshes, or a call-back number shown again on each visit of the list: once per
 * {@link CONVERSATION_READ_MS}).
 */
export function audit(ctx: ConsoleContext, user: ConsoleUserView, action: AuditAction, subject: { type: 'conversation' | 'person' | 'loan' | 'repair' | 'audit'; id: string; digibankId?: string | null }): Promise<void> {
  const entry = { actorId: user.id, actorName: user.username, action, subjectType: subject.type, subjectId: subject.id, digibankId: subject.digibankId ?? null };
  return ctx.audit.record(entry, action === 'conversation.view' || action === 'callback.view' ? CONVERSATION_READ_MS : 0);
}

/**
 * A person's data in the console (GDPR): `GET /console/api/people/:personId` (what is held, in
 * short), `GET …/export?format=json|text` (an access request: everything, as a download),
 * `POST …/erase` (an erasure request: at once, in one transaction) — coordinators of the person's
 * digibank and administrators; and `GET /console/api/audit` (administrators): who opened what.
 * Every one of these reads is written to the audit trail.
 */
export function registerPrivacyRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);
  const exporter = new PersonExport(ctx.prisma);

  server.get('/console/api/people/:personId', route(async (req, res) => {
    const access = await personAccess(ctx, req, res);
    if (!access) return;
    const data = await exporter.collect(access.personId);
    if (!data) throw new ConsoleHttpError(404, 'not_found');
    await audit(ctx, access.user, 'person.view', { type: 'person', id: access.personId, digibankId: access.digibankId });
    sendJson(res, 200, {
      person: { id: data.person.id, channel: data.person.channel, language: data.person.language, createdAt: data.person.createdAt, lastSeenAt: data.person.lastSeenAt, erasedAt: data.person.erasedAt },
      counts: { conversations: data.conversations.length, messages: data.conversations.reduce((n, c) => n + c.messages.length, 0), bookings: data.bookings.length, loans: data.loans.length, donations: data.donations.length },
      erasureRequests: data.erasureRequests,
    });
  }));

  server.get('/console/api/people/:personId/export', route(async (req, res) => {
    const access = await personAccess(ctx, req, res);
    if (!access) return;
    const data = await exporter.collect(access.personId);
    if (!data) throw new ConsoleHttpError(404, 'not_found');
    await audit(ctx, access.user, 'person.export', { type: 'person', id: access.personId, digibankId: access.digibankId });
    const asText = (req.query as Record<string, unknown> | undefined)?.format === 'text';
    const language = isLanguage(data.person.language) ? data.person.language : 'nl';
    const body = asText ? PersonExport.text(data, ctx.i18n, language, ctx.clock()) : JSON.stringify(data, null, 2);
    const name = `digibank-person-${access.personId}.${asText ? 'txt' : 'json'}`;
    res.writeHead(200, {
      'Content-Type': asText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }));

  server.post('/console/api/people/:personId/erase', route(async (req, res) => {
    const access = await personAccess(ctx, req, res, true);
    if (!access) return;
    if (!ctx.erasures) throw new ConsoleHttpError(404, 'not_found');
    await audit(ctx, access.user, 'person.erase', { type: 'person', id: access.personId, digibankId: access.digibankId });
    const result = await ctx.erasures.eraseNow(access.personId, 'console', access.user.id, ctx.clock());
    if (!result) throw new ConsoleHttpError(409, 'already_erased');
    sendJson(res, 200, { erased: result });
  }));

  server.get('/console/api/audit', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { roles: ['admin'] });
    if (!user) return;
    const query = (req.query ?? {}) as Record<string, unknown>;
    const date = (name: string) => (typeof query[name] === 'string' && !Number.isNaN(Date.parse(query[name] as string)) ? new Date(query[name] as string) : undefined);
    const text = (name: string) => (typeof query[name] === 'string' && (query[name] as string).trim() ? (query[name] as string).trim() : undefined);
    const limit = Math.min(Number(query.limit) || 200, AUDIT_LIMIT_MAX);
    await audit(ctx, user, 'audit.view', { type: 'audit', id: '-' });
    sendJson(res, 200, { events: await ctx.audit.list({ from: date('from'), to: date('to'), actorId: text('actorId'), subjectId: text('subjectId'), limit }) });
  }));
}
