/**
 * Jest global setup: once per run, a migrated embedded database that every in-memory test database
 * (`createTestDatabase('embedded')`, `startApp` with `DATA_DIR=memory://`) starts from instead of
 * running initdb and the migrations again (`bot/embeddedTemplate.ts`). The migrations are applied here
 * by the code every start uses.
 */
import { join } from 'node:path';
import { TEMPLATE_ENV, writeMigratedTemplate } from '../../bot/embeddedTemplate';

/** Beside the installed packages, like the triage model cache; never in the sources. */
const TEMPLATE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'digibank-pglite');

export default async function globalSetup(): Promise<void> {
  process.env[TEMPLATE_ENV] = await writeMigratedTemplate(TEMPLATE_DIR);
}
