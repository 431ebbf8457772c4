/**
 * `npm run journeys`: runs every citizen journey (tests/journeys/journeys.ts) against one real
 * in-process server, as the jest journeys do, and prints a matrix: journey × language × channel ×
 * mode — reached, turns used (of the budget), SMS segments and SMS cost, rule violations.
 *
 *   npm run journeys                         all runs
 *   JOURNEYS_FILTER=book npm run journeys    runs whose name matches the regular expression
 *   SMS_UNIT_PRICE_EUR=0.08 npm run journeys price of one SMS segment (default 0.075)
 *   npm run journeys -- --why                also print the problems of each failed run
 *   npm run journeys -- --transcript         and its conversation
 *   npm run journeys -- --known              print knownFailures.ts entries for today's failures (first problem as reason)
 */
process.env.LOG_LEVEL ??= 'silent';

import { JOURNEYS } from '../tests/journeys/journeys';
import { KNOWN_FAILURES } from '../tests/journeys/knownFailures';
import { failureReport } from '../tests/journeys/support/describeJourneys';
import { startJourneyServer } from '../tests/journeys/support/journeyServer';
import { knownFailureOf } from '../tests/journeys/support/knownFailure';
import { LanguageJudge } from '../tests/journeys/support/languageCheck';
import { type JourneyRun, journeyRuns, runName } from '../tests/journeys/support/matrix';
import { runJourney } from '../tests/journeys/support/runJourney';

const UNIT_PRICE = Number(process.env.SMS_UNIT_PRICE_EUR ?? '0.075');

/** One line of the matrix. */
function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
}

/**
 * knownFailures.ts entries for the failed runs, as few as hold: one per journey when all its runs
 * failed, else per mode, else per mode and channel, else per run.
 */
function knownEntries(runs: readonly JourneyRun[], failures: readonly { run: JourneyRun; reason: string }[]): string[] {
  const failed = new Map(failures.map((f) => [runName(f.run), f.reason]));
  const entries: string[] = [];
  const covered = new Set<string>();
  const levels: ((r: JourneyRun) => string)[] = [
    (r) => r.journey.id,
    (r) => `${r.journey.id}|${r.mode}`,
    (r) => `${r.journey.id}|${r.mode}|${r.channel}`,
    (r) => runName(r),
  ];
  const fields = [
    (_r: JourneyRun) => '',
    (r: JourneyRun) => `, mode: '${r.mode}'`,
    (r: JourneyRun) => `, mode: '${r.mode}', channel: '${r.channel}'`,
    (r: JourneyRun) => `, mode: '${r.mode}', channel: '${r.channel}', language: '${r.language}'`,
  ];
  levels.forEach((level, depth) => {
    const groups = new Map<string, JourneyRun[]>();
    for (const run of runs) groups.set(level(run), [...(groups.get(level(run)) ?? []), run]);
    for (const group of groups.values()) {
      const names = group.map(runName);
      if (names.some((n) => covered.has(n)) || !names.every((n) => failed.has(n))) continue;
      names.forEach((n) => covered.add(n));
      const reason = failed.get(names[0])?.replace(/'/g, '\\\'').slice(0, 160);
      entries.push(`  { journey: '${group[0].journey.id}'${fields[depth](group[0])}, reason: '${reason}' },`);
    }
  });
  return entries;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}

async function main(): Promise<void> {
  const filter = new RegExp(process.env.JOURNEYS_FILTER ?? '.');
  const transcript = process.argv.includes('--transcript');
  const why = transcript || process.argv.includes('--why');
  const runs = journeyRuns(JOURNEYS).filter((run) => filter.test(runName(run)));
  const server = await startJourneyServer();
  const judge = await LanguageJudge.load(server.app.db.prisma);
  const widths = [30, 9, 8, 8, 7, 7, 9, 9, 10, 6];
  process.stdout.write(`${row(['journey', 'language', 'channel', 'mode', 'reached', 'clean', 'turns', 'segments', 'cost (€)', 'known'], widths)}\n`);
  const totals = { runs: 0, reached: 0, clean: 0, segments: 0 };
  const failures: { run: JourneyRun; reason: string }[] = [];
  try {
    for (const run of runs) {
      const result = await runJourney(server, judge, run.journey, run.language, run.channel, run.mode);
      const report = failureReport(result, run.journey);
      totals.runs += 1;
      totals.reached += result.reached ? 1 : 0;
      totals.clean += report ? 0 : 1;
      totals.segments += result.smsSegments;
      if (report) failures.push({ run, reason: report.split('\n')[0] });
      const sms = run.channel === 'sms';
      process.stdout.write(`${row([
        run.journey.id, run.language, run.channel, run.mode, result.reached ? 'yes' : 'NO', report ? 'no' : 'yes',
        `${result.turnsUsed}/${result.budget}`, sms ? result.smsSegments : '-', sms ? (result.smsSegments * UNIT_PRICE).toFixed(3) : '-',
        knownFailureOf(KNOWN_FAILURES, run) ? 'yes' : '',
      ], widths)}\n`);
      if (why && report) process.stdout.write(`${indent(transcript ? report : report.split('\n\nconversation:')[0])}\n`);
    }
  } finally {
    await server.close();
  }
  if (process.argv.includes('--known')) process.stdout.write(`\n${knownEntries(runs, failures).join('\n')}\n`);
  process.stdout.write(`\n${totals.runs} runs: ${totals.reached} reached the goal, ${totals.clean} clean (goal, budget and every rule); SMS ${totals.segments} segments, €${(totals.segments * UNIT_PRICE).toFixed(2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`journeys: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
