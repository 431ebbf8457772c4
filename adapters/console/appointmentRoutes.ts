import type { Request, Response, Server } from 'restify';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { maskedNumber } from './citizenLabel';
import { ConsoleContext, scopeOf } from './consoleContext';
import type { ConsoleUserView } from './consoleGuard';
import { consoleRoute, ConsoleHttpError, sendJson } from './consoleHttp';

/** Days listed by default (today and the next six), and at most. */
const DEFAULT_DAYS = 7;
const MAX_DAYS = 62;
const MAX_ROWS = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The appointments and places of the user's digibank (an administrator: all, or `digibankId`):
 *
 * - `GET /console/api/appointments?from=YYYY-MM-DD&days=N&locationId=…`: appointments from that
 *   Brussels day (default today) for N days (default 7), by start, with the place and the masked number.
 *   `POST /console/api/bookings/:id/outcome` (bookingRoutes) marks one attended or no-show.
 * - `GET /console/api/locations`: the active places (for the filters and for booking).
 * - `GET /console/api/digibanks`: the digibanks the user may see (for the accounts screen).
 */
export function registerAppointmentRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/appointments', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const from = query.from && DATE.test(query.from) ? query.from : BrusselsTime.localDate(ctx.clock());
    const days = Math.min(MAX_DAYS, Math.max(1, Number.parseInt(query.days ?? '', 10) || DEFAULT_DAYS));
    const digibankId = digibankScope(user, query.digibankId);
    const bookings = await ctx.prisma.booking.findMany({
      where: {
        startsAt: { gte: BrusselsTime.startOfDay(from), lt: BrusselsTime.startOfDay(BrusselsTime.addDays(from, days)) },
        status: { not: 'cancelled' },
        ...(query.locationId ? { locationId: query.locationId } : {}),
        ...(digibankId ? { OR: [{ location: { digibankId } }, { area: { digibankId } }] } : {}),
      },
      orderBy: { startsAt: 'asc' },
      take: MAX_ROWS,
      include: { location: { select: { id: true, name: true } }, area: { select: { name: true } }, person: { select: { channel: true, channelUserId: true } } },
    });
    sendJson(res, 200, {
      from,
      days,
      appointments: bookings.map((b) => ({
        id: b.id, reference: ReferenceCode.format(b.reference), kind: b.kind, status: b.status, startsAt: b.startsAt, endsAt: b.endsAt, topic: b.topic,
        location: b.location ? { id: b.location.id, name: b.location.name } : null, area: b.area?.name ?? null, postcode: b.postcode,
        personId: b.personId, maskedNumber: maskedNumber(b.person.channel, b.person.channelUserId),
        outcomeDue: b.status === 'booked' && b.startsAt.getTime() <= ctx.clock().getTime(),
      })),
    });
  }));

  server.get('/console/api/locations', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const digibankId = digibankScope(user, (req.query as Record<string, string | undefined>)?.digibankId);
    const locations = await ctx.prisma.location.findMany({ where: { active: true, ...(digibankId ? { digibankId } : {}) }, orderBy: [{ municipality: 'asc' }, { name: 'asc' }], take: 500 });
    sendJson(res, 200, { locations: locations.map((l) => ({ id: l.id, name: l.name, address: l.address, municipality: l.municipality, digibankId: l.digibankId, services: l.services })) });
  }));

  server.get('/console/api/digibanks', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const digibanks = await ctx.prisma.digibank.findMany({ where: user.role === 'admin' ? {} : { id: user.digibankId ?? '' }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
    sendJson(res, 200, { digibanks });
  }));
}

/** The digibank a list is limited to: the user's, or for an administrator the one asked for (else all). */
function digibankScope(user: ConsoleUserView, asked: string | undefined): string | null {
  const own = scopeOf(user).digibankId;
  if (own) return own;
  if (user.role !== 'admin') throw new ConsoleHttpError(403, 'forbidden_digibank');
  return asked || null;
}
