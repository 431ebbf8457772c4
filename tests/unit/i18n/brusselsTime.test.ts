import { BelgianHolidays } from '../../../i18n/belgianHolidays';
import { BrusselsTime } from '../../../i18n/brusselsTime';

describe('BrusselsTime', () => {
  test.each([
    // date, time, expected UTC instant
    ['2026-11-24', '09:00', '2026-11-24T08:00:00.000Z'], // winter, UTC+1
    ['2026-07-14', '09:00', '2026-07-14T07:00:00.000Z'], // summer, UTC+2
    ['2026-03-28', '09:00', '2026-03-28T08:00:00.000Z'], // Saturday before the March change
    ['2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'], // last Sunday of March: already summer time
    ['2026-03-30', '09:00', '2026-03-30T07:00:00.000Z'],
    ['2026-10-24', '09:00', '2026-10-24T07:00:00.000Z'], // Saturday before the October change
    ['2026-10-25', '09:00', '2026-10-25T08:00:00.000Z'], // last Sunday of October: winter time again
    ['2026-10-25', '00:30', '2026-10-24T22:30:00.000Z'], // before the change that night
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // happens twice: the first one
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // does not exist: moved forward (03:30 CEST)
    ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
  ])('%s %s in Brussels is %s', (date, time, expected) => {
    expect(BrusselsTime.toInstant(date, time).toISOString()).toBe(expected);
  });

  test.each([
    ['2026-03-29T00:59:00Z', '2026-03-29', '01:59', 60],
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00', 120],
    ['2026-10-25T00:59:00Z', '2026-10-25', '02:59', 120],
    ['2026-10-25T01:00:00Z', '2026-10-25', '02:00', 60],
    ['2026-11-23T23:30:00Z', '2026-11-24', '00:30', 60],
  ])('the instant %s reads %s %s (UTC+%i minutes)', (iso, date, time, offset) => {
    const instant = new Date(iso);
    expect(BrusselsTime.localDate(instant)).toBe(date);
    expect(BrusselsTime.localTime(instant)).toBe(time);
    expect(BrusselsTime.offsetMinutes(instant)).toBe(offset);
  });

  test('every wall-clock hour of a year round-trips, except the missing March hour', () => {
    for (let date = '2026-01-01'; date <= '2026-12-31'; date = BrusselsTime.addDays(date, 1)) {
      for (let hour = 0; hour < 24; hour += 1) {
        const time = BrusselsTime.timeOf(hour * 60 + 15);
        const instant = BrusselsTime.toInstant(date, time);
        if (date === '2026-03-29' && hour === 2) continue;
        expect([BrusselsTime.localDate(instant), BrusselsTime.localTime(instant)]).toEqual([date, time]);
      }
    }
  });

  test('day arithmetic crosses months, years and leap days', () => {
    expect(BrusselsTime.addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(BrusselsTime.addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(BrusselsTime.addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(BrusselsTime.daysBetween('2026-11-23', '2026-12-14')).toBe(21);
    expect(BrusselsTime.weekday('2026-11-23')).toBe(1);
    expect(BrusselsTime.weekday('2026-11-29')).toBe(7);
    expect(BrusselsTime.isValidDate(2026, 2, 29)).toBe(false);
    expect(BrusselsTime.isValidDate(2028, 2, 29)).toBe(true);
  });

  test('a day in Brussels lasts 23 hours in March and 25 in October', () => {
    const hours = (date: string) => (BrusselsTime.startOfDay(BrusselsTime.addDays(date, 1)).getTime() - BrusselsTime.startOfDay(date).getTime()) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-11-23')).toBe(24);
  });

  test('malformed dates and times are refused', () => {
    expect(() => BrusselsTime.toInstant('23/11/2026')).toThrow(RangeError);
    expect(() => BrusselsTime.minutesOf('9:00')).toThrow(RangeError);
  });
});

describe('BelgianHolidays', () => {
  test.each([
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
  ])('Easter %i is on %s', (year, easter) => {
    expect(BelgianHolidays.easterSunday(year)).toBe(easter);
  });

  test('2027 has the ten legal holidays, movable ones from Easter', () => {
    expect(BelgianHolidays.forYear(2027).map((h) => `${h.date} ${h.key}`)).toEqual([
      '2027-01-01 new_year',
      '2027-03-29 easter_monday',
      '2027-05-01 labour_day',
      '2027-05-06 ascension',
      '2027-05-17 whit_monday',
      '2027-07-21 national_day',
      '2027-08-15 assumption',
      '2027-11-01 all_saints',
      '2027-11-11 armistice',
      '2027-12-25 christmas',
    ]);
    expect(BelgianHolidays.on('2026-12-25')?.key).toBe('christmas');
    expect(BelgianHolidays.on('2026-12-24')).toBeUndefined();
  });
});
