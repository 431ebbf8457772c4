import { IcsCalendar } from '../../../../services/booking/icsCalendar';

const event = {
  uid: 'b7f3c2de-1111-4222-8333-944455556666@digibank-assistant',
  start: new Date('2026-03-30T07:00:00Z'),
  end: new Date('2026-03-30T07:30:00Z'),
  stamp: new Date('2026-03-23T10:11:12.345Z'),
  summary: 'Afspraak digibank; helpdesk, Ieper',
  description: 'Breng mee: identiteitskaart, pincode\nReferentie K7M-4QX — één afspraak met een heel lange tekst die zeker langer is dan vijfenzeventig octetten',
  location: 'Voorbeeldstraat 1, 8900 Ieper',
  alarmMinutesBefore: 1440,
};

describe('IcsCalendar', () => {
  const ics = IcsCalendar.forEvent(event);
  const physicalLines = ics.split('\r\n');
  const unfolded = ics.replace(/\r\n /g, '').split('\r\n');

  test('is a VCALENDAR with one VEVENT, CRLF line endings and a final CRLF', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfolded.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  test('has UID, DTSTAMP and UTC start and end', () => {
    expect(unfolded).toEqual(
      expect.arrayContaining([
        `UID:${event.uid}`,
        'DTSTAMP:20260323T101112Z',
        'DTSTART:20260330T070000Z',
        'DTEND:20260330T073000Z',
        'STATUS:CONFIRMED',
        'TRIGGER:-PT1440M',
      ]),
    );
  });

  test('escapes TEXT values', () => {
    expect(unfolded).toContain('SUMMARY:Afspraak digibank\\; helpdesk\\, Ieper');
    expect(unfolded.find((line) => line.startsWith('DESCRIPTION:'))).toContain('pincode\\nReferentie');
    expect(unfolded).toContain('LOCATION:Voorbeeldstraat 1\\, 8900 Ieper');
  });

  test('folds lines at 75 octets without splitting a UTF-8 character', () => {
    for (const line of physicalLines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physicalLines.some((line) => line.startsWith(' '))).toBe(true);
    expect(ics).not.toContain('\uFFFD');
    const folded = IcsCalendar.fold(`DESCRIPTION:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });

  test('a cancellation keeps the UID, says CANCELLED and has no alarm', () => {
    const cancelled = IcsCalendar.forEvent({ ...event, status: 'CANCELLED', sequence: 3 }).replace(/\r\n /g, '');
    expect(cancelled).toContain(`UID:${event.uid}\r\n`);
    expect(cancelled).toContain('STATUS:CANCELLED\r\n');
    expect(cancelled).toContain('SEQUENCE:3\r\n');
    expect(cancelled).not.toContain('VALARM');
  });
});
