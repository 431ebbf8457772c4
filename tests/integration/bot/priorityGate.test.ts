import { inBackground, PriorityGate } from '../../../bot/priorityGate';
import { createTestDatabase, TestDatabase } from '../../support/database';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('PriorityGate', () => {
  test('foreground operations queued behind a busy gate run before queued background ones', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const held = deferred();
    const first = gate.run(async () => {
      await held.promise;
      order.push('first');
    });
    const operation = (name: string) => async () => {
      order.push(name);
    };
    const queued = [
      inBackground(() => gate.run(operation('background 1'))),
      inBackground(() => gate.run(operation('background 2'))),
      gate.run(operation('foreground')),
    ];
    held.resolve();
    await Promise.all([first, ...queued]);
    expect(order).toEqual(['first', 'foreground', 'background 1', 'background 2']);
  });

  test('operations run one at a time and background work runs when nothing else waits', async () => {
    const gate = new PriorityGate();
    let running = 0;
    let most = 0;
    const operation = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? gate.run(operation) : inBackground(() => gate.run(operation)))));
    expect(most).toBe(1);
  });

  test('work scheduled from background work stays background; a failed operation frees the gate', async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const held = deferred();
    const first = gate.run(() => held.promise);
    const nested = inBackground(async () => {
      await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return gate.run(async () => {
        order.push('nested background');
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const failing = gate.run(async () => {
      order.push('failing foreground');
      throw new Error('boom');
    });
    const foreground = gate.run(async () => {
      order.push('foreground');
    });
    held.resolve();
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([first, nested, foreground]);
    expect(order).toEqual(['failing foreground', 'foreground', 'nested background']);
  });
});

describe('the embedded database serves foreground statements before background ones', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
  });
  afterAll(async () => {
    await db.drop();
  });

  test('an inbox-like insert is not held behind 50 queued background statements', async () => {
    const finished: string[] = [];
    const background = Array.from({ length: 50 }, (_, i) =>
      inBackground(async () => {
        await db.prisma.$queryRaw`SELECT count(*) FROM message`;
        finished.push(`background ${i}`);
      }),
    );
    const insert = (async () => {
      await db.prisma.$executeRaw`INSERT INTO person (id, channel, "channelUserId") VALUES ('gate-person', 'test', 'gate-user')`;
      finished.push('insert');
    })();
    await Promise.all([...background, insert]);
    expect(finished.indexOf('insert')).toBeLessThanOrEqual(1);
    expect(finished).toHaveLength(51);
  });
});
