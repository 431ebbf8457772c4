import { Client } from 'pg';
import type { Subscription } from '../../../db/pgListener';
import { LISTENER_APPLICATION_NAME } from '../../../db/pgListener';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

const CHANNEL = 'listener_test';

describe.each(databaseKinds)('a LISTEN subscription (%s)', (kind) => {
  let db: TestDatabase;
  let subscription: Subscription;
  const received: string[] = [];
  const liveness: boolean[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    subscription = await db.listen(CHANNEL, { notify: (payload) => received.push(payload), live: (up) => liveness.push(up) });
  }, 60_000);

  afterAll(async () => {
    await subscription?.stop();
    await db?.drop();
  });

  /** Commits a notification over the application's own pool, not the listening connection. */
  const commit = (payload: string) => db.prisma.$executeRawUnsafe(`SELECT pg_notify('${CHANNEL}', '${payload}')::text`);

  test('once sync resolves, every notification committed before it has been handled', async () => {
    expect(liveness).toEqual([true]);
    for (let i = 0; i < 30; i++) {
      await commit(`n${i}`);
      expect(await subscription.sync()).toBe(true);
      expect(received).toContain(`n${i}`);
    }
  });

  test('many callers at once are all answered, in commit order', async () => {
    received.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await commit(`c${i}`);
        const synced = await subscription.sync();
        return synced && received.includes(`c${i}`);
      }),
    );
    expect(answers.every(Boolean)).toBe(true);
  });

  (kind === 'postgres' ? test : test.skip)('without its connection it cannot say, and says false; reconnected, true again', async () => {
    const admin = new Client({ connectionString: db.target.kind === 'postgres' ? db.target.url : '' });
    await admin.connect();
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [LISTENER_APPLICATION_NAME]);
    await admin.end();
    expect(killed.rowCount).toBe(1);
    const deadline = Date.now() + 5000;
    while (liveness.at(-1) !== false && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await subscription.sync()).toBe(false);
    while (liveness.at(-1) !== true && Date.now() < deadline + 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(liveness).toEqual([true, false, true]);
    await commit('after');
    expect(await subscription.sync()).toBe(true);
    expect(received).toContain('after');
  }, 30_000);
});
