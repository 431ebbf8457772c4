/**
 * `npm run report -- --from 2026-01-01 --to 2026-12-31 [--digibank <id>] [--format json|csv|xlsx] [--out file] [--lang nl|fr|en]`
 *
 * The reach report of a period (Brussels days, inclusive) from the database of the configuration
 * (DATABASE_URL, else the embedded database in DATA_DIR; stop the server first: an embedded database
 * is opened by one process at a time), with the same figures as Console › Reports. Without --out the
 * report goes to stdout (JSON and CSV). Errors: one line on stderr, exit code 1 (2 for wrong arguments).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDay, reportLabels } from '../adapters/console/reportRoutes';
import { loadConfig } from '../app/config';
import { databaseTarget, openDatabase } from '../db/database';
import { reachCsv, reachXlsx } from '../services/reach/reachExport';
import { ReachReportService } from '../services/reach/reachReport';

/** The command's options, checked. */
export interface ReportArgs {
  from: string;
  to: string;
  digibankId?: string;
  format: 'json' | 'csv' | 'xlsx';
  out?: string;
  lang: string;
}

/** A wrong argument: the message says which and what is expected. */
export class ReportArgsError extends Error {}

/** Reads the command line (`--from`, `--to`, `--digibank`, `--format`, `--out`, `--lang`). */
export function parseReportArgs(argv: string[]): ReportArgs {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, digibank: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' }, lang: { type: 'string', default: 'nl' } },
    strict: true,
  });
  const from = parseDay(values.from);
  const to = parseDay(values.to);
  if (!from || !to || from > to) throw new ReportArgsError('--from and --to: days as YYYY-MM-DD, from not after to');
  if (!['json', 'csv', 'xlsx'].includes(values.format as string)) throw new ReportArgsError('--format: json, csv or xlsx');
  if (values.format === 'xlsx' && !values.out) throw new ReportArgsError('--out: an xlsx workbook is written to a file');
  if (!['nl', 'fr', 'en'].includes(values.lang as string)) throw new ReportArgsError('--lang: nl, fr or en');
  return { from, to, digibankId: values.digibank, format: values.format as ReportArgs['format'], out: values.out, lang: values.lang as string };
}

/** Builds the report and returns it as the bytes of its format. */
export async function buildReport(args: ReportArgs, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  const db = await openDatabase(databaseTarget(config));
  try {
    const service = new ReachReportService(db.prisma, { smsSegmentEur: config.SMS_SEGMENT_PRICE_EUR, whatsappTemplateEur: config.WHATSAPP_TEMPLATE_PRICE_EUR });
    const report = await service.report({ from: args.from, to: args.to, digibankId: args.digibankId });
    if (args.format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    const label = reportLabels(args.lang);
    return args.format === 'csv' ? Buffer.from(reachCsv(report, label)) : reachXlsx(report, label);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  let args: ReportArgs;
  try {
    args = parseReportArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`report: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const body = await buildReport(args);
  if (args.out) {
    writeFileSync(args.out, body);
    process.stderr.write(`report: ${args.out} (${body.length} bytes)\n`);
  } else process.stdout.write(body);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`report: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
