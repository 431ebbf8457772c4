import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, Database, DatabaseTarget } from '../../db/database';

/**
 * The databases every storage-level test runs on: embedded PGlite always, and a real PostgreSQL
 * server when TEST_DATABASE_URL is set (CI sets it; see .ci/run).
 */
export const databaseKinds: DatabaseTarget['kind'][] = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

/** A fresh, migrated database of that kind; on PostgreSQL a new database that `drop()` removes. */
export interface TestDatabase extends Database {
  /** The target, so that a second process can open the same database. */
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

/** Creates an empty database of the given kind and applies the migrations. */
export async function createTestDatabase(kind: DatabaseTarget['kind']): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const target: DatabaseTarget = { kind: 'embedded', dataDir: 'memory://' };
    const db = await openDatabase(target);
    return { ...db, kind: db.kind, prisma: db.prisma, target, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `digibank_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  const db = await openDatabase(target);
  return {
    ...db,
    kind: db.kind,
    prisma: db.prisma,
    target,
    drop: async () => {
      await db.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

async function withAdmin(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. A background worker of the server may still be attached for a moment
 * (FORCE cannot always end it without extra rights), so a failed drop is retried briefly; a
 * database that still cannot be dropped is left behind rather than failing the test.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
