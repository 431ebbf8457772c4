/**
 * The journeys of a digibank's offer beyond appointments (issue 19): workshops and courses —
 * find one near you, register (a seat or the waiting list), "my courses", give up the place.
 * Run in nl, fr, en and the three simplified languages on WhatsApp (taps), SMS (numbers) and web chat.
 */
import type { Journey, Step, Words } from './support/journey';
import * as goals from './support/goals';

/** The citizen's words, per language. */
const O = {
  seniors: { nl: 'zijn er lessen voor senioren', fr: "cours d'informatique pour seniors", en: 'learn to use my smartphone', 'nl-simple': 'ik wil les over mijn gsm', 'fr-simple': 'je veux un cours pour mon gsm', 'en-simple': 'i want a class for my phone' },
  town: { nl: 'Kortrijk', fr: 'Courtrai', en: 'Kortrijk', 'nl-simple': '8500', 'fr-simple': '8500', 'en-simple': 'Kortrijk' },
  mine: { nl: 'mijn cursussen', fr: 'mes cours', en: 'my courses', 'nl-simple': 'mijn lessen', 'fr-simple': 'mes cours', 'en-simple': 'my classes' },
} as const satisfies Record<string, Words>;

/** Ask for a course, say where, pick the first one, sign up. */
const register: readonly Step[] = [
  { say: O.seniors },
  { say: O.town, note: 'where' },
  { tap: { index: 0 }, note: 'the first workshop' },
  { tap: { key: 'workshops.choices.register' } },
];

/** The offer journeys. */
export const OFFER: readonly Journey[] = [
  { id: 'workshop-register', group: 'offer', description: 'a course for seniors: where, the first workshop, sign up (a seat or the waiting list)', steps: register, goal: goals.all(goals.workshopRegistered(), goals.replied(['workshops.registered', 'workshops.waiting'])), budget: 4 },
  {
    id: 'workshop-then-cancel', group: 'offer', description: 'sign up, then "my courses", give up the place',
    steps: [...register, { say: O.mine }, { tap: { index: 0 } }, { tap: { key: 'workshops.choices.cancel' } }, { tap: { key: 'workshops.choices.yesCancel' } }],
    goal: goals.all(goals.workshopCancelled, goals.replied(['workshops.mine.cancelled'])), budget: 8, modes: ['chosen'],
  },
  {
    id: 'workshop-other-course', group: 'offer', description: 'look at a workshop, choose "other course": the list comes back',
    steps: [...register.slice(0, 3), { tap: { key: 'workshops.choices.other' } }, { expect: ['workshops.found', 'workshops.foundOtherTopic'] }],
    goal: goals.answered(), budget: 4, modes: ['chosen'],
  },
  { id: 'workshop-mine-none', group: 'offer', description: '"my courses" without any: said plainly', steps: [{ say: O.mine }], goal: goals.replied(['workshops.mine.none']), budget: 1, modes: ['chosen'], channels: ['whatsapp', 'sms'] },
  // Web chat keeps no one logged in: "my courses" on a new page asks the code and postcode of the confirmation.
  {
    id: 'workshop-return-with-code', group: 'offer', description: 'web chat: sign up, come back on a new page, "my courses" asks the code; type the code and postcode, give up the place',
    steps: [...register, { remember: 'codeAndPostcode' }, { newPage: true }, { say: O.mine }, { expect: ['proof.askCode.workshops'] }, { say: '{{reference}} {{postcode}}' }, { tap: { index: 0 } }, { tap: { key: 'workshops.choices.cancel' } }, { tap: { key: 'workshops.choices.yesCancel' } }],
    goal: goals.all(goals.workshopCancelled, goals.replied(['workshops.mine.cancelled'])), budget: 10, channels: ['webchat'],
  },
  {
    id: 'workshop-return-wrong-code', group: 'offer', description: 'web chat: after signing up, a new page: "my courses" shows nothing without the code; wrong codes bring the offer of a person',
    steps: [...register, { newPage: true }, { say: O.mine }, { say: '555-55G 1000' }, { expect: ['proof.wrong.workshops'] }, { say: '555-55G 1000' }, { say: '555-55G 1000' }, { expect: ['proof.wrongAgain.workshops'] }],
    goal: goals.replied(['handoff.offer']), budget: 10, channels: ['webchat'], modes: ['chosen'],
  },
];
