import { BrusselsTime, IsoWeekday, LocalDate } from './brusselsTime';

const RELATIVE_DAYS: ReadonlyArray<{ words: string[]; days: number }> = [
  // Longest first: "overmorgen" before "morgen", "apres demain" before "demain".
  { words: ['overmorgen', 'apres demain', 'apresdemain', 'day after tomorrow'], days: 2 },
  { words: ['vandaag', 'aujourd hui', 'aujourdhui', 'today', 'vandaag nog'], days: 0 },
  { words: ['morgen', 'demain', 'tomorrow', 'tmrw'], days: 1 },
];

const WEEKDAYS: ReadonlyArray<{ names: string[]; weekday: IsoWeekday }> = [
  { names: ['maandag', 'lundi', 'monday'], weekday: 1 },
  { names: ['dinsdag', 'mardi', 'tuesday'], weekday: 2 },
  { names: ['woensdag', 'mercredi', 'wednesday'], weekday: 3 },
  { names: ['donderdag', 'jeudi', 'thursday'], weekday: 4 },
  { names: ['vrijdag', 'vendredi', 'friday'], weekday: 5 },
  { names: ['zaterdag', 'samedi', 'saturday'], weekday: 6 },
  { names: ['zondag', 'dimanche', 'sunday'], weekday: 7 },
];

const MONTHS: ReadonlyArray<{ names: string[]; month: number }> = [
  { names: ['januari', 'janvier', 'january', 'jan', 'janv'], month: 1 },
  { names: ['februari', 'fevrier', 'february', 'feb', 'fevr', 'fev'], month: 2 },
  { names: ['maart', 'mars', 'march', 'mrt', 'mar'], month: 3 },
  { names: ['april', 'avril', 'apr', 'avr'], month: 4 },
  { names: ['mei', 'mai', 'may'], month: 5 },
  { names: ['juni', 'juin', 'june', 'jun'], month: 6 },
  { names: ['juli', 'juillet', 'july', 'jul', 'juil'], month: 7 },
  { names: ['augustus', 'aout', 'august', 'aug'], month: 8 },
  { names: ['september', 'septembre', 'sep', 'sept'], month: 9 },
  { names: ['oktober', 'octobre', 'october', 'okt', 'oct'], month: 10 },
  { names: ['november', 'novembre', 'nov'], month: 11 },
  { names: ['december', 'decembre', 'dec'], month: 12 },
];

/** Words that make a weekday "the next one, not today": volgende dinsdag, mardi prochain, next Tuesday. */
const NEXT_WORDS = new Set(['volgende', 'komende', 'aanstaande', 'eerstvolgende', 'prochain', 'prochaine', 'next', 'coming']);
/** "… next week": dinsdag volgende week, mardi la semaine prochaine, Tuesday next week. */
const WEEK_WORDS = new Set(['week', 'semaine']);

const TIME_BEFORE = new Set(['om', 'rond', 'tegen', 'a', 'vers', 'at', 'around']);
const TIME_AFTER = new Set(['u', 'uur', 'h', 'heure', 'heures', 'am', 'pm']);

const MONTH_NAMES = MONTHS.flatMap((entry) => entry.names).sort((a, b) => b.length - a.length).join('|');
const ORDINAL = '(?:e|er|ere|de|ste|st|nd|rd|th)?';
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+|de\\s+)?(${MONTH_NAMES})\\b\\.?(?:\\s+(\\d{4}))?`);
const MONTH_DAY = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(?:the\\s+)?(\\d{1,2})${ORDINAL}\\b(?:,?\\s+(\\d{4}))?`);
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC_DATE = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?\b/;

/**
 * Understands a typed date in Dutch, French or English — "morgen", "après-demain", "next
 * Tuesday", "12/3", "12 maart", "March 12" — as a Brussels calendar day relative to `now`.
 *
 * Conventions: numbers are day first (Belgian usage: 12/3 is 12 March); a date without a year is
 * the next one on or after today; a bare weekday ("dinsdag") is the nearest one from today on
 * (today included), "volgende dinsdag" / "mardi prochain" / "next Tuesday" the nearest one after
 * today, and "dinsdag volgende week" the Tuesday of next week (weeks start on Monday).
 */
export class DateParser {
  /** The day meant, or undefined when the text names no (valid) day. */
  static parse(text: string, now: Date): LocalDate | undefined {
    const normalized = DateParser.normalize(text);
    if (!normalized) return undefined;
    const today = BrusselsTime.localDate(now);
    return (
      DateParser.explicitDate(normalized, today) ??
      DateParser.relativeDay(normalized, today) ??
      DateParser.weekday(normalized, today)
    );
  }

