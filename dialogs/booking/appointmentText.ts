import { Attachment } from 'botbuilder';
import { Language } from '../../i18n/translator';
import type { LocationView } from '../../services/booking/locationService';
import { LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { clockTime, longDate } from '../../i18n/dateText';
import { normalizeUtterance } from '../prompts';

/**
 * Formatting and recognition shared by the booking dialogs: dates and times in the person's
 * language (Europe/Brussels), short choice titles, typed clock times, a shared
 * WhatsApp location and the ICS attachment of web chat.
 */

/** WhatsApp's reply-button title limit; every choice title is cut to it. */
export const MAX_TITLE = 20;

/** A choice title of at most {@link MAX_TITLE} characters. */
export function title(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= MAX_TITLE ? chars.join('') : chars.slice(0, MAX_TITLE).join('').trim();
}

/** Titles made distinct by numbering the repeats ("Gent", "Gent 2"). */
export function distinct(titles: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((t) => {
    const count = (seen.get(t) ?? 0) + 1;
    seen.set(t, count);
    return count === 1 ? t : title(`${t.slice(0, MAX_TITLE - 3)} ${count}`);
  });
}

/** "dinsdag 24 november" and "10:30" of an offer or a booking in a language (dialog state keeps its instant as a string). */
export function dateAndTime(language: Language, appointment: { date: LocalDate; startsAt: string | Date }): { date: string; time: string } {
  return { date: longDate(language, appointment.date), time: clockTime(language, new Date(appointment.startsAt)) };
}

const CLOCK = /(?:^|[^\d])([01]?\d|2[0-3])\s*(?:[:.h]|u(?:ur)?|heures?)\s*([0-5]\d)?(?![\d])/;

/** A clock time typed in a message: "10:30", "10u30", "10 uur", "14h", "9.45" → "HH:MM". */
export function typedTime(text: unknown): LocalTime | undefined {
  const normalized = normalizeUtterance(text);
  const match = CLOCK.exec(normalized);
  if (!match) return undefined;
  return `${match[1].padStart(2, '0')}:${match[2] ?? '00'}`;
}

/** A four-digit Belgian postcode inside a message. */
export function typedPostcode(text: unknown): string | undefined {
  const typed = (typeof text === 'string' ? text : '').replace(/(?<![\d.,])([1-9])[ .](\d{3})(?![\d.,])/g, '$1$2');
  return /(?:^|\D)([1-9]\d{3})(?!\d)/.exec(typed)?.[1];
}

/**
 * A location shared on WhatsApp: `channelData.location {latitude, longitude}` (see
 * `adapters/whatsapp/whatsAppChannel.ts`), or a `GeoCoordinates` entity (Bot Framework channels).
 */
export function sharedLocation(activity: { channelData?: unknown; entities?: unknown[] }): { latitude: number; longitude: number } | undefined {
  const fromData = (activity.channelData as { location?: { latitude?: unknown; longitude?: unknown } } | undefined)?.location;
  const candidates = [fromData, ...(activity.entities ?? []).filter((entity) => (entity as { type?: unknown })?.type === 'GeoCoordinates')];
  for (const candidate of candidates) {
    const { latitude, longitude } = (candidate ?? {}) as { latitude?: unknown; longitude?: unknown };
    if (typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude)) {
      return { latitude, longitude };
    }
  }
  return undefined;
}

/** "Digipunt Ieper (DEMO), Voorbeeldstraat 1, 8900 Ieper". */
export function placeLine(location: LocationView): string {
  return `${location.name}, ${location.address}, ${location.postcode} ${location.municipality}`;
}

/** The name of the calendar file offered on web chat. */
export const ICS_FILE_NAME = 'afspraak.ics';

/** The booking's calendar file as an inline attachment (web chat). */
export function icsAttachment(ics: string): Attachment {
  return {
    contentType: 'text/calendar',
    contentUrl: `data:text/calendar;base64,${Buffer.from(ics, 'utf8').toString('base64')}`,
    name: ICS_FILE_NAME,
  };
}

/** True on web chat (the only channel where a calendar file is useful). */
export function isWebChat(channelId: string | undefined): boolean {
  return channelId === 'webchat';
}
