import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { isLanguage } from '../../i18n/translator';
import { clockTime, longDate } from '../../i18n/dateText';
import { BookingService } from '../../services/booking/bookingService';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { SlotService } from '../../services/booking/slotService';
import { WhatToBring } from '../../services/booking/whatToBring';
import type { ConsoleContext } from './consoleContext';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';
import { conversationAccess } from './conversationRoutes';
import type { ReachRecorder } from '../../services/reach/reachRecorder';
import { BrusselsTime } from '../../i18n/brusselsTime';

/** Free slots shown per location, and locations listed for an administrator without a digibank. */
const SLOTS_PER_LOCATION = 8;
const MAX_LOCATIONS = 20;

const bookSchema = z.object({ slotId: z.string().min(1).max(100), notes: z.string().trim().max(500).optional() });
const outcomeSchema = z.object({ outcome: z.enum(['attended', 'no_show']) });

/**
 * "Book a slot for the citizen": `GET /console/api/conversations/:id/slots` lists the next free
 * helpdesk slots of the conversation's digibank (else the volunteer's), optionally of one place
 * (`locationId`) on one day (`date=YYYY-MM-DD`), `POST …/book` `{"slotId"}`
 * books one for the conversation's person with the booking service (reference code, capacity and
 * overlap rules) and tells the citizen on their channel, in their language.
 */
export function registerBookingRoutes(server: Server, ctx: ConsoleContext, reach?: ReachRecorder): void {
  const slots = new SlotService(ctx.prisma);
  const bookings = new BookingService(ctx.prisma, { slots, reach });
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/conversations/:id/slots', route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res);
    if (!access) return;
    const digibankId = access.digibankId ?? access.user.digibankId;
    const filter = slotFilter(req);
    const locations = await ctx.prisma.location.findMany({
      where: { active: true, services: { has: 'helpdesk' }, ...(digibankId ? { digibankId } : {}), ...(filter.locationId ? { id: filter.locationId } : {}) },
      orderBy: { name: 'asc' },
      take: MAX_LOCATIONS,
    });
    const now = ctx.clock();
    const from = filter.date && BrusselsTime.startOfDay(filter.date) > now ? BrusselsTime.startOfDay(filter.date) : now;
    const onDay = (slot: { date: string }) => !filter.date || slot.date === filter.date;
    const list = await Promise.all(locations.map(async (l) => ({ id: l.id, name: l.name, address: l.address, municipality: l.municipality, slots: (await slots.nextFreeSlots(l.id, from, SLOTS_PER_LOCATION)).filter(onDay) })));
    sendJson(res, 200, { locations: list.filter((l) => l.slots.length > 0) });
  }));

  server.post('/console/api/conversations/:id/book', route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res, { csrf: true });
    if (!access) return;
    const { slotId, notes } = await readJson(req, bookSchema);
    const personId = access.conversation.personId;
    if (!personId) throw new ConsoleHttpError(409, 'no_person');
    const slot = await ctx.prisma.helpdeskSlot.findUnique({ where: { id: slotId }, include: { location: true } });
    if (!slot) throw new ConsoleHttpError(404, 'unknown_slot');
    if (!ctx.auth.canAccess(access.user, slot.location.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    const handoffTopic = access.handoff?.topic;
    const topic = WhatToBring.isTopic(handoffTopic) ? handoffTopic : null;
    const result = await bookings.book({ personId, slotId, topic, notes: notes ?? null }, ctx.clock());
    if (result.kind !== 'booked') throw new ConsoleHttpError(409, result.kind === 'unavailable' ? 'slot_unavailable' : result.kind === 'full' ? 'slot_full' : 'overlap', 'nextFree' in result ? { nextFree: result.nextFree } : {});
    const { booking } = result;
    await ctx.notifier.notify({ conversationId: access.conversation.id }, {
      key: 'booking.confirmed',
      vars: (language) => {
        const lang = isLanguage(language) ? language : 'nl';
        return { reference: ReferenceCode.format(booking.reference), place: slot.location.name, address: slot.location.address, date: longDate(lang, booking.date), time: clockTime(lang, booking.startsAt) };
      },
    });
    sendJson(res, 201, { booking: { ...booking, reference: ReferenceCode.format(booking.reference), place: slot.location.name, address: slot.location.address } });
  }));

  /**
   * `POST /console/api/bookings/:id/outcome` `{"outcome": "attended" | "no_show"}`: how an appointment
   * of the user's digibank went, once, after its start (409 before it or when already recorded).
   */
  server.post('/console/api/bookings/:id/outcome', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const { outcome } = await readJson(req, outcomeSchema);
    const booking = await ctx.prisma.booking.findUnique({ where: { id: String(req.params.id) }, select: { id: true, locationId: true, areaId: true } });
    if (!booking) throw new ConsoleHttpError(404, 'unknown_booking');
    if (!ctx.auth.canAccess(user, await bookings.digibankOf(booking))) throw new ConsoleHttpError(403, 'forbidden_digibank');
    const result = await bookings.recordOutcome(booking.id, outcome, ctx.clock());
    if (result.kind === 'not_started') throw new ConsoleHttpError(409, 'not_started');
    if (result.kind === 'not_booked') throw new ConsoleHttpError(409, 'already_recorded', { status: result.status });
    if (result.kind === 'not_found') throw new ConsoleHttpError(404, 'unknown_booking');
    sendJson(res, 200, { booking: { id: result.booking.id, status: result.booking.status } });
  }));
}

/** `?locationId=…&date=YYYY-MM-DD` of the slot list: one place, one day (both optional). */
function slotFilter(req: Request): { locationId?: string; date?: string } {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const locationId = typeof query.locationId === 'string' && query.locationId ? query.locationId : undefined;
  const date = typeof query.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query.date) ? query.date : undefined;
  return { locationId, date };
}
