import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, App } from '../../../app/app';
import { loadConfig } from '../../../app/config';
import { createServer, MIN_FREE_BYTES } from '../../../app/server';

const root = path.resolve(__dirname, '..', '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

describe('health, readiness and metrics', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false' }));
  });
  afterAll(() => app.close());

  test('GET /healthz and /readyz answer 200 with a reachable database', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  test('GET /metrics is Prometheus text with the turn count and latency histogram', async () => {
    const token = (await (await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token.token}` } });
    await app.assistant.runner.idle();
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(/^digibank_turns_total\{channel="webchat",outcome="ok"\} [1-9]/m);
    expect(body).toMatch(/^digibank_turn_duration_seconds_bucket\{le="0.1",channel="webchat"\} \d+/m);
    expect(body).toContain('# TYPE digibank_turn_duration_seconds histogram');
  });

  test('GET /readyz says 503 "disk full" while the embedded database\'s disk has no room, and 200 again after', async () => {
    let free = 0;
    const server = createServer(app.db, app.assistant.metrics, { dataDir: tmpdir(), freeBytes: async () => free });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/readyz`;
      const full = await fetch(url);
      expect([full.status, await full.json()]).toEqual([503, { status: 'disk full' }]);
      free = MIN_FREE_BYTES;
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  test('the disk check reads the real disk of a data directory', async () => {
    const server = createServer(app.db, app.assistant.metrics, { dataDir: tmpdir() });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/readyz`);
      expect(response.status).toBe(200);
    } finally {
      server.close();
    }
  });

  test('an unknown route is a 404, not a crash', async () => {
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
  });
});

describe('start-up failures', () => {
  test.each([
    ['a wrong configuration value', { PORT: 'eighty' }, /^Configuration error: PORT: /],
    ['an unreachable database', { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' }, /^Start-up failed: the database cannot be reached/],
  ])('%s gives one clear line and a non-zero exit', (_name, env, line) => {
    const result = spawnSync(tsx, ['app/index.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !/Warning|--trace-/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  test('a damaged embedded database gives one line saying so and how to restore, and changes nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'damaged-'));
    try {
      const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' }));
      await app.close();
      const control = path.join(dataDir, 'global', 'pg_control');
      const damaged = Buffer.alloc(64, 0xff);
      writeFileSync(control, Buffer.concat([damaged, readFileSync(control).subarray(64)]));
      const before = readFileSync(control);
      const result = spawnSync(tsx, ['app/index.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(1);
      const lines = result.stderr.split('\n').filter((l) => l.trim() && !/Warning|--trace-/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Start-up failed: the embedded database in DATA_DIR could not be opened: .*damaged.*backup/);
      expect(readFileSync(control).equals(before)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
