/**
 * Jest global setup: a migrated embedded database that every in-memory test database
 * (`createTestDatabase('embedded')`, `startApp` with `DATA_DIR=memory://`) starts from instead of
 * running initdb and the migrations again (`db/embeddedTemplate.ts`). It is made by the code every
 * start uses and kept until the migrations, that code or PGlite change. Every run still migrates from
 * scratch: `tests/integration/db/embeddedTemplate.test.ts` (and every PostgreSQL test database).
 */
import { join } from 'node:path';
import { migratedTemplate, TEMPLATE_ENV } from '../../db/embeddedTemplate';

/** Beside the installed packages, like the triage model cache; never in the sources. */
const TEMPLATE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'digibank-pglite');

export default async function globalSetup(): Promise<void> {
  process.env[TEMPLATE_ENV] = await migratedTemplate(TEMPLATE_DIR);
}
