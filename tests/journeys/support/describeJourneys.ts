import { JOURNEYS } from '../journeys';
import { KNOWN_FAILURES } from '../knownFailures';
import type { Journey } from './journey';
import { type JourneyServer, startJourneyServer } from './journeyServer';
import { knownFailureOf } from './knownFailure';
import { LanguageJudge } from './languageCheck';
import { journeyRuns, runName } from './matrix';
import { type JourneyResult, runJourney } from './runJourney';

/** Why a run failed: its goal, its budget and every broken rule, with the conversation. */
export function failureReport(result: JourneyResult, journey: Journey): string | undefined {
  const problems = [
    ...(result.goalHolds ? [] : [`goal not reached: ${journey.goal.description}`]),
    ...(result.turnsUsed > result.budget ? [`${result.turnsUsed} turns > budget ${result.budget}`] : []),
    ...result.violations,
  ];
  return problems.length === 0 ? undefined : `${problems.join('\n')}\n\nconversation:\n${result.transcript.join('\n')}`;
}

/**
 * The jest suite of one group of journeys against one real server: one test per run; runs listed in
 * `knownFailures.ts` are `test.failing`, so a fix tells us to remove their entry.
 */
export function describeJourneys(group: Journey['group']): void {
  describe(`journeys: ${group}`, () => {
    let server: JourneyServer;
    let judge: LanguageJudge;
    beforeAll(async () => {
      server = await startJourneyServer();
      judge = await LanguageJudge.load(server.app.db.prisma);
    }, 120_000);
    afterAll(() => server?.close());

    for (const run of journeyRuns(JOURNEYS.filter((j) => j.group === group))) {
      const known = knownFailureOf(KNOWN_FAILURES, run);
      const define = known ? test.failing : test;
      define(`${runName(run)}${known ? ` (known: ${known.reason})` : ''}`, async () => {
        const result = await runJourney(server, judge, run.journey, run.language, run.channel, run.mode);
        const report = failureReport(result, run.journey);
        if (report) throw new Error(report);
      });
    }
  });
}
