import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems, StoreItem } from 'botbuilder';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { currentUnitOfWork, itemOf, UnitOfWork } from './unitOfWork';

type Tx = Prisma.TransactionClient;

/** Thrown when a write carries an eTag that no longer matches the stored item. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder `Storage` on Prisma with optimistic concurrency, with the same semantics as
 * botbuilder's `MemoryStorage`: a write whose eTag is set (and not `*`) succeeds only when it
 * matches the stored item's eTag; `*` or no eTag overwrites.
 *
 * Inside a turn (a current {@link UnitOfWork}) writes and deletes are buffered and committed with
 * the turn's outbox by {@link PrismaStorage.commit}; reads see the buffered changes.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly prisma: PrismaClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const unit = currentUnitOfWork();
    const toQuery = unit ? keys.filter((key) => !unit.prefetched.has(key)) : keys;
    const items = await this.query(toQuery);
    if (unit) {
      for (const key of keys) {
        const stored = unit.prefetched.get(key);
        if (stored) items[key] = itemOf(stored);
      }
      overlay(items, keys, unit);
    }
    return items;
  }

  private async query(keys: string[]): Promise<StoreItems> {
    if (!keys.length) return {};
    const rows = await this.prisma.$queryRaw<{ key: string; data: object; etag: string }[]>`
      SELECT key, data, etag FROM bot_state WHERE key = ANY (ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb)))`;
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const unit = currentUnitOfWork();
    if (unit) {
      for (const [key, item] of Object.entries(changes)) unit.write(key, item);
      return;
    }
    await this.prisma.$transaction((tx) => writeItems(tx, changes));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const unit = currentUnitOfWork();
    if (unit) {
      keys.forEach((key) => unit.delete(key));
      return;
    }
    await this.prisma.botStateItem.deleteMany({ where: { key: { in: keys } } });
  }

  /** Writes a turn's buffered state changes inside the turn's transaction. */
  static async commit(tx: Tx, unit: UnitOfWork): Promise<void> {
    if (unit.stateDeletes.size) await tx.botStateItem.deleteMany({ where: { key: { in: [...unit.stateDeletes] } } });
    await writeItems(tx, Object.fromEntries([...unit.stateWrites].map(([key, written]) => [key, itemOf(written)])));
  }

  /**
   * A turn's buffered state changes as rows for a single statement (each write with a new eTag),
   * and apart the writes that must match an eTag (they need {@link PrismaStorage.commit}'s checks).
   * botbuilder's own state always writes with eTag `*`, so a turn normally has none of those.
   */
  static changes(unit: UnitOfWork): { unconditional: StateChanges; conditional: StoreItems } {
    const unconditional: StateChanges = { deletes: [...unit.stateDeletes], writes: [] };
    const conditional: StoreItems = {};
    for (const [key, written] of unit.stateWrites) {
      if (written.etag && written.etag !== '*') conditional[key] = itemOf(written);
      else unconditional.writes.push({ key, data: written.data, etag: randomUUID() });
    }
    return { unconditional, conditional };
  }
}

/** State changes written without an eTag check: deleted keys, and rows (data as JSON text) with their new eTag. */
export interface StateChanges {
  deletes: string[];
  writes: { key: string; data: string; etag: string }[];
}

function overlay(items: StoreItems, keys: string[], unit: UnitOfWork): void {
  for (const key of keys) {
    const pending = unit.stateWrites.get(key);
    if (pending) items[key] = itemOf(pending);
    else if (unit.stateDeletes.has(key)) delete items[key];
  }
}

async function writeItems(tx: Tx, changes: StoreItems): Promise<void> {
  for (const [key, item] of Object.entries(changes)) await writeItem(tx, key, item);
}

async function writeItem(tx: Tx, key: string, item: StoreItem): Promise<void> {
  const { eTag, ...rest } = item;
  const data = JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
  const etag = randomUUID();
  if (!eTag || eTag === '*') {
    await tx.botStateItem.upsert({ where: { key }, create: { key, data, etag }, update: { data, etag } });
    return;
  }
  const updated = await tx.botStateItem.updateMany({ where: { key, etag: eTag }, data: { data, etag } });
  if (updated.count === 1) return;
  // Like MemoryStorage: an eTag on a key that does not exist yet creates it.
  const created = await tx.botStateItem.createMany({ data: [{ key, data, etag }], skipDuplicates: true });
  if (created.count === 0) throw new ETagConflictError(key);
}
