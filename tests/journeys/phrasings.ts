/**
 * The journeys again with other phrasings (tests/journeys/journeys.ts holds the first ones): the
 * classes of input of `shared/citizen-voices.md` — yes words, number words, Flemish and Brussels
 * forms, dictated service names, mixed languages, greetings, questions asked halfway. They guard the
 * mechanisms, not one sentence.
 */
import type { Journey, Step, Words } from './support/journey';
import * as goals from './support/goals';

/** Other words for the same things. */
const V = {
  book: { nl: 'kzou graag nen afspraak maken', fr: 'je veux un rdv svp', en: 'can i make an appointment please', 'nl-simple': 'afspraak', 'fr-simple': 'je veux un rendez-vous', 'en-simple': 'i need a time to come' },
  bookMixed: { nl: 'hallo, kan ik een afspraak maken', fr: 'salut, je voudrais prendre rendez vous', en: 'hi there, i need an appointment', 'nl-simple': 'dag afspraak maken', 'fr-simple': 'bonjour, je veux un rendez-vous', 'en-simple': 'hi, appointment please' },
  town: { nl: '8 500', fr: '8500 Kortrijk', en: 'kortrijk', 'nl-simple': '8500', 'fr-simple': '8500', 'en-simple': '8500' },
  yes: { nl: 'ja hoor', fr: "d'accord", en: 'yes please', 'nl-simple': 'jaa', 'fr-simple': 'oui', 'en-simple': 'ok' },
  yesEmoji: '👍',
  first: { nl: 'de eerste', fr: 'le premier', en: 'the first one', 'nl-simple': 'nummer 1', 'fr-simple': 'numéro 1', 'en-simple': 'number 1' },
  itsme: { nl: 'kheb een probleem me it\'s me', fr: 'mon it s me marche plus', en: 'its me app not working', 'nl-simple': 'mijn it s me doet het niet', 'fr-simple': 'mon it s me marche pas', 'en-simple': 'my it s me does not work' },
  person: { nl: 'kan ik ook iemand spreken', fr: 'je peux parler avec quelqu\'un', en: 'can i speak to someone', 'nl-simple': 'mens spreken', 'fr-simple': 'parler à quelqu\'un', 'en-simple': 'talk to someone' },
  loanStatus: { nl: 'waar is mijn laptop nu', fr: 'il est où mon ordinateur', en: 'any news about my laptop', 'nl-simple': 'waar laptop', 'fr-simple': 'où est mon pc', 'en-simple': 'where laptop' },
  loan: { nl: 'kan ik ne laptop lenen', fr: 'je peux emprunter un pc portable', en: 'can i borrow a laptop', 'nl-simple': 'laptop nodig', 'fr-simple': 'besoin d\'un ordinateur', 'en-simple': 'need a laptop' },
  back: { nl: 'vorige', fr: 'retour svp', en: 'go back', 'nl-simple': 'terug', 'fr-simple': 'retour', 'en-simple': 'back' },
  mixedGreeting: { nl: 'bonjour, ik heb een probleem met itsme', fr: 'hallo, mon itsme ne marche pas', en: 'hallo, my itsme is not working', 'nl-simple': 'hello, itsme werkt niet', 'fr-simple': 'hallo, itsme ne marche pas', 'en-simple': 'hallo, itsme does not work' },
  no: { nl: 'nee dank u', fr: 'non merci', en: 'no thanks', 'nl-simple': 'nee', 'fr-simple': 'non', 'en-simple': 'no' },
  cannotCome: { nl: 'ik kan niet komen, mijn kind is ziek', fr: 'je ne peux pas venir, mon enfant est malade', en: 'i cannot come, my child is sick', 'nl-simple': 'ik kan niet komen', 'fr-simple': 'je ne peux pas venir', 'en-simple': 'i cannot come to my appointment' },
  scamCall: { nl: 'er belt iemand van de bank en hij vraagt de codes van mijn kaartlezer', fr: 'quelqu\'un de la banque m\'appelle et demande les codes de mon lecteur de carte', en: 'someone from the bank is calling me and asks for my card reader codes', 'nl-simple': 'de bank belt en vraagt mijn codes', 'fr-simple': 'la banque appelle et veut mes codes', 'en-simple': 'the bank calls and wants my codes' },
  anyoneThere: { nl: 'hallo? is daar iemand?', fr: 'allo ? il y a quelqu\'un ?', en: 'hello? is anyone there?', 'nl-simple': 'hallo? iemand daar?', 'fr-simple': 'allo ? quelqu\'un ?', 'en-simple': 'hello? anyone there?' },
  taxQuestion: { nl: 'hoe doe ik mijn belastingen op tax on web', fr: 'comment remplir ma déclaration sur tax on web', en: 'how do i do my taxes on tax on web', 'nl-simple': 'hulp belastingen', 'fr-simple': 'aide pour les impôts', 'en-simple': 'help with taxes' },
} as const satisfies Record<string, Words>;

/** Where the triage is not sure, it asks what was meant: the person taps "my loan". */
const clarified: Step = { tap: { key: 'triage.choices.loan_status' }, optional: true, note: 'the triage asks what was meant' };

