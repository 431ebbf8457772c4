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
import cluster, { type Worker } from 'node:cluster';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { countedStatements, instrumentDrivers, resetStatements } from './sqlCounter';

type Kind = 'app' | 'echo';

let cpuAtReset = process.cpuUsage();
let eluAtReset = performance.eventLoopUtilization();

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
    instrumentDrivers();
    const { startApp } = await import('../../../app/app');
    const { loadConfig } = await import('../../../app/config');
    const app = await startApp(loadConfig({ ...process.env, PORT: process.env.BENCH_PORT ?? '0' }));
    url = app.url.replace(/\/\/(localhost|0\.0\.0\.0|\[::\]):/, '//127.0.0.1:');
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
      resetStatements();
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
      process.send?.({ type: 'stats', statements: countedStatements(), cpuMs: (cpu.user + cpu.system) / 1000, eventLoopUtilization: elu.utilization });
    } else if (message.type === 'stop') {
      close().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url });
}

interface WorkerStats {
  statements: Record<string, number>;
  cpuMs: number;
  eventLoopUtilization: number;
}

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * With BENCH_PROCESSES=K > 1: K assistant processes behind one port (node:cluster, as README
 * "Scaling out" describes), on one PostgreSQL database. This primary migrates the database once,
 * forks the workers, relays reset/stats/stop to each and sums their figures (plus its own CPU: it
 * accepts the connections and hands them to the workers).
 */
async function primary(processes: number): Promise<void> {
  const { openDatabase, databaseTarget } = await import('../../../db/database');
  const { loadConfig } = await import('../../../app/config');
  await (await openDatabase(databaseTarget(loadConfig(process.env)))).close();
  const port = await freePort();
  const workers = Array.from({ length: processes }, () => cluster.fork({ ...process.env, BENCH_PROCESSES: '1', BENCH_PORT: String(port) }));
  const ask = <T>(worker: Worker, type: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message as T);
      };
      worker.on('message', onMessage);
      worker.send({ type });
    });
  await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { type: string }) => message.type === 'ready' && resolve());
    worker.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
  })));
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'reset') {
      await Promise.all(workers.map((worker) => ask(worker, 'reset')));
      cpuAtReset = process.cpuUsage();
      process.send?.({ type: 'reset' });
    } else if (message.type === 'stats') {
      const own = process.cpuUsage(cpuAtReset);
      const all = await Promise.all(workers.map((worker) => ask<WorkerStats>(worker, 'stats')));
      const statements: Record<string, number> = {};
      for (const stats of all) for (const [label, n] of Object.entries(stats.statements)) statements[label] = (statements[label] ?? 0) + n;
      const cpuMs = all.reduce((sum, stats) => sum + stats.cpuMs, (own.user + own.system) / 1000);
      const eventLoopUtilization = all.reduce((sum, stats) => sum + stats.eventLoopUtilization, 0) / all.length;
      process.send?.({ type: 'stats', statements, cpuMs, eventLoopUtilization });
    } else if (message.type === 'stop') {
      await Promise.all(workers.map((worker) => new Promise((resolve) => {
        worker.once('exit', resolve);
        worker.send({ type: 'stop' });
      })));
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

const processes = Number(process.env.BENCH_PROCESSES ?? 1);
(cluster.isPrimary && processes > 1 ? primary(processes) : main()).catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
