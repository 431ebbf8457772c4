import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** The two things migrations need from a database connection. */
export interface SqlRunner {
  /** Runs one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised query and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A migration folder of prisma/migrations. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Where the migrations live (prisma/migrations beside this repo's root). */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'prisma', 'migrations');

// Same lock key as `prisma migrate deploy`, so both never run at the same time on one database.
const MIGRATION_LOCK_KEY = 72707369;

/** Reads the migration folders in order. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the pending migrations in one transaction under Prisma's advisory lock, recording them
 * in Prisma's own `_prisma_migrations` table so that `prisma migrate deploy` stays compatible.
 * Why not the Prisma CLI: it needs a schema-engine binary that cannot be downloaded here
 * (../shared/DESIGN.md). Returns the names of the migrations applied.
 * @throws when an applied migration was edited afterwards (checksum differs).
 */
export async function applyMigrations(db: SqlRunner, migrations: Migration[] = readMigrations()): Promise<string[]> {
  await db.exec('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const rows = await db.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum && checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
    }
    for (const migration of pending) {
      await db.exec(migration.sql);
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    }
    await db.exec('COMMIT');
    return pending.map((migration) => migration.name);
  } catch (error) {
    await db.exec('ROLLBACK');
    throw error;
  }
}
