/**
 * The cost of one turn of the assistant's pipeline, without HTTP and without concurrency, so that
 * it can be compared before and after a change on a machine busy with other work (wall time is
 * noisy there, CPU time and statement counts much less): server CPU per turn, SQL statements
 * per turn by label and the size of the state left behind, on embedded PGlite (in memory) and on
 * PostgreSQL when DATABASE_URL is set.
 *
 * Each conversation sends the turn benchmark's script one message at a time (receive, then wait
 * for the turn), as web chat does. Usage:
 *   tsx scripts/bench/lib/turnCost.ts [--conversations 20] [--warmup 100] [--only embedded,postgres] [--profile]
 * The warm-up conversations come first, unmeasured: V8 compiles the hot code in its first few
 * thousand turns, on helper threads, about 1 ms of CPU per turn while it lasts.
 * With --profile, a CPU profile of the measured phase goes to /tmp/turn-cost-<target>.cpuprofile
 * (summarise with lib/profileSummary.ts).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Client } from 'pg';
import { countedStatements, instrumentDrivers, resetStatements } from './sqlCounter';
import { SCRIPT } from './script';

instrumentDrivers();

type Kind = 'embedded' | 'postgres';

async function withDatabase<T>(kind: Kind, work: (target: { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string }) => Promise<T>): Promise<T> {
  if (kind === 'embedded') return work({ kind: 'embedded', dataDir: 'memory://' });
  const adminUrl = process.env.DATABASE_URL as string;
  const name = `digibank_cost_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work({ kind: 'postgres', url: url.toString() });
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** CPU ms of this process's main thread and of its other threads (V8's GC and compiler helpers, libuv), from /proc (Linux). */
function threadCpu(): { main: number; others: number } {
  const ticks = (task: string) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  try {
    const tasks = readdirSync('/proc/self/task');
    const main = ticks(String(process.pid));
    return { main, others: tasks.reduce((sum, task) => sum + (task === String(process.pid) ? 0 : ticks(task)), 0) };
  } catch {
    return { main: NaN, others: NaN };
  }
}

function profiler(enabled: boolean): { start(): Promise<void>; stop(file: string): Promise<void> } {
  const session = new Session();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  return {
    async start() {
      if (!enabled) return;
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    },
    async stop(file) {
      if (!enabled) return;
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function measure(kind: Kind, conversations: number, warmup: number, profile: boolean): Promise<string> {
  const { openDatabase } = await import('../../../db/database');
  const { createAssistant } = await import('../../../app/assistant');
  const { Triage } = await import('../../../triage/triage');
  return withDatabase(kind, async (target) => {
    const db = await openDatabase(target);
    const { runner } = createAssistant(db, { maxMessageLength: 4000, triage: await Triage.load() });
    const run = randomBytes(3).toString('hex');
    const talk = async (prefix: string, count: number) => {
      for (let c = 0; c < count; c++) {
        const inbound = { channel: 'webchat', channelConversationId: `${prefix}-${run}-${c}`, channelUserId: `u-${prefix}-${run}-${c}` };
        await runner.receive({ ...inbound, providerMessageId: `${inbound.channelConversationId}|start`, activity: { type: 'conversationUpdate', membersAdded: [{ id: inbound.channelUserId, name: '' }] } });
        await runner.idle();
        for (const text of SCRIPT) {
          await runner.receive({ ...inbound, activity: { type: 'message', text } });
          await runner.idle();
        }
      }
    };
    await talk('warm', warmup);
    const cpuProfile = profiler(profile);
    await cpuProfile.start();
    resetStatements();
    const cpu = process.cpuUsage();
    const threadsBefore = threadCpu();
    const started = performance.now();
    await talk('cost', conversations);
    const used = process.cpuUsage(cpu);
    const threadsAfter = threadCpu();
    const ms = performance.now() - started;
    const statements = countedStatements();
    await cpuProfile.stop(`/tmp/turn-cost-${kind}.cpuprofile`);
    await runner.stop();
    const state = await db.sql.query<{ kind: string; items: bigint; bytes: string }>(
      `SELECT split_part(key, '/', 2) AS kind, count(*) AS items, round(avg(octet_length(data::text))) AS bytes FROM bot_state GROUP BY 1 ORDER BY 1`,
    );
    await db.close();
    const turns = conversations * (SCRIPT.length + 1);
    const perTurn = (n: number) => (n / turns).toFixed(2);
    const total = Object.values(statements).reduce((a, b) => a + b, 0);
    return [
      `${kind}: ${turns} turns one at a time, ${perTurn((used.user + used.system) / 1000)} ms CPU/turn (main thread ${perTurn(threadsAfter.main - threadsBefore.main)}, other threads ${perTurn(threadsAfter.others - threadsBefore.others)}), ${perTurn(ms)} ms wall/turn, ${perTurn(total)} SQL/turn`,
      `  ${Object.entries(statements).sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${perTurn(n)}`).join(', ')}`,
      `  state at the end, average JSON bytes per item: ${state.map((row) => `${row.kind} ${row.bytes} (${row.items} items)`).join(', ')}`,
    ].join('\n');
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const conversations = Number(arg('conversations') ?? 20);
  const kinds = (arg('only') ?? 'embedded,postgres').split(',').filter((k) => k !== 'postgres' || process.env.DATABASE_URL) as Kind[];
  process.env.LOG_LEVEL ??= 'warn';
  const warmup = Number(arg('warmup') ?? 100);
  for (const kind of kinds) process.stdout.write(`${await measure(kind, conversations, warmup, argv.includes('--profile'))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`turn cost failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
