import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { DurableAdapter } from '../../../turns/durableAdapter';
import { Metrics } from '../../../turns/metrics';
import { StateStorage } from '../../../turns/stateStorage';
import { TurnLock } from '../../../turns/turnLock';
import { InboundMessage, TurnHandler, TurnRunner } from '../../../turns/turnRunner';
import { TurnStore } from '../../../turns/turnStore';
import { openDatabase, Database } from '../../../db/database';
import type { SqlClient } from '../../../db/sqlClient';
import { CounterBot } from '../../support/counterBot';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { settlesWithin } from '../../support/timing';

function runnerOn(db: Pick<Database, 'sql' | 'kind'>, bot?: TurnHandler, concurrency?: number, sql: SqlClient = db.sql): TurnRunner {
  const handler = bot ?? new CounterBot(new StateStorage(db.sql), 5);
  return new TurnRunner(sql, new DurableAdapter(), handler, new TurnLock(db.sql, { distributed: db.kind === 'postgres' }), new Metrics(), { concurrency });
}

/** A bot whose turns each run `statements` queries one after the other, recording which conversations' turns ran and how many ran at once. */
class BusyBot implements TurnHandler {
  readonly started: string[] = [];
  running = 0;
  mostAtOnce = 0;

  constructor(private readonly db: Database, private readonly statements: number) {}

  async run(context: TurnContext): Promise<void> {
    this.started.push(context.activity.conversation.id);
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.running);
    try {
      for (let i = 0; i < this.statements; i++) await this.db.sql.query('SELECT count(*) FROM message');
      await context.sendActivity('done');
    } finally {
      this.running--;
    }
  }
}

