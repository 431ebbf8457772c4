import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { TurnStore } from '../../../turns/turnStore';
import { poolSql } from '../../../db/sqlClient';
import { TranscriptService } from '../../../services/transcriptService';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { settlesWithin } from '../../support/timing';

/** A new web chat conversation of a new person; returns its id. */
async function newConversation(db: TestDatabase): Promise<string> {
  const person = await db.prisma.person.create({ data: { channel: 'webchat', channelUserId: randomUUID() } });
  return (await db.prisma.conversation.create({ data: { id: randomUUID(), channel: 'webchat', channelConversationId: randomUUID(), personId: person.id } })).id;
}

describe.each(databaseKinds)('transcript reads on %s', (kind) => {
  let db: TestDatabase;
  let transcripts: TranscriptService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    transcripts = new TranscriptService(db.prisma, db.sql);
  }, 60_000);
  afterAll(() => db?.drop());

  /** A conversation with `count` messages "0"… in order; returns its id and their seqs. */
  async function conversationWith(count: number): Promise<{ id: string; seqs: bigint[] }> {
    const id = await newConversation(db);
    const seqs: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const row = await db.prisma.message.create({ data: { id: randomUUID(), conversationId: id, channel: 'webchat', direction: i % 2 ? 'out' : 'in', text: String(i), activity: { type: 'message', text: String(i) }, status: 'queued' } });
      seqs.push(row.seq);
    }
    return { id, seqs };
  }
  const textsOf = (entries: { activity: unknown }[]) => entries.map((entry) => (entry.activity as { text: string }).text);

  test('each read gets exactly its conversation\'s messages after its watermark, up to its limit', async () => {
    const conversations = await Promise.all(Array.from({ length: 10 }, (_, i) => conversationWith(1 + (i % 4))));
    // Every shape of request: from the start, from the middle, past the end, and cut by a limit.
    const requests = conversations.flatMap(({ id, seqs }) => [
      { id, after: 0n, limit: 100, expected: seqs.map((_, i) => String(i)) },
      { id, after: seqs[0], limit: 100, expected: seqs.slice(1).map((_, i) => String(i + 1)) },
      { id, after: seqs[seqs.length - 1], limit: 100, expected: [] },
      { id, after: 0n, limit: 1, expected: ['0'] },
    ]);
    const answers = await Promise.all(requests.map(({ id, after, limit }) => transcripts.messagesAfter(id, after, limit)));
    expect(answers.map(textsOf)).toEqual(requests.map((r) => r.expected));
    expect(answers.flat().every((entry) => typeof entry.seq === 'bigint' && entry.createdAt instanceof Date && ['in', 'out'].includes(entry.direction))).toBe(true);
  });
});

const onPostgres = databaseKinds.includes('postgres') ? describe : describe.skip;

/** One autocommitted (or, inside BEGIN, pending) message insert, as the outbox and the turns do. */
const insert = (client: Client, conversationId: string, text: string) =>
  client.query(
    `INSERT INTO message (id, "conversationId", channel, direction, text, activity, status) VALUES ($1, $2, 'webchat', 'out', $3, $4::jsonb, 'queued')`,
    [randomUUID(), conversationId, text, JSON.stringify({ type: 'message', text })],
  );

onPostgres('messages of a conversation are numbered in commit order (PostgreSQL, concurrent writers)', () => {
  let db: TestDatabase;
  let transcripts: TranscriptService;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    transcripts = new TranscriptService(db.prisma, db.sql);
    for (let i = 0; i < 2; i++) {
      const client = new Client({ connectionString: db.target.kind === 'postgres' ? db.target.url : '' });
      await client.connect();
      clients.push(client);
    }
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) await client.end();
    await db?.drop();
  });

  const conversation = () => newConversation(db);
  const texts = async (conversationId: string) => (await transcripts.messagesAfter(conversationId, 0n)).map((entry) => (entry.activity as { text: string }).text);

  test('a writer that starts while another is in flight commits after it: a reader never passes a message by', async () => {
    const [first, second] = clients;
    const id = await conversation();
    await first.query('BEGIN');
    await insert(first, id, 'first');
    const secondDone = insert(second, id, 'second');
    // Without the ordering, "second" commits now with the higher seq, and a reader whose watermark
    // moves past it would never be given "first".
    expect(await settlesWithin(secondDone, 300)).toBe(false);
    expect(await texts(id)).toEqual([]);
    await first.query('COMMIT');
    await secondDone;
    expect(await texts(id)).toEqual(['first', 'second']);
  });

  test('writers of different conversations do not wait for each other', async () => {
    const [first, second] = clients;
    const [a, b] = [await conversation(), await conversation()];
    await first.query('BEGIN');
    await insert(first, a, 'in a');
    expect(await settlesWithin(insert(second, b, 'in b'), 2000)).toBe(true);
    await first.query('COMMIT');
    expect([await texts(a), await texts(b)]).toEqual([['in a'], ['in b']]);
  });

  test('a duplicate first contact while a turn commits waits for it, never deadlocks', async () => {
    // A provider delivering a person's first message twice at once: the duplicate upserts the
    // conversation (a row lock) and then inserts the message, while the first copy's turn has
    // inserted its reply and then touches the conversation. Two kinds of lock taken in opposite
    // orders would deadlock, and PostgreSQL would abort one of them: the turn, losing its reply.
    const [turn] = clients;
    const pool = new Pool({ connectionString: db.target.kind === 'postgres' ? db.target.url : '', max: 1 });
    try {
      const store = new TurnStore(poolSql(pool));
      const channelConversationId = randomUUID();
      const inbound = (id: string) => ({ id, channel: 'whatsapp', channelConversationId, channelUserId: channelConversationId, text: 'hoi', activity: { type: 'message', text: 'hoi' }, providerMessageId: `wamid.${channelConversationId}`, receivedAt: new Date() });
      const { conversationId } = await store.insertInbound(inbound(randomUUID()));
      await turn.query('BEGIN');
      await insert(turn, conversationId, 'reply');
      const duplicate = store.insertInbound(inbound(randomUUID()));
      expect(await settlesWithin(duplicate, 300)).toBe(false);
      await turn.query(`UPDATE conversation SET "lastInboundAt" = now() WHERE id = $1`, [conversationId]);
      await turn.query('COMMIT');
      expect(await duplicate).toEqual({ conversationId, stored: false });
      expect(await texts(conversationId)).toEqual(['hoi', 'reply']);
    } finally {
      await turn.query('ROLLBACK').catch(() => undefined);
      await pool.end();
    }
  });

  test('one statement may write to thousands of conversations (the ordering locks live in the rows)', async () => {
    const [client] = clients;
    await client.query(`INSERT INTO person (id, channel, "channelUserId") SELECT 'bulk-p' || i, 'webchat', 'bulk-u' || i FROM generate_series(1, 10000) i`);
    await client.query(`INSERT INTO conversation (id, channel, "channelConversationId", "personId") SELECT 'bulk-c' || i, 'webchat', 'bulk-c' || i, 'bulk-p' || i FROM generate_series(1, 10000) i`);
    const inserted = await client.query(
      `INSERT INTO message (id, "conversationId", channel, direction, text, activity, status)
       SELECT 'bulk-m' || i, 'bulk-c' || i, 'webchat', 'out', 'notice', '{"type":"message","text":"notice"}'::jsonb, 'queued' FROM generate_series(1, 10000) i`,
    );
    expect(inserted.rowCount).toBe(10000);
  });
});
