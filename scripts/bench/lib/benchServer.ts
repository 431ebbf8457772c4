/**
 * Child process of `npm run bench:turns`: serves either the real assistant (`startApp`, as
 * `npm start` does, on the database its environment names) or the bare echo bot, on a free port,
 * in a process of its own. It counts the SQL statements it sends and its CPU time, and answers
 * the parent over IPC: {type:'reset'} starts a measurement, {type:'stats'} returns it,
 * {type:'stop'} closes and exits. With BENCH_PROFILE_DIR set, the measured phase (reset → stats)
 * is CPU-profiled through the inspector and written there as a `.cpuprofile`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';

type Kind = 'app' | 'echo';

/** SQL statements sent since the last reset, by a short label (verb + table). */
const statements = new Map<string, number>();
let cpuAtReset = process.cpuUsage();
let eluAtReset = performance.eventLoopUtilization();

const labels = new Map<string, string>();

function count(sql: string): void {
  let label = labels.get(sql);
  if (label === undefined) {
    label = labelOf(sql);
    if (labels.size < 10_000) labels.set(sql, label);
  }
  statements.set(label, (statements.get(label) ?? 0) + 1);
}

/** `INSERT turn_lock`, `SELECT message`, `BEGIN`… from a statement's text. */
export function labelOf(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '?').toUpperCase();
  const table = /\b(?:INTO|FROM|UPDATE)\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(text)?.[1] ?? '';
  return table ? `${verb} ${table}` : verb;
}

/** Counts every statement the `pg` driver sends (Prisma's PostgreSQL adapter uses pg.Client). */
function instrumentPg(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    count(typeof first === 'string' ? first : (first?.text ?? '?'));
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Counts every statement PGlite runs: extended-protocol Parse ('P') and simple Query ('Q') messages. */
function instrumentPglite(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const proto = PGlite.prototype as unknown as { execProtocolStream: (message: Uint8Array, options?: unknown) => unknown };
  const original = proto.execProtocolStream;
  const decoder = new TextDecoder();
  proto.execProtocolStream = function (this: unknown, message: Uint8Array, options?: unknown) {
    if (message[0] === 0x50 /* P */) {
      // Parse: 'P', int32 length, statement name\0, query\0
      const nameEnd = message.indexOf(0, 5);
      const queryEnd = message.indexOf(0, nameEnd + 1);
      count(decoder.decode(message.subarray(nameEnd + 1, queryEnd)));
    } else if (message[0] === 0x51 /* Q */) {
      count(decoder.decode(message.subarray(5, message.length - 1)));
    }
    return original.call(this, message, options);
  };
}

async function main(): Promise<void> {
  const kind = (process.env.BENCH_KIND ?? 'app') as Kind;
  let url: string;
  let close: () => Promise<void>;
  if (kind === 'echo') {
    const { createEchoServer } = await import('./echoServer');
    const server = createEchoServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  } else {
    instrumentPg();
    instrumentPglite();
    const { startApp } = await import('../../../bot/app');
    const { loadConfig } = await import('../../../bot/config');
    const app = await startApp(loadConfig({ ...process.env, PORT: '0' }));
    url = app.url.replace('//localhost:', '//127.0.0.1:');
    close = () => app.close();
  }
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const session = profileDir ? new Session() : undefined;
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session?.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
  }
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'reset') {
      if (session) await post('Profiler.start');
      statements.clear();
      cpuAtReset = process.cpuUsage();
      eluAtReset = performance.eventLoopUtilization();
      process.send?.({ type: 'reset' });
    } else if (message.type === 'stats') {
      const cpu = process.cpuUsage(cpuAtReset);
      const elu = performance.eventLoopUtilization(eluAtReset);
      if (session && profileDir) {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(`${profileDir}/${kind}-${process.pid}.cpuprofile`, JSON.stringify(profile));
      }
      process.send?.({ type: 'stats', statements: Object.fromEntries(statements), cpuMs: (cpu.user + cpu.system) / 1000, eventLoopUtilization: elu.utilization });
    } else if (message.type === 'stop') {
      close().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
