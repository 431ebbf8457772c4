import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../../db/database';
import { memoryTemplate, migratedTemplate, pgliteRunner, TEMPLATE_ENV, writeMigratedTemplate } from '../../../db/embeddedTemplate';
import { applyMigrations, readMigrations } from '../../../db/migrations';

/** Everything the migrations create, as comparable rows. */
const SCHEMA_QUERIES = [
  `SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns
   WHERE table_schema = 'public' ORDER BY 1, 2`,
  `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
  `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
  `SELECT proname, pg_get_functiondef(oid) AS def FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`,
  `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count
   FROM "_prisma_migrations" ORDER BY 1`,
];

type Query = (sql: string) => Promise<unknown[]>;
const schemaOf = (query: Query): Promise<unknown[][]> => Promise.all(SCHEMA_QUERIES.map(query));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pglite-template-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the test run has a template (jest global setup), and in-memory databases start from it with every migration recorded', async () => {
  const file = process.env[TEMPLATE_ENV] as string;
  expect(statSync(file).size).toBeGreaterThan(1_000_000);
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string; checksum: string }>>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1',
    );
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  } finally {
    await db.close();
  }
});

test('a copy has the schema of a database migrated from scratch (every run migrates one); copies are independent', async () => {
  const fresh = new PGlite();
  const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ kind: 'embedded', dataDir: 'memory://' })));
  try {
    expect(await applyMigrations(pgliteRunner(fresh))).toEqual(readMigrations().map((m) => m.name));
    const copySchema = await schemaOf((sql) => a.prisma.$queryRawUnsafe(sql));
    expect(copySchema).toEqual(await schemaOf(async (sql) => (await fresh.query(sql)).rows));
    expect(copySchema[0].length).toBeGreaterThan(20);

    await a.prisma.$executeRawUnsafe(`CREATE TABLE only_in_a (id int)`);
    const tables = `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'only_in_a'`;
    expect(await b.prisma.$queryRawUnsafe(tables)).toEqual([{ n: 0 }]);
  } finally {
    await Promise.all([fresh.close(), a.close(), b.close()]);
  }
});

test('the template is written under a name of its migrations, atomically, replacing older ones, then reused', async () => {
  const stale = join(dir, 'template-0000000000000000.tar');
  writeFileSync(stale, 'old');
  const file = await writeMigratedTemplate(dir);
  expect(basename(file)).toBe(basename(process.env[TEMPLATE_ENV] as string)); // same migrations, same name
  expect(readdirSync(dir)).toEqual([basename(file)]);
  const written = statSync(file).mtimeMs;
  expect(await migratedTemplate(dir)).toBe(file);
  expect(statSync(file).mtimeMs).toBe(written);
  const copy = new PGlite({ loadDataDir: memoryTemplate({ [TEMPLATE_ENV]: file }) });
  try {
    expect(await applyMigrations(pgliteRunner(copy))).toEqual([]);
  } finally {
    await copy.close();
  }
});

test.each<[string, NodeJS.ProcessEnv]>([
  ['unset', {}],
  ['empty', { [TEMPLATE_ENV]: '' }],
  ['a missing file', { [TEMPLATE_ENV]: '/nonexistent/template.tar' }],
])('no template when the variable is %s (the database is created from scratch)', (_case, env) => {
  expect(memoryTemplate(env)).toBeUndefined();
});
