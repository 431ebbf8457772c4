/**
 * `npm run bench:footprint`: what `npm start` costs a digibank's PC. Starts the compiled server
 * (`node build/app/index.js`, as `npm start` does) as a child process and measures:
 *
 * - time until `/readyz` answers 200, on a fresh data directory and again on the existing one;
 * - resident memory (VmRSS, RssAnon, RssFile from /proc) idle before the first turn, and idle after
 *   one web chat conversation of a few turns;
 * - the server's own view of that memory (V8 heap, WebAssembly and other array buffers), from
 *   `lib/memoryProbe.cjs`;
 * - the same on PostgreSQL when `BENCH_DATABASE_URL` (or `TEST_DATABASE_URL`) is set.
 *
 *   npm run bench:footprint
 *   BENCH_DATABASE_URL=postgres://digibank:digibank@localhost:5432/digibank_test npm run bench:footprint
 *
 * The same run also starts a bare `node -e` process (the floor), so the figures read as "over plain
 * Node.js" on this machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DirectLineConversation } from './lib/directLineClient';

const ROOT = resolve(__dirname, '../..');
const PROBE = join(__dirname, 'lib/memoryProbe.cjs');
const READY_TIMEOUT_MS = 120_000;
/** Idle time before a memory reading: start-up work in the background (slot top-up, model cache write) settles. */
const SETTLE_MS = Number(process.env.FOOTPRINT_SETTLE_MS ?? 5_000);
/** What the web chat visitor says: a language, a question, the menu, a booking start. */
const CONVERSATION = ['Nederlands', 'mijn itsme werkt niet', 'menu', 'ik wil een afspraak maken', '8500'];

/** Memory of a process, in MB. */
interface Memory {
  rss: number;
  anon: number;
  file: number;
}

/** One start of the server and what it cost. */
interface StartFigures {
  label: string;
  readyMs: number;
  idle: Memory;
  afterTurns?: Memory;
  probe?: Record<string, number>;
}

const mb = (kb: number): number => Math.round(kb / 1024);

function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: mb(field('VmRSS')), anon: mb(field('RssAnon')), file: mb(field('RssFile')) };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function untilReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms`);
}

/** The Node.js flags of `npm start` (package.json), so that the figures are those of `npm start`. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The server's own view of its memory, written by the probe on SIGUSR2. */
async function probeOf(child: ChildProcess, dir: string): Promise<Record<string, number>> {
  const file = join(dir, `${child.pid}.json`);
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i += 1) await sleep(50);
  const report = JSON.parse(readFileSync(file, 'utf8')) as { memory: Record<string, number> };
  return { heapUsed: mb(report.memory.heapUsed / 1024), heapTotal: mb(report.memory.heapTotal / 1024), external: mb(report.memory.external / 1024), arrayBuffers: mb(report.memory.arrayBuffers / 1024) };
}

async function talk(base: string): Promise<void> {
  const conversation = await DirectLineConversation.generate(base);
  await conversation.start(base, 'nl-BE');
  for (const text of CONVERSATION) {
    await conversation.send(base, text);
    await sleep(300);
  }
  await conversation.poll(base);
}

/** Starts `npm start`'s server once with this environment and measures it. */
async function startOnce(label: string, env: Record<string, string | undefined>, turns: boolean): Promise<StartFigures> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const probeDir = mkdtempSync(join(tmpdir(), 'footprint-probe-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags(), '--require', PROBE, join(ROOT, 'build/app/index.js')], {
    cwd: ROOT,
    env: withoutUnset({ ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'error', FOOTPRINT_PROBE_DIR: probeDir, PUBLIC_BASE_URL: base }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilReady(base, child);
    const readyMs = performance.now() - started;
    await sleep(SETTLE_MS);
    const idle = memoryOf(child.pid as number);
    if (!turns) return { label, readyMs, idle };
    await talk(base);
    await sleep(SETTLE_MS);
    return { label, readyMs, idle, afterTurns: memoryOf(child.pid as number), probe: await probeOf(child, probeDir) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(undefined) : child.once('exit', done)));
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/** An environment without the variables set to undefined (the embedded runs unset DATABASE_URL). */
function withoutUnset(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/** A bare Node.js process: the floor every figure stands on. */
async function floor(): Promise<Memory> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(500);
  const memory = memoryOf(child.pid as number);
  child.kill();
  return memory;
}

function print(figures: readonly StartFigures[], bare: Memory): void {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const memory = (m?: Memory) => (m ? `${m.rss} MB (anon ${m.anon}, file ${m.file})` : '–');
  process.stdout.write(`\nNode ${process.version} ${startFlags().join(' ')}; bare node process: ${memory(bare)}\n\n`);
  process.stdout.write(`${line(['start', 'ready', 'idle before a turn', 'idle after a conversation', 'V8 heap used / total', 'array buffers (WebAssembly)', 'RSS × bare node'])}\n`);
  process.stdout.write(`${line(['---', '---', '---', '---', '---', '---', '---'])}\n`);
  for (const f of figures) {
    const heap = f.probe ? `${f.probe.heapUsed} / ${f.probe.heapTotal} MB` : '–';
    const buffers = f.probe ? `${f.probe.arrayBuffers} MB` : '–';
    const ratio = ((f.afterTurns ?? f.idle).rss / bare.rss).toFixed(1);
    process.stdout.write(`${line([f.label, `${(f.readyMs / 1000).toFixed(1)} s`, memory(f.idle), memory(f.afterTurns), heap, buffers, `${ratio}×`])}\n`);
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.js')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/build.js failed');
  const bare = await floor();
  const dataDir = mkdtempSync(join(tmpdir(), 'footprint-data-'));
  const figures: StartFigures[] = [];
  try {
    const embedded = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    figures.push(await startOnce('embedded, fresh data directory', embedded, false));
    figures.push(await startOnce('embedded, existing data directory', embedded, true));
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) {
      figures.push(await startOnce('PostgreSQL, first start', { DATABASE_URL: url }, false));
      figures.push(await startOnce('PostgreSQL, existing database', { DATABASE_URL: url }, true));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  print(figures, bare);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:footprint failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
