import { TurnContext } from 'botbuilder';
import { DurableAdapter } from '../../../turns/durableAdapter';
import { Metrics } from '../../../turns/metrics';
import { PrismaStorage } from '../../../turns/prismaStorage';
import { TurnLock } from '../../../turns/turnLock';
import { InboundMessage, TurnHandler, TurnRunner } from '../../../turns/turnRunner';
import { openDatabase, Database } from '../../../db/database';
import { CounterBot } from '../../support/counterBot';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { TranscriptEntry, TranscriptService } from '../../../services/transcriptService';
import type { SqlClient } from '../../../db/sqlClient';

function runnerOn(db: Database, bot?: TurnHandler, concurrency?: number): TurnRunner {
  const handler = bot ?? new CounterBot(new PrismaStorage(db.prisma), 5);
  return new TurnRunner(db.prisma, new DurableAdapter(), handler, new TurnLock(db.sql), new Metrics(), { concurrency, sql: db.sql });
}

/** A bot whose turns each run `statements` queries one after the other, recording which conversations' turns ran and how many ran at once. */
class BusyBot implements TurnHandler {
  readonly started: string[] = [];
  statementsDone = 0;
  running = 0;
  mostAtOnce = 0;

  constructor(private readonly db: Database, private readonly statements: number) {}

  async run(context: TurnContext): Promise<void> {
    this.started.push(context.activity.conversation.id);
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.running);
    try {
      for (let i = 0; i < this.statements; i++) {
        await this.db.prisma.$queryRaw`SELECT count(*) FROM message`;
        this.statementsDone++;
      }
      await context.sendActivity('done');
    } finally {
      this.running--;
    }
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

  test('messages of one conversation take effect in arrival order, each reply once', async () => {
    for (const text of ['a', 'b', 'c', 'd', 'e']) await runner.receive(message('order', text));
    await runner.idle();
    expect(await repliesOf(db, 'order')).toEqual(['seen:a', 'seen:a,b', 'seen:a,b,c', 'seen:a,b,c,d', 'seen:a,b,c,d,e']);
  });

  test('a duplicate delivery is stored once and answered once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runner.receive(message('dup', 'hello', 'provider-1'))));
    await runner.idle();
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await repliesOf(db, 'dup')).toEqual(['seen:hello']);
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
    const counter = new CounterBot(new PrismaStorage(db.prisma));
    const flaky = runnerOn(db, { run: async (context) => {
      if (failuresLeft-- > 0) throw new Error('simulated outage');
      await counter.run(context);
    } });
    await flaky.receive(message('flaky', 'x'));
    await flaky.idle();
    expect(await repliesOf(db, 'flaky')).toEqual([]);
    const stored = await db.prisma.message.findFirst({ where: { conversation: { channelConversationId: 'flaky' }, direction: 'in' } });
    expect(stored).toMatchObject({ status: 'received', attempts: 1 });
    await flaky.recoverPending();
    expect(await repliesOf(db, 'flaky')).toEqual(['seen:x']);
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

  test('listeners are told each stored message exactly as a read of the transcript gives it', async () => {
    const told: TranscriptEntry[] = [];
    runner.onStored((_conversationId, entries) => told.push(...entries));
    const { conversationId } = await runner.receive(message('told', 'héllo 👋'));
    await runner.idle();
    await runner.receive(message('told', 'again'));
    await runner.idle();
    const read = await new TranscriptService(db.prisma, db.sql).messagesAfter(conversationId, 0n);
    expect(told.filter((entry) => read.some((r) => r.id === entry.id))).toHaveLength(4);
    expect(told.filter((entry) => read.some((r) => r.id === entry.id))).toEqual(read.map((entry) => ({ ...entry, status: entry.direction === 'in' ? 'received' : 'queued' })));
  });

