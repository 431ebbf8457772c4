import { randomUUID } from 'node:crypto';
import { EmbeddedMaintenance } from '../../../db/embeddedMaintenance';
import { createTestDatabase, TestDatabase } from '../../support/database';

/** The embedded database has no autovacuum: the maintenance does its work. */
describe('EmbeddedMaintenance on the embedded database', () => {
  let db: TestDatabase;
  let maintenance: EmbeddedMaintenance;
  let conversationId: string;

  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    maintenance = new EmbeddedMaintenance(db.sql);
    const person = await db.prisma.person.create({ data: { channel: 'test', channelUserId: 'u' } });
    conversationId = (await db.prisma.conversation.create({ data: { id: randomUUID(), channel: 'test', channelConversationId: 'c', personId: person.id } })).id;
  }, 60_000);

  afterAll(async () => {
    await maintenance.stop();
    await db.drop();
  });

  const insertMessages = (count: number) =>
    db.sql.execute(
      `INSERT INTO message (id, "conversationId", channel, direction, text, activity, status)
       SELECT gen_random_uuid()::text, $1, 'test', 'out', 'x', '{"type":"message"}'::jsonb, 'sent' FROM generate_series(1, $2::int)`,
      [conversationId, count],
    );
  const pagesOf = async (table: string) => Number((await db.sql.query<{ pages: bigint }>(`SELECT pg_relation_size($1::regclass) / 8192 AS pages`, [table]))[0].pages);
  const estimatedRows = async (table: string) => (await db.sql.query<{ rows: number }>(`SELECT reltuples::float8 AS rows FROM pg_class WHERE relname = $1`, [table]))[0].rows;

  test('a table that grew gets statistics; unchanged, it is left alone', async () => {
    await insertMessages(3000);
    expect(await maintenance.analyzeChanged()).toContain('message');
    expect(await estimatedRows('message')).toBe(3000);
    expect(await maintenance.analyzeChanged()).toEqual([]);
    await insertMessages(100); // under 10%: not yet
    expect(await maintenance.analyzeChanged()).toEqual([]);
    await insertMessages(1000);
    expect(await maintenance.analyzeChanged()).toEqual(['message']);
    expect(await estimatedRows('message')).toBe(4100);
  });

  test('with VACUUM, status changes of every message do not make the table grow', async () => {
    await maintenance.vacuum();
    const before = await pagesOf('message');
    for (const status of ['queued', 'sending', 'sent', 'delivered', 'read']) {
      await db.sql.execute(`UPDATE message SET status = $1`, [status]);
      await maintenance.vacuum();
    }
    // An update needs room for a new copy of every row (twice the size); without VACUUM each round
    // would add one more: six times the size.
    expect(await pagesOf('message')).toBeLessThan(before * 3);
  });
});
