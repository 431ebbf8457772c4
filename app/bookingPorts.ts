import type { TurnContext } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import type { BookingPort, PeoplePort } from '../dialogs/dialogServices';
import { BookingService } from '../services/booking/bookingService';
import { HomeVisitPlanner } from '../services/booking/homeVisitPlanner';
import { ReminderService } from '../services/booking/reminderService';
import { LocationService } from '../services/booking/locationService';
import { DirectoryService } from '../services/directory/directoryService';
import { FreeSlot, SlotService } from '../services/booking/slotService';
import type { LocalDate } from '../i18n/brusselsTime';
import { currentUnitOfWork } from '../turns/unitOfWork';
import type { ReachRecorder } from '../services/reach/reachRecorder';

/** The appointment services over one Prisma client, for the booking dialogs. */
export function bookingPort(prisma: PrismaClient, reach?: ReachRecorder): BookingPort {
  const slots = reach ? new PlaceChoosingSlots(prisma) : new SlotService(prisma);
  const homeVisits = new HomeVisitPlanner(prisma);
  const locations = new LocationService(prisma);
  return {
    locations,
    directory: new DirectoryService(prisma, locations),
    slots,
    homeVisits,
    bookings: new BookingService(prisma, { slots, homeVisits, reach }),
    reminders: new ReminderService(prisma),
  };
}

/**
 * The slots as the booking dialog asks them: the free times of a day at a place are asked once the
 * person has chosen the place (and the day). That choice links them to the place's digibank in the
 * reach report, whether or not they book: noted in the turn's unit of work, recorded by its commit.
 */
class PlaceChoosingSlots extends SlotService {
  constructor(private readonly db: PrismaClient) {
    super(db);
  }

  override async freeTimes(locationId: string, date: LocalDate, now: Date): Promise<FreeSlot[]> {
    const unit = currentUnitOfWork();
    if (unit && !unit.reachFacts.has(`place:${locationId}`)) {
      const location = await this.db.location.findUnique({ where: { id: locationId }, select: { digibankId: true } });
      if (location) unit.reachFacts.set(`place:${locationId}`, { kind: 'location_chosen', detail: locationId, digibankId: location.digibankId });
    }
    return super.freeTimes(locationId, date, now);
  }
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
