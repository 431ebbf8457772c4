import { Language, LANGUAGES } from '../../../i18n/translator';
import { Triage, type Intent } from '../../../triage/triage';
import { triageLanguageOf } from '../../../dialogs/understanding';
import { strictI18n } from '../../support/conversation';

let triage: Triage;
beforeAll(async () => {
  triage = await Triage.load();
}, 120_000);

/**
 * Texts in which the bot tells the person what to type, and what that typed phrase must be
 * understood as. The phrase is read from the locale of each language, so a reworded text is
 * checked as it is, in every language.
 */
const TOLD_TO_TYPE: readonly [key: string, intent: Intent][] = [
  ['booking.overlap', 'manage_booking'],
  ['booking.overlapUnknown', 'manage_booking'],
  ['booking.homeVisit.overlap', 'manage_booking'],
  ['loan.status.none', 'loan_device'],
  ['loan.notify.pickedUp', 'loan_status'],
];

/** The last phrase quoted in a text ('…', «…», "…", ‘…’): what the person is told to type. */
function quotedPhrase(text: string): string | undefined {
  const quotes = [...text.matchAll(/'([^']+)'|«\s*([^»]+?)\s*»|"([^"]+)"|‘([^’]+)’/g)];
  const last = quotes.at(-1);
  return last ? (last[1] ?? last[2] ?? last[3] ?? last[4]) : undefined;
}

const cases = TOLD_TO_TYPE.flatMap(([key, intent]) => LANGUAGES.map((language) => [language, key, intent] as [Language, string, Intent]));

test.each(cases)('%s: what %s tells the person to type is understood as %s', (language, key, intent) => {
  const phrase = quotedPhrase(strictI18n.t(language, key, { date: 'x', time: 'y', reference: 'z' }));
  expect(phrase).toBeDefined();
  for (const remembered of [triageLanguageOf(language), undefined]) {
    const result = triage.classify(phrase as string, remembered ? { rememberedLanguage: remembered } : {});
    expect({ phrase, intent: result.intent }).toEqual({ phrase, intent });
  }
});

/** Ways people ask about the appointment they have (list it, cancel, move, late, cannot come), in each language. */
const MANAGE: readonly string[] = [
  // nl
  'mijn afspraken',
  'mijn afspraken bekijken aub',
  'ik kan morgen niet komen',
  'kzal wa later zijn',
  'mijn dochter is ziek, ik kom niet',
  'afspraak afzeggen',
  // fr
  'mes rendez-vous',
  'mes prochains rendez-vous',
  'annuler mon rendez-vous',
  'je serai en retard de 10 minutes',
  'mon petit est malade, je viendrai pas',
  'je sais pas venir à mon rdv',
  // en
  'my appointments',
  'running late',
  "can't come today, child sick",
  "i'll be 10 min late",
  'show me my bookings',
  'cancel my appointment please',
];

test.each(MANAGE)('"%s" is about an existing appointment (manage_booking)', (text) => {
  expect(triage.classify(text).intent).toBe('manage_booking');
});

/** A new appointment, with or without a town: never the management of an existing one. */
const BOOK: readonly string[] = [
  'een afspraak in Kortrijk',
  'ik wil een afspraak maken',
  'kan ik een afspraak krijgen in Brussel',
  'rendez-vous à Bruxelles',
  'je voudrais un rendez-vous à Anvers',
  'je voudrais un rendez-vous',
  'appointment in Leuven',
  'i would like an appointment in Ghent',
];

test.each(BOOK)('"%s" asks for a new appointment (book_helpdesk)', (text) => {
  expect(triage.classify(text).intent).toBe('book_helpdesk');
});
