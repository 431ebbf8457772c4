import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlClient } from '../db/sqlClient';
import { currentUnitOfWork, itemOf, StateText, UnitOfWork } from './unitOfWork';

/** Thrown when a write carries an eTag that no longer matches the stored item. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

const READ = `SELECT key, data::text AS data, etag FROM bot_state WHERE key = ANY ($1::text[])`;

const DELETE = `DELETE FROM bot_state WHERE key = ANY ($1::text[])`;

const UPSERT = `
  INSERT INTO bot_state (key, data, etag, "updatedAt") VALUES ($1, $2::jsonb, $3, now())
  ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, "updatedAt" = EXCLUDED."updatedAt"`;

const UPDATE_IF_ETAG = `UPDATE bot_state SET data = $2::jsonb, etag = $3, "updatedAt" = now() WHERE key = $1 AND etag = $4`;

const INSERT_IF_ABSENT = `INSERT INTO bot_state (key, data, etag, "updatedAt") VALUES ($1, $2::jsonb, $3, now()) ON CONFLICT (key) DO NOTHING`;

/** The state items under `keys`, as stored (a key without an item maps to undefined). */
export async function readState(sql: SqlClient, keys: readonly string[]): Promise<Map<string, StateText | undefined>> {
  const state = new Map<string, StateText | undefined>(keys.map((key) => [key, undefined]));
  if (!keys.length) return state;
  for (const row of await sql.query<{ key: string; data: string; etag: string }>(READ, [keys])) state.set(row.key, { data: row.data, etag: row.etag });
  return state;
}

/**
 * Writes one item, with botbuilder's `MemoryStorage` semantics: an eTag that is set (and not `*`)
 * must match the stored item's, or name a key that does not exist yet; `*` or none overwrites.
 */
async function writeItem(sql: SqlClient, key: string, { data, etag }: StateText): Promise<void> {
  const newEtag = randomUUID();
  if (!etag || etag === '*') {
    await sql.execute(UPSERT, [key, data, newEtag]);
    return;
  }
  if ((await sql.execute(UPDATE_IF_ETAG, [key, data, newEtag, etag])) === 1) return;
  if ((await sql.execute(INSERT_IF_ABSENT, [key, data, newEtag])) === 0) throw new ETagConflictError(key);
}

/**
 * botbuilder `Storage` on the database (`bot_state`), with optimistic concurrency.
 *
 * Inside a turn (a current {@link UnitOfWork}) writes and deletes are buffered and committed with
 * the turn's outbox by {@link StateStorage.commit}; reads see the buffered changes and the state
 * the turn runner read at the start of the turn.
 */
export class StateStorage implements Storage {
  constructor(private readonly sql: SqlClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const unit = currentUnitOfWork();
    const stored = await readState(this.sql, unit ? keys.filter((key) => !unit.prefetched.has(key)) : keys);
    const items: StoreItems = {};
    for (const key of keys) {
      const written = unit?.stateWrites.get(key);
      const item = written ?? (unit?.stateDeletes.has(key) ? undefined : (stored.get(key) ?? unit?.prefetched.get(key)));
      if (item) items[key] = itemOf(item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const unit = currentUnitOfWork();
    if (unit) return void Object.entries(changes).forEach(([key, item]) => unit.write(key, item));
    const buffered = new UnitOfWork();
    Object.entries(changes).forEach(([key, item]) => buffered.write(key, item));
    await this.sql.transaction((tx) => StateStorage.commit(tx, buffered));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const unit = currentUnitOfWork();
    if (unit) return void keys.forEach((key) => unit.delete(key));
    await this.sql.execute(DELETE, [keys]);
  }

  /** Writes a turn's buffered state changes, inside the turn's transaction `tx`. */
  static async commit(tx: SqlClient, unit: UnitOfWork): Promise<void> {
    if (unit.stateDeletes.size) await tx.execute(DELETE, [[...unit.stateDeletes]]);
    for (const [key, written] of unit.stateWrites) await writeItem(tx, key, written);
  }
}
