/** A calendar day in Brussels, "YYYY-MM-DD" (sorts and compares as a string; JSON-safe for dialog state). */
export type LocalDate = string;
/** A wall-clock time in Brussels, "HH:MM" (24 h). */
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The parts of an instant on a Brussels wall clock. */
export interface BrusselsParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: IsoWeekday;
}

const TIME_ZONE = 'Europe/Brussels';
const MINUTE = 60_000;
const DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HOUR = 3_600_000;
const offsetCache = new Map<number, number>();

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Europe/Brussels wall-clock arithmetic with `Intl` only (no time-zone package). Everything the
 * digibanks plan (opening hours, closures, "tomorrow") is local; the database stores instants.
 * Correct across the daylight-saving changes (last Sunday of March and of October).
 */
export class BrusselsTime {
  static readonly timeZone = TIME_ZONE;

  /** The Brussels wall-clock parts of an instant. */
  static parts(instant: Date): BrusselsParts {
    const wall = new Date(instant.getTime() + BrusselsTime.offsetMinutes(instant) * MINUTE);
    const sundayZero = wall.getUTCDay();
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      weekday: (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday,
    };
  }

  /** The Brussels calendar day of an instant. */
  static localDate(instant: Date): LocalDate {
    const { year, month, day } = BrusselsTime.parts(instant);
    return BrusselsTime.dateOf(year, month, day);
  }

  /** The Brussels wall-clock time of an instant ("HH:MM"). */
  static localTime(instant: Date): LocalTime {
    const { hour, minute } = BrusselsTime.parts(instant);
    return `${pad(hour)}:${pad(minute)}`;
  }

  /**
   * Offset of Brussels from UTC at that instant, in minutes (60 in winter, 120 in summer). Asked
   * of `Intl` once per UTC hour (offsets change on the hour) and remembered.
   */
  static offsetMinutes(instant: Date): number {
    const hourKey = Math.floor(instant.getTime() / HOUR);
    let offset = offsetCache.get(hourKey);
    if (offset === undefined) {
      const values: Record<string, string> = {};
      for (const part of formatter.formatToParts(new Date(hourKey * HOUR))) values[part.type] = part.value;
      const wall = Date.UTC(Number(values.year), Number(values.month) - 1, Number(values.day), Number(values.hour), Number(values.minute));
      offset = Math.round((wall - hourKey * HOUR) / MINUTE);
      if (offsetCache.size >= 50_000) offsetCache.clear();
      offsetCache.set(hourKey, offset);
    }
    return offset;
  }

  /**
   * The instant of a Brussels date and wall-clock time. A time that occurs twice (the October
   * change) gives the first occurrence; a time that does not exist (the March change, 02:00–02:59)
   * moves forward by the gap, as calendar apps do.
   */
  static toInstant(date: LocalDate, time: LocalTime = '00:00'): Date {
    const { year, month, day } = BrusselsTime.splitDate(date);
    const minutes = BrusselsTime.minutesOf(time);
    const wall = Date.UTC(year, month - 1, day, 0, minutes);
    const offsets = [...new Set([-DAY, DAY].map((delta) => BrusselsTime.offsetMinutes(new Date(wall + delta))))];
    offsets.sort((a, b) => b - a);
    for (const offset of offsets) {
      const candidate = new Date(wall - offset * MINUTE);
      const p = BrusselsTime.parts(candidate);
      if (BrusselsTime.dateOf(p.year, p.month, p.day) === date && p.hour * 60 + p.minute === minutes) {
        return candidate;
      }
    }
    return new Date(wall - offsets[offsets.length - 1] * MINUTE);
  }

  /** The first instant of a Brussels day. */
  static startOfDay(date: LocalDate): Date {
    return BrusselsTime.toInstant(date, '00:00');
  }

  /** The day `days` after (or before, when negative) a Brussels day. */
  static addDays(date: LocalDate, days: number): LocalDate {
    const { year, month, day } = BrusselsTime.splitDate(date);
    const shifted = new Date(Date.UTC(year, month - 1, day + days));
    return BrusselsTime.dateOf(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
  }

  /** Whole days from `from` to `to` (negative when `to` is earlier). */
  static daysBetween(from: LocalDate, to: LocalDate): number {
    const a = BrusselsTime.splitDate(from);
    const b = BrusselsTime.splitDate(to);
    return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
  }

  /** ISO weekday of a Brussels day (1 = Monday). */
  static weekday(date: LocalDate): IsoWeekday {
    const { year, month, day } = BrusselsTime.splitDate(date);
    const sundayZero = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
  }

  /** "YYYY-MM-DD" from its parts (not validated: see isValidDate). */
  static dateOf(year: number, month: number, day: number): LocalDate {
    return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  }

  /** True for an existing calendar day. */
  static isValidDate(year: number, month: number, day: number): boolean {
    if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  /** The parts of a "YYYY-MM-DD". @throws on a malformed date. */
  static splitDate(date: LocalDate): { year: number; month: number; day: number } {
    const match = DATE_PATTERN.exec(date);
    if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
    return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }

  /** Minutes since midnight of "HH:MM". @throws on a malformed time. */
  static minutesOf(time: LocalTime): number {
    const match = TIME_PATTERN.exec(time);
    if (!match) throw new RangeError(`Not a local time (HH:MM): ${time}`);
    return Number(match[1]) * 60 + Number(match[2]);
  }

  /** "HH:MM" of minutes since midnight (0 … 1439). */
  static timeOf(minutes: number): LocalTime {
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }

  /** A `@db.Date` value (UTC midnight, as Prisma reads and writes it) for a local day. */
  static toDbDate(date: LocalDate): Date {
    const { year, month, day } = BrusselsTime.splitDate(date);
    return new Date(Date.UTC(year, month - 1, day));
  }

  /** The local day of a `@db.Date` value read by Prisma. */
  static fromDbDate(value: Date): LocalDate {
    return BrusselsTime.dateOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
