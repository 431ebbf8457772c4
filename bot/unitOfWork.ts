import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, StoreItem } from 'botbuilder';
import type { OpenHandoffStatus } from './turnStore';

/**
 * What one turn changes, kept in memory until the turn ends and then committed in one database
 * transaction: state writes and deletes, and the outbound messages (the outbox). So a turn either
 * happens entirely — new state and its replies — or not at all, and is retried.
 */
export class UnitOfWork {
  readonly stateWrites = new Map<string, StoreItem>();
  readonly stateDeletes = new Set<string>();
  readonly outbound: Partial<Activity>[] = [];
  /** State read ahead at the start of the turn in one query (undefined: the key has no item). */
  readonly prefetched = new Map<string, StoreItem | undefined>();
  /** The open handoff read ahead with the turn's message, for the relay to take once (undefined: not read). */
  openHandoff?: OpenHandoffStatus;

  /** Records a state write, replacing an earlier write or delete of the same key. */
  write(key: string, item: StoreItem): void {
    this.stateDeletes.delete(key);
    this.stateWrites.set(key, structuredClone(item));
  }

  /** Records a state delete, replacing an earlier write of the same key. */
  delete(key: string): void {
    this.stateWrites.delete(key);
    this.stateDeletes.add(key);
  }
}

const current = new AsyncLocalStorage<UnitOfWork>();

/** Runs `work` with `unit` as the current unit of work of everything it awaits. */
export function runInUnitOfWork<T>(unit: UnitOfWork, work: () => Promise<T>): Promise<T> {
  return current.run(unit, work);
}

/** The unit of work of the running turn, if any. */
export function currentUnitOfWork(): UnitOfWork | undefined {
  return current.getStore();
}
