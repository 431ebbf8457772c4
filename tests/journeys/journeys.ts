/**
 * The citizen journeys of issue 14 ("No citizen loses their request"), declared as data: what the
 * person writes in each language, which choice they tap (by meaning: a locale key, or by position),
 * the goal (a database fact or a reply) and a turn budget. Run by `tests/journeys/*.test.ts` and
 * `npm run journeys`.
 */
import type { Language } from '../../i18n/translator';
import type { Journey, Step, Words } from './support/journey';
import * as goals from './support/goals';
import { PHRASINGS } from './phrasings';
import { SELF_HELP } from './selfHelp';
import { OFFER } from './offer';
import { REPAIR } from './repair';
import { DIRECTORY } from './directory';

/** The citizen's words, per language. */
const W = {
  book: { nl: 'ik wil een afspraak maken', fr: 'je voudrais prendre un rendez-vous', en: 'I would like to book an appointment', 'nl-simple': 'afspraak maken', 'fr-simple': 'rendez-vous', 'en-simple': 'book a time' },
  town: { nl: 'Kortrijk', fr: 'Courtrai', en: 'Kortrijk', 'nl-simple': 'Kortrijk', 'fr-simple': 'Courtrai', 'en-simple': 'Kortrijk' },
  myAppointments: { nl: 'mijn afspraken', fr: 'mes rendez-vous', en: 'my appointments', 'nl-simple': 'mijn afspraak', 'fr-simple': 'mes rendez-vous', 'en-simple': 'my appointments' },
  homeVisit: { nl: 'kan er iemand bij mij thuis langskomen om te helpen?', fr: 'quelqu\'un peut venir chez moi pour m\'aider ?', en: 'can someone come to my home to help me?', 'nl-simple': 'kan iemand bij mij thuis komen?', 'fr-simple': 'quelqu\'un peut venir chez moi ?', 'en-simple': 'can someone come to my home?' },
  address: { nl: 'Kerkstraat 12', fr: 'Kerkstraat 12', en: 'Kerkstraat 12', 'nl-simple': 'Kerkstraat 12', 'fr-simple': 'Kerkstraat 12', 'en-simple': 'Kerkstraat 12' },
  loan: { nl: 'ik wil een laptop lenen', fr: 'je voudrais emprunter un ordinateur portable', en: 'I want to borrow a laptop', 'nl-simple': 'laptop lenen', 'fr-simple': 'emprunter un ordinateur', 'en-simple': 'borrow a laptop' },
  loanStatus: { nl: 'waar blijft mijn laptop?', fr: 'où en est ma demande d\'ordinateur ?', en: 'where is my laptop?', 'nl-simple': 'waar is mijn laptop?', 'fr-simple': 'où est mon ordinateur ?', 'en-simple': 'where is my laptop?' },
  donate: { nl: 'ik wil mijn oude laptop schenken', fr: 'je veux donner mon ancien ordinateur portable', en: 'I want to donate my old laptop', 'nl-simple': 'ik wil een laptop geven', 'fr-simple': 'je veux donner mon ordinateur', 'en-simple': 'I want to give my laptop' },
  itsme: { nl: 'mijn itsme werkt niet', fr: 'mon itsme ne marche pas', en: 'my itsme does not work', 'nl-simple': 'itsme werkt niet', 'fr-simple': 'itsme ne marche pas', 'en-simple': 'itsme does not work' },
  scam: { nl: 'ik kreeg een sms van mijn bank, ze vragen mijn code', fr: 'j\'ai reçu un sms de ma banque, ils demandent mon code', en: 'I got a text from my bank and they ask for my code', 'nl-simple': 'sms van de bank, ze vragen mijn code', 'fr-simple': 'sms de la banque, ils demandent mon code', 'en-simple': 'text from the bank, they ask my code' },
  person: { nl: 'ik wil met een mens praten', fr: 'je voudrais parler à une personne', en: 'I want to talk to a person', 'nl-simple': 'ik wil iemand spreken', 'fr-simple': 'je veux parler à quelqu\'un', 'en-simple': 'I want to talk to someone' },
  privacy: { nl: 'wat doen jullie met mijn gegevens?', fr: 'que faites-vous avec mes données ?', en: 'what do you do with my data?', 'nl-simple': 'wat doen jullie met mijn gegevens?', 'fr-simple': 'que faites-vous avec mes données ?', 'en-simple': 'what do you do with my data?' },
  forgetMe: { nl: 'verwijder mijn gegevens', fr: 'effacez mes données', en: 'delete my data', 'nl-simple': 'wis mijn gegevens', 'fr-simple': 'effacez mes données', 'en-simple': 'delete my data' },
  changeLanguage: { nl: 'ik wil een andere taal', fr: 'je veux changer de langue', en: 'I want to change the language', 'nl-simple': 'andere taal', 'fr-simple': 'autre langue', 'en-simple': 'other language' },
  yes: { nl: 'ja', fr: 'oui', en: 'yes', 'nl-simple': 'ja', 'fr-simple': 'oui', 'en-simple': 'yes' },
  back: { nl: 'terug', fr: 'retour', en: 'back', 'nl-simple': 'terug', 'fr-simple': 'retour', 'en-simple': 'back' },
  typedDay: { nl: 'dinsdag', fr: 'mardi', en: 'Tuesday', 'nl-simple': 'dinsdag', 'fr-simple': 'mardi', 'en-simple': 'Tuesday' },
  typedDate: { nl: 'liever woensdag 9 december', fr: 'plutôt mercredi 9 décembre', en: 'rather Wednesday 9 December', 'nl-simple': 'woensdag 9 december', 'fr-simple': 'mercredi 9 décembre', 'en-simple': 'Wednesday 9 December' },
  cancelWord: { nl: 'afzeggen', fr: 'annuler', en: 'cancel', 'nl-simple': 'afzeggen', 'fr-simple': 'annuler', 'en-simple': 'call it off' },
  hours: { nl: 'hoe laat zijn jullie open?', fr: 'vous êtes ouverts à quelle heure ?', en: 'what are your opening hours?', 'nl-simple': 'wanneer zijn jullie open?', 'fr-simple': 'vous êtes ouverts quand ?', 'en-simple': 'when are you open?' },
  bookInTown: { nl: 'Goeiendag, ik wil een afspraak in Kortrijk', fr: 'bonjour je voudrais un rendez-vous à Bruxelles', en: 'Hello, I would like an appointment in Kortrijk', 'nl-simple': 'Dag, afspraak in Kortrijk', 'fr-simple': 'bonjour, rendez-vous à Bruxelles', 'en-simple': 'Hello, appointment in Kortrijk' },
  neverMind: { nl: 'laat maar', fr: 'laisse tomber', en: 'never mind', 'nl-simple': 'laat maar', 'fr-simple': 'laisse tomber', 'en-simple': 'never mind' },
  saturday: { nl: 'zaterdag', fr: 'samedi', en: 'Saturday', 'nl-simple': 'zaterdag', 'fr-simple': 'samedi', 'en-simple': 'Saturday' },
  serviceName: { nl: 'wat is mijn burgerprofiel', fr: 'c\'est quoi mijn burgerprofiel', en: 'what is mijn burgerprofiel', 'nl-simple': 'wat is mijn burgerprofiel', 'fr-simple': 'c\'est quoi mijn burgerprofiel', 'en-simple': 'what is mijn burgerprofiel' },
  course: { nl: 'Les of workshop', fr: 'Cours ou atelier', en: 'Course or workshop', 'nl-simple': 'Een les volgen', 'fr-simple': 'Suivre un cours', 'en-simple': 'Take a course' },
  internetBanking: { nl: 'mijn internetbankieren is geblokkeerd', fr: 'ma banque en ligne est bloquée', en: 'my internet banking is blocked', 'nl-simple': 'mijn bank op internet is geblokkeerd', 'fr-simple': 'ma banque sur internet est bloquée', 'en-simple': 'my bank on the internet is blocked' },
  simpler: { nl: 'simpeler', fr: 'plus simple', en: 'simpler please', 'nl-simple': 'makkelijker', 'fr-simple': 'plus facile', 'en-simple': 'easier' },
  again: { nl: 'nog eens', fr: 'répète', en: 'again', 'nl-simple': 'nog een keer', 'fr-simple': 'répétez', 'en-simple': 'repeat' },
} as const satisfies Record<string, Words>;

