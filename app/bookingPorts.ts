import type { TurnContext } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import type { BookingPort, PeoplePort } from '../dialogs/dialogServices';
import { BookingService } from '../services/booking/bookingService';
import { HomeVisitPlanner } from '../services/booking/homeVisitPlanner';
import { ReminderService } from '../services/booking/reminderService';
import { LocationService } from '../services/booking/locationService';
import { SlotService } from '../services/booking/slotService';

/** The appointment services over one Prisma client, for the booking dialogs. */
export function bookingPort(prisma: PrismaClient): BookingPort {
  const slots = new SlotService(prisma);
  const homeVisits = new HomeVisitPlanner(prisma);
  return { locations: new LocationService(prisma), slots, homeVisits, bookings: new BookingService(prisma, { slots, homeVisits }), reminders: new ReminderService(prisma) };
}

/**
 * The turn's person: the `person` row of (channel, sender id). The turn runner creates it on first
 * contact; other assemblies (tests, the terminal chat without a runner) get it created here.
 */
export function peoplePort(prisma: PrismaClient): PeoplePort {
  return {
    async personIdFor(context: TurnContext): Promise<string> {
      const channel = context.activity.channelId;
      const channelUserId = context.activity.from?.id;
      if (!channel || !channelUserId) throw new Error('a booking needs the channel and the sender of the turn');
      const key = { channel_channelUserId: { channel, channelUserId } };
      const found = await prisma.person.findUnique({ where: key, select: { id: true } });
      if (found) return found.id;
      const person = await prisma.person.upsert({ where: key, create: { channel, channelUserId }, update: {}, select: { id: true } });
      return person.id;
    },
  };
}
