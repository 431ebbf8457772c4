import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { TOPICS } from '../../services/booking/whatToBring';
import type { ReachRecorder } from '../../services/reach/reachRecorder';
import { WorkshopAdmin, WorkshopInput } from '../../services/workshops/workshopAdmin';
import { WorkshopService } from '../../services/workshops/workshopService';
import type { ConsoleUserView } from './consoleGuard';
import type { ConsoleContext } from './consoleContext';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';

const text = z.partialRecord(z.enum(['nl', 'fr', 'en']), z.string().trim().max(2000));
const instant = z.coerce.date();
const workshopSchema = z.object({
  locationId: z.string().min(1).max(100),
  title: text,
  description: text.optional(),
  whatToBring: text.optional(),
  topic: z.string().max(40),
  level: z.enum(['beginner', 'intermediate', 'advanced']).optional(),
  language: z.enum(['nl', 'fr', 'en']),
  seats: z.number().int().min(1).max(500),
  priceCents: z.number().int().min(0).max(100_000).optional(),
  /** Sessions one by one … */
  sessions: z.array(z.object({ startsAt: instant, endsAt: instant })).max(52).optional(),
  /** … or a weekly series: first day, Brussels time, minutes per session, number of weeks. */
  series: z.object({ firstDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), minutes: z.number().int().min(15).max(600), weeks: z.number().int().min(1).max(52) }).optional(),
});
const attendanceSchema = z.object({ registrationId: z.string().min(1).max(100), sessionId: z.string().min(1).max(100), attended: z.boolean() });

/** Roles that plan workshops (a volunteer marks attendance and reads the lists). */
const PLANNERS = ['admin', 'coordinator'] as const;

/**
 * Workshops in the console (JSON): `GET /console/api/workshops[?digibankId=]` the digibank's
 * workshops to come (and the topics a workshop may have); `POST /console/api/workshops` and `PUT /console/api/workshops/:id` create and
 * edit one (sessions one by one or a weekly `series`; more seats go to the waiting list at once,
 * and those people are told on their channel); `POST /console/api/workshops/:id/cancel` cancels it
 * (everyone registered or waiting is told on their channel); `GET /console/api/workshops/:id/registrations` the
 * people registered and waiting (code and channel, no phone number); `POST
 * /console/api/workshops/:id/attendance` marks who came to a session (the reach report counts it).
 * A user sees only their own digibank's workshops.
 */
export function registerWorkshopRoutes(server: Server, ctx: ConsoleContext, reach?: ReachRecorder): void {
  const workshops = new WorkshopService(ctx.prisma, { notifier: ctx.notifier, reach });
  const admin = new WorkshopAdmin(ctx.prisma, workshops, reach);
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/workshops', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const asked = typeof req.query?.digibankId === 'string' ? req.query.digibankId : undefined;
    const digibankId = asked ?? user.digibankId;
    if (!digibankId) throw new ConsoleHttpError(400, 'digibank_required');
    if (!ctx.auth.canAccess(user, digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    sendJson(res, 200, { workshops: await admin.list(digibankId, ctx.clock()), topics: TOPICS });
  }));

  server.post('/console/api/workshops', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true, roles: [...PLANNERS] });
    if (!user) return;
    const input = toInput(await readJson(req, workshopSchema));
    const digibankId = await locationDigibank(ctx, user, input.locationId);
    const result = await admin.create(digibankId, input);
    if (result.kind === 'invalid') throw new ConsoleHttpError(422, 'invalid', { fields: result.errors });
    if (result.kind !== 'saved') throw new ConsoleHttpError(404, 'unknown_workshop');
    sendJson(res, 201, { workshop: result.workshop });
  }));

  server.put('/console/api/workshops/:id', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true, roles: [...PLANNERS] });
    if (!user) return;
    const digibankId = await workshopDigibank(ctx, user, String(req.params.id));
    const result = await admin.update(digibankId, String(req.params.id), toInput(await readJson(req, workshopSchema)), ctx.clock());
    if (result.kind === 'invalid') throw new ConsoleHttpError(422, 'invalid', { fields: result.errors });
    if (result.kind === 'not_found') throw new ConsoleHttpError(404, 'unknown_workshop');
    sendJson(res, 200, { workshop: result.workshop });
  }));

  server.post('/console/api/workshops/:id/cancel', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true, roles: [...PLANNERS] });
    if (!user) return;
    const result = await admin.cancel(await workshopDigibank(ctx, user, String(req.params.id)), String(req.params.id), ctx.clock());
    if (result.kind === 'not_found') throw new ConsoleHttpError(404, 'unknown_workshop');
    if (result.kind !== 'cancelled') throw new ConsoleHttpError(409, result.kind);
    sendJson(res, 200, { cancelled: { told: result.told } });
  }));

  server.get('/console/api/workshops/:id/registrations', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const id = String(req.params.id);
    const participants = await admin.participants(await workshopDigibank(ctx, user, id), id);
    sendJson(res, 200, { registrations: (participants ?? []).map((p) => ({ ...p, reference: ReferenceCode.format(p.reference) })) });
  }));

  server.post('/console/api/workshops/:id/attendance', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const digibankId = await workshopDigibank(ctx, user, String(req.params.id));
    const { registrationId, sessionId, attended } = await readJson(req, attendanceSchema);
    const result = await admin.markAttendance(digibankId, registrationId, sessionId, attended, ctx.clock());
    if (result.kind === 'not_found') throw new ConsoleHttpError(404, 'unknown_registration');
    if (result.kind !== 'recorded') throw new ConsoleHttpError(409, result.kind);
    sendJson(res, 200, { attendance: { registrationId, sessionId, attended } });
  }));
}

/** The request's fields as a workshop: explicit sessions, or the weekly series. */
function toInput(body: z.infer<typeof workshopSchema>): WorkshopInput {
  const { series, sessions, ...rest } = body;
  return { ...rest, sessions: series ? WorkshopAdmin.weekly(series.firstDate, series.time, series.minutes, series.weeks) : (sessions ?? []) };
}

/** The digibank of a location the user may plan at (404 unknown, 403 another digibank's). */
async function locationDigibank(ctx: ConsoleContext, user: ConsoleUserView, locationId: string): Promise<string> {
  const location = await ctx.prisma.location.findUnique({ where: { id: locationId }, select: { digibankId: true } });
  if (!location) throw new ConsoleHttpError(404, 'unknown_location');
  if (!ctx.auth.canAccess(user, location.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
  return location.digibankId;
}

/** The digibank of a workshop the user may see (404 unknown, 403 another digibank's). */
async function workshopDigibank(ctx: ConsoleContext, user: ConsoleUserView, workshopId: string): Promise<string> {
  const workshop = await ctx.prisma.workshop.findUnique({ where: { id: workshopId }, select: { digibankId: true } });
  if (!workshop) throw new ConsoleHttpError(404, 'unknown_workshop');
  if (!ctx.auth.canAccess(user, workshop.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
  return workshop.digibankId;
}
