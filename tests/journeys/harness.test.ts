import { translator } from '../../i18n/translator';
import { smsOptOutInvitations, whatsAppViolations } from './support/channelChecks';
import { numberedChoices, type OfferedChoice, type Reply } from './support/drivers';
import { knownFailureOf } from './support/knownFailure';
import { journeyRuns } from './support/matrix';
import { findChoice, repliesHold } from './support/runJourney';
import { JOURNEYS } from './journeys';
import { KNOWN_FAILURES } from './knownFailures';

const choice = (title: string, index: number, kind: OfferedChoice['kind'] = 'row'): OfferedChoice => ({ kind, title, index, id: title });
const reply = (text: string, choices: OfferedChoice[] = [], extra: Partial<Reply> = {}): Reply => ({ text, choices, ...extra });

describe('journey harness', () => {
  test('numbered lines: the last list that starts at 1 is the choice', () => {
    const text = 'You can go here:\n1. Digibank Kortrijk, 8500 Kortrijk\nChoose a place.\n1. 8500 Kortrijk\n2. Another place';
    expect(numberedChoices(text).map((c) => [c.index, c.title])).toEqual([[0, '8500 Kortrijk'], [1, 'Another place']]);
    expect(numberedChoices('no choices here')).toEqual([]);
  });

  test('a tap by meaning finds the title of the locale key in the language (nl-simple also in nl)', () => {
    const offered = [choice(translator.t('fr', 'booking.choices.otherTime'), 0), choice(translator.t('fr', 'booking.choices.yes'), 1)];
    expect(findChoice(offered, { key: 'booking.choices.yes' }, 'fr')?.index).toBe(1);
    expect(findChoice(offered, { key: 'booking.choices.yes' }, 'en')).toBeUndefined();
    expect(findChoice(offered, { index: 0 }, 'fr')?.index).toBe(0);
    expect(findChoice(offered, { last: true }, 'fr')?.index).toBe(1);
    expect(findChoice([choice('8500 Kortrijk', 0), choice('Autre endroit', 1)], { title: /Kortrijk/ }, 'fr')?.index).toBe(0);
    const dutch = [choice(translator.t('nl', 'handoff.choices.stopWaiting'), 0)];
    expect(findChoice(dutch, { key: 'handoff.choices.stopWaiting' }, 'nl-simple')?.index).toBe(0);
  });

  test('a reply holds a key when it holds its longest fixed part', () => {
    const text = translator.t('en', 'booking.askTime', { date: 'Monday 7 December' });
    expect(repliesHold([reply(text)], 'booking.askTime', 'en')).toBe(true);
    expect(repliesHold([reply(text)], 'booking.askTime', 'fr')).toBe(false);
  });

  test('SMS: a numbered answer or "type X" with a Twilio opt-out word is flagged', () => {
    expect(smsOptOutInvitations(reply('What now?', [choice('Cancel it', 0, 'numbered'), choice('Keep it', 1, 'numbered')]))).toHaveLength(1);
    expect(smsOptOutInvitations(reply('Type STOP to end the messages.'))).toHaveLength(1);
    expect(smsOptOutInvitations(reply('Type menu to start again.', [choice('Afzeggen', 0, 'numbered')]))).toEqual([]);
  });

  test('WhatsApp: limits and the list button in the person\'s language', () => {
    const rows = Array.from({ length: 11 }, (_, i) => choice(`row ${i}`, i));
    expect(whatsAppViolations(reply('x', rows, { whatsAppType: 'list', listButton: 'Kies' }), 'fr')).toEqual([
      'list rows 11 > 10',
      `list button "Kies" is not the fr label "${translator.t('fr', 'channels.listButton')}"`,
    ]);
    expect(whatsAppViolations(reply('x', [choice('a title longer than twenty', 0, 'button')], { whatsAppType: 'button' }), 'en')).toHaveLength(1);
  });

  test('every journey has a unique id, runs somewhere, and every known failure names a run', () => {
    const ids = JOURNEYS.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    const runs = journeyRuns(JOURNEYS);
    for (const journey of JOURNEYS) expect(runs.some((r) => r.journey === journey)).toBe(true);
    for (const failure of KNOWN_FAILURES) expect(runs.some((run) => knownFailureOf([failure], run))).toBe(true);
  });
});