  /** Lower case, no accents, apostrophes and punctuation as spaces (keeps / . - between digits). */
  static normalize(text: string): string {
    return text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[’'`´]/g, ' ')
      .replace(/[^a-z0-9/.\-\s]/g, ' ')
      .replace(/(?<![0-9])[.\-/]|[.\-/](?![0-9])/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private static explicitDate(text: string, today: LocalDate): LocalDate | undefined {
    const iso = ISO_DATE.exec(text);
    if (iso) return DateParser.validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const dayMonth = DAY_MONTH.exec(text);
    if (dayMonth) return DateParser.withYear(Number(dayMonth[1]), DateParser.monthOf(dayMonth[2]), dayMonth[3], today);
    const monthDay = MONTH_DAY.exec(text);
    if (monthDay) return DateParser.withYear(Number(monthDay[2]), DateParser.monthOf(monthDay[1]), monthDay[3], today);
    const numeric = NUMERIC_DATE.exec(text);
    if (numeric && !DateParser.isClockTime(text, numeric)) {
      return DateParser.withYear(Number(numeric[1]), Number(numeric[2]), numeric[3], today);
    }
    return undefined;
  }

  /** "om 10.30", "à 14.15 h", "at 9.45 am": a time of day, not a date. */
  private static isClockTime(text: string, match: RegExpExecArray): boolean {
    const before = text.slice(0, match.index).trim().split(' ').pop() ?? '';
    const after = text.slice(match.index + match[0].length).trim().split(' ')[0] ?? '';
    return TIME_BEFORE.has(before) || TIME_AFTER.has(after);
  }

  private static relativeDay(text: string, today: LocalDate): LocalDate | undefined {
    const padded = ` ${text} `;
    for (const { words, days } of RELATIVE_DAYS) {
      if (words.some((word) => padded.includes(` ${word} `))) return BrusselsTime.addDays(today, days);
    }
    return undefined;
  }

  private static weekday(text: string, today: LocalDate): LocalDate | undefined {
    const tokens = text.split(' ');
    const index = tokens.findIndex((token) => DateParser.weekdayOf(token) !== undefined);
    const nextWeek = tokens.some((token) => WEEK_WORDS.has(token)) && tokens.some((token) => NEXT_WORDS.has(token));
    // "volgende week", "la semaine prochaine", "next week" without a day: that week's Monday.
    if (index < 0) return nextWeek ? BrusselsTime.addDays(today, 8 - BrusselsTime.weekday(today)) : undefined;
    const weekday = DateParser.weekdayOf(tokens[index]) as IsoWeekday;
    const todayWeekday = BrusselsTime.weekday(today);
    if (tokens.some((token) => WEEK_WORDS.has(token)) && tokens.some((token) => NEXT_WORDS.has(token))) {
      return BrusselsTime.addDays(today, 7 - todayWeekday + weekday);
    }
    const isNext = tokens.some((token) => NEXT_WORDS.has(token));
    const ahead = (weekday - todayWeekday + 7) % 7;
    return BrusselsTime.addDays(today, ahead === 0 && isNext ? 7 : ahead);
  }

  private static weekdayOf(token: string): IsoWeekday | undefined {
    // Dutch glues parts of the day on: dinsdagnamiddag, vrijdagvoormiddag.
    return WEEKDAYS.find(({ names }) => names.some((name) => token === name || (name.endsWith('dag') && token.startsWith(name))))
      ?.weekday;
  }

  private static monthOf(name: string): number {
    return MONTHS.find((entry) => entry.names.includes(name))?.month ?? 0;
  }

  private static withYear(day: number, month: number, yearText: string | undefined, today: LocalDate): LocalDate | undefined {
    if (yearText) {
      const year = Number(yearText);
      return DateParser.validDate(yearText.length === 2 ? 2000 + year : year, month, day);
    }
    const thisYear = BrusselsTime.splitDate(today).year;
    // The next such day from today on; 29 February may be up to eight years away.
    for (let year = thisYear; year <= thisYear + 8; year += 1) {
      const candidate = DateParser.validDate(year, month, day);
      if (candidate && candidate >= today) return candidate;
    }
    return undefined;
  }

  private static validDate(year: number, month: number, day: number): LocalDate | undefined {
    return BrusselsTime.isValidDate(year, month, day) ? BrusselsTime.dateOf(year, month, day) : undefined;
  }
}
