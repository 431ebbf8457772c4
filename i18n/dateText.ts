import { BrusselsTime, LocalDate } from './brusselsTime';
import type { Language } from './translator';

/**
 * Dates and times written in the person's language, on the Brussels clock: one place for every
 * layer that writes them (dialogs, reminders, loan messages, the console).
 */

const INTL_LOCALES: Readonly<Record<Language, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', 'nl-simple': 'nl-BE', 'fr-simple': 'fr-BE', 'en-simple': 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, style: 'long' | 'short' | 'time'): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : style === 'long'
          ? { weekday: 'long', day: 'numeric', month: 'long' }
          : { weekday: 'short', day: 'numeric', month: 'short' };
    format = new Intl.DateTimeFormat(INTL_LOCALES[language], { ...options, timeZone: BrusselsTime.timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** "dinsdag 24 november", "mardi 24 novembre", "Tuesday 24 November". */
export function longDate(language: Language, date: LocalDate): string {
  return formatter(language, 'long').format(BrusselsTime.toInstant(date, '12:00'));
}

/** "di 24 nov.", "mar. 24 nov.", "Tue 24 Nov": for choice titles. */
export function shortDate(language: Language, date: LocalDate): string {
  return formatter(language, 'short').format(BrusselsTime.toInstant(date, '12:00'));
}

/** The Brussels wall-clock time of an instant in the person's language ("10:30", "10 h 30"). */
export function clockTime(language: Language, instant: Date): string {
  return formatter(language, 'time').format(instant);
}