/** "Simpler" goes to the simplified variant of the language (a simplified one stays). */
const SIMPLER: Readonly<Record<Language, Language>> = { nl: 'nl-simple', fr: 'fr-simple', en: 'en-simple', 'nl-simple': 'nl-simple', 'fr-simple': 'fr-simple', 'en-simple': 'en-simple' };

/** The language a language change goes to: Dutch speakers to English, the others to Dutch. */
const CHANGE_TO: Readonly<Record<Language, Language>> = { nl: 'en', fr: 'nl', en: 'nl', 'nl-simple': 'en', 'fr-simple': 'nl', 'en-simple': 'nl' };

/** Steps up to the booking's confirmation: ask, town, place, day, time. */
const toConfirmation: readonly Step[] = [{ say: W.book }, { say: W.town }, { tap: { title: /Kortrijk|Courtrai/ }, note: 'place' }, { tap: { index: 0 }, note: 'day' }, { tap: { index: 0 }, note: 'time' }];
/** A whole helpdesk booking, by taps. */
const bookByTaps: readonly Step[] = [...toConfirmation, { tap: { key: 'booking.choices.yes' } }];
/** Steps to a loan's final confirmation: ask, device, purpose, place, the digibank's questions. */
const toLoanConfirmation: readonly Step[] = [
  { say: W.loan }, { tap: { key: 'loan.choices.laptop' } }, { tap: { key: 'loan.choices.school' } }, { say: '8500' }, { tap: { index: 0 } },
  { tap: { key: 'loan.choices.yes' }, optional: true }, { tap: { key: 'loan.choices.yes' }, optional: true }, { tap: { key: 'loan.choices.yes' }, optional: true },
];
/** Steps of a home visit up to its address question. */
const homeVisitToAddress: readonly Step[] = [
  { say: W.homeVisit }, { tap: { key: 'booking.homeVisit.choices.mobility' } }, { say: '8500' }, { tap: { index: 0 }, note: 'day' }, { tap: { index: 0 }, note: 'time' },
];

