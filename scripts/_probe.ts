process.env.LOG_LEVEL ??= 'silent';
import * as goals from '../tests/journeys/support/goals';
import type { Journey, Step } from '../tests/journeys/support/journey';
import { startJourneyServer } from '../tests/journeys/support/journeyServer';
import { LanguageJudge } from '../tests/journeys/support/languageCheck';
import { runJourney } from '../tests/journeys/support/runJourney';
import { failureReport } from '../tests/journeys/support/describeJourneys';

const w = (nl: string, fr: string, en: string, simple = nl) => ({ nl, fr, en, 'nl-simple': simple });
const book = w('kan ik een afspraak krijgen', 'je voudrais prendre rendez-vous', 'can I get an appointment please', 'afspraak maken');
const town = w('8500', '8500', '8500');
const toConfirm: Step[] = [{ say: book }, { say: town }, { tap: { index: 0 } }, { tap: { index: 0 } }, { tap: { index: 0 } }];
const probes: Journey[] = [
  { id: 'yes-variants', group: 'defects', description: '', steps: [...toConfirm, { say: w('ja hoor', "c'est bon", 'yep', 'jawel') }], goal: goals.booked('helpdesk'), budget: 6 },
  { id: 'yes-emoji', group: 'defects', description: '', steps: [...toConfirm, { say: w('👍', '👍', '👍') }], goal: goals.booked('helpdesk'), budget: 6 },
  { id: 'other-at-time', group: 'defects', description: '', steps: [{ say: book }, { say: town }, { tap: { index: 0 } }, { tap: { index: 0 } }, { say: w('kan ik ook een tablet lenen', 'je peux emprunter une tablette', 'can I also borrow a tablet') }], goal: goals.all(goals.answered(), goals.notReplied(['booking.notUnderstood'])), budget: 5 },
  { id: 'back-variants', group: 'defects', description: '', steps: [{ say: book }, { say: town }, { tap: { index: 0 } }, { tap: { index: 0 } }, { say: w('vorige', 'précédent', 'go back') }], goal: goals.replied(['booking.askDay']), budget: 5 },
  { id: 'typed-day', group: 'defects', description: '', steps: [{ say: book }, { say: town }, { tap: { index: 0 } }, { say: w('dinsdag', 'mardi', 'tuesday') }], goal: goals.all(goals.answered(), goals.notReplied(['booking.notUnderstood'])), budget: 4 },
  { id: 'greet-ask', group: 'defects', description: '', steps: [{ say: w('goedemorgen, ik heb een probleem met mijn itsme', "Bonsoir, j'ai besoin d'aide pour itsme", 'good morning, I need help with itsme') }], goal: goals.replied(['topics.eid_itsme.help']), budget: 1, modes: ['chosen'] },
  { id: 'my-booking', group: 'defects', description: '', steps: [...toConfirm, { tap: { index: 0 } }, { say: w('mijn afspraak', 'mon rdv', 'my booking') }], goal: goals.replied(['booking.manage.whatToDo', 'booking.manage.chooseBooking']), budget: 7 },
  { id: 'number-word', group: 'defects', description: '', steps: [{ say: book }, { say: town }, { say: w('de eerste', 'le premier', 'the first one') }, { say: w('twee', 'deux', 'two') }], goal: goals.replied(['booking.askTime']), budget: 4 },
];
(async () => {
  const server = await startJourneyServer();
  const judge = await LanguageJudge.load(server.app.db.prisma);
  for (const journey of probes.filter((p) => !process.env.ONLY || p.id === process.env.ONLY)) for (const language of (process.env.LANGS ?? 'nl,fr,en,nl-simple').split(',') as ('nl')[]) for (const channel of (process.env.CHANNELS ?? 'whatsapp,sms,webchat').split(',') as ('sms')[]) {
    const mode = journey.modes?.[0] ?? 'chosen';
    const result = await runJourney(server, judge, journey, language, channel, mode);
    const report = failureReport(result, journey);
    if (report) console.log(`${journey.id} ${language} ${channel}: ${report.split('\n').slice(0, 2).join(' | ')}\n${process.env.T ? report : ''}`);
    else process.stdout.write('.');
  }
  console.log();
  await server.close();
})();
