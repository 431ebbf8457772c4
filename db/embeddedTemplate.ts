/**
 * A migrated embedded database that new in-memory databases start from. A fresh PGlite runs initdb
 * (3–5 s on the 2-core machine) before the migrations; loading a dump of an initialised, migrated one
 * takes 0.7 s. The test run's global setup makes the dump ({@link migratedTemplate}: the migrations
 * applied by the same code as at every start, kept until they or that code change) and names it in
 * `PGLITE_TEMPLATE`; every `memory://` database opened while that variable is set starts from it (its
 * migrations then find nothing to apply, checksums checked as always). Databases in a folder never
 * use it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { logger } from '../kernel/logger';
import { applyMigrations, Migration, readMigrations, SqlRunner } from './migrations';

/** Environment variable naming the template file of in-memory databases. */
export const TEMPLATE_ENV = 'PGLITE_TEMPLATE';

/** The migration runner over one PGlite connection. */
export function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
}

/**
 * The template named by `PGLITE_TEMPLATE`, or undefined when the variable is unset. A file that cannot
 * be read is logged (warn) and the database is created from scratch.
 */
export function memoryTemplate(env: NodeJS.ProcessEnv = process.env): Blob | undefined {
  const file = env[TEMPLATE_ENV];
  if (!file) return undefined;
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    logger.warn({ reason: error instanceof Error ? error.message : String(error) }, `${TEMPLATE_ENV} unreadable; fresh database`);
    return undefined;
  }
}

/**
 * The template file of the current migrations in `dir`: the one already there, else a new one
 * ({@link writeMigratedTemplate}). Its name hashes the migrations, the PGlite version and the code that
 * applies them, so any change to those makes a new one.
 */
export async function migratedTemplate(dir: string): Promise<string> {
  const file = templateFile(dir, readMigrations());
  return existsSync(file) ? file : writeMigratedTemplate(dir);
}

/**
 * Initialises a PGlite database, applies the migrations and dumps it into `dir` (written under a
 * temporary name, then renamed; templates of other migrations are removed). Returns the file.
 */
export async function writeMigratedTemplate(dir: string): Promise<string> {
  const migrations = readMigrations();
  const file = templateFile(dir, migrations);
  const temporary = `${file}.${process.pid}.tmp`;
  const pglite = new PGlite();
  try {
    await applyMigrations(pgliteRunner(pglite), migrations);
    const dump = await pglite.dumpDataDir('none');
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, Buffer.from(await dump.arrayBuffer()));
    await rename(temporary, file);
  } finally {
    await pglite.close();
  }
  const stale = (await readdir(dir)).filter((name) => /^template-[0-9a-f]+\.tar$/.test(name) && join(dir, name) !== file);
  await Promise.all(stale.map((name) => unlink(join(dir, name)).catch(() => undefined)));
  return file;
}

function templateFile(dir: string, migrations: readonly Migration[]): string {
  const pgliteDir = dirname(dirname(require.resolve('@electric-sql/pglite')));
  const hash = createHash('sha256')
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
    .update(JSON.parse(readFileSync(join(pgliteDir, 'package.json'), 'utf8')).version as string)
    .update(readFileSync(require.resolve('./migrations')))
    .update(readFileSync(__filename));
  return join(dir, `template-${hash.digest('hex').slice(0, 16)}.tar`);
}
