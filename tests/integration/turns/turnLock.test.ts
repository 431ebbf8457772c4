import { openDatabase, Database } from '../../../db/database';
import { TurnLock } from '../../../turns/turnLock';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)('TurnLock on %s', (kind) => {
  let db: TestDatabase;
  let other: Database;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // On PostgreSQL a second client with its own pool stands for a second server process.
    other = kind === 'postgres' ? await openDatabase(db.target) : db;
  });
  afterAll(async () => {
    if (other !== db) await other.close();
    await db.drop();
  });

  test('holders of two lock instances never overlap on one conversation', async () => {
    const locks = [new TurnLock(db.sql), new TurnLock(other.sql)];
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 12 }, (_, i) => locks[i % 2].run('same', async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await sleep(3);
      order.push(i);
      inside--;
    })));
    expect(maxInside).toBe(1);
    expect(order).toHaveLength(12);
  });

  test('different conversations run side by side', async () => {
    const lock = new TurnLock(db.sql);
    let inside = 0;
    let allWereInside = false;
    // Each holder waits (bounded) until all three are inside at once: only possible if they overlap.
    const waitForOthers = async () => {
      const deadline = Date.now() + 10_000;
      while (!allWereInside && Date.now() < deadline) await sleep(5);
    };
    await Promise.all(['a', 'b', 'c'].map((id) => lock.run(id, async () => {
      if (++inside === 3) allWereInside = true;
      await waitForOthers();
      inside--;
    })));
    expect(allWereInside).toBe(true);
  });

  test('the lease is released after an error', async () => {
    const lock = new TurnLock(db.sql);
    await expect(lock.run('failing', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(lock.run('failing', async () => 'next')).resolves.toBe('next');
    expect(await db.prisma.turnLock.count({ where: { conversationId: 'failing' } })).toBe(0);
  });

  test('an expired lease of a dead holder is taken over', async () => {
    await db.prisma.turnLock.create({ data: { conversationId: 'orphan', owner: 'dead-process', expiresAt: new Date(Date.now() - 1000) } });
    await expect(new TurnLock(other.sql).run('orphan', async () => 'taken')).resolves.toBe('taken');
  });

  test('a live lease of another holder is waited for, then the wait times out', async () => {
    await db.prisma.$executeRaw`INSERT INTO turn_lock ("conversationId", owner, "expiresAt") VALUES ('busy', 'other', now() + interval '1 hour')`;
    const lock = new TurnLock(other.sql, { waitTimeoutMs: 200 });
    await expect(lock.run('busy', async () => 'never')).rejects.toThrow(/Timed out/);
  });
});
