import type { PrismaClient } from '../../generated/prisma/client';
import { BelgianHolidays, PublicHolidayKey } from '../../i18n/belgianHolidays';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';

/** Which helpdesk or home-visit service a day is checked for. */
export interface ClosureScope {
  digibankId: string;
  locationId?: string;
}

/** Why a day is closed: a Belgian public holiday (its key), or a closure of the digibank or location. */
export type DayClosure = { readonly kind: 'holiday'; readonly holiday: PublicHolidayKey } | { readonly kind: 'closure' };

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
    return this.closureOn(date, scope) !== undefined;
  }

  /** Why that day is closed for the scope (a public holiday first), or undefined when it is not. */
  closureOn(date: LocalDate, scope: ClosureScope): DayClosure | undefined {
    const holiday = BelgianHolidays.on(date);
    if (holiday) return { kind: 'holiday', holiday: holiday.key };
    return this.covered(date, scope) ? { kind: 'closure' } : undefined;
  }

  private covered(date: LocalDate, scope: ClosureScope): boolean {
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
