import { PriorityGate, urgently } from '../../../db/priorityGate';
import { createTestDatabase, TestDatabase } from '../../support/database';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('PriorityGate', () => {
  test('urgent operations queued behind a busy gate run before the others, which keep their order', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const held = deferred();
    const first = gate.run(async () => {
      await held.promise;
      order.push('first');
    });
    await new Promise((resolve) => setImmediate(resolve)); // admitted: the gate is busy
    const operation = (name: string) => async () => {
      order.push(name);
    };
    const queued = [gate.run(operation('queued 1')), gate.run(operation('queued 2')), urgently(() => gate.run(operation('urgent')))];
    held.resolve();
    await Promise.all([first, ...queued]);
    expect(order).toEqual(['first', 'urgent', 'queued 1', 'queued 2']);
  });

  test('operations run one at a time, and all of them run', async () => {
    const gate = new PriorityGate();
    let running = 0;
    let most = 0;
    let done = 0;
    const operation = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      done++;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? gate.run(operation) : urgently(() => gate.run(operation)))));
    expect(most).toBe(1);
    expect(done).toBe(20);
  });

  test('work scheduled from urgent work stays urgent; a failed operation frees the gate', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const held = deferred();
    const first = gate.run(() => held.promise);
    const queued = gate.run(async () => {
      order.push('queued');
    });
    const nested = urgently(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return gate.run(async () => {
        order.push('nested urgent');
        throw new Error('boom');
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    held.resolve();
    await expect(nested).rejects.toThrow('boom');
    await Promise.all([first, queued]);
    expect(order).toEqual(['nested urgent', 'queued']);
  });
});

describe('the embedded database serves urgent statements first', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
  });
  afterAll(async () => {
    await db.drop();
  });

  test('an urgent insert is not held behind 50 queued statements', async () => {
    const finished: string[] = [];
    const queued = Array.from({ length: 50 }, async (_, i) => {
      await db.prisma.$queryRaw`SELECT count(*) FROM message`;
      finished.push(`queued ${i}`);
    });
    const insert = urgently(async () => {
      await db.prisma.$executeRaw`INSERT INTO person (id, channel, "channelUserId") VALUES ('gate-person', 'test', 'gate-user')`;
      finished.push('insert');
    });
    await Promise.all([...queued, insert]);
    expect(finished.indexOf('insert')).toBeLessThanOrEqual(1);
    expect(finished).toHaveLength(51);
  });
});