  test('the transcript keeps both directions with channel, time and text', async () => {
    await runner.receive(message('transcript', 'hoi'));
    await runner.idle();
    const rows = await db.prisma.message.findMany({ where: { conversation: { channelConversationId: 'transcript' } }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.direction, r.channel, r.text])).toEqual([['in', 'test', 'hoi'], ['out', 'test', 'seen:hoi']]);
    expect(rows.every((r) => r.createdAt instanceof Date)).toBe(true);
  });
});

/** The database's SQL client, recording each statement's text and failing those `failing` picks. */
function recordingSql(db: Database, failing: (text: string) => boolean = () => false): SqlClient & { texts: string[] } {
  const texts: string[] = [];
  const run = <T>(text: string, work: () => Promise<T>): Promise<T> => {
    texts.push(text);
    return failing(text) ? Promise.reject(new Error('simulated outage')) : work();
  };
  return {
    texts,
    query: (text, params) => run(text, () => db.sql.query(text, params)),
    execute: (text, params) => run(text, () => db.sql.execute(text, params)),
  };
}

describe.each(databaseKinds)('TurnRunner: storing a message and taking its turn in one round trip (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db.drop());

  function runnerWith(sql: SqlClient): TurnRunner {
    return new TurnRunner(db.prisma, new DurableAdapter(), new CounterBot(new PrismaStorage(db.prisma)), new TurnLock(sql, { distributed: kind === 'postgres' }), new Metrics(), { sql });
  }

  test('a known conversation with a free turn slot: two statements per turn, the insert taking the turn', async () => {
    const sql = recordingSql(db);
    const runner = runnerWith(sql);
    await runner.receive(message('fused', 'a'));
    await runner.idle();
    sql.texts.length = 0;
    await runner.receive(message('fused', 'b'));
    await runner.idle();
    expect(sql.texts.map((text) => /receive_and_take|take_turns|INSERT INTO message|WITH state_deleted/.exec(text)?.[0])).toEqual(['receive_and_take', 'WITH state_deleted']);
    expect(await repliesOf(db, 'fused')).toEqual(['seen:a', 'seen:a,b']);
    await runner.stop();
  });

  test('when that statement fails, the delivery fails and nothing is stored; the next delivery is answered', async () => {
    let failures = 1;
    const sql = recordingSql(db, (text) => text.includes('FROM receive_and_take(') && failures-- > 0);
    const runner = runnerWith(sql);
    await runner.receive(message('fused-outage', 'a'));
    await runner.idle();
    await expect(runner.receive(message('fused-outage', 'b', 'provider-b'))).rejects.toThrow('simulated outage');
    await runner.idle();
    expect(await db.prisma.message.count({ where: { providerMessageId: 'provider-b' } })).toBe(0);
    await runner.receive(message('fused-outage', 'b', 'provider-b'));
    await runner.idle();
    expect(await repliesOf(db, 'fused-outage')).toEqual(['seen:a', 'seen:a,b']);
    await runner.stop();
  });
});

describe('TurnRunner on the embedded database: the inbox before the turns', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
  });
  afterAll(async () => {
    await db.drop();
  });

  test('a message arriving while every turn slot is busy with the database is stored before their waiting statements', async () => {
    const bot = new BusyBot(db, 40);
    const busy = runnerOn(db, bot, 8);
    for (let i = 0; i < 8; i++) await busy.receive(message(`busy-${i}`, 'hi'));
    while (bot.running < 8) await new Promise((resolve) => setImmediate(resolve));
    const before = bot.statementsDone;
    await busy.receive(message('newcomer', 'hi'));
    // At most the statement in progress finished meanwhile, not one per busy turn queued before it.
    expect(bot.statementsDone - before).toBeLessThanOrEqual(1);
    await busy.idle();
    expect(await repliesOf(db, 'newcomer')).toEqual(['done']);
    await busy.stop();
  });
});

// Two server processes share one PostgreSQL database: two runners, each with its own Prisma
// client, pool and lock, and messages of one conversation arriving alternately at each.
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
    await Promise.all(runners.map((r) => r.stop()));
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
