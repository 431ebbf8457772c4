import type { LocationServiceKind, LocationView } from '../services/booking/locationService';
import type { DayClosure } from '../services/booking/closureCalendar';
import { DirectoryEntry, DirectoryService } from '../services/directory/directoryService';
import type { DayPeriod, NextOpening, OpeningDay, TodayStatus } from '../services/directory/openingWeek';
import { BrusselsTime, LocalDate } from '../i18n/brusselsTime';
import { longDate } from '../i18n/dateText';
import type { Language, Translator } from '../i18n/translator';

/** The services a place shows, in this order (`places.kinds.<kind>`). */
const SHOWN_SERVICES: readonly LocationServiceKind[] = ['helpdesk', 'device_loan', 'training', 'repair', 'printing', 'wifi', 'computers', 'home_visit'];
/** Services the offers after the answer already name (book, loan, workshop): left out of the compact (SMS) line. */
const OFFERED_AS_CHOICES: readonly string[] = ['helpdesk', 'device_loan', 'training'];
/** A next opening this many days ahead or more is said with its date, not only its weekday. */
const DATE_FROM_DAYS = 7;

/** How a place's block is written. */
export interface DirectoryTextOptions {
  /** SMS: the week on one line, no distance, no service the offers already name (every character costs). */
  readonly compact: boolean;
  /** The day the person asked about ("ouvert samedi ?"), said first. */
  readonly askedDay?: LocalDate;
  /** A line said after the week (the first free appointment). */
  readonly firstFree?: string;
}

/**
 * The words of "where and when are you open" in one language, from `locales/<language>/places.json`:
 * today's status, the week with holidays and closures, the free-access hours, what a place offers,
 * its phone and map link.
 */
export class DirectoryText {
  constructor(
    private readonly i18n: Translator,
    private readonly language: Language,
  ) {}

  /** The lines of one place (its name in the person's language already). */
  block(entry: DirectoryEntry, location: LocationView, options: DirectoryTextOptions): string[] {
    const asked = options.askedDay ? entry.helpdesk.days.find((day) => day.date === options.askedDay) : undefined;
    const distance = entry.distanceKm !== undefined && !options.compact ? ` (${this.t('places.distance', { km: String(entry.distanceKm) })})` : '';
    const lines = [`${location.name}${distance}`, `${location.address}, ${location.postcode} ${location.municipality}`];
    if (asked) lines.push(this.askedDayLine(asked));
    const today = entry.helpdesk.days[0]?.date ?? options.askedDay ?? '';
    lines.push(this.todayLine(entry.helpdesk.today, today), ...this.weekLines(entry.helpdesk.days, options.compact));
    if (options.firstFree) lines.push(options.firstFree);
    if (entry.freeAccess) lines.push(this.t('places.freeAccess', { hours: this.openDays(entry.freeAccess.days) }));
    const services = this.services(options.compact ? location.services.filter((kind) => !OFFERED_AS_CHOICES.includes(kind)) : location.services);
    if (services) lines.push(this.t('places.offers', { services }));
    if (location.phone) lines.push(this.t('places.phone', { phone: location.phone }));
    lines.push(this.t('places.map', { url: DirectoryService.mapUrl(location.latitude, location.longitude) }));
    return lines;
  }

  /** "Open now, until 12:00." / "Closed today (public holiday: Armistice Day). Open tomorrow from 09:00." */
  todayLine(status: TodayStatus, today: LocalDate): string {
    switch (status.kind) {
      case 'openNow':
        return this.t('places.today.openNow', { until: status.until });
      case 'opensLater':
        return this.t('places.today.opensLater', { at: status.at });
      case 'closedNow':
        return this.withNext(this.t('places.today.closedNow'), status.next, today);
      default:
        return this.withNext(this.closedToday(status.closure), status.next, today);
    }
  }

  /** One line a day with hours this week (the week on one line when compact). */
  weekLines(days: readonly OpeningDay[], compact: boolean): string[] {
    const lines = this.grouped(days.filter((day) => day.periods.length > 0 || day.closure), (day) => this.dayHours(day));
    if (lines.length === 0) return [];
    return compact ? [`${this.t('places.week')} ${lines.join('; ')}`] : [this.t('places.week'), ...lines];
  }

