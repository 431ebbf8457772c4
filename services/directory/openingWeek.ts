import type { DayClosure } from '../booking/closureCalendar';
import { BrusselsTime, IsoWeekday, LocalDate, LocalTime } from '../../i18n/brusselsTime';

/** A period of one day, Brussels wall clock ("09:00"–"12:00"). */
export interface DayPeriod {
  readonly opensAt: LocalTime;
  readonly closesAt: LocalTime;
}

/** A weekly period (an `OpeningPeriod` or a `FreeAccessPeriod` row). */
export interface WeeklyPeriod extends DayPeriod {
  readonly weekday: number;
}

/** One calendar day: its periods (none when closed), and why it is closed when a holiday or closure says so. */
export interface OpeningDay {
  readonly date: LocalDate;
  readonly weekday: IsoWeekday;
  readonly periods: readonly DayPeriod[];
  /** Set when the day has weekly hours but a public holiday or a closure shuts it. */
  readonly closure?: DayClosure;
}

/** The next opening after now: its day and time. */
export interface NextOpening {
  readonly date: LocalDate;
  readonly at: LocalTime;
}

/**
 * Today's status at a moment: open now (until when), opening later today (at what time), closed
 * for the rest of today after having been open, or closed all day (why, when known) — the last two
 * with the next opening, when there is one within the horizon.
 */
export type TodayStatus =
  | { readonly kind: 'openNow'; readonly until: LocalTime }
  | { readonly kind: 'opensLater'; readonly at: LocalTime }
  | { readonly kind: 'closedNow'; readonly next?: NextOpening }
  | { readonly kind: 'closedToday'; readonly closure?: DayClosure; readonly next?: NextOpening };

/** A place's hours seen from a moment: today's status, the coming days (today first). */
export interface OpeningWeekView {
  readonly today: TodayStatus;
  readonly days: readonly OpeningDay[];
}

/** Days looked ahead for the next opening (a closure of two weeks still finds it). */
const HORIZON_DAYS = 28;

/**
 * Opening hours on the calendar: weekly periods, with public holidays and closures taken out, in
 * Brussels local time (so correct on the days the clocks change). Pure: the closures come in as a
 * function, `now` as an argument.
 */
export class OpeningWeek {
  /**
   * The status at `now` and the `days` days from today. `closedOn` says why a day is closed (a
   * public holiday, a closure) or undefined.
   */
  static at(weekly: readonly WeeklyPeriod[], closedOn: (date: LocalDate) => DayClosure | undefined, now: Date, days = 7): OpeningWeekView {
    const today = BrusselsTime.localDate(now);
    const dayOf = (date: LocalDate) => OpeningWeek.day(weekly, closedOn, date);
    const week = Array.from({ length: days }, (_, i) => dayOf(BrusselsTime.addDays(today, i)));
    return { today: OpeningWeek.status(week[0] ?? dayOf(today), BrusselsTime.localTime(now), dayOf), days: week };
  }

  /** One calendar day with its periods in time order, none when closed. */
  static day(weekly: readonly WeeklyPeriod[], closedOn: (date: LocalDate) => DayClosure | undefined, date: LocalDate): OpeningDay {
    const weekday = BrusselsTime.weekday(date);
    const periods = weekly
      .filter((period) => period.weekday === weekday)
      .map(({ opensAt, closesAt }) => ({ opensAt, closesAt }))
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    const closure = periods.length > 0 ? closedOn(date) : undefined;
    return closure ? { date, weekday, periods: [], closure } : { date, weekday, periods };
  }

  /** The status of a day at a wall-clock time. */
  static status(today: OpeningDay, time: LocalTime, dayOf: (date: LocalDate) => OpeningDay): TodayStatus {
    const current = today.periods.find((period) => period.opensAt <= time && time < period.closesAt);
    if (current) return { kind: 'openNow', until: current.closesAt };
    const later = today.periods.find((period) => time < period.opensAt);
    if (later) return { kind: 'opensLater', at: later.opensAt };
    const next = OpeningWeek.nextOpening(today.date, dayOf);
    const withNext = next ? { next } : {};
    if (today.periods.length > 0) return { kind: 'closedNow', ...withNext };
    return { kind: 'closedToday', ...(today.closure ? { closure: today.closure } : {}), ...withNext };
  }

  /** The first opening on a day after `date`, within the horizon. */
  static nextOpening(date: LocalDate, dayOf: (date: LocalDate) => OpeningDay): NextOpening | undefined {
    for (let i = 1; i <= HORIZON_DAYS; i += 1) {
      const day = dayOf(BrusselsTime.addDays(date, i));
      if (day.periods.length > 0) return { date: day.date, at: day.periods[0].opensAt };
    }
    return undefined;
  }
}
