import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, StoreItem } from 'botbuilder';

/**
 * A state item as a turn holds it: its data as JSON text, parsed afresh by every read (so what one
 * reader changes, another does not see), and its eTag.
 */
export interface StateText {
  readonly data: string;
  readonly etag?: string;
}

/** The item a reader gets: the data parsed, with its eTag. */
export function itemOf(state: StateText): StoreItem {
  const item = JSON.parse(state.data) as StoreItem;
  if (state.etag !== undefined) item.eTag = state.etag;
  return item;
}

/** A reach fact noted during a turn and recorded by its commit (`reach_event`). */
export interface TurnFact {
  kind: 'topic' | 'location_chosen';
  /** The topic label, or the chosen location's id. */
  detail: string;
  digibankId: string | null;
}

/**
 * What one turn changes, kept in memory until the turn ends and then committed in one database
 * transaction: state writes and deletes, and the outbound messages (the outbox). So a turn either
 * happens entirely — new state and its replies — or not at all, and is retried.
 */
export class UnitOfWork {
  /** State written by the turn, as JSON from the moment of the write (later changes to the object do not count). */
  readonly stateWrites = new Map<string, StateText>();
  readonly stateDeletes = new Set<string>();
  readonly outbound: Partial<Activity>[] = [];
  /** State read at the start of the turn, in one query (undefined: the key has no item). */
  readonly prefetched = new Map<string, StateText | undefined>();
  /**
   * Reach facts of the turn, by a key that makes each count once: the triage topics it understood
   * (conversations per topic) and the place the person chose (links them to its digibank).
   */
  readonly reachFacts = new Map<string, TurnFact>();

  /** Records a state write, replacing an earlier write or delete of the same key. */
  write(key: string, item: StoreItem): void {
    this.stateDeletes.delete(key);
    const { eTag, ...data } = item;
    this.stateWrites.set(key, { data: JSON.stringify(data), etag: eTag });
  }

  /** Records a state delete, replacing an earlier write of the same key. */
  delete(key: string): void {
    this.stateWrites.delete(key);
    this.stateDeletes.add(key);
  }
}

/**
 * The unit of work of the running turn, for the state storage only: botbuilder's `BotState` calls
 * `Storage.read/write(keys)` without the turn's context, so the storage cannot be handed the turn
 * any other way. Everything else gets the unit explicitly (the adapter through the turn context).
 */
const current = new AsyncLocalStorage<UnitOfWork>();

/** Runs `work` with `unit` as the unit of work the state storage buffers into. */
export function runInUnitOfWork<T>(unit: UnitOfWork, work: () => Promise<T>): Promise<T> {
  return current.run(unit, work);
}

/** The unit of work of the running turn, if any (for the state storage). */
export function currentUnitOfWork(): UnitOfWork | undefined {
  return current.getStore();
}
