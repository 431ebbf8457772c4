import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { REPAIR_STATUSES, REPAIR_TRANSITIONS, RepairStatus } from '../../services/repair/repairKinds';
import { MAX_NOTE_LENGTH, RepairService, RepairView } from '../../services/repair/repairService';
import type { ConsoleContext } from './consoleContext';
import { scopeOf } from './consoleContext';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';
import { audit } from './privacyRoutes';

const statusSchema = z.object({ status: z.enum(REPAIR_STATUSES), note: z.string().trim().max(MAX_NOTE_LENGTH).optional() });

/** A repair request as the console shows it: no phone number, the citizen's channel only. */
export function repairJson(request: RepairView, channel: string | null) {
  return {
    id: request.id,
    reference: ReferenceCode.format(request.reference),
    status: request.status,
    next: REPAIR_TRANSITIONS[request.status as RepairStatus] ?? [],
    deviceKind: request.deviceKind,
    problem: request.problem,
    since: request.since,
    loaned: request.loaned,
    loan: request.loan ? { reference: ReferenceCode.format(request.loan.reference) } : null,
    note: request.note,
    channel,
    language: request.language,
    location: { id: request.location.id, name: request.location.name },
    digibank: { id: request.location.digibankId, name: request.location.digibank.name },
    moment: request.moment ? { startsAt: request.moment.startsAt, endsAt: request.moment.endsAt } : null,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}

/**
 * Repair requests in the console (JSON): `GET /console/api/repairs[?status=]` the requests of the
 * user's digibank (an administrator: all), open ones first; `POST /console/api/repairs/:id/status`
 * `{"status", "note"}` moves one on (received → in_repair → ready / not_repairable → collected, or
 * cancelled), and the citizen is told on their own channel (WhatsApp 24-hour rules and SMS opt-out
 * as for loans). Every volunteer of the digibank does this desk work; each change is in the audit
 * trail. Another digibank's request: 403; a status that does not follow: 409.
 */
export function registerRepairRoutes(server: Server, ctx: ConsoleContext, repairs: RepairService = new RepairService(ctx.prisma, { notifier: ctx.notifier })): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/repairs', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const status = typeof req.query?.status === 'string' && (REPAIR_STATUSES as readonly string[]).includes(req.query.status) ? req.query.status : undefined;
    // A volunteer or coordinator not yet assigned to a digibank sees no one's repairs.
    const rows = user.role !== 'admin' && user.digibankId === null ? [] : await repairs.list({ ...scopeOf(user), status });
    const channels = await channelsOf(ctx, rows.map((row) => row.personId));
    sendJson(res, 200, { repairs: rows.map((row) => repairJson(row, channels.get(row.personId) ?? null)) });
  }));

  server.post('/console/api/repairs/:id/status', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const id = String(req.params.id);
    const input = await readJson(req, statusSchema);
    const current = await repairs.get(id);
    if (!current) throw new ConsoleHttpError(404, 'unknown_repair');
    if (!ctx.auth.canAccess(user, current.location.digibankId) || (user.role !== 'admin' && user.digibankId === null)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    const result = await repairs.changeStatus(id, user.id, input.status, input.note, ctx.clock());
    if (result.kind === 'not_found') throw new ConsoleHttpError(404, 'unknown_repair');
    if (result.kind === 'invalid') throw new ConsoleHttpError(400, 'invalid', { message: result.reason });
    if (result.kind === 'conflict') throw new ConsoleHttpError(409, 'conflict', { status: result.status });
    await audit(ctx, user, 'repair.status', { type: 'repair', id, digibankId: current.location.digibankId });
    const channels = await channelsOf(ctx, [result.request.personId]);
    sendJson(res, 200, { repair: repairJson(result.request, channels.get(result.request.personId) ?? null), told: result.told });
  }));
}

/** The channel of each person (whatsapp, sms, webchat), never their number. */
async function channelsOf(ctx: ConsoleContext, personIds: readonly string[]): Promise<Map<string, string>> {
  const people = await ctx.prisma.person.findMany({ where: { id: { in: [...new Set(personIds)] } }, select: { id: true, channel: true } });
  return new Map(people.map((person) => [person.id, person.channel]));
}
