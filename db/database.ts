import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client as PgClient, Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { memoryTemplate, pgliteRunner } from './embeddedTemplate';
import { applyMigrations, SqlRunner } from './migrations';
import { NotificationHandlers, PgListener, Subscription } from './pgListener';
import { PGLITE_PARSERS, pgliteSql, poolSql, SqlClient } from './sqlClient';
import { describeError, logger } from '../kernel/logger';

export { PrismaClient };

/** Where the data lives: embedded PGlite in a folder (or memory), or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

/** An open database: the Prisma client plus what the server needs around it. */
export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  /** Plain SQL on the same connections: the turn pipeline's statements, written next to their callers. */
  readonly sql: SqlClient;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** LISTENs on a notification channel (e.g. `message_added`). */
  listen(channel: string, handlers: NotificationHandlers): Promise<Subscription>;
  close(): Promise<void>;
}

/** Chooses the target from the configuration: DATABASE_URL set → PostgreSQL, else PGlite. */
export function databaseTarget(config: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseTarget {
  return config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'embedded', dataDir: config.DATA_DIR };
}

/**
 * Opens the database, applies pending migrations and returns a ready Prisma client.
 * @throws when the database cannot be reached or a migration fails.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'embedded' ? openEmbedded(target.dataDir) : openPostgres(target.url);
}

/**
 * PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, which never
 * shrinks: 16 MB holds the working set of a digibank's database and keeps the idle server ~100 MB
 * smaller. The parsers type rows of the plain SQL client as Prisma types them.
 */
const EMBEDDED_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'], parsers: PGLITE_PARSERS };

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://' || dataDir === ':memory:';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const pglite = inMemory ? new PGlite({ ...EMBEDDED_OPTIONS, loadDataDir: memoryTemplate() }) : new PGlite(dataDir, EMBEDDED_OPTIONS);
  await pglite.waitReady;
  await applyMigrations(pgliteRunner(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'embedded',
    prisma,
    sql: pgliteSql(pglite),
    ping: () => pingWith(prisma),
    listen: async (channel, handlers) => {
      // One process, one connection: every notification is seen, at the commit that raised it.
      const unlisten = await pglite.listen(channel, (payload) => handlers.notify(payload));
      handlers.live(true);
      // PGlite calls the handler while parsing the committing statement's answer: always caught up.
      return { stop: () => unlisten(), sync: async () => true };
    },
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
    }),
  };
}

/**
 * Every session on UTC. Prisma keeps `timestamp` columns in UTC, but the server converts `now()`
 * and `DEFAULT CURRENT_TIMESTAMP` into them with the session's TimeZone, which `initdb` takes from
 * the machine: on a server set to Brussels, rows written by SQL would be an hour or two off.
 * JIT compilation off: it pays only for long analytic queries, and the reach report's (whose
 * estimates over CTEs are far too high) spent 0.6 of their 0.9 s compiling (scripts/bench/report.ts).
 */
const SESSION_OPTIONS = '-c TimeZone=UTC -c jit=off';

async function openPostgres(url: string): Promise<Database> {
  const client = new PgClient({ connectionString: url, options: SESSION_OPTIONS });
  await client.connect();
  try {
    const runner: SqlRunner = {
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    };
    await applyMigrations(runner);
  } finally {
    await client.end();
  }
  const pool = new Pool({ connectionString: url, options: SESSION_OPTIONS, max: 10, connectionTimeoutMillis: 5000 });
  // A pooled connection that breaks while idle is dropped by the pool; the next statement gets a new one.
  pool.on('error', (error) => logger.warn({ err: describeError(error) }, 'idle database connection lost'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    sql: poolSql(pool),
    ping: () => pingWith(prisma),
    listen: async (channel, handlers) => {
      return PgListener.start(url, channel, handlers);
    },
    close: once(async () => {
      await prisma.$disconnect();
      await pool.end();
    }),
  };
}

/** `close` may be called again (a test's cleanup after the app's own): the first call's promise is returned. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

async function pingWith(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
