/**
 * The journeys of "where and when are you open" (issue 19, directory): a town with a typo, a
 * postcode, a WhatsApp location pin (typed as a postcode where a channel has no pins), "open on
 * Saturday?", a place to print, booking from the answer, and another question asked halfway. Run in
 * nl, fr, en and the three simplified languages on WhatsApp (taps), SMS (numbers) and web chat.
 */
import type { Journey, Step, Words } from './support/journey';
import * as goals from './support/goals';

/** The citizen's words, per language. */
const D = {
  whenOpen: { nl: 'wanneer zijn jullie open', fr: 'vous êtes ouverts quand ?', en: 'when are you open', 'nl-simple': 'wanneer open?', 'fr-simple': 'ouvert quand ?', 'en-simple': 'when are you open?' },
  nearby: { nl: 'is er een digipunt in de buurt', fr: 'il y a un digipunt près de chez moi ?', en: 'is there a digibank near me', 'nl-simple': 'digipunt in de buurt?', 'fr-simple': 'digibank près de chez moi ?', 'en-simple': 'digibank near me?' },
  typoTown: { nl: 'Kortrik', fr: 'Courtray', en: 'Leuve', 'nl-simple': 'Leuve', 'fr-simple': 'Louvin', 'en-simple': 'Kortrik' },
  postcode: { nl: '2140', fr: '1080', en: '9050', 'nl-simple': '2140', 'fr-simple': '1080', 'en-simple': '9050' },
  saturday: { nl: 'is de digibank in Gent open op zaterdag?', fr: 'ouvert samedi à Gand ?', en: 'is the digibank in Ghent open on Saturday?', 'nl-simple': 'open op zaterdag in Gent?', 'fr-simple': 'ouvert samedi à Gand ?', 'en-simple': 'open on Saturday in Ghent?' },
  print: { nl: 'waar kan ik iets printen in Antwerpen', fr: 'où puis-je imprimer à Anvers ?', en: 'is there a digibank in Antwerp where I can print', 'nl-simple': 'printen in Antwerpen?', 'fr-simple': 'où imprimer à Anvers ?', 'en-simple': 'where can I print in Antwerp?' },
  town: { nl: 'waar is de digibank in Kortrijk', fr: 'où est la digibank à Courtrai ?', en: 'where is the digibank in Kortrijk', 'nl-simple': 'waar is de digibank in Kortrijk?', 'fr-simple': 'où est la digibank à Courtrai ?', 'en-simple': 'where is the digibank in Kortrijk?' },
  itsme: { nl: 'mijn itsme werkt ook niet', fr: 'mon itsme ne marche pas non plus', en: 'my itsme does not work either', 'nl-simple': 'itsme werkt niet', 'fr-simple': 'itsme ne marche pas', 'en-simple': 'itsme does not work' },
} as const satisfies Record<string, Words>;

/** A place's block was given: each ends with its map link (SMS has no title line). */
const FOUND = ['places.map'];
/** The WhatsApp pin: near Poperinge station (typed as its postcode where there are no pins). */
const PIN: Step = { pin: { latitude: 50.852, longitude: 2.73 }, orSay: '8970', note: 'shares a location' };

/** The directory journeys. */
export const DIRECTORY: readonly Journey[] = [
  {
    id: 'directory-typo-town', group: 'directory', description: '"when are you open?", then a town with a typo: the places, their hours, the offers',
    steps: [{ say: D.whenOpen }, { expect: ['places.askWhere'] }, { say: D.typoTown, note: 'town with a typo' }],
    goal: goals.all(goals.replied(FOUND), goals.replied(['places.week']), goals.offersChoices()), budget: 2,
  },
  {
    id: 'directory-postcode', group: 'directory', description: '"a digipunt nearby?", then a postcode: the access point, with its free-access hours',
    steps: [{ say: D.nearby }, { say: D.postcode, note: 'postcode' }],
    goal: goals.all(goals.replied(FOUND), goals.replied(['places.freeAccess'])), budget: 2,
  },
  {
    id: 'directory-pin', group: 'directory', description: '"a digibank near me?", then a WhatsApp location pin (a postcode elsewhere): the nearest places',
    steps: [{ say: D.nearby }, PIN],
    goal: goals.all(goals.replied(FOUND), goals.replied(['places.today.openNow', 'places.today.opensLater', 'places.today.closedNow', 'places.today.closedToday', 'places.today.holiday', 'places.today.closure'])), budget: 2,
  },
  {
    id: 'directory-saturday', group: 'directory', description: '"open on Saturday?" in a town: that day first, for each place',
    steps: [{ say: D.saturday }],
    goal: goals.all(goals.replied(FOUND), goals.replied(['places.askedDay.open', 'places.askedDay.closed', 'places.askedDay.holiday'])), budget: 1,
  },
  {
    id: 'directory-print', group: 'directory', description: '"where can I print?" in a town: only the places with a printer, with their free-access hours',
    // Where the triage is not sure ("où puis-je imprimer à Anvers ?"), it asks what it is about: the person taps "address and hours".
    steps: [{ say: D.print }, { tap: { key: 'triage.choices.location_hours' }, optional: true, note: 'if asked what it is about' }],
    goal: goals.all(goals.replied(FOUND), goals.replied(['places.freeAccess'])), budget: 2,
  },
  {
    id: 'directory-then-book', group: 'directory', description: 'where is the digibank, then book there from the answer: day, time, confirm',
    steps: [{ say: D.town }, { tap: { key: 'topics.choices.book' } }, { tap: { index: 0 }, note: 'day' }, { tap: { index: 0 }, note: 'time' }, { tap: { key: 'booking.choices.yes' } }],
    goal: goals.booked('helpdesk'), budget: 5,
  },
  {
    id: 'directory-halfway', group: 'directory', description: 'at "which place?" another question (itsme): answered, nothing lost',
    steps: [{ say: D.whenOpen }, { say: D.itsme, note: 'another question' }],
    goal: goals.replied(goals.helpOf('eid_itsme')), budget: 2,
  },
];
