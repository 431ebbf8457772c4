/**
 * `npm run bench:turns` — turn throughput and latency of the assistant through its real HTTP
 * server (Direct Line, durable state), against a bare botbuilder echo bot as the framework's floor.
 *
 * Targets, each measured in a server process of its own (`lib/benchServer.ts`), driven from this
 * process exactly as Web Chat does: POST the message, read the reply from the conversation's
 * Direct Line WebSocket stream (`streamUrl`, Web Chat's default transport) or, with
 * `--transport poll`, by polling GET activities with a watermark:
 *   - embedded: the assistant on PGlite in a fresh temporary DATA_DIR (on disk, durable; pass
 *     `--embedded-memory` for `memory://`), removed afterwards;
 *   - postgres: the assistant on a fresh database created on the server of `DATABASE_URL` (only
 *     when it is set), dropped afterwards;
 *   - echo: `lib/echoServer.ts`, a bare ActivityHandler with MemoryStorage (see there why).
 *
 * A turn's latency is the time from sending the POST to the arrival of the first bot activity
 * answering it (`replyToId`). Over the stream that is exact (the frame's arrival, even if it came
 * before the POST's answer). Polling runs every `--poll-ms` (default 10 ms) while a reply is
 * awaited, so latency is measured to about that resolution and includes the polling load (HTTP,
 * token, SQL per poll) a polling client causes. Throughput is measured turns over the wall time of
 * the measured phase (all conversations at once).
 *
 * Options (or env): --transport ws|poll (BENCH_TRANSPORT, ws), --conversations N
 * (BENCH_CONVERSATIONS, 50), --messages M (BENCH_MESSAGES, 10), --poll-ms P (BENCH_POLL_MS, 10,
 * polling only), --warmup W conversations (BENCH_WARMUP, 300: a server that has run a while; JIT compilation of a fresh one costs about 1 ms of CPU per turn for its first few thousand turns),
 * --only embedded,postgres,echo, --processes K[,K…] (BENCH_PROCESSES, 1: server processes behind one
 * port on PostgreSQL, one run per count), --embedded-memory, --profile (CPU profile of the server process during the
 * measured phase, written to /tmp/bench-prof-<target>/; summarise with lib/profileSummary.ts).
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DirectLineConversation, DirectLineStream, fromBot } from './lib/directLineClient';
import { machineCpuBetween, readMachineCpu } from './lib/machineCpu';
import { SCRIPT } from './lib/script';

type Target = 'embedded' | 'postgres' | 'echo';
type Transport = 'ws' | 'poll';

interface Options {
  transport: Transport;
  conversations: number;
  messages: number;
  pollMs: number;
  warmup: number;
  only: Target[];
  embeddedMemory: boolean;
  profile: boolean;
  /** Server processes behind one port for the PostgreSQL target, one run per count. */
  processes: number[];
}

interface ServerStats {
  statements: Record<string, number>;
  cpuMs: number;
  eventLoopUtilization: number;
}

interface Result {
  /** The target, with the process count when more than one (`postgres×2`). */
  target: string;
  detail: string;
  turns: number;
  errors: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  pollsPerTurn: number;
  clientCpuMs: number;
  /** CPU ms of PostgreSQL's processes (its backends and helpers on this machine). */
  postgresCpuMs: number;
  /** The machine's busy share of all its cores during the measured phase (0-1). */
  machineBusy: number;
  stats: ServerStats;
}

