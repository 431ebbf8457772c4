import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../../db/database';
import { Pool } from 'pg';
import { poolSql, PREPARED_MAX, SqlClient } from '../../../db/sqlClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

/**
 * The plain SQL clients answer like Prisma, on every database: int8 as bigint, jsonb parsed,
 * timestamps as the same instant, also when the process's clock is not on UTC.
 */
describe.each(databaseKinds)('SqlClient (%s)', (kind) => {
  let db: TestDatabase;
  const clients: [string, () => SqlClient][] = [
    ['the database\'s own', () => db.sql],
    ['inside a transaction', () => ({ ...db.sql, query: (text, params) => db.sql.transaction((tx) => tx.query(text, params)), execute: (text, params) => db.sql.transaction((tx) => tx.execute(text, params)) })],
  ];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  async function conversation(): Promise<string> {
    const person = await db.prisma.person.create({ data: { channel: 'test', channelUserId: randomUUID() } });
    return (await db.prisma.conversation.create({ data: { id: randomUUID(), channel: 'test', channelConversationId: randomUUID(), personId: person.id } })).id;
  }

  test.each(clients)('%s: rows typed as Prisma types them', async (_name, client) => {
    const id = await conversation();
    const messageId = randomUUID();
    await db.prisma.message.create({ data: { id: messageId, conversationId: id, channel: 'test', direction: 'out', text: 'x', activity: { type: 'message', text: 'x' }, status: 'queued' } });
    const viaPrisma = await db.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    const [row] = await client().query<{ seq: bigint; activity: unknown; createdAt: Date }>(`SELECT seq, activity, "createdAt" FROM message WHERE id = $1`, [messageId]);
    expect(row.seq).toBe(viaPrisma.seq);
    expect(row.activity).toEqual({ type: 'message', text: 'x' });
    expect(row.createdAt).toEqual(viaPrisma.createdAt);
  });

  test.each(clients)('%s: a Date written to a timestamp column is the same instant for Prisma', async (_name, client) => {
    const id = await conversation();
    const at = new Date('2026-03-29T00:30:00.123Z'); // the night the clocks go forward in Brussels
    expect(await client().execute(`UPDATE conversation SET "lastInboundAt" = $1::timestamptz AT TIME ZONE 'UTC' WHERE id = $2`, [at, id])).toBe(1);
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id } })).lastInboundAt).toEqual(at);
    const [row] = await client().query<{ lastInboundAt: Date }>(`SELECT "lastInboundAt" FROM conversation WHERE id = $1`, [id]);
    expect(row.lastInboundAt).toEqual(at);
  });

  test.each(clients)('%s: bigint, number, boolean and null parameters', async (_name, client) => {
    const [row] = await client().query<{ big: bigint; n: number; b: boolean; nothing: null }>(`SELECT $1::int8 + 1 AS big, $2::int4 AS n, $3::bool AS b, $4::text AS nothing`, [2n ** 60n, 7, true, null]);
    expect(row).toEqual({ big: 2n ** 60n + 1n, n: 7, b: true, nothing: null });
    expect(await client().execute(`UPDATE conversation SET "lastInboundAt" = NULL WHERE id = $1`, ['none'])).toBe(0);
  });

  test('in a process whose clock is in Brussels, a timestamp is the same instant for Prisma and for the client', async () => {
    const instant = '2026-03-29T00:30:00.123Z'; // the night the clocks go forward
    const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['--no-deprecation', path.resolve('tests/support/timeZoneProbe.ts')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'Europe/Brussels', PROBE_INSTANT: instant, PROBE_DATABASE_URL: db.target.kind === 'postgres' ? db.target.url : '' },
    });
    expect(JSON.parse(stdout)).toEqual({ offsetMinutes: -60, prisma: instant, sql: instant });
  }, 60_000);
});

const onPostgres = databaseKinds.includes('postgres') ? describe : describe.skip;

