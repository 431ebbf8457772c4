import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { ClosureCalendar } from './closureCalendar';
import { SLOT_HORIZON_DAYS } from './slotGenerator';

/** A home-visit area as planning needs it. */
export interface HomeVisitAreaPlan {
  id: string;
  digibankId: string;
  name: string;
  visitMinutes: number;
  travelBufferMinutes: number;
  weekdays: number[];
  dayStartsAt: LocalTime;
  dayEndsAt: LocalTime;
}

/** A start time at which at least one volunteer of the area can come. */
export interface VisitTime {
  areaId: string;
  startsAt: Date;
  endsAt: Date;
  date: LocalDate;
  time: LocalTime;
  /** Free volunteers, least busy that day first. */
  volunteerIds: string[];
}

interface BusyRange {
  volunteerId: string;
  startsAt: Date;
  blockedUntil: Date;
}

const MINUTE = 60_000;

/**
 * Plans home visits: which area serves a postcode and when one of its volunteers is free. Visit
 * times follow a fixed grid per day (visit length + travel buffer); a volunteer is free when no
 * visit of theirs, travel buffer included, overlaps. The database re-checks at booking time.
 */
export class HomeVisitPlanner {
  private readonly minLeadMinutes: number;

  constructor(
    private readonly prisma: PrismaClient,
    options: { minLeadMinutes?: number } = {},
  ) {
    this.minLeadMinutes = options.minLeadMinutes ?? 24 * 60;
  }

  /** The active area serving a postcode, or undefined when no digibank visits there. */
  async areaFor(postcode: string): Promise<HomeVisitAreaPlan | undefined> {
    const area = await this.prisma.homeVisitArea.findFirst({
      where: { active: true, postcodes: { has: postcode.trim() } },
      orderBy: { name: 'asc' },
    });
    return area ?? undefined;
  }

  /** The days with a free visit time for that postcode, from today for `days` days. */
  async freeDays(postcode: string, now: Date, days: number = SLOT_HORIZON_DAYS): Promise<LocalDate[]> {
    const times = await this.freeTimesBetween(postcode, now, BrusselsTime.localDate(now), days);
    return [...new Set(times.map((time) => time.date))];
  }

  /** The free visit times for that postcode on one day. */
  async freeTimes(postcode: string, date: LocalDate, now: Date): Promise<VisitTime[]> {
    return this.freeTimesBetween(postcode, now, date, 1);
  }

  /** The next free visit times for that postcode (the first `limit`). */
  async nextFreeTimes(postcode: string, now: Date, limit = 3): Promise<VisitTime[]> {
    return (await this.freeTimesBetween(postcode, now, BrusselsTime.localDate(now), SLOT_HORIZON_DAYS)).slice(0, limit);
  }

  private async freeTimesBetween(postcode: string, now: Date, from: LocalDate, days: number): Promise<VisitTime[]> {
    const area = await this.areaFor(postcode);
    if (!area) return [];
    const to = BrusselsTime.addDays(from, days - 1);
    const volunteers = await this.prisma.volunteer.findMany({ where: { areaId: area.id, active: true }, select: { id: true }, orderBy: { id: 'asc' } });
    if (volunteers.length === 0) return [];
    const busy = await this.busyRanges(volunteers.map((volunteer) => volunteer.id), from, to);
    const closures = await ClosureCalendar.load(this.prisma, from, to);
    const earliest = new Date(now.getTime() + this.minLeadMinutes * MINUTE);
    const times: VisitTime[] = [];
    for (let date = from; date <= to; date = BrusselsTime.addDays(date, 1)) {
      if (!area.weekdays.includes(BrusselsTime.weekday(date)) || closures.isClosed(date, { digibankId: area.digibankId })) continue;
      for (const candidate of HomeVisitPlanner.grid(area, date)) {
        if (candidate.startsAt < earliest) continue;
        const free = HomeVisitPlanner.freeVolunteers(volunteers.map((v) => v.id), busy, candidate.startsAt, candidate.blockedUntil, date);
        if (free.length > 0) times.push({ areaId: area.id, startsAt: candidate.startsAt, endsAt: candidate.endsAt, date, time: candidate.time, volunteerIds: free });
      }
    }
    return times;
  }

  /** The visit start times of an area on a day: from dayStartsAt, one visit + buffer apart. */
  static grid(area: HomeVisitAreaPlan, date: LocalDate): Array<{ time: LocalTime; startsAt: Date; endsAt: Date; blockedUntil: Date }> {
    const step = area.visitMinutes + area.travelBufferMinutes;
    const last = BrusselsTime.minutesOf(area.dayEndsAt) - area.visitMinutes;
    const grid = [];
    for (let minutes = BrusselsTime.minutesOf(area.dayStartsAt); minutes <= last; minutes += step) {
      const time = BrusselsTime.timeOf(minutes);
      const startsAt = BrusselsTime.toInstant(date, time);
      grid.push({
        time,
        startsAt,
        endsAt: new Date(startsAt.getTime() + area.visitMinutes * MINUTE),
        blockedUntil: new Date(startsAt.getTime() + step * MINUTE),
      });
    }
    return grid;
  }

  private async busyRanges(volunteerIds: string[], from: LocalDate, to: LocalDate): Promise<BusyRange[]> {
    const rows = await this.prisma.booking.findMany({
      where: {
        volunteerId: { in: volunteerIds },
        status: { not: 'cancelled' },
        blockedUntil: { gt: BrusselsTime.startOfDay(from) },
        startsAt: { lt: BrusselsTime.startOfDay(BrusselsTime.addDays(to, 1)) },
      },
      select: { volunteerId: true, startsAt: true, blockedUntil: true },
    });
    return rows.map((row) => ({ volunteerId: row.volunteerId as string, startsAt: row.startsAt, blockedUntil: row.blockedUntil }));
  }

  /** Volunteers with nothing overlapping [start, blockedUntil), least visits that day first. */
  private static freeVolunteers(ids: string[], busy: BusyRange[], start: Date, blockedUntil: Date, date: LocalDate): string[] {
    const load = (id: string) => busy.filter((range) => range.volunteerId === id && BrusselsTime.localDate(range.startsAt) === date).length;
    return ids
      .filter((id) => !busy.some((range) => range.volunteerId === id && range.startsAt < blockedUntil && start < range.blockedUntil))
      .sort((a, b) => load(a) - load(b));
  }
}