  /** "09:00-12:00 and 13:30-16:30", or why it is closed. */
  dayHours(day: OpeningDay): string {
    if (day.closure?.kind === 'holiday') return this.t('places.holidayLine', { holiday: this.holiday(day.closure) });
    if (day.periods.length === 0) return this.t('places.closedLine');
    return this.periods(day.periods);
  }

  /** The services of a place in words, in a fixed order ("help with digital questions, laptop loans, printing"). */
  services(kinds: readonly string[]): string {
    return SHOWN_SERVICES.filter((kind) => kinds.includes(kind))
      .map((kind) => this.t(`places.kinds.${kind}`))
      .join(', ');
  }

  private askedDayLine(day: OpeningDay): string {
    const name = longDate(this.language, day.date);
    if (day.closure?.kind === 'holiday') return this.t('places.askedDay.holiday', { day: name, holiday: this.holiday(day.closure) });
    if (day.periods.length === 0) return this.t('places.askedDay.closed', { day: name });
    return this.t('places.askedDay.open', { day: name, hours: this.periods(day.periods) });
  }

  /** The open days of a week in one line: "Monday to Friday 10:00-18:00; Saturday 10:00-13:00". */
  private openDays(days: readonly OpeningDay[]): string {
    return this.grouped(
      days.filter((day) => day.periods.length > 0),
      (day) => this.periods(day.periods),
    ).join('; ');
  }

  /** "Monday to Friday 10:00-18:00": days that follow each other with the same hours said once. */
  private grouped(days: readonly OpeningDay[], hoursOf: (day: OpeningDay) => string): string[] {
    const runs: Array<{ first: OpeningDay; last: OpeningDay; hours: string }> = [];
    for (const day of days) {
      const hours = hoursOf(day);
      const run = runs.at(-1);
      if (run && run.hours === hours && BrusselsTime.daysBetween(run.last.date, day.date) === 1) run.last = day;
      else runs.push({ first: day, last: day, hours });
    }
    return runs.map(({ first, last, hours }) => {
      const from = this.weekday(first.date);
      const to = this.weekday(last.date);
      const span = BrusselsTime.daysBetween(first.date, last.date);
      const when = span === 0 ? from : span === 1 ? `${from} ${this.t('places.and')} ${to}` : this.t('places.dayRange', { from, to });
      return `${when} ${hours}`;
    });
  }

  private periods(periods: readonly DayPeriod[]): string {
    return periods.map((period) => `${period.opensAt}-${period.closesAt}`).join(` ${this.t('places.and')} `);
  }

  private closedToday(closure: DayClosure | undefined): string {
    if (closure?.kind === 'holiday') return this.t('places.today.holiday', { holiday: this.holiday(closure) });
    return this.t(closure ? 'places.today.closure' : 'places.today.closedToday');
  }

  /** The closed line with the next opening: "tomorrow from 09:00", "on Thursday from 13:30", or with its date when a week or more away. */
  private withNext(first: string, next: NextOpening | undefined, today: LocalDate): string {
    if (!next) return first;
    const days = today ? BrusselsTime.daysBetween(today, next.date) : DATE_FROM_DAYS;
    if (days === 1) return `${first} ${this.t('places.next.tomorrow', { at: next.at })}`;
    const day = days < DATE_FROM_DAYS ? this.weekday(next.date) : longDate(this.language, next.date);
    return `${first} ${this.t('places.next.later', { day, at: next.at })}`;
  }

  private weekday(date: LocalDate): string {
    return this.i18n.list(this.language, 'places.weekdays')[BrusselsTime.weekday(date) - 1] ?? date;
  }

  private holiday(closure: Extract<DayClosure, { kind: 'holiday' }>): string {
    return this.t(`places.holidays.${closure.holiday}`);
  }

  private t(key: string, vars?: Record<string, string>): string {
    return this.i18n.t(this.language, key, vars);
  }
}
