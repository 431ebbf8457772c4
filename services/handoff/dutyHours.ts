import type { PrismaClient } from '../../generated/prisma/client';
import { ClosureCalendar } from '../booking/closureCalendar';
import { BrusselsTime } from '../../i18n/brusselsTime';

/**
 * When volunteers are on duty: during the opening hours (`OpeningPeriod`, Brussels wall clock) of
 * an active location of the citizen's digibank, not on a public holiday or closure day. A citizen
 * whose digibank is unknown is served by any digibank open now.
 */
export class DutyHours {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The digibank of a person: that of their latest booking (the location's, or the home-visit
   * area's), loan request or device donation, whichever is newest; else null (unknown).
   */
  async digibankOf(personId: string | null): Promise<string | null> {
    if (!personId) return null;
    const newest = { where: { personId }, orderBy: { createdAt: 'desc' as const } };
    const [booking, loan, donation] = await Promise.all([
      this.prisma.booking.findFirst({ ...newest, select: { createdAt: true, location: { select: { digibankId: true } }, area: { select: { digibankId: true } } } }),
      this.prisma.loanRequest.findFirst({ ...newest, select: { createdAt: true, digibankId: true } }),
      this.prisma.deviceDonation.findFirst({ ...newest, where: { personId, digibankId: { not: null } }, select: { createdAt: true, digibankId: true } }),
    ]);
    const candidates = [
      { at: booking?.createdAt, digibankId: booking?.location?.digibankId ?? booking?.area?.digibankId },
      { at: loan?.createdAt, digibankId: loan?.digibankId },
      { at: donation?.createdAt, digibankId: donation?.digibankId },
    ].filter((c): c is { at: Date; digibankId: string } => !!c.at && !!c.digibankId);
    candidates.sort((a, b) => b.at.getTime() - a.at.getTime());
    return candidates[0]?.digibankId ?? null;
  }

  /** True when a location of that digibank (null: of any digibank) is open at `now`. */
  async isOpen(digibankId: string | null, now: Date): Promise<boolean> {
    const { weekday } = BrusselsTime.parts(now);
    const time = BrusselsTime.localTime(now);
    const periods = await this.prisma.openingPeriod.findMany({
      where: {
        weekday,
        opensAt: { lte: time },
        closesAt: { gt: time },
        location: { active: true, ...(digibankId ? { digibankId } : {}) },
      },
      select: { locationId: true, location: { select: { digibankId: true } } },
    });
    if (periods.length === 0) return false;
    const today = BrusselsTime.localDate(now);
    const closures = await ClosureCalendar.load(this.prisma, today, today);
    return periods.some((period) => !closures.isClosed(today, { digibankId: period.location.digibankId, locationId: period.locationId }));
  }
}