/** Where the triage is not sure, it asks what was meant: the person taps "my appointment". */
const clarifiedManage: Step = { tap: { key: 'triage.choices.manage_booking' }, optional: true, note: 'the triage asks what was meant' };

/** Steps up to the booking's confirmation, in other words; the day and time by number words. */
const toConfirmation: readonly Step[] = [{ say: V.book }, { say: V.town }, { tap: { title: /Kortrijk|Courtrai/ }, note: 'place' }, { say: V.first, note: 'day' }, { say: V.first, note: 'time' }];

/** The phrasings journeys. */
export const PHRASINGS: readonly Journey[] = [
  { id: 'p-book-words', group: 'phrasings', description: 'book with other words: Flemish, "8 500", number words, "ja hoor"', steps: [...toConfirmation, { say: V.yes }], goal: goals.booked('helpdesk'), budget: 6 },
  { id: 'p-book-emoji', group: 'phrasings', description: 'a thumbs-up confirms the booking', steps: [...toConfirmation, { say: V.yesEmoji }], goal: goals.booked('helpdesk'), budget: 6, modes: ['chosen'] },
  { id: 'p-greeting-and-request', group: 'phrasings', description: 'a greeting and a request in one message: the request goes on', steps: [{ say: V.bookMixed }], goal: goals.replied(['booking.askPlace', 'booking.askPlaceWhatsApp', 'booking.placesFound', 'booking.placesNearby']), budget: 1, opening: 'none' },
  { id: 'p-dictated-service', group: 'phrasings', description: 'a dictated service name ("it\'s me") gets the itsme help', steps: [{ say: V.itsme }], goal: goals.replied(goals.helpOf('eid_itsme')), budget: 1 },
  { id: 'p-tax-question', group: 'phrasings', description: 'a tax question gets the tax help', steps: [{ say: V.taxQuestion }], goal: goals.answered(), budget: 1 },
  { id: 'p-person-at-confirmation', group: 'phrasings', description: 'at the confirmation ask for a person: a person is offered or queued', steps: [...toConfirmation, { say: V.person }], goal: goals.all(goals.answered(), goals.notReplied(['booking.notUnderstood'])), budget: 6, modes: ['chosen'] },
  { id: 'p-question-at-address', group: 'phrasings', description: 'at the home-visit address ask where the laptop is: it is answered', steps: [{ say: { nl: 'kan er iemand bij mij thuis komen', fr: 'vous pouvez venir à la maison ?', en: 'can you come to my house', 'nl-simple': 'hulp thuis', 'fr-simple': 'aide à la maison', 'en-simple': 'help at home' } }, { tap: { key: 'booking.homeVisit.choices.mobility' } }, { say: '8500' }, { tap: { index: 0 } }, { tap: { index: 0 } }, { say: V.loanStatus }, clarified], goal: goals.replied(goals.LOAN_STATUS_ANSWERS), budget: 7, modes: ['chosen'] },
  { id: 'p-loan-status-at-day', group: 'phrasings', description: 'at the day ask where the laptop is: answered', steps: [{ say: V.book }, { say: V.town }, { tap: { index: 0 } }, { say: V.loanStatus }, clarified], goal: goals.replied(goals.LOAN_STATUS_ANSWERS), budget: 5, modes: ['chosen'] },
  { id: 'p-loan-words', group: 'phrasings', description: 'a loan asked in other words starts the loan', steps: [{ say: V.loan }], goal: goals.offersChoices(), budget: 1 },
  { id: 'p-back-word', group: 'phrasings', description: '"vorige"/"go back" at the time goes back to the day', steps: [...toConfirmation.slice(0, 4), { say: V.back }, { expect: ['booking.askDay'] }], goal: goals.answered(), budget: 5, modes: ['chosen'] },
  { id: 'p-mixed-greeting', group: 'phrasings', description: 'a greeting in another language before the request: answered in the request\'s language', steps: [{ say: V.mixedGreeting }], goal: goals.replied(goals.helpOf('eid_itsme')), budget: 1, opening: 'none' },
  { id: 'p-no-at-confirmation', group: 'phrasings', description: '"nee dank u"/"non merci" at the confirmation books nothing and is answered', steps: [...toConfirmation, { say: V.no }], goal: goals.all(goals.answered(), goals.notReplied(['booking.confirmed', 'booking.notUnderstood'])), budget: 6, modes: ['chosen'] },
  { id: 'p-cannot-come', group: 'phrasings', description: 'after booking, "I cannot come, my child is sick" leads to managing the appointment', steps: [...toConfirmation, { say: V.yes }, { say: V.cannotCome }, clarifiedManage], goal: goals.replied(['booking.manage.whatToDo', 'booking.manage.chooseBooking', 'booking.manage.confirmCancel']), budget: 8, modes: ['chosen'] },
  { id: 'p-scam-call', group: 'phrasings', description: 'a scam told in other words is urgent: safety advice first', steps: [{ say: V.scamCall }], goal: goals.replied(['topics.scam_security.urgent']), budget: 1 },
  { id: 'p-waiting-asks-again', group: 'phrasings', description: 'while waiting for a person, "is anyone there?" keeps the place in the line', steps: [{ say: V.person }, { say: V.anyoneThere }], goal: goals.all(goals.handoffOpen(), goals.answered()), budget: 2, modes: ['chosen'] },
];