onPostgres('a PostgreSQL server whose clock is set to Brussels', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    const created = await createTestDatabase('postgres');
    // As `initdb` sets it on a Belgian server; sessions opened from now on inherit it.
    await created.sql.execute(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'Europe/Brussels'); END $$`);
    await created.close();
    const reopened = await openDatabase(created.target);
    const drop = async () => {
      await reopened.close();
      await created.drop();
    };
    db = { ...reopened, target: created.target, drop };
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  test('rows stamped by the database (now(), column defaults) are the same instant for Prisma', async () => {
    const person = await db.prisma.person.create({ data: { channel: 'test', channelUserId: randomUUID() } });
    const { id } = await db.prisma.conversation.create({ data: { id: randomUUID(), channel: 'test', channelConversationId: randomUUID(), personId: person.id } });
    const messageId = randomUUID();
    const before = Date.now();
    await db.sql.execute(`INSERT INTO message (id, "conversationId", channel, direction, text, activity, status) VALUES ($1, $2, 'test', 'in', 'x', '{}'::jsonb, 'received')`, [messageId, id]);
    const { createdAt } = await db.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(Math.abs(createdAt.getTime() - before)).toBeLessThan(60_000);
  });
});

/** Transactions: all of their statements or none, on every database. */
describe.each(databaseKinds)('SqlClient transactions (%s)', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const insertState = (sql: SqlClient, key: string) => sql.execute(`INSERT INTO bot_state (key, data, etag, "updatedAt") VALUES ($1, '{}'::jsonb, 'e', now())`, [key]);
  const stored = async (...keys: string[]) => (await db.sql.query<{ key: string }>(`SELECT key FROM bot_state WHERE key = ANY ($1::text[]) ORDER BY key`, [keys])).map((row) => row.key);

  test('a transaction that resolves commits every statement, and returns what its work returned', async () => {
    const result = await db.sql.transaction(async (tx) => {
      await insertState(tx, 'tx/a1');
      await insertState(tx, 'tx/a2');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await stored('tx/a1', 'tx/a2')).toEqual(['tx/a1', 'tx/a2']);
  });

  test('a transaction whose work throws keeps none of its statements, and the client works on', async () => {
    await expect(db.sql.transaction(async (tx) => {
      await insertState(tx, 'tx/b1');
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await expect(db.sql.transaction(async (tx) => {
      await insertState(tx, 'tx/b2');
      await insertState(tx, 'tx/b2'); // a duplicate key: the database refuses
    })).rejects.toThrow();
    expect(await stored('tx/b1', 'tx/b2')).toEqual([]);
    expect(await db.sql.query<{ n: number }>(`SELECT $1::int4 AS n`, [5])).toEqual([{ n: 5 }]);
  });
});

/** On PostgreSQL, the pool's statements are prepared by name, per connection. */
const preparedOn = databaseKinds.includes('postgres') ? describe : describe.skip;
preparedOn('prepared statements (postgres)', () => {
  let db: TestDatabase;
  let pool: Pool | undefined;
  let sql: SqlClient;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    pool = new Pool({ connectionString: db.target.kind === 'postgres' ? db.target.url : '', max: 1 });
    sql = poolSql(pool);
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const prepared = async (text: string) =>
    (await sql.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [text])).map((row) => row.name);

  test("a statement run again is prepared once, by name, and answers with each run's parameters", async () => {
    const text = `SELECT $1::int4 * 2 AS doubled`;
    const answers = [];
    for (const n of [1, 2, 3]) answers.push((await sql.query<{ doubled: number }>(text, [n]))[0].doubled);
    expect(answers).toEqual([2, 4, 6]);
    expect(await prepared(text)).toEqual([expect.stringMatching(/^digibank_[0-9a-f]{16}$/)]);
  });

  test('a run that fails does not spoil the next ones, whether it failed on its first run or later', async () => {
    const text = `SELECT 12 / $1::int4 AS q`;
    await expect(sql.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await sql.query(text, [4])).toEqual([{ q: 3 }]);
    await expect(sql.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await sql.query(text, [6])).toEqual([{ q: 2 }]);
    expect(await prepared(text)).toHaveLength(1);
  });

  test('a statement that cannot be parsed fails every time, and the others still run', async () => {
    const broken = `SELEC $1::int4`;
    for (let i = 0; i < 2; i++) await expect(sql.query(broken, [1])).rejects.toThrow(/syntax error/);
    expect(await sql.query<{ n: number }>(`SELECT $1::int4 AS n`, [5])).toEqual([{ n: 5 }]);
    expect(await sql.execute(`UPDATE conversation SET "lastInboundAt" = NULL WHERE id = $1`, ['none'])).toBe(0);
  });

  test(`past ${PREPARED_MAX} distinct texts, statements still run, unnamed`, async () => {
    const texts = Array.from({ length: PREPARED_MAX + 5 }, (_, i) => `SELECT ${i}::int4 + $1::int4 AS n`);
    for (const [i, text] of texts.entries()) expect((await sql.query<{ n: number }>(text, [1]))[0].n).toBe(i + 1);
    expect(await prepared(texts[texts.length - 1])).toEqual([]);
  });
});
