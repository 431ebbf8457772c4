import type { PrismaClient } from '../../generated/prisma/client';
import { BelgianHolidays } from '../../i18n/belgianHolidays';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';

/** Which helpdesk or home-visit service a day is checked for. */
export interface ClosureScope {
  digibankId: string;
  locationId?: string;
}

interface ClosureRange {
  digibankId: string | null;
  locationId: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/**
 * The days a digibank (or one of its locations) is closed within a period: Belgian public
 * holidays, closures for everyone (no digibank, no location), for a digibank, or for a location.
 */
export class ClosureCalendar {
  private constructor(private readonly ranges: ClosureRange[]) {}

  /** Loads the closures that touch [from, to] (local days, inclusive). */
  static async load(prisma: PrismaClient, from: LocalDate, to: LocalDate): Promise<ClosureCalendar> {
    const rows = await prisma.closure.findMany({
      where: { startsOn: { lte: BrusselsTime.toDbDate(to) }, endsOn: { gte: BrusselsTime.toDbDate(from) } },
      select: { digibankId: true, locationId: true, startsOn: true, endsOn: true },
    });
    return new ClosureCalendar(
      rows.map((row) => ({
        digibankId: row.digibankId,
        locationId: row.locationId,
        startsOn: BrusselsTime.fromDbDate(row.startsOn),
        endsOn: BrusselsTime.fromDbDate(row.endsOn),
      })),
    );
  }

  /** True when that day is a public holiday or a closure covers the scope. */
  isClosed(date: LocalDate, scope: ClosureScope): boolean {
    if (BelgianHolidays.on(date)) return true;
    return this.ranges.some(
      (range) =>
        range.startsOn <= date &&
        date <= range.endsOn &&
        ((range.digibankId === null && range.locationId === null) ||
          range.digibankId === scope.digibankId ||
          (scope.locationId !== undefined && range.locationId === scope.locationId)),
    );
  }
}
