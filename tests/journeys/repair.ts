/**
 * The journeys of repairs (issue 19): a broken device — the few questions (what the first message
 * said is not asked again), a repair moment near the person, the code and what to bring; a loaned
 * device to the loans coordinator; "where is my repair"; answers typed instead of tapped; another
 * question asked halfway. Run in nl, fr, en and the three simplified languages on WhatsApp (taps),
 * SMS (numbers) and web chat.
 */
import type { Journey, Step, Words } from './support/journey';
import * as goals from './support/goals';

/** The citizen's words, per language. */
const R = {
  laptopWontStart: { nl: 'mijn laptop start niet meer', fr: 'mon ordinateur portable ne démarre plus', en: "my laptop won't start", 'nl-simple': 'laptop kapot', 'fr-simple': 'mon ordinateur est cassé', 'en-simple': 'my laptop is broken' },
  broken: { nl: 'mijn computer is kapot', fr: "l'écran de ma tablette est cassé", en: 'my phone fell in water', 'nl-simple': 'mijn gsm is kapot', 'fr-simple': 'ordinateur cassé', 'en-simple': 'my computer is broken' },
  /** A town of a demo digibank with a repair café, a different one per language (their moments have room for every run). */
  town: { nl: '8500', fr: 'Bruxelles', en: 'Leuven', 'nl-simple': '9000', 'fr-simple': '1000', 'en-simple': '2000' },
  lender: { nl: '8500', fr: '1000', en: '3000', 'nl-simple': '9000', 'fr-simple': '1000', 'en-simple': '2000' },
  /** A place without a repair café near. */
  farAway: { nl: '3700', fr: '3700', en: '3700', 'nl-simple': '3700', 'fr-simple': '3700', 'en-simple': '3700' },
  mine: { nl: 'waar is mijn herstelling', fr: 'où est ma réparation', en: 'where is my repair', 'nl-simple': 'mijn herstelling', 'fr-simple': 'ma réparation', 'en-simple': 'my repair' },
  someDays: { nl: 'enkele dagen', fr: 'quelques jours', en: 'a few days', 'nl-simple': 'een paar dagen', 'fr-simple': 'quelques jours', 'en-simple': 'some days' },
  no: { nl: 'nee', fr: 'non', en: 'no', 'nl-simple': 'nee', 'fr-simple': 'non', 'en-simple': 'no' },
  phone: { nl: 'mijn gsm', fr: 'mon téléphone', en: 'my phone', 'nl-simple': 'gsm', 'fr-simple': 'téléphone', 'en-simple': 'phone' },
  slow: { nl: 'hij is heel traag', fr: 'il est très lent', en: 'it is very slow', 'nl-simple': 'traag', 'fr-simple': 'lent', 'en-simple': 'slow' },
  loanStatus: { nl: 'waar blijft mijn laptop?', fr: "où en est ma demande d'ordinateur ?", en: 'where is my laptop?', 'nl-simple': 'waar is mijn laptop?', 'fr-simple': 'où est mon ordinateur ?', 'en-simple': 'where is my laptop?' },
  deviceBroken: { nl: 'mijn toestel is kapot', fr: 'mon appareil est cassé', en: 'my device is broken', 'nl-simple': 'mijn toestel is kapot', 'fr-simple': 'mon appareil est cassé', 'en-simple': 'my device is broken' },
} as const satisfies Record<string, Words>;

/** The questions the first message did not answer, by taps: device and problem only when asked. */
const questions = (loaned: 'loanedYes' | 'loanedNo'): Step[] => [
  { tap: { key: 'repair.choices.laptop' }, optional: true, note: 'device, when asked' },
  { tap: { key: 'repair.choices.wont_start' }, optional: true, note: 'problem, when asked' },
  { tap: { key: 'repair.choices.week' }, note: 'since' },
  { tap: { key: `repair.choices.${loaned}` } },
];

/** A broken laptop booked at the first repair moment near the person. */
const bookLaptop: readonly Step[] = [{ say: R.laptopWontStart }, ...questions('loanedNo'), { say: R.town, note: 'where' }, { tap: { index: 0 }, note: 'the first moment' }];

/** The repair journeys. */
export const REPAIR: readonly Journey[] = [
  {
    id: 'repair-laptop-booked', group: 'repair', description: 'a broken laptop: the questions not yet answered, where, the first repair moment: code, what to bring, what a repair café cannot do',
    steps: bookLaptop, goal: goals.all(goals.repairBooked, goals.replied(['repair.booked', 'repair.limits'])), budget: 7,
  },
  {
    id: 'repair-loaned-coordinator', group: 'repair', description: 'a loaned device: no repair café, the loans coordinator of the digibank that lent it gets the problem',
    steps: [{ say: R.broken }, ...questions('loanedYes'), { expect: ['repair.loaned.noLoanFound'] }, { say: R.lender, note: 'the lending digibank' }],
    goal: goals.all(goals.repairForCoordinator, goals.replied(['repair.loaned.toCoordinator'])), budget: 7,
  },
  {
    id: 'repair-then-status', group: 'repair', description: 'book a repair, then "where is my repair": its status',
    steps: [...bookLaptop, { say: R.mine }], goal: goals.all(goals.repairBooked, goals.replied(['repair.status.intro'])), budget: 8, modes: ['chosen'],
  },
  {
    id: 'repair-typed', group: 'repair', description: 'every answer typed instead of tapped: the device and problem in words, since when, "no", the moment\'s number',
    steps: [{ say: R.deviceBroken }, { say: R.phone, note: 'device' }, { say: R.slow, note: 'problem' }, { say: R.someDays }, { say: R.no }, { say: R.town }, { say: '1' }],
    goal: goals.all(goals.repairBooked, goals.replied(['repair.booked'])), budget: 7, modes: ['chosen'],
  },
  {
    id: 'repair-halfway-question', group: 'repair', description: 'at "since when?" ask where the laptop loan is: answered, then the repair goes on to a booking',
    steps: [{ say: R.laptopWontStart }, { tap: { key: 'repair.choices.laptop' }, optional: true }, { tap: { key: 'repair.choices.wont_start' }, optional: true }, { say: R.loanStatus }, { expect: ['loan.status.none', 'loan.status.intro', 'proof.askCode.loans'] }, { tap: { key: 'repair.choices.week' } }, { tap: { key: 'repair.choices.loanedNo' } }, { say: R.town }, { tap: { index: 0 } }],
    // Web chat answers "where is my laptop?" with a question of its own (the request's code), which the person would answer first.
    goal: goals.all(goals.repairBooked, goals.replied(['repair.booked'])), budget: 9, modes: ['chosen'], channels: ['whatsapp', 'sms'],
  },
  {
    id: 'repair-none-near', group: 'repair', description: 'no repair café near the person: said plainly, and a person is offered',
    steps: [{ say: R.laptopWontStart }, ...questions('loanedNo'), { say: R.farAway }], goal: goals.all(goals.replied(['repair.noneNear']), goals.offersChoices()), budget: 6, modes: ['chosen'],
  },
];
