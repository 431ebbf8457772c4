import { DateParser } from '../../../i18n/dateParser';

// Monday 23 November 2026, 10:00 in Brussels.
const MONDAY = new Date('2026-11-23T09:00:00Z');
// Tuesday 24 November 2026, 23:30 in Brussels (22:30 UTC): "tomorrow" is Wednesday.
const TUESDAY_LATE = new Date('2026-11-24T22:30:00Z');

describe('DateParser', () => {
  test.each([
    // Dutch
    ['vandaag', '2026-11-23'],
    ['morgen', '2026-11-24'],
    ['Morgen!', '2026-11-24'],
    ['overmorgen', '2026-11-25'],
    ['dinsdag', '2026-11-24'],
    ['volgende dinsdag', '2026-11-24'],
    ['maandag', '2026-11-23'],
    ['volgende maandag', '2026-11-30'],
    ['dinsdag volgende week', '2026-12-01'],
    ['volgende week', '2026-11-30'],
    ['la semaine prochaine', '2026-11-30'],
    ['next week', '2026-11-30'],
    ['kan ik vrijdagnamiddag komen', '2026-11-27'],
    ['12 maart', '2027-03-12'],
    ['op 1 december', '2026-12-01'],
    ['morgen om 10.30', '2026-11-24'],
    // French
    ['demain', '2026-11-24'],
    ['après-demain', '2026-11-25'],
    ['apres demain', '2026-11-25'],
    ["aujourd'hui", '2026-11-23'],
    ['mardi prochain', '2026-11-24'],
    ['mardi', '2026-11-24'],
    ['le 12 mars', '2027-03-12'],
    ['1er décembre', '2026-12-01'],
    ['jeudi 3 décembre', '2026-12-03'],
    // English
    ['tomorrow', '2026-11-24'],
    ['today', '2026-11-23'],
    ['the day after tomorrow', '2026-11-25'],
    ['next Tuesday', '2026-11-24'],
    ['Tuesday next week', '2026-12-01'],
    ['March 12', '2027-03-12'],
    ['Dec. 3rd', '2026-12-03'],
    ['12th of March', '2027-03-12'],
    // numbers, day first
    ['12/3', '2027-03-12'],
    ['12-03', '2027-03-12'],
    ['24.11', '2026-11-24'],
    ['23/11', '2026-11-23'],
    ['22/11', '2027-11-22'],
    ['5/1/27', '2027-01-05'],
    ['05/01/2027', '2027-01-05'],
    ['2027-01-05', '2027-01-05'],
    ['29/2', '2028-02-29'],
  ])('%s → %s (from Monday 23 November 2026)', (text, expected) => {
    expect(DateParser.parse(text, MONDAY)).toBe(expected);
  });

  test.each([['hallo'], [''], ['31/2'], ['32/1'], ['om 10.30'], ['ik wil een afspraak'], ['13/13']])('%s is no date', (text) => {
    expect(DateParser.parse(text, MONDAY)).toBeUndefined();
  });

  test('"today" is the Brussels day, not the UTC day', () => {
    expect(DateParser.parse('vandaag', TUESDAY_LATE)).toBe('2026-11-24');
    expect(DateParser.parse('morgen', TUESDAY_LATE)).toBe('2026-11-25');
    expect(DateParser.parse('dinsdag', TUESDAY_LATE)).toBe('2026-11-24');
    expect(DateParser.parse('next Tuesday', TUESDAY_LATE)).toBe('2026-12-01');
  });
});
