import { BrusselsTime, LocalDate } from './brusselsTime';

/** Keys of the Belgian legal public holidays (texts live in the locales). */
export type PublicHolidayKey =
  | 'new_year'
  | 'easter_monday'
  | 'labour_day'
  | 'ascension'
  | 'whit_monday'
  | 'national_day'
  | 'assumption'
  | 'all_saints'
  | 'armistice'
  | 'christmas';

/** A public holiday on a local day. */
export interface PublicHoliday {
  date: LocalDate;
  key: PublicHolidayKey;
}

/**
 * The ten legal public holidays of Belgium, when every digibank is closed. Community and regional
 * days (11 July in Flanders, 27 September, 8 May in Brussels) differ per organisation: store them
 * as closures instead.
 */
export class BelgianHolidays {
  /** The public holidays of a year, in date order. */
  static forYear(year: number): PublicHoliday[] {
    const easter = BelgianHolidays.easterSunday(year);
    const holidays: PublicHoliday[] = [
      { date: BrusselsTime.dateOf(year, 1, 1), key: 'new_year' },
      { date: BrusselsTime.addDays(easter, 1), key: 'easter_monday' },
      { date: BrusselsTime.dateOf(year, 5, 1), key: 'labour_day' },
      { date: BrusselsTime.addDays(easter, 39), key: 'ascension' },
      { date: BrusselsTime.addDays(easter, 50), key: 'whit_monday' },
      { date: BrusselsTime.dateOf(year, 7, 21), key: 'national_day' },
      { date: BrusselsTime.dateOf(year, 8, 15), key: 'assumption' },
      { date: BrusselsTime.dateOf(year, 11, 1), key: 'all_saints' },
      { date: BrusselsTime.dateOf(year, 11, 11), key: 'armistice' },
      { date: BrusselsTime.dateOf(year, 12, 25), key: 'christmas' },
    ];
    return holidays.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The holiday on that day, or undefined. */
  static on(date: LocalDate): PublicHoliday | undefined {
    return BelgianHolidays.forYear(BrusselsTime.splitDate(date).year).find((holiday) => holiday.date === date);
  }

  /** Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher). */
  static easterSunday(year: number): LocalDate {
    const a = year % 19;
    const b = Math.floor(year / 100);
    const c = year % 100;
    const d = Math.floor(b / 4);
    const e = b % 4;
    const f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3);
    const h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4);
    const k = c % 4;
    const l = (32 + 2 * e + 2 * i - h - k) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31);
    const day = ((h + l - 7 * m + 114) % 31) + 1;
    return BrusselsTime.dateOf(year, month, day);
  }
}
