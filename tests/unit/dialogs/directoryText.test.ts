import { DirectoryText } from '../../../dialogs/directoryText';
import type { TodayStatus, OpeningDay } from '../../../services/directory/openingWeek';
import { strictI18n as i18n } from '../../support/conversation';
import type { Language } from '../../../i18n/translator';

// Today is Wednesday 11 November 2026 (Armistice) in these cases.
const TODAY = '2026-11-11';

test.each<[Language, TodayStatus, string]>([
  ['nl', { kind: 'openNow', until: '12:00' }, 'Nu open, tot 12:00.'],
  ['en', { kind: 'opensLater', at: '13:30' }, 'Closed now. Opens today at 13:30.'],
  ['nl', { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'armistice' }, next: { date: '2026-11-12', at: '09:00' } }, 'Vandaag gesloten (feestdag: Wapenstilstand). Morgen open vanaf 09:00.'],
  ['en', { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'armistice' }, next: { date: '2026-11-12', at: '09:00' } }, 'Closed today (public holiday: Armistice Day). Open tomorrow from 09:00.'],
  ['fr', { kind: 'closedToday', closure: { kind: 'closure' }, next: { date: '2026-11-13', at: '09:00' } }, "Fermé aujourd'hui (la digibank est fermée). De nouveau ouvert vendredi à partir de 09:00."],
  ['en', { kind: 'closedNow', next: { date: '2026-11-16', at: '09:00' } }, 'Closed now. Open again on Monday from 09:00.'],
  ['en', { kind: 'closedToday', next: { date: '2026-11-25', at: '09:00' } }, 'Closed today. Open again on Wednesday 25 November from 09:00.'],
  ['en', { kind: 'closedToday', closure: { kind: 'closure' } }, 'Closed today (the digibank is closed).'],
  ['nl-simple', { kind: 'closedToday', closure: { kind: 'holiday', holiday: 'armistice' }, next: { date: '2026-11-12', at: '09:00' } }, 'Vandaag dicht. Het is een feestdag: Wapenstilstand. Morgen open om 09:00.'],
])('in %s, %j → "%s"', (language, status, expected) => {
  expect(new DirectoryText(i18n, language).todayLine(status, TODAY)).toBe(expected);
});

const day = (date: string, weekday: number, periods: string[], closure?: OpeningDay['closure']): OpeningDay => ({
  date,
  weekday: weekday as OpeningDay['weekday'],
  periods: periods.map((p) => ({ opensAt: p.slice(0, 5), closesAt: p.slice(6) })),
  ...(closure ? { closure } : {}),
});

// Monday 9 to Sunday 15 November 2026: Wednesday is Armistice, Friday a closure.
const WEEK: OpeningDay[] = [
  day('2026-11-09', 1, ['09:00-12:00']),
  day('2026-11-10', 2, ['09:00-12:00']),
  day('2026-11-11', 3, [], { kind: 'holiday', holiday: 'armistice' }),
  day('2026-11-12', 4, ['09:00-12:00', '13:30-16:30']),
  day('2026-11-13', 5, [], { kind: 'closure' }),
  day('2026-11-14', 6, []),
  day('2026-11-15', 7, []),
];

test.each<[Language, boolean, string[]]>([
  ['en', false, ['Hours this week:', 'Monday and Tuesday 09:00-12:00', 'Wednesday closed (public holiday: Armistice Day)', 'Thursday 09:00-12:00 and 13:30-16:30', 'Friday closed']],
  ['nl', true, ['Uren deze week: maandag en dinsdag 09:00-12:00; woensdag gesloten (feestdag: Wapenstilstand); donderdag 09:00-12:00 en 13:30-16:30; vrijdag gesloten']],
])('the week in %s (compact: %s): closed days say why, days without hours are left out', (language, compact, expected) => {
  expect(new DirectoryText(i18n, language).weekLines(WEEK, compact)).toEqual(expected);
});

test('three days or more with the same hours are a range; a day without hours between them breaks it', () => {
  const text = new DirectoryText(i18n, 'fr');
  const days = [1, 2, 3, 4, 5].map((d) => day(`2026-11-${String(15 + d).padStart(2, '0')}`, d, ['10:00-18:00']));
  expect(text.weekLines(days, true)).toEqual(['Heures cette semaine : du lundi au vendredi 10:00-18:00']);
  expect(text.weekLines([days[0], days[2]], true)).toEqual(['Heures cette semaine : lundi 10:00-18:00; mercredi 10:00-18:00']);
});

test.each<[Language, string[], string]>([
  ['en', ['wifi', 'helpdesk', 'printing', 'computers'], 'help with digital questions, printing, free Wi-Fi, computers to use'],
  ['nl-simple', ['device_loan', 'training'], 'een laptop lenen, lessen'],
  ['fr', ['unknown_kind', 'repair'], 'réparation'],
])('what a place offers in %s, in a fixed order: %j', (language, kinds, expected) => {
  expect(new DirectoryText(i18n, language).services(kinds)).toBe(expected);
});