/** A bot whose turns wait until {@link release} (bounded: a test that forgets fails rather than hangs). */
class HoldingBot implements TurnHandler {
  held = 0;
  private released!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));

  async run(context: TurnContext): Promise<void> {
    this.held++;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.gate, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
    await context.sendActivity('released');
  }

  release(): void {
    this.released();
  }

  /** Resolves when `count` turns are held, or after `ms` (then `held` tells). */
  async holding(count: number, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.held < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function message(conversation: string, text: string, providerMessageId?: string): InboundMessage {
  return { channel: 'test', channelConversationId: conversation, channelUserId: `user-${conversation}`, providerMessageId, activity: { type: 'message', text } };
}

async function repliesOf(db: Database, conversation: string): Promise<string[]> {
  const rows = await db.prisma.message.findMany({
    where: { conversation: { channelConversationId: conversation }, direction: 'out' },
    orderBy: { seq: 'asc' },
  });
  return rows.map((row) => row.text ?? '');
}

async function inboundOf(db: Database, conversation: string) {
  return db.prisma.message.findMany({ where: { conversation: { channelConversationId: conversation }, direction: 'in' }, orderBy: { seq: 'asc' } });
}

describe.each(databaseKinds)('TurnRunner on %s', (kind) => {
  let db: TestDatabase;
  let runner: TurnRunner;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runner = runnerOn(db);
  });
  afterAll(async () => {
    await runner.stop();
    await db.drop();
  });

  test('messages of one conversation take effect in arrival order, each reply once, in order', async () => {
    for (const text of ['a', 'b', 'c', 'd', 'e']) await runner.receive(message('order', text));
    await runner.idle();
    expect(await repliesOf(db, 'order')).toEqual(['seen:a', 'seen:a,b', 'seen:a,b,c', 'seen:a,b,c,d', 'seen:a,b,c,d,e']);
  });

  test('a duplicate delivery is stored once and answered once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runner.receive(message('dup', 'hello', 'provider-1'))));
    await runner.idle();
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(await inboundOf(db, 'dup')).toHaveLength(1);
    expect(await repliesOf(db, 'dup')).toEqual(['seen:hello']);
  });

  test('a delivery is acknowledged only once it is stored: when the insert fails, receive fails and nothing is kept', async () => {
    await runner.receive(message('ack', 'a'));
    await runner.idle();
    const fail = () => Promise.reject(new Error('database down'));
    const down: SqlClient = { query: fail, execute: fail, transaction: fail };
    const failing = runnerOn(db, undefined, undefined, down);
    await expect(failing.receive(message('ack', 'b', 'provider-ack'))).rejects.toThrow('database down');
    await failing.stop();
    expect(await db.prisma.message.count({ where: { providerMessageId: 'provider-ack' } })).toBe(0);
    await runner.receive(message('ack', 'b', 'provider-ack'));
    await runner.idle();
    expect(await repliesOf(db, 'ack')).toEqual(['seen:a', 'seen:a,b']);
  });

  test('many conversations at once do not mix', async () => {
    const conversations = Array.from({ length: 20 }, (_, i) => `many-${i}`);
    await Promise.all(conversations.map(async (c) => {
      await runner.receive(message(c, '1'));
      await runner.receive(message(c, '2'));
    }));
    await runner.idle();
    for (const c of conversations) expect(await repliesOf(db, c)).toEqual(['seen:1', 'seen:1,2']);
  });

  test('a failing turn changes nothing and is retried until it succeeds', async () => {
    let failuresLeft = 1;
    const counter = new CounterBot(new StateStorage(db.sql));
    const flaky = runnerOn(db, { run: async (context) => {
      if (failuresLeft-- > 0) throw new Error('simulated outage');
      await counter.run(context);
    } });
    await flaky.receive(message('flaky', 'x'));
    await flaky.idle();
    expect(await repliesOf(db, 'flaky')).toEqual([]);
    expect(await inboundOf(db, 'flaky')).toMatchObject([{ status: 'received', attempts: 1 }]);
    await flaky.recoverPending();
    expect(await repliesOf(db, 'flaky')).toEqual(['seen:x']);
    await flaky.stop();
  });

  test('state, replies and "processed" are one commit: a turn whose commit fails leaves none of them, and its retry all', async () => {
    // The turn's transaction is cut short after its statements ran, as a crash before COMMIT would.
    let crash = false;
    const crashing: SqlClient = {
      ...db.sql,
      transaction: (work) => db.sql.transaction(async (tx) => {
        const result = await work(tx);
        if (crash) throw new Error('crash before commit');
        return result;
      }),
    };
    const crashed = runnerOn(db, undefined, undefined, crashing);
    await crashed.receive(message('atomic', 'a'));
    await crashed.idle();
    await crashed.receive(message('atomic', 'b'));
    crash = true; // stored (its own transaction committed); its turn commits later, and crashes
    await crashed.idle();
    expect(await repliesOf(db, 'atomic')).toEqual(['seen:a']);
    expect((await inboundOf(db, 'atomic')).map((m) => m.status)).toEqual(['processed', 'received']);
    crash = false;
    await crashed.recoverPending();
    await crashed.stop();
    // The state the crashed turn wrote was rolled back with its reply: "b" is seen once.
    expect(await repliesOf(db, 'atomic')).toEqual(['seen:a', 'seen:a,b']);
    expect((await inboundOf(db, 'atomic')).map((m) => m.status)).toEqual(['processed', 'processed']);
  });

  test('after a crash, the recovery sweep answers the messages stored but never taken', async () => {
    // Stored by a process that died before its turn ran: in the inbox, no turn scheduled.
    const store = new TurnStore(db.sql);
    const { conversationId } = await store.insertInbound({ id: randomUUID(), channel: 'test', channelConversationId: 'orphaned', channelUserId: 'user-orphaned', text: 'hi', activity: { type: 'message', text: 'hi', channelId: 'test', conversation: { id: 'orphaned' }, from: { id: 'user-orphaned' }, recipient: { id: 'bot' }, timestamp: new Date() }, providerMessageId: null, receivedAt: new Date() });
    expect(await repliesOf(db, 'orphaned')).toEqual([]);
    const restarted = runnerOn(db);
    restarted.startRecovery(60_000);
    await until(async () => (await repliesOf(db, 'orphaned')).length > 0);
    await restarted.stop();
    expect(await repliesOf(db, 'orphaned')).toEqual(['seen:hi']);
    expect(await db.prisma.message.count({ where: { conversationId, direction: 'in', status: 'received' } })).toBe(0);
  });

  test.each([1, 3])('a backlog of conversations waits for one of %i turn slots, first come first served, each answered once', async (concurrency) => {
    const bot = new BusyBot(db, 3);
    const limited = runnerOn(db, bot, concurrency);
    const conversations = Array.from({ length: 12 }, (_, i) => `backlog-${concurrency}-${i}`);
    for (const c of conversations) await limited.receive(message(c, 'hi'));
    await limited.idle();
    expect(bot.mostAtOnce).toBeLessThanOrEqual(concurrency);
    // With one slot the turns start exactly in arrival order; with more, drains start in that order.
    if (concurrency === 1) expect(bot.started).toEqual(conversations);
    for (const c of conversations) expect(await repliesOf(db, c)).toEqual(['done']);
    await limited.stop();
  });

  test('with every turn slot held, a new message is still stored and acknowledged at once; its turn runs when a slot frees', async () => {
    const bot = new HoldingBot();
    const busy = runnerOn(db, bot, 2);
    try {
      for (let i = 0; i < 2; i++) await busy.receive(message(`held-${i}`, 'hi'));
      await bot.holding(2);
      expect(bot.held).toBe(2);
      const acknowledged = busy.receive(message('newcomer', 'hi'));
      expect(await settlesWithin(acknowledged, 2000)).toBe(true);
      expect(await inboundOf(db, 'newcomer')).toMatchObject([{ status: 'received' }]);
      expect(bot.held).toBe(2);
    } finally {
      bot.release();
      await busy.stop();
    }
    expect(await repliesOf(db, 'newcomer')).toEqual(['released']);
  });

  test('the transcript keeps both directions with channel, time and text', async () => {
    await runner.receive(message('transcript', 'hoi'));
    await runner.idle();
    const rows = await db.prisma.message.findMany({ where: { conversation: { channelConversationId: 'transcript' } }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.direction, r.channel, r.text])).toEqual([['in', 'test', 'hoi'], ['out', 'test', 'seen:hoi']]);
    expect(rows.every((r) => r.createdAt instanceof Date)).toBe(true);
  });
});

