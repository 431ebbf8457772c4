import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';
import { ClosureCalendar } from '../booking/closureCalendar';
import { SlotGenerationResult, SlotGenerator } from '../booking/slotGenerator';
import { REPAIR_SERVICE } from './repairKinds';

/** Repair moments are planned this many days ahead (a monthly repair café shows its next two). */
export const REPAIR_HORIZON_DAYS = 63;

/** A repair period's rule: a weekday, every week or one week of the month (1-5, -1 = the last). */
export interface RepairRule {
  weekday: number;
  weekOfMonth: number | null;
}

/**
 * Cuts repair moments from the locations' repair-café periods, with the booking's own machinery:
 * {@link SlotGenerator.cut} for the moments of a day (Brussels wall-clock time across the
 * daylight-saving changes) and {@link ClosureCalendar} for public holidays and closures. Idempotent:
 * an existing moment (same location and start) is never duplicated nor changed.
 */
export class RepairMomentGenerator {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates the missing moments from `now` for `days` days. */
  async generate(now: Date, options: { days?: number; locationIds?: string[] } = {}): Promise<SlotGenerationResult> {
    const from = BrusselsTime.localDate(now);
    const to = BrusselsTime.addDays(from, (options.days ?? REPAIR_HORIZON_DAYS) - 1);
    const locations = await this.prisma.location.findMany({
      where: { active: true, services: { has: REPAIR_SERVICE }, ...(options.locationIds ? { id: { in: options.locationIds } } : {}) },
      select: { id: true, digibankId: true, repairPeriods: true },
    });
    const closures = await ClosureCalendar.load(this.prisma, from, to);
    const planned: ReturnType<typeof SlotGenerator.cut> = [];
    let closedDays = 0;
    for (let date = from; date <= to; date = BrusselsTime.addDays(date, 1)) {
      for (const location of locations) {
        const periods = location.repairPeriods.filter((period) => RepairMomentGenerator.falls(date, period));
        if (periods.length === 0) continue;
        if (closures.isClosed(date, { digibankId: location.digibankId, locationId: location.id })) {
          closedDays += 1;
          continue;
        }
        for (const period of periods) planned.push(...SlotGenerator.cut(location.id, date, period, now));
      }
    }
    let created = 0;
    for (let i = 0; i < planned.length; i += 500) created += (await this.prisma.repairMoment.createMany({ data: planned.slice(i, i + 500), skipDuplicates: true })).count;
    return { created, closedDays };
  }

  /** True when the rule holds a repair café on that day ("first Saturday", "last Wednesday", "every Tuesday"). */
  static falls(date: LocalDate, rule: RepairRule): boolean {
    if (BrusselsTime.weekday(date) !== rule.weekday) return false;
    if (rule.weekOfMonth === null || rule.weekOfMonth === undefined) return true;
    const { day } = BrusselsTime.splitDate(date);
    if (rule.weekOfMonth === -1) return BrusselsTime.splitDate(BrusselsTime.addDays(date, 7)).day < day;
    return Math.ceil(day / 7) === rule.weekOfMonth;
  }
}
