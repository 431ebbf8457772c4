// Reach report benchmark: a year of all digibanks — 100,000 people and 1,000,000 messages (250,000
// conversation-days of 4 messages) with their appointments, loans, handoffs, topics and SMS — written
// into the reach tables of a scratch database, then the report of the year (all digibanks, and one
// digibank) and of one month timed, on embedded PGlite and (when DATABASE_URL is set) on PostgreSQL
// in a scratch database dropped afterwards. Target: under 2 s for the year on PostgreSQL.
//
// Usage: npm run bench:report   (tsx scripts/bench/report.ts [people] [runs])
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../db/database';
import { seedDemoData } from '../../prisma/seed/index';
import { ReachReportService } from '../../services/reach/reachReport';
import { withScratchPostgres, withTarget } from './lib/scratchDatabase';

const PEOPLE = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
/** Conversation-days per person on average, and messages per conversation-day (theirs and the replies). */
const DAYS_PER_PERSON = 2.5;
const MESSAGES_PER_DAY = 4;
const FROM = '2025-01-01';
const TO = '2025-12-31';

interface Timing {
  database: string;
  report: string;
  bestMs: number;
  medianMs: number;
  /** CPU time of the report (median): this process's, plus the PostgreSQL server processes of the scratch database. */
  cpuMs: number;
  uniquePeople: number;
}

/** Clock ticks per second of /proc/<pid>/stat (Linux: 100). */
const CLOCK_TICKS = 100;

/**
 * CPU milliseconds used so far by this process and (PostgreSQL) by the server processes connected to
 * the database: unlike the elapsed time, it does not grow when other jobs share the machine's cores.
 */
async function cpuMs(db: Database): Promise<Map<string, number>> {
  const usage = process.cpuUsage();
  const used = new Map<string, number>([['node', (usage.user + usage.system) / 1000]]);
  if (db.kind !== 'postgres') return used;
  const backends = await db.prisma.$queryRawUnsafe<{ pid: number }[]>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  for (const { pid } of backends) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      used.set(String(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // Another machine's server, or the process ended: its CPU is not measured.
    }
  }
  return used;
}

function cpuSince(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * The history, generated in the database (generate_series): person p writes on the channel of p % 4
 * (whatsapp, whatsapp, sms, webchat; a tenth of the WhatsApp days on SMS from the same number), in
 * the language of p % 10; 60% of people are linked to a digibank by an appointment, half of them kept.
 */
export async function fill(db: Database): Promise<void> {
  const rows = Math.round(PEOPLE * DAYS_PER_PERSON);
  const run = (sql: string, ...values: unknown[]) => db.prisma.$executeRawUnsafe(sql, ...values);
  await run(`
    INSERT INTO reach_activity (day, conversation_key, person_key, channel, language, messages_in, messages_out)
    SELECT $1::date + (n % 365), 'c' || p || ch, 'p' || p, ch,
           (ARRAY['nl','nl','nl','nl','nl','fr','fr','en','nl-simple','nl-simple'])[p % 10 + 1], $3::int / 2, $3::int / 2
      FROM (SELECT n, (n * 7919) % $2::int AS p,
                   CASE WHEN (n * 7919) % $2::int % 4 = 3 THEN 'webchat' WHEN (n * 7919) % $2::int % 4 = 2 OR n % 10 = 0 THEN 'sms' ELSE 'whatsapp' END AS ch
              FROM generate_series(1, $4::int) AS n) AS g`, FROM, PEOPLE, MESSAGES_PER_DAY, rows);
  const banks = (await db.prisma.digibank.findMany({ select: { id: true }, orderBy: { name: 'asc' } })).map((bank) => bank.id);
  const event = (kind: string, where: string, extra = 'NULL::float', detail = 'NULL::text', dayOffset = '0') => run(`
    INSERT INTO reach_event (day, at, kind, person_key, digibank_id, ref, value, detail)
    SELECT d, d::timestamptz, '${kind}', 'p' || p, (($2::text[])[p % array_length($2::text[], 1) + 1]), '${kind}' || p, ${extra}, ${detail}
      FROM (SELECT p, $1::date + ((p + ${dayOffset}) % 365) AS d FROM generate_series(0, $3::int - 1) AS p) AS g WHERE ${where}`, FROM, banks, PEOPLE);
  await event('appointment_made', 'p % 5 < 3');
  await event('appointment_kept', 'p % 10 < 3', 'NULL::float', 'NULL::text', '7');
  await event('appointment_no_show', 'p % 10 = 3', 'NULL::float', 'NULL::text', '7');
  await event('home_visit', 'p % 50 = 0');
  await event('loan_requested', 'p % 20 = 0');
  await event('loan_started', 'p % 40 = 0', 'NULL::float', `to_char($1::date + ((p + 90) % 365), 'YYYY-MM-DD')`, '5');
  await event('handoff', 'p % 10 = 4');
  await event('handoff_claimed', 'p % 10 = 4', '(p % 600)::float');
  await event('topic', 'p % 3 < 2', 'NULL::float', `(ARRAY['eid_itsme','tax','banking','email_accounts','smartphone_basics'])[p % 5 + 1]`);
  await event('sms_sent', 'p % 4 = 2', '(1 + p % 3)::float');
  await run('ANALYZE reach_activity');
  await run('ANALYZE reach_event');
}

async function time(db: Database, database: string, name: string, work: () => Promise<{ totals: { uniquePeople: number } }>): Promise<Timing> {
  await work(); // warm: the pool's connections, the plans
  const times: number[] = [];
  const cpu: number[] = [];
  let uniquePeople = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpuBefore = await cpuMs(db);
    const started = performance.now();
    uniquePeople = (await work()).totals.uniquePeople;
    times.push(performance.now() - started);
    cpu.push(cpuSince(cpuBefore, await cpuMs(db)));
  }
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
  return { database, report: name, bestMs: Math.round(Math.min(...times)), medianMs: median(times), cpuMs: median(cpu), uniquePeople };
}

async function bench(database: string, db: Database, results: Timing[]): Promise<void> {
  await seedDemoData(db.prisma, new Date());
  const filled = performance.now();
  await fill(db);
  console.log(`${database}: history written in ${Math.round((performance.now() - filled) / 1000)} s`);
  const service = new ReachReportService(db.prisma, { smsSegmentEur: 0.075, whatsappTemplateEur: 0.03 });
  const [bank] = await service.places();
  results.push(await time(db, database, 'year, all digibanks', () => service.report({ from: FROM, to: TO })));
  results.push(await time(db, database, 'year, one digibank', () => service.report({ from: FROM, to: TO, digibankId: bank.digibankId })));
  results.push(await time(db, database, 'one month, all digibanks', () => service.report({ from: '2025-03-01', to: '2025-03-31' })));
}

async function main(): Promise<void> {
  const results: Timing[] = [];
  await withTarget('PGlite (embedded)', { kind: 'embedded', dataDir: 'memory://' }, (db) => bench('PGlite', db, results));
  if (process.env.DATABASE_URL) await withScratchPostgres(process.env.DATABASE_URL, (db) => bench('PostgreSQL', db, results));
  else console.log('DATABASE_URL not set: PostgreSQL skipped.');
  console.log(`\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${PEOPLE} people, ${Math.round(PEOPLE * DAYS_PER_PERSON * MESSAGES_PER_DAY)} messages, best and median of ${RUNS} runs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cores)`);
  console.table(results);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
