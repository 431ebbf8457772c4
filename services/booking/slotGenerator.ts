import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';
import { ClosureCalendar } from './closureCalendar';

/** What a generation run did. */
export interface SlotGenerationResult {
  /** Slots created now (existing ones are left as they are). */
  created: number;
  /** Location-days skipped because of a holiday or closure. */
  closedDays: number;
}

/** Slots are planned this many days ahead (today included). */
export const SLOT_HORIZON_DAYS = 21;

interface PlannedSlot {
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

/**
 * Cuts helpdesk slots from the weekly opening hours of the locations, for the coming three weeks,
 * skipping public holidays and closures. Slots keep their Brussels wall-clock time across the
 * daylight-saving changes. Idempotent: run it daily; an existing slot (same location and start) is
 * never duplicated nor changed, so its bookings stay valid.
 */
export class SlotGenerator {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates the missing slots from `now` for `days` days (default three weeks). */
  async generate(now: Date, options: { days?: number; locationIds?: string[] } = {}): Promise<SlotGenerationResult> {
    const from = BrusselsTime.localDate(now);
    const to = BrusselsTime.addDays(from, (options.days ?? SLOT_HORIZON_DAYS) - 1);
    const locations = await this.prisma.location.findMany({
      where: { active: true, services: { has: 'helpdesk' }, ...(options.locationIds ? { id: { in: options.locationIds } } : {}) },
      select: { id: true, digibankId: true, openingPeriods: true },
    });
    const closures = await ClosureCalendar.load(this.prisma, from, to);
    const planned: PlannedSlot[] = [];
    let closedDays = 0;
    for (let date = from; date <= to; date = BrusselsTime.addDays(date, 1)) {
      for (const location of locations) {
        const periods = location.openingPeriods.filter((period) => period.weekday === BrusselsTime.weekday(date));
        if (periods.length === 0) continue;
        if (closures.isClosed(date, { digibankId: location.digibankId, locationId: location.id })) {
          closedDays += 1;
          continue;
        }
        for (const period of periods) planned.push(...SlotGenerator.cut(location.id, date, period, now));
      }
    }
    return { created: await this.insert(planned), closedDays };
  }

  /** The slots of one opening period on one day that start after `now`. */
  static cut(
    locationId: string,
    date: LocalDate,
    period: { opensAt: string; closesAt: string; slotMinutes: number; capacity: number },
    now: Date,
  ): PlannedSlot[] {
    const slots: PlannedSlot[] = [];
    const closes = BrusselsTime.minutesOf(period.closesAt);
    for (let start = BrusselsTime.minutesOf(period.opensAt); start + period.slotMinutes <= closes; start += period.slotMinutes) {
      const startsAt = BrusselsTime.toInstant(date, BrusselsTime.timeOf(start));
      if (startsAt <= now) continue;
      const endsAt = BrusselsTime.toInstant(date, BrusselsTime.timeOf(start + period.slotMinutes));
      slots.push({ locationId, startsAt, endsAt, capacity: period.capacity });
    }
    return slots;
  }

  private async insert(slots: PlannedSlot[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < slots.length; i += 500) {
      const result = await this.prisma.helpdeskSlot.createMany({ data: slots.slice(i, i + 500), skipDuplicates: true });
      created += result.count;
    }
    return created;
  }
}
