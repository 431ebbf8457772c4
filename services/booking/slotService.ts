import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { SLOT_HORIZON_DAYS } from './slotGenerator';

/** A helpdesk slot with at least one free place. */
export interface FreeSlot {
  slotId: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  /** Brussels day and wall-clock time of the start, for display. */
  date: LocalDate;
  time: LocalTime;
  freePlaces: number;
}

/** Options of the slot service. */
export interface SlotServiceOptions {
  /** A slot can be booked until this many minutes before it starts (default 30). */
  minLeadMinutes?: number;
}

const MINUTE = 60_000;

/** Answers "when can I come?": free days, free times on a day, the next free slots. */
export class SlotService {
  private readonly minLeadMinutes: number;

  constructor(
    private readonly prisma: PrismaClient,
    options: SlotServiceOptions = {},
  ) {
    this.minLeadMinutes = options.minLeadMinutes ?? 30;
  }

  /** The first moment a slot may start to still be bookable at `now`. */
  bookableFrom(now: Date): Date {
    return new Date(now.getTime() + this.minLeadMinutes * MINUTE);
  }

  /** The Brussels days with a free place at the location, from today for `days` days. */
  async freeDays(locationId: string, now: Date, days: number = SLOT_HORIZON_DAYS): Promise<LocalDate[]> {
    const until = BrusselsTime.startOfDay(BrusselsTime.addDays(BrusselsTime.localDate(now), days));
    const slots = await this.prisma.helpdeskSlot.findMany({
      where: { ...this.freeWhere(locationId), startsAt: { gte: this.bookableFrom(now), lt: until } },
      select: { startsAt: true },
      orderBy: { startsAt: 'asc' },
    });
    return [...new Set(slots.map((slot) => BrusselsTime.localDate(slot.startsAt)))];
  }

  /** The free slots of the location on one Brussels day, in time order. */
  async freeTimes(locationId: string, date: LocalDate, now: Date): Promise<FreeSlot[]> {
    const dayStart = BrusselsTime.startOfDay(date);
    const dayEnd = BrusselsTime.startOfDay(BrusselsTime.addDays(date, 1));
    const from = dayStart > this.bookableFrom(now) ? dayStart : this.bookableFrom(now);
    return this.find({ ...this.freeWhere(locationId), startsAt: { gte: from, lt: dayEnd } });
  }

  /** True when the location holds a helpdesk on that Brussels day at all (free or full); false on a day it is closed. */
  async isOpenOn(locationId: string, date: LocalDate): Promise<boolean> {
    const dayStart = BrusselsTime.startOfDay(date);
    const dayEnd = BrusselsTime.startOfDay(BrusselsTime.addDays(date, 1));
    return (await this.prisma.helpdeskSlot.count({ where: { locationId, startsAt: { gte: dayStart, lt: dayEnd } } })) > 0;
  }

  /** The next free slots of the location after `now` (the first `limit`), optionally without one slot. */
  async nextFreeSlots(locationId: string, now: Date, limit = 3, exceptSlotId?: string): Promise<FreeSlot[]> {
    return this.find(
      { ...this.freeWhere(locationId), startsAt: { gte: this.bookableFrom(now) }, ...(exceptSlotId ? { id: { not: exceptSlotId } } : {}) },
      limit,
    );
  }

  /** One slot with its free places, or undefined when it does not exist. */
  async slot(slotId: string): Promise<FreeSlot | undefined> {
    const slot = await this.prisma.helpdeskSlot.findUnique({ where: { id: slotId } });
    return slot ? SlotService.view(slot) : undefined;
  }

  private freeWhere(locationId: string): Prisma.HelpdeskSlotWhereInput {
    return { locationId, booked: { lt: this.prisma.helpdeskSlot.fields.capacity } };
  }

  private async find(where: Prisma.HelpdeskSlotWhereInput, take?: number): Promise<FreeSlot[]> {
    const slots = await this.prisma.helpdeskSlot.findMany({ where, orderBy: { startsAt: 'asc' }, ...(take ? { take } : {}) });
    return slots.map(SlotService.view);
  }

  private static view(slot: { id: string; locationId: string; startsAt: Date; endsAt: Date; capacity: number; booked: number }): FreeSlot {
    return {
      slotId: slot.id,
      locationId: slot.locationId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      date: BrusselsTime.localDate(slot.startsAt),
      time: BrusselsTime.localTime(slot.startsAt),
      freePlaces: Math.max(0, slot.capacity - slot.booked),
    };
  }
}
