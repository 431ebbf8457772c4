import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DirectLineConversation } from '../../scripts/bench/lib/directLineClient';
import { npmStartCommand, startServerProcess } from './support/serverProcess';

const ROOT = path.join(__dirname, '..', '..');

/**
 * What `npm start` runs: the `prestart` build (esbuild into build/), then the compiled server with
 * the start script's Node.js flags, on an embedded database in a new data directory: it gets
 * ready, seeds the demo data, answers a web chat visitor, and stops cleanly on SIGTERM. The rest of
 * the suite runs the TypeScript; this is the one test of the JavaScript a digibank's PC runs.
 */
describe('npm start (compiled JavaScript)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`scripts/build.js failed:\n${build.stderr}`);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the compiled server starts on a new data directory, answers web chat and stops on SIGTERM', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'true' }, 120_000, [], npmStartCommand());
    try {
      const conversation = await DirectLineConversation.generate(server.url);
      await conversation.start(server.url, 'nl-BE');
      const replyTo = await conversation.send(server.url, 'mijn itsme werkt niet');
      let replies: string[] = [];
      for (let attempt = 0; attempt < 200 && replies.length === 0; attempt += 1) {
        replies = (await conversation.poll(server.url)).filter((a) => a.replyToId === replyTo && a.text).map((a) => a.text as string);
        if (replies.length === 0) await new Promise((done) => setTimeout(done, 100));
      }
      expect(replies.join(' ')).toMatch(/itsme/i);
    } finally {
      await server.stop();
    }
    expect(server.child.exitCode).toBe(0);
  }, 180_000);
});
