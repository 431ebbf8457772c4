/**
 * `npm run -s triage`: reads messages from stdin, one per line, and writes exactly one JSON object
 * per message to stdout: `{"text","language","intent","topic","confidence"}` (labels of
 * `../shared/triage-taxonomy.md`). Empty or blank lines are skipped (no output line). Nothing else is
 * written to stdout; diagnostics go to stderr.
 *
 *   echo "kgeraak nie in mijn itsme" | npm run -s triage
 */
import { createInterface } from 'node:readline';
import { Triage } from '../triage/triage';

async function main(): Promise<void> {
  const started = performance.now();
  const triage = await Triage.load();
  process.stderr.write(`triage: model ready in ${Math.round(performance.now() - started)} ms\n`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const rawLine of lines) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const r = triage.classify(line);
    const out = { text: r.text, language: r.language, intent: r.intent, topic: r.topic, confidence: r.confidence };
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`triage: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
