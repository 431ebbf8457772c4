import type { DayClosure } from '../../../../services/booking/closureCalendar';
import { OpeningWeek, TodayStatus, WeeklyPeriod } from '../../../../services/directory/openingWeek';
import { BelgianHolidays } from '../../../../i18n/belgianHolidays';
import { BrusselsTime, LocalDate } from '../../../../i18n/brusselsTime';

/** The demo city hours: Monday, Tuesday, Friday mornings; Wednesday afternoon; Thursday both. */
const CITY: readonly WeeklyPeriod[] = [
  { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 3, opensAt: '13:30', closesAt: '16:30' },
  { weekday: 4, opensAt: '13:30', closesAt: '16:30' },
  { weekday: 4, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 5, opensAt: '09:00', closesAt: '12:00' },
];

/** Public holidays (as the closure calendar says them) and the closures of a test. */
function closedOn(closures: readonly [LocalDate, LocalDate][] = []) {
  return (date: LocalDate): DayClosure | undefined => {
    const holiday = BelgianHolidays.on(date);
    if (holiday) return { kind: 'holiday', holiday: holiday.key };
    return closures.some(([from, to]) => from <= date && date <= to) ? { kind: 'closure' } : undefined;
  };
}

// Each case: a fixed instant (UTC), the closures, and today's status at that instant in Brussels.
test.each<[string, string, readonly [LocalDate, LocalDate][], TodayStatus]>([
  ['open now (Monday 10:00)', '2026-11-23T09:00:00Z', [], { kind: 'openNow', until: '12:00' }],
  ['open now, the second period of the day (Thursday 14:00)', '2026-11-26T13:00:00Z', [], { kind: 'openNow', until: '16:30' }],
  ['opens later today (Wednesday 10:00, open at 13:30)', '2026-11-18T09:00:00Z', [], { kind: 'opensLater', at: '13:30' }],
  ['opens later today, between two periods (Thursday 12:30)', '2026-11-26T11:30:00Z', [], { kind: 'opensLater', at: '13:30' }],
  ['closes at the closing time itself (Monday 12:00)', '2026-11-23T11:00:00Z', [], { kind: 'closedNow', next: { date: '2026-11-24', at: '09:00' } }],
  ['closed now, open tomorrow (Thursday 17:00)', '2026-11-26T16:00:00Z', [], { kind: 'closedNow', next: { date: '2026-11-27', at: '09:00' } }],
  ['closed now, open after the weekend (Friday 13:00)', '2026-11-27T12:00:00Z', [], { kind: 'closedNow', next: { date: '2026-11-30', at: '09:00' } }],
  ['closed today, no hours (Saturday)', '2026-11-28T10:00:00Z', [], { kind: 'closedToday', next: { date: '2026-11-30', at: '09:00' } }],
  [
    'public holiday: Armistice on a Wednesday, open tomorrow 09:00',
    '2026-11-11T09:00:00Z',
    [],
    { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'armistice' }, next: { date: '2026-11-12', at: '09:00' } },
  ],
  [
    'Christmas on a Friday: the next opening is Monday',
    '2026-12-25T08:00:00Z',
    [],
    { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'christmas' }, next: { date: '2026-12-28', at: '09:00' } },
  ],
  [
    'a closure of Monday and Tuesday: open again Wednesday 13:30',
    '2026-11-23T08:30:00Z',
    [['2026-11-23', '2026-11-24']],
    { kind: 'closedToday', closure: { kind: 'closure' }, next: { date: '2026-11-25', at: '13:30' } },
  ],
  ['a closure of another day changes nothing today', '2026-11-23T08:30:00Z', [['2026-11-24', '2026-11-24']], { kind: 'openNow', until: '12:00' }],
  // Daylight saving ends on Sunday 25 October 2026: 07:30 UTC on Monday is 08:30 in Brussels (not 09:30).
  ['DST ended: Monday 07:30 UTC is 08:30 in Brussels, opens at 09:00', '2026-10-26T07:30:00Z', [], { kind: 'opensLater', at: '09:00' }],
  ['DST ended: Monday 08:30 UTC is 09:30 in Brussels, open', '2026-10-26T08:30:00Z', [], { kind: 'openNow', until: '12:00' }],
  ['DST ended: the Sunday of the change, open tomorrow', '2026-10-25T10:00:00Z', [], { kind: 'closedToday', next: { date: '2026-10-26', at: '09:00' } }],
  // Daylight saving starts on Sunday 28 March 2027; Monday 29 March is Easter Monday.
  [
    'DST started and Easter Monday: closed, open tomorrow',
    '2027-03-29T07:30:00Z',
    [],
    { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'easter_monday' }, next: { date: '2027-03-30', at: '09:00' } },
  ],
  ['DST started: Tuesday 07:30 UTC is 09:30 in Brussels, open', '2027-03-30T07:30:00Z', [], { kind: 'openNow', until: '12:00' }],
  ['DST started: Tuesday 06:30 UTC is 08:30 in Brussels, opens at 09:00', '2027-03-30T06:30:00Z', [], { kind: 'opensLater', at: '09:00' }],
  ['no opening within four weeks: closed, no next opening', '2026-11-23T09:00:00Z', [['2026-11-23', '2027-01-31']], { kind: 'closedToday', closure: { kind: 'closure' } }],
])('%s', (_, instant, closures, expected) => {
  expect(OpeningWeek.at(CITY, closedOn(closures), new Date(instant)).today).toEqual(expected);
});

test('the week across the October daylight-saving change: seven consecutive days, the same local hours', () => {
  const week = OpeningWeek.at(CITY, closedOn(), new Date('2026-10-22T10:00:00Z'));
  expect(week.days.map((day) => day.date)).toEqual(['2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28']);
  expect(week.days.map((day) => day.periods.map((p) => `${p.opensAt}-${p.closesAt}`).join(' '))).toEqual([
    '09:00-12:00 13:30-16:30',
    '09:00-12:00',
    '',
    '',
    '09:00-12:00',
    '09:00-12:00',
    '13:30-16:30',
  ]);
});

test('the week with a public holiday and a closure: each closed day says why, days without hours say nothing', () => {
  const week = OpeningWeek.at(CITY, closedOn([['2026-11-13', '2026-11-13']]), new Date('2026-11-09T08:00:00Z'));
  const byDate = new Map(week.days.map((day) => [day.date, day]));
  expect(byDate.get('2026-11-11')).toEqual({ date: '2026-11-11', weekday: 3, periods: [], closure: { kind: 'holiday', holiday: 'armistice' } });
  expect(byDate.get('2026-11-13')).toEqual({ date: '2026-11-13', weekday: 5, periods: [], closure: { kind: 'closure' } });
  expect(byDate.get('2026-11-14')).toEqual({ date: '2026-11-14', weekday: 6, periods: [] });
  expect(byDate.get('2026-11-12')?.periods).toHaveLength(2);
});

test('a week of other length starts today in Brussels, also just after midnight local time (still the previous day in UTC)', () => {
  const justAfterMidnight = new Date('2026-11-22T23:30:00Z'); // Monday 23 November, 00:30 in Brussels
  const week = OpeningWeek.at(CITY, closedOn(), justAfterMidnight, 3);
  expect(week.days.map((day) => day.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  expect(week.today).toEqual({ kind: 'opensLater', at: '09:00' });
  expect(BrusselsTime.localDate(justAfterMidnight)).toBe('2026-11-23');
});
