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

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