const ROOT = path.join(__dirname, '..', '..');

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, envName: string, fallback: number) => {
    const value = Number(arg(name) ?? env[envName] ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  const only = (arg('only') ?? 'embedded,postgres,echo').split(',').map((t) => t.trim()) as Target[];
  const transport = arg('transport') ?? env.BENCH_TRANSPORT ?? 'ws';
  if (transport !== 'ws' && transport !== 'poll') throw new Error('--transport must be ws or poll');
  return {
    transport,
    conversations: Math.max(1, int('conversations', 'BENCH_CONVERSATIONS', 50)),
    messages: Math.max(1, int('messages', 'BENCH_MESSAGES', 10)),
    pollMs: int('poll-ms', 'BENCH_POLL_MS', 10),
    warmup: int('warmup', 'BENCH_WARMUP', 300),
    only: only.filter((t) => t !== 'postgres' || env.DATABASE_URL),
    embeddedMemory: argv.includes('--embedded-memory'),
    profile: argv.includes('--profile'),
    processes: (arg('processes') ?? env.BENCH_PROCESSES ?? '1').split(',').map((n) => {
      const count = Number(n);
      if (!Number.isInteger(count) || count < 1) throw new Error('--processes must list whole numbers ≥ 1');
      return count;
    }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server process of the benchmark, talked to over IPC. */
class BenchServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string>, profileDir?: string): Promise<BenchServer> {
    const child = fork(path.join(__dirname, 'lib', 'benchServer.ts'), [], {
      cwd: ROOT,
      // One client opens every conversation and sends as fast as it can: the per-address and per-conversation limits would stop it.
      env: { ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false', CHAT_RATE_LIMIT_PER_MINUTE: '10000', WEBCHAT_TOKENS_PER_MINUTE: '10000', ...env, ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}) },
      execArgv: ['--import', 'tsx', '--no-deprecation', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench server did not start within 120 s')), 120_000);
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
      child.on('message', (message: { type: string; url?: string }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.url as string);
        }
      });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    return new BenchServer(child, url);
  }

  request<T>(type: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${type}`)), 10_000);
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message as T);
      };
      this.child.on('message', onMessage);
      this.child.send({ type });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A benchmark conversation and, over the WebSocket transport, its open stream. */
interface BenchClient {
  conversation: DirectLineConversation;
  stream?: DirectLineStream;
}

const REPLY_TIMEOUT_MS = 30_000;

/**
 * Awaits a bot activity answering `replyToId` (or any bot activity): from the stream when the
 * client has one, else by polling every `pollMs`. Resolves with the moment it arrived; bounded.
 */
async function awaitReply(client: BenchClient, base: string, pollMs: number, replyToId: string | undefined, counters: { polls: number }): Promise<number> {
  const { conversation, stream } = client;
  if (stream) return (await (replyToId === undefined ? stream.waitForBot(REPLY_TIMEOUT_MS) : stream.waitForReplyTo(replyToId, REPLY_TIMEOUT_MS))).receivedAt;
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  for (;;) {
    await sleep(pollMs);
    counters.polls++;
    const activities = await conversation.poll(base);
    if (activities.some((a) => fromBot(a) && (replyToId === undefined || a.replyToId === replyToId))) return performance.now();
    if (Date.now() > deadline) throw new Error(`no reply within ${REPLY_TIMEOUT_MS / 1000} s in ${conversation.conversationId}`);
  }
}

/** Starts `count` conversations (token, start, stream if ws, greeting) — not measured. */
async function openConversations(base: string, count: number, options: Options, tag: string): Promise<BenchClient[]> {
  const counters = { polls: 0 };
  const opened: BenchClient[] = [];
  // At most 25 at a time, so that set-up does not time out on a slow target.
  for (let i = 0; i < count; i += 25) {
    opened.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
          const conversation = await DirectLineConversation.generate(base, `bench_${tag}_${i + j}`);
          await conversation.start(base);
          const client: BenchClient = { conversation, stream: options.transport === 'ws' ? await conversation.stream() : undefined };
          await awaitReply(client, base, Math.max(options.pollMs, 20), undefined, counters);
          return client;
        }),
      )),
    );
  }
  return opened;
}

async function closeConversations(clients: BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.stream?.close()));
}

/** Every conversation sends `messages` messages, one after the other, each after the previous reply. */
async function drive(base: string, clients: BenchClient[], messages: number, pollMs: number): Promise<{ latencies: number[]; errors: number; seconds: number; polls: number }> {
  const latencies: number[] = [];
  const counters = { polls: 0 };
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let m = 0; m < messages; m++) {
        const sent = performance.now();
        try {
          const id = await client.conversation.send(base, SCRIPT[m % SCRIPT.length]);
          latencies.push((await awaitReply(client, base, pollMs, id, counters)) - sent);
        } catch (error) {
          errors++;
          if (errors <= 3) process.stderr.write(`  turn failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000, polls: counters.polls };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(target: string, detail: string, server: BenchServer, options: Options): Promise<Result> {
  const run = randomBytes(3).toString('hex');
  if (options.warmup) {
    const warm = await openConversations(server.url, options.warmup, options, `warm${run}`);
    await drive(server.url, warm, SCRIPT.length, options.pollMs);
    await closeConversations(warm);
  }
  const clients = await openConversations(server.url, options.conversations, options, run);
  await server.request('reset');
  const clientCpu = process.cpuUsage();
  const machineBefore = readMachineCpu(['postgres']);
  const { latencies, errors, seconds, polls } = await drive(server.url, clients, options.messages, options.pollMs);
  const clientUsage = process.cpuUsage(clientCpu);
  const machine = machineCpuBetween(machineBefore, readMachineCpu(['postgres']));
  const stats = await server.request<ServerStats & { type: string }>('stats');
  await closeConversations(clients);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    target,
    detail,
    turns: latencies.length,
    errors,
    seconds,
    turnsPerSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    pollsPerTurn: polls / Math.max(1, latencies.length),
    clientCpuMs: (clientUsage.user + clientUsage.system) / 1000,
    postgresCpuMs: machine.byName.postgres,
    machineBusy: machine.busyShare,
    stats: { statements: stats.statements, cpuMs: stats.cpuMs, eventLoopUtilization: stats.eventLoopUtilization },
  };
}

async function withPostgresDatabase<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `digibank_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function runTarget(target: Target, options: Options, processes = 1): Promise<Result> {
  const label = processes > 1 ? `${target}×${processes}` : target;
  const profileDir = options.profile ? `/tmp/bench-prof-${label}` : undefined;
  const onServer = async (env: Record<string, string>, detail: string) => {
    const server = await BenchServer.start({ ...env, BENCH_PROCESSES: String(processes) }, profileDir);
    try {
      return await measure(label, detail, server, options);
    } finally {
      await server.stop();
    }
  };
  if (target === 'echo') return onServer({ BENCH_KIND: 'echo' }, 'botbuilder ActivityHandler + MemoryStorage');
  if (target === 'postgres') {
    const detail = `PostgreSQL, fresh database, ${processes} server process${processes > 1 ? 'es behind one port (node:cluster)' : ''}`;
    return withPostgresDatabase(process.env.DATABASE_URL as string, (url) => onServer({ BENCH_KIND: 'app', DATABASE_URL: url }, detail));
  }
  if (options.embeddedMemory) return onServer({ BENCH_KIND: 'app', DATABASE_URL: '', DATA_DIR: 'memory://' }, 'PGlite, memory://');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'digibank-bench-'));
  try {
    return await onServer({ BENCH_KIND: 'app', DATABASE_URL: '', DATA_DIR: dataDir }, 'PGlite, fresh temp DATA_DIR on disk');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The turn's whole CPU bill on this machine (server + bench client + PostgreSQL when it runs here)
 * and the throughput that bill allows on all cores, next to how busy the machine was: when it was
 * nearly all busy, that ceiling, not the server's own speed, is what the run measured.
 */
function cpuBudget(r: Result): string {
  const turns = Math.max(1, r.turns);
  const postgres = r.target.startsWith('postgres') && r.postgresCpuMs > 0 ? r.postgresCpuMs : 0;
  const total = (r.stats.cpuMs + r.clientCpuMs + postgres) / turns;
  const cores = os.cpus().length;
  const parts = [`server ${(r.stats.cpuMs / turns).toFixed(2)}`, `client ${(r.clientCpuMs / turns).toFixed(2)}`, ...(postgres ? [`PostgreSQL ${(postgres / turns).toFixed(2)}`] : [])];
  return (
    `CPU per turn, all processes: ${total.toFixed(2)} ms (${parts.join(' + ')}); ${cores} cores allow ${Math.round((cores * 1000) / total)} turns/s at that cost; ` +
    `machine ${Number.isFinite(r.machineBusy) ? Math.round(r.machineBusy * 100) : '-'} % busy`
  );
}

function report(results: Result[], options: Options): void {
  const echo = results.find((r) => r.target === 'echo');
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const load = os.loadavg()[0];
  const lines = [
    `bench:turns — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
    `${options.conversations} concurrent conversations × ${options.messages} messages, ${options.transport === 'ws' ? 'replies read from Direct Line WebSocket streams' : `replies polled every ${options.pollMs} ms`}, ${options.warmup} warm-up conversations; load average ${load.toFixed(1)}${load > os.cpus().length ? ' (the machine is busy with other work: figures are pessimistic)' : ''}`,
    '',
    'target    turns  err  turns/s  p50 ms  p90 ms  p99 ms  max ms       transport  server CPU ms/turn  SQL/turn  vs echo (turns/s)',
  ];
  for (const r of results) {
    const sql = Object.values(r.stats.statements).reduce((a, b) => a + b, 0);
    lines.push(
      [
        r.target.padEnd(8),
        String(r.turns).padStart(6),
        String(r.errors).padStart(4),
        fixed(r.turnsPerSecond).padStart(8),
        fixed(r.p50).padStart(7),
        fixed(r.p90).padStart(7),
        fixed(r.p99).padStart(7),
        fixed(r.max).padStart(7),
        (options.transport === 'ws' ? 'ws' : `poll ${fixed(r.pollsPerTurn)}/turn`).padStart(15),
        fixed(r.stats.cpuMs / Math.max(1, r.turns), 2).padStart(19),
        fixed(sql / Math.max(1, r.turns)).padStart(9),
        (echo && r !== echo ? `${fixed((r.turnsPerSecond / echo.turnsPerSecond) * 100)} %` : '').padStart(18),
      ].join(' '),
    );
  }
  lines.push('');
  for (const r of results) {
    lines.push(
      `${r.target}: ${r.detail}; server event loop ${fixed(r.stats.eventLoopUtilization * 100, 0)} % busy; ` +
        `bench client ${fixed(r.clientCpuMs / Math.max(1, r.turns), 2)} ms CPU/turn (${fixed((r.clientCpuMs / 1000 / r.seconds) * 100, 0)} % of a core)`,
    );
    lines.push(`  ${cpuBudget(r)}`);
    const perTurn = Object.entries(r.stats.statements).sort((a, b) => b[1] - a[1]);
    if (perTurn.length) {
      lines.push(`  SQL per turn${options.transport === 'poll' ? " (incl. the client's polls)" : ''}: ${perTurn.map(([label, n]) => `${label} ${fixed(n / Math.max(1, r.turns), 2)}`).join(', ')}`);
    }
  }
  lines.push('', 'targets: embedded ≥ 100 turns/s, PostgreSQL ≥ 500 turns/s, p99 ≤ 100 ms at 50 concurrent conversations');
  for (const r of results) {
    if (r.target === 'echo') continue;
    const goal = r.target === 'embedded' ? 100 : 500;
    lines.push(`  ${r.target}: ${r.turnsPerSecond >= goal ? 'meets' : 'MISSES'} ${goal} turns/s; p99 ${r.p99 <= 100 ? 'meets' : 'MISSES'} 100 ms`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!process.env.DATABASE_URL) process.stderr.write('DATABASE_URL is not set: PostgreSQL is skipped.\n');
  const results: Result[] = [];
  for (const target of options.only) {
    for (const processes of target === 'postgres' ? options.processes : [1]) {
      process.stderr.write(`running ${target}${processes > 1 ? ` with ${processes} processes` : ''}…\n`);
      results.push(await runTarget(target, options, processes));
    }
  }
  report(results, options);
  if (options.profile) process.stdout.write(`CPU profiles: ${results.map((r) => `/tmp/bench-prof-${r.target}/`).join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
