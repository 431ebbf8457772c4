import { WorkshopAdmin } from '../../../../services/workshops/workshopAdmin';
import { RegistrationView, WorkshopService } from '../../../../services/workshops/workshopService';
import { BrusselsTime } from '../../../../i18n/brusselsTime';

const sessions = WorkshopAdmin.weekly('2027-03-22', '14:00', 120, 2).map((s, i) => ({ id: `s${i}`, ...s, date: BrusselsTime.localDate(s.startsAt) }));
const registration = (status: RegistrationView['status']): RegistrationView => ({
  id: 'r1', reference: 'ABCDEF', status, personId: 'p1', createdAt: new Date('2027-03-01T10:00:00Z'), updatedAt: new Date('2027-03-01T10:00:30Z'),
  workshop: {
    id: 'w1', digibankId: 'd1', locationId: 'l1', title: { nl: 'Smartphone' }, description: {}, whatToBring: {}, topic: 'smartphone_basics', level: 'beginner', language: 'nl',
    seats: 10, taken: 1, free: 9, priceCents: 0, status: 'open', startsAt: sessions[0].startsAt, endsAt: sessions[1].endsAt, sessions, isDemo: false,
  },
});

test('a weekly series keeps its Brussels wall-clock time across the daylight-saving change', () => {
  expect(sessions.map((s) => s.startsAt.toISOString())).toEqual(['2027-03-22T13:00:00.000Z', '2027-03-29T12:00:00.000Z']);
});

test('the calendar file of a series holds one event per session, cancelled when the place is given up', () => {
  const texts = { summary: 'Les: Smartphone', location: 'Bib' };
  const ics = WorkshopService.calendarFile(registration('registered'), texts, new Date('2027-03-01T10:01:00Z'));
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(ics).toContain('DTSTART:20270322T130000Z');
  expect(ics).toContain('DTSTART:20270329T120000Z');
  expect(ics).toContain('SEQUENCE:30');
  expect(ics.split('\r\n').filter((line) => line.startsWith('UID:'))).toEqual(['UID:r1-s0@digibank-assistant', 'UID:r1-s1@digibank-assistant']);
  const cancelled = WorkshopService.calendarFile(registration('cancelled'), texts, new Date());
  expect(cancelled.match(/STATUS:CANCELLED/g)).toHaveLength(2);
  expect(cancelled).not.toContain('BEGIN:VALARM');
});

test.each([
  [{ seats: 0 }, ['seats']],
  [{ topic: 'cooking' }, ['topic']],
  [{ title: {} }, ['title']],
  [{ sessions: [] }, ['sessions']],
  [{ sessions: [{ startsAt: new Date('2027-01-01T10:00:00Z'), endsAt: new Date('2027-01-01T09:00:00Z') }] }, ['sessions']],
])('a workshop with %j is refused on %j', (change, fields) => {
  const valid = { locationId: 'l1', title: { nl: 'Les' }, topic: 'banking', language: 'nl' as const, seats: 5, sessions: WorkshopAdmin.weekly('2027-01-05', '10:00', 60, 1) };
  expect(WorkshopAdmin.check(valid)).toEqual([]);
  expect(WorkshopAdmin.check({ ...valid, ...change })).toEqual(fields);
});