/** Every journey. */
export const JOURNEYS: readonly Journey[] = [
  // ── booking ───────────────────────────────────────────────────────────────────────────
  { id: 'book-helpdesk', group: 'booking', description: 'book a helpdesk appointment: place, day, time, confirm', steps: bookByTaps, goal: goals.booked('helpdesk'), budget: 6 },
  {
    id: 'book-then-cancel', group: 'booking', description: 'book, then "my appointments", cancel it',
    steps: [...bookByTaps, { say: W.myAppointments }, { tap: { key: 'booking.manage.choices.cancel' } }, { tap: { key: 'booking.manage.choices.yes' } }],
    goal: goals.cancelled, budget: 10,
  },
  // Web chat keeps no one logged in: a person who comes back on a new page types the code and the
  // postcode their confirmation gave them (dialogs/ownershipProofDialog.ts).
  {
    id: 'return-cancel-with-code', group: 'booking', description: 'web chat: book, come back on a new page, "my appointments" asks the code; type the code and postcode of the confirmation, cancel',
    steps: [...bookByTaps, { remember: 'codeAndPostcode' }, { newPage: true }, { say: W.myAppointments }, { expect: ['proof.askCode.bookings'] }, { say: '{{reference}} {{postcode}}' }, { tap: { key: 'booking.manage.choices.cancel' } }, { tap: { key: 'booking.manage.choices.yes' } }],
    goal: goals.cancelled, budget: 10, channels: ['webchat'],
  },
  {
    id: 'return-move-with-code', group: 'booking', description: 'web chat: book, come back on a new page, "my appointments", the code, then the postcode, move it',
    steps: [...bookByTaps, { remember: 'codeAndPostcode' }, { remember: 'bookings' }, { newPage: true }, { say: W.myAppointments }, { say: '{{reference}}' }, { expect: ['proof.askSecret.bookings'] }, { say: '{{postcode}}' }, { tap: { key: 'booking.manage.choices.move' } }, { tap: { last: true }, note: 'a later day than the first free one' }, { tap: { index: 0 }, note: 'time' }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.moved, budget: 13, channels: ['webchat'], modes: ['chosen'],
  },
  {
    id: 'return-wrong-code', group: 'booking', description: 'web chat: after a booking, a new page: "my appointments" shows nothing of it without the code; three wrong codes bring the offer of a person',
    steps: [...bookByTaps, { newPage: true }, { say: W.myAppointments }, { say: '555-55G 1000' }, { expect: ['proof.wrong.bookings'] }, { say: '555-55G 1000' }, { say: '555-55G 1000' }, { expect: ['proof.wrongAgain.bookings'] }],
    goal: goals.all(goals.noBookingShownAfterReturn, goals.replied(['handoff.offer'])), budget: 10, channels: ['webchat'], modes: ['chosen'],
  },
  {
    id: 'book-then-move', group: 'booking', description: 'book, then "my appointments", move it to another time',
    steps: [...bookByTaps, { remember: 'bookings' }, { say: W.myAppointments }, { tap: { key: 'booking.manage.choices.move' } }, { tap: { last: true }, note: 'a later day than the first free one' }, { tap: { index: 0 }, note: 'time' }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.moved, budget: 11, modes: ['chosen'],
  },
  // ── services ──────────────────────────────────────────────────────────────────────────
  {
    id: 'home-visit', group: 'services', description: 'book a home visit: reason, postcode, day, time, address, confirm',
    steps: [...homeVisitToAddress, { say: W.address }, { tap: { key: 'booking.choices.yes' } }], goal: goals.booked('home_visit'), budget: 7,
  },
  {
    id: 'loan-then-status', group: 'services', description: 'request a laptop, then ask where it is',
    steps: [...toLoanConfirmation, { tap: { key: 'loan.choices.send' } }, { say: W.loanStatus }],
    goal: goals.all(goals.loanRequested, goals.replied(['loan.status.requested'])), budget: 10,
  },
  {
    id: 'donation', group: 'services', description: 'give an old laptop',
    steps: [{ say: W.donate }, { tap: { key: 'loan.choices.laptop' } }, { say: '8500' }, { tap: { index: 0 } }], goal: goals.donationOffered, budget: 4,
  },
  { id: 'digital-question', group: 'services', description: 'a digital question (itsme) gets its help text', steps: [{ say: W.itsme }], goal: goals.replied(goals.helpOf('eid_itsme')), budget: 1 },
  {
    id: 'scam', group: 'services', description: 'a scam in progress: safety advice first, then a person now, queued as urgent',
    steps: [{ say: W.scam }, { expect: ['topics.scam_security.urgent'] }, { tap: { key: 'topics.choices.personNow' } }], goal: goals.handoffOpen(true), budget: 2,
  },
  {
    id: 'person-then-new-question', group: 'services', description: 'ask for a person, stop waiting, ask a new question: it is answered',
    steps: [{ say: W.person }, { tap: { key: 'handoff.choices.stopWaiting' } }, { say: W.itsme }],
    goal: goals.all(goals.noOpenHandoff, goals.replied(goals.helpOf('eid_itsme'))), budget: 3,
  },
  {
    id: 'privacy-question', group: 'services', description: '"what do you do with my data?" gets information, not an erasure offer',
    steps: [{ say: W.privacy }], goal: goals.all(goals.answered(), goals.notReplied(['privacy.forgetMe.confirm', 'privacy.optOut.confirm']), goals.notOptedOut), budget: 1,
  },
  {
    id: 'forget-me', group: 'services', description: '"delete my data", confirmed: the last confirmation reaches the person, then everything is erased',
    steps: [{ say: W.forgetMe }, { expect: ['privacy.forgetMe.confirm'] }, { tap: { key: 'privacy.choices.forgetMe' } }],
    goal: goals.all(goals.replied(['privacy.forgetMe.done']), goals.erased), budget: 2,
  },
  {
    id: 'language-change', group: 'services', description: 'change the language; then a question is answered in the new one',
    steps: [{ say: W.changeLanguage }, { switchTo: CHANGE_TO }, { tap: { key: 'language.choices.name' }, note: 'the new language, by its name' }, { say: W.itsme }],
    goal: goals.replied(goals.helpOf('eid_itsme')), budget: 3, modes: ['chosen'],
  },
  // ── interruptions at every kind of prompt ─────────────────────────────────────────────
  {
    id: 'interrupt-place-loan-status', group: 'interruptions', description: 'at "which postcode or town?" ask where the laptop is: it is answered',
    steps: [{ say: W.book }, { say: W.loanStatus }], goal: goals.replied(goals.LOAN_STATUS_ANSWERS), budget: 2, modes: ['chosen'],
  },
  {
    id: 'interrupt-day-itsme', group: 'interruptions', description: 'at the day ask an itsme question: it is answered',
    steps: [{ say: W.book }, { say: W.town }, { tap: { index: 0 } }, { say: W.itsme }], goal: goals.replied(goals.helpOf('eid_itsme')), budget: 4, modes: ['chosen'],
  },
  {
    id: 'interrupt-time-question', group: 'interruptions', description: 'at the time ask about blocked internet banking: it is answered',
    steps: [{ say: W.book }, { say: W.town }, { tap: { index: 0 } }, { tap: { index: 0 } }, { say: W.internetBanking }], goal: goals.replied(goals.helpOf('banking')), budget: 5, modes: ['chosen'],
  },
  {
    id: 'time-typed-date', group: 'interruptions', description: 'at the time type another date: its times are offered and the booking is made',
    steps: [...toConfirmation.slice(0, 4), { say: W.typedDate }, { tap: { index: 0 } }, { tap: { key: 'booking.choices.yes' } }], goal: goals.booked('helpdesk'), budget: 7, modes: ['chosen'],
  },
  {
    id: 'day-typed-weekday', group: 'interruptions', description: 'at the day type a weekday: the booking is made',
    steps: [...toConfirmation.slice(0, 3), { say: W.typedDay }, { tap: { index: 0 } }, { tap: { key: 'booking.choices.yes' } }], goal: goals.booked('helpdesk'), budget: 6, modes: ['chosen'],
  },
  {
    id: 'simpler-halfway', group: 'interruptions', description: 'at the day say "simpler": the day is asked again in the simplified variant, and the booking goes on in it',
    steps: [...toConfirmation.slice(0, 3), { say: W.simpler }, { switchTo: SIMPLER }, { expect: ['booking.askDay'] }, { tap: { index: 0 }, note: 'day' }, { tap: { index: 0 }, note: 'time' }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.all(goals.booked('helpdesk'), goals.replied(['booking.confirmed'])), budget: 7,
  },
  {
    id: 'again-at-time', group: 'interruptions', description: 'at the time say "again": the time question comes back, and the booking is made',
    steps: [...toConfirmation.slice(0, 4), { say: W.again }, { expect: ['booking.askTime', 'booking.askNextTimes'] }, { tap: { index: 0 }, note: 'time' }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.booked('helpdesk'), budget: 7,
  },
  {
    id: 'confirm-yes-word', group: 'interruptions', description: 'at the booking\'s confirmation type "ja"/"oui"/"yes"',
    steps: [...toConfirmation, { say: W.yes }], goal: goals.booked('helpdesk'), budget: 6, modes: ['chosen'],
  },
  {
    id: 'confirm-ok-word', group: 'interruptions', description: 'at the booking\'s confirmation type "ok"',
    steps: [...toConfirmation, { say: 'ok' }], goal: goals.booked('helpdesk'), budget: 6, modes: ['chosen'],
  },
  {
    id: 'back-one-step', group: 'interruptions', description: '"terug"/"retour"/"back" at the time goes back to the day, not out of the booking',
    steps: [...toConfirmation.slice(0, 4), { say: W.back }, { expect: ['booking.askDay'] }, { tap: { index: 1 } }, { tap: { index: 0 } }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.booked('helpdesk'), budget: 8, modes: ['chosen'],
  },
  {
    id: 'home-visit-stale-tap', group: 'interruptions', description: 'at the home-visit address a stale tap of the time is not taken as the address',
    steps: [...homeVisitToAddress, { tapStale: { index: 0 }, offersBack: 1 }, { say: W.address }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.booked('home_visit', 'Kerkstraat'), budget: 8, modes: ['chosen'],
  },
  // ── the defects of issue 14, one journey each ─────────────────────────────────────────
  {
    id: 'guessed-booking-then-manage', group: 'defects', description: '#1 language guessed: tapped day keeps the language; then "my appointments" is understood',
    steps: [...bookByTaps, { say: W.myAppointments }], goal: goals.replied(['booking.manage.whatToDo', 'booking.manage.chooseBooking']), budget: 7, modes: ['guessed'],
  },
  {
    id: 'first-message-is-request', group: 'defects', description: '#2 a greeting with the request as first message: the request is not eaten by the language menu',
    steps: [{ say: W.bookInTown }], goal: goals.replied(['booking.placesFound', 'booking.askDay', 'booking.placesNearby', 'booking.placesSimilar'], 2), budget: 1, opening: 'none',
  },
  {
    id: 'loan-confirm-ja', group: 'defects', description: '#3 "ja" at "Ja, verstuur": the loan request is sent',
    steps: [...toLoanConfirmation, { say: W.yes }, { say: W.loanStatus }], goal: goals.all(goals.loanRequested, goals.replied(['loan.status.requested'])), budget: 10, modes: ['chosen'],
  },
  {
    id: 'cancel-confirm-ja', group: 'defects', description: '#3 "ja" at "Ja, afzeggen": the appointment is cancelled',
    steps: [...bookByTaps, { say: W.myAppointments }, { tap: { key: 'booking.manage.choices.cancel' } }, { say: W.yes }],
    goal: goals.cancelled, budget: 10, modes: ['chosen'],
  },
  {
    id: 'sms-cancel-word', group: 'defects', description: '#4 SMS: "cancel" at "what would you like to do?" cancels the appointment, it does not unsubscribe',
    steps: [...bookByTaps, { say: W.myAppointments }, { say: W.cancelWord }, { tap: { key: 'booking.manage.choices.yes' }, optional: true }],
    goal: goals.all(goals.notOptedOut, goals.cancelled), budget: 10, channels: ['sms'], modes: ['chosen'],
  },
  {
    id: 'sms-stop-mid-booking', group: 'defects', description: '#4 SMS: "stop" at the day step is answered and not a silent opt-out',
    steps: [...toConfirmation.slice(0, 3), { say: 'stop' }], goal: goals.all(goals.notOptedOut, goals.answered()), budget: 4, channels: ['sms'], modes: ['chosen'],
  },
  {
    id: 'sms-busy-afternoon', group: 'defects', description: '#5 SMS: an ordinary afternoon (booking, three questions, a loan, a status check) is answered to the end',
    steps: [...bookByTaps, { say: W.itsme }, { say: W.internetBanking }, { say: W.scam }, ...toLoanConfirmation, { tap: { key: 'loan.choices.send' } }, { say: W.loanStatus }, { say: W.myAppointments }],
    goal: goals.all(goals.loanRequested, goals.answered(2)), budget: 22, channels: ['sms'], modes: ['chosen'],
  },
  {
    id: 'place-prompt-back', group: 'defects', description: '#6 at "which postcode or town?" "terug"/"back" leaves the place question (no "cannot find a digibank there")',
    steps: [{ say: W.book }, { say: W.back }], goal: goals.all(goals.answered(), goals.notReplied(['booking.placeNotFound'])), budget: 2, modes: ['chosen'],
  },
  {
    id: 'my-appointments-phrase', group: 'defects', description: '#7 "mes rendez-vous" / "mijn afspraken" after a booking shows it and does not start a new booking',
    steps: [...bookByTaps, { say: W.myAppointments }], goal: goals.all(goals.replied(['booking.manage.whatToDo', 'booking.manage.chooseBooking']), goals.notReplied(['booking.askPlace'])), budget: 7, modes: ['chosen'],
  },
  {
    id: 'opening-hours', group: 'defects', description: '#8 "what are your opening hours?" is answered, not "not possible yet"',
    steps: [{ say: W.hours }], goal: goals.notReplied(['comingSoon.locationHours']), budget: 1, modes: ['chosen'],
  },
  {
    id: 'town-in-first-message', group: 'defects', description: '#8 a town in the request ("an appointment in Kortrijk") is not asked again',
    steps: [{ say: W.bookInTown }], goal: goals.all(goals.answered(), goals.notReplied(['booking.askPlace', 'booking.askPlaceWhatsApp'])), budget: 1, modes: ['chosen'],
  },
  {
    id: 'service-name-keeps-language', group: 'defects', description: '#1 a service name in another language ("what is mijn burgerprofiel") does not switch the language',
    steps: [{ say: W.serviceName }], goal: goals.answered(), budget: 1, modes: ['chosen'],
  },
  {
    id: 'never-mind-keeps-language', group: 'defects', description: '#2 "laat maar"/"never mind" in a booking does not bring back the language menu',
    steps: [{ say: W.book }, { say: W.neverMind }], goal: goals.all(goals.answered(), goals.noLanguageMenu()), budget: 2, modes: ['chosen'],
  },
  {
    id: 'workshop-offered', group: 'defects', description: '#8 #19 asking for a course ("Les of workshop") after the help is no dead end: the workshops (where?) follow',
    steps: [{ say: W.internetBanking }, { say: W.course }], goal: goals.all(goals.answered(), goals.notReplied(['comingSoon.training'])), budget: 2, modes: ['chosen'],
  },
  {
    id: 'closed-day-not-full', group: 'defects', description: '#8 a typed closed day (Saturday) is not called "full"',
    steps: [{ say: W.book }, { say: W.town }, { tap: { index: 0 } }, { say: W.saturday }], goal: goals.all(goals.answered(), goals.notReplied(['booking.dayFull'])), budget: 4, modes: ['chosen'],
  },
  {
    id: 'sms-places-numbered-once', group: 'defects', description: '#8 SMS: the list of places is numbered once',
    steps: [{ say: W.book }, { say: W.town }], goal: goals.numberedOnce(), budget: 2, channels: ['sms'], modes: ['chosen'],
  },
  // ── the same needs in other words ─────────────────────────────────────────────────────
  ...PHRASINGS,
  ...SELF_HELP,
  ...OFFER,
  ...REPAIR,
  ...DIRECTORY,
];
