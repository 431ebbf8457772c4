/** One appointment as a calendar event. Texts come localized from the caller. */
export interface IcsEvent {
  /** Globally unique and stable for the booking (a move or cancel keeps it), e.g. "<id>@digibank". */
  uid: string;
  start: Date;
  end: Date;
  /** When the calendar object was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  description?: string;
  location?: string;
  /** Raised on every change of the same booking (a move), so calendars replace the old event. */
  sequence?: number;
  /** CANCELLED makes a calendar remove the event. */
  status?: 'CONFIRMED' | 'CANCELLED';
  /** Reminder so many minutes before the start (none when undefined). */
  alarmMinutesBefore?: number;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * RFC 5545 iCalendar files for appointments: one VEVENT in a VCALENDAR (METHOD:PUBLISH; a
 * cancellation is the same UID with STATUS:CANCELLED and a higher SEQUENCE), times in UTC (valid
 * without a VTIMEZONE; every calendar shows them in its own zone), CRLF line endings, lines folded
 * at 75 octets without splitting a UTF-8 character, TEXT values escaped.
 */
export class IcsCalendar {
  static readonly productId = '-//Digibank assistant//Appointments//EN';

  /** The whole VCALENDAR text for one event. */
  static forEvent(event: IcsEvent): string {
    return IcsCalendar.forEvents([event]);
  }

  /** One VCALENDAR with several events (the sessions of a workshop series). */
  static forEvents(events: readonly IcsEvent[]): string {
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `PRODID:${IcsCalendar.productId}`,
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      ...events.flatMap(IcsCalendar.vevent),
      'END:VCALENDAR',
    ];
    return lines.map(IcsCalendar.fold).join(CRLF) + CRLF;
  }

  private static vevent(event: IcsEvent): string[] {
    const cancelled = event.status === 'CANCELLED';
    return [
      'BEGIN:VEVENT',
      `UID:${IcsCalendar.escapeText(event.uid)}`,
      `DTSTAMP:${IcsCalendar.utc(event.stamp)}`,
      `DTSTART:${IcsCalendar.utc(event.start)}`,
      `DTEND:${IcsCalendar.utc(event.end)}`,
      `SEQUENCE:${Math.max(0, Math.floor(event.sequence ?? 0))}`,
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `SUMMARY:${IcsCalendar.escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${IcsCalendar.escapeText(event.description)}`] : []),
      ...(event.location ? [`LOCATION:${IcsCalendar.escapeText(event.location)}`] : []),
      'TRANSP:OPAQUE',
      ...(event.alarmMinutesBefore !== undefined && !cancelled ? IcsCalendar.alarm(event) : []),
      'END:VEVENT',
    ];
  }

  /** A UTC DATE-TIME value: 20261124T083000Z. */
  static utc(instant: Date): string {
    return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  }

  /** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
  static escapeText(text: string): string {
    return text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n');
  }

  /** Folds a content line into lines of at most 75 octets; continuation lines start with a space. */
  static fold(line: string): string {
    const parts: string[] = [];
    let current = '';
    let octets = 0;
    for (const char of line) {
      const size = Buffer.byteLength(char, 'utf8');
      const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
      if (octets + size > limit) {
        parts.push(current);
        current = '';
        octets = 0;
      }
      current += char;
      octets += size;
    }
    parts.push(current);
    return parts.join(`${CRLF} `);
  }

  private static alarm(event: IcsEvent): string[] {
    return [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${IcsCalendar.escapeText(event.summary)}`,
      `TRIGGER:-PT${Math.max(0, Math.floor(event.alarmMinutesBefore ?? 0))}M`,
      'END:VALARM',
    ];
  }
}
