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

/** Free slots shown per location, and locations listed for an administrator without a digibank. */
const SLOTS_PER_LOCATION = 8;
const MAX_LOCATIONS = 20;

const bookSchema = z.object({ slotId: z.string().min(1).max(100), notes: z.string().trim().max(500).optional() });

/**
 * "Book a slot for the citizen": `GET /console/api/conversations/:id/slots` lists the next free
 * helpdesk slots of the conversation's digibank (else the volunteer's), `POST …/book` `{"slotId"}`
 * books one for the conversation's person with the booking service (reference code, capacity and
 * overlap rules) and tells the citizen on their channel, in their language.
 */
export function registerBookingRoutes(server: Server, ctx: ConsoleContext): void {
  const slots = new SlotService(ctx.prisma);
  const bookings = new BookingService(ctx.prisma, { slots });
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/conversations/:id/slots', route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res);
    if (!access) return;
    const digibankId = access.digibankId ?? access.user.digibankId;
    const locations = await ctx.prisma.location.findMany({
      where: { active: true, services: { has: 'helpdesk' }, ...(digibankId ? { digibankId } : {}) },
      orderBy: { name: 'asc' },
      take: MAX_LOCATIONS,
    });
    const now = ctx.clock();
    const list = await Promise.all(locations.map(async (l) => ({ id: l.id, name: l.name, address: l.address, municipality: l.municipality, slots: await slots.nextFreeSlots(l.id, now, SLOTS_PER_LOCATION) })));
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
}