/** Resolves when `condition` holds; fails after `ms` rather than hang. */
async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Two server processes share one PostgreSQL database: two runners, each with its own pool and
// lock, and messages of one conversation arriving alternately at each.
const onPostgres = databaseKinds.includes('postgres') ? describe : describe.skip;
onPostgres('TurnRunner: two processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    second = await openDatabase(db.target);
  });
  afterAll(async () => {
    await second.close();
    await db.drop();
  });

  test('five messages within 100 ms through both processes: all take effect, replies in order', async () => {
    const runners = [runnerOn(db), runnerOn(second)];
    const texts = ['1', '2', '3', '4', '5'];
    for (const [i, text] of texts.entries()) {
      await runners[i % 2].receive(message('two-processes', text));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(runners.map((r) => r.idle()));
    expect(await repliesOf(db, 'two-processes')).toEqual(['seen:1', 'seen:1,2', 'seen:1,2,3', 'seen:1,2,3,4', 'seen:1,2,3,4,5']);
    expect(await db.prisma.turnLock.count()).toBe(0);
    await Promise.all(runners.map((r) => r.stop()));
  });

  test('a turn running in one process holds the conversation: the other waits for its lease, then answers', async () => {
    const holding = new HoldingBot();
    const first = runnerOn(db, holding);
    const other = runnerOn(second);
    try {
      const { conversationId } = await first.receive(message('leased', 'a'));
      await holding.holding(1);
      expect(await db.prisma.turnLock.count({ where: { conversationId } })).toBe(1);
      await other.receive(message('leased', 'b'));
      const otherDone = other.idle();
      expect(await settlesWithin(otherDone, 300)).toBe(false);
    } finally {
      holding.release();
      await Promise.all([first.stop(), other.stop()]);
    }
    // The held turn (a) answered first; the other process's turn (b) read its state after it.
    expect(await repliesOf(db, 'leased')).toEqual(['released', 'seen:b']);
  });
});

/** A bot that records the text its turns read. */
class ReadingBot implements TurnHandler {
  readonly read: string[] = [];

  async run(context: TurnContext): Promise<void> {
    this.read.push(context.activity.text ?? '');
    await context.sendActivity('ok');
  }
}

describe.each(databaseKinds)('TurnRunner and personal data on %s', (kind) => {
  let db: TestDatabase;
  let bot: ReadingBot;
  let runner: TurnRunner;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    bot = new ReadingBot();
    runner = runnerOn(db, bot);
  });
  afterAll(async () => {
    await runner.stop();
    await db.drop();
  });

  test('a national register number, an IBAN and a card number are stored masked; the turn reads them as written', async () => {
    const text = 'rijksregister 85.07.30-033.28, rekening BE68 5390 0754 7034, kaart 4539 1488 0343 6467';
    await runner.receive(message('masked', text));
    await runner.idle();
    expect(bot.read).toContain(text);
    const [stored] = await db.prisma.message.findMany({ where: { conversation: { channelConversationId: 'masked' }, direction: 'in' } });
    const kept = `${stored.text} ${JSON.stringify(stored.activity)}`;
    for (const secret of ['85.07.30-033.28', 'BE68 5390 0754 7034', '4539 1488 0343 6467']) expect(kept).not.toContain(secret);
    expect(stored.text).toContain('6467');
  });

  test('a remembered conversation erased meanwhile: the next message is stored as a first contact and answered', async () => {
    await runner.receive(message('erased', 'one'));
    await runner.idle();
    await db.prisma.conversation.deleteMany({ where: { channelConversationId: 'erased' } });
    const result = await runner.receive(message('erased', 'two'));
    await runner.idle();
    expect(result.duplicate).toBe(false);
    expect(await repliesOf(db, 'erased')).toEqual(['ok']);
  });
});
