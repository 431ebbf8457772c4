import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../db/sqlClient';

/** Options of the turn lock. */
export interface TurnLockOptions {
  /** How long a lease lasts if its holder dies without releasing it. */
  leaseMs?: number;
  /** How long to wait for a lease before giving up. */
  waitTimeoutMs?: number;
  /**
   * Whether other processes share the database (PostgreSQL). When false (the embedded database,
   * which only one process can open) the in-process chain is enough and no lease is written.
   */
  distributed?: boolean;
}

const RELEASE = `DELETE FROM turn_lock WHERE "conversationId" = $1 AND owner = $2`;

/** Takes the lease when it is free or expired (the database's clock decides); returns the owner if taken. */
const ACQUIRE = `
  INSERT INTO turn_lock ("conversationId", owner, "expiresAt")
  VALUES ($1, $2, now() + make_interval(secs => $3::float8))
  ON CONFLICT ("conversationId") DO UPDATE
    SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
    WHERE turn_lock."expiresAt" < now()
  RETURNING owner`;

/** A conversation's lease while its holder works; `returned` once the holder gave it back itself. */
export interface Lease {
  readonly owner: string;
  returned: boolean;
}

/** A lease to take together with a read: for whom, and for how long (seconds). */
export interface LeaseRequest {
  owner: string;
  seconds: number;
}

/**
 * The first read of a lock's holder, which may take the lease in the same round trip: given a
 * request, it takes the lease for `request.owner` first and resolves with null when another
 * holder has it; without one (no other process shares the database) it only reads.
 */
export type LeaseRead<R> = (request?: LeaseRequest) => Promise<R | null>;

/** Thrown when a conversation's lease could not be had in time. */
export class TurnLockTimeoutError extends Error {}

/**
 * Serialises the turns of one conversation, within this process (a promise chain per
 * conversation) and across processes on one database (a lease row in `turn_lock`, taken with one
 * atomic upsert that only succeeds when the row is absent or expired; the database's clock decides).
 * Why: botbuilder saves state with eTag `*`, so two interleaved turns would silently lose a write.
 */
export class TurnLock {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly leaseMs: number;
  private readonly waitTimeoutMs: number;
  private readonly distributed: boolean;

  constructor(private readonly sql: SqlClient, options: TurnLockOptions = {}) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 60_000;
    this.distributed = options.distributed ?? true;
  }

  /** Whether work of the conversation runs or waits under this lock in this process. */
  isBusy(conversationId: string): boolean {
    return this.chains.has(conversationId);
  }

  /**
   * Runs `work` while holding the conversation's lock. With other processes sharing the database
   * `work` gets the lease: it may give it back in its own last statement (`DELETE FROM turn_lock
   * WHERE "conversationId" = … AND owner = lease.owner`) and then set `returned`, saving a round trip.
   */
  run<T>(conversationId: string, work: (lease?: Lease) => Promise<T>): Promise<T> {
    const take: LeaseRead<true> = async (request) => (!request || (await this.tryAcquire(conversationId, request)) ? true : null);
    return this.runReading(conversationId, take, (_taken, lease) => work(lease));
  }

  /**
   * {@link run}, with the holder's first read taking the lease in the same round trip: `work` gets
   * what `read` read once it held the lease.
   */
  runReading<R, T>(conversationId: string, read: LeaseRead<R>, work: (value: R, lease?: Lease) => Promise<T>): Promise<T> {
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => (this.distributed ? this.withLease(conversationId, read, work) : this.alone(read, work)));
    this.chains.set(conversationId, next);
    const cleanup = () => {
      if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  private async alone<R, T>(read: LeaseRead<R>, work: (value: R) => Promise<T>): Promise<T> {
    const value = await read();
    if (value === null) throw new Error('a read without a lease request found no value');
    return work(value);
  }

  private async withLease<R, T>(conversationId: string, read: LeaseRead<R>, work: (value: R, lease: Lease) => Promise<T>): Promise<T> {
    const { owner, value } = await this.acquire(conversationId, read);
    const lease: Lease = { owner, returned: false };
    try {
      return await work(value, lease);
    } finally {
      if (!lease.returned) {
        await this.sql.execute(RELEASE, [conversationId, lease.owner]).catch(() => undefined);
      }
    }
  }

  private async acquire<R>(conversationId: string, read: LeaseRead<R>): Promise<{ owner: string; value: R }> {
    const request = { owner: randomUUID(), seconds: this.leaseMs / 1000 };
    const deadline = Date.now() + this.waitTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const value = await read(request);
      if (value !== null) return { owner: request.owner, value };
      if (Date.now() > deadline) throw new TurnLockTimeoutError(`Timed out waiting for conversation ${conversationId}`);
      const backoff = Math.min(2 ** attempt, 50);
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
    }
  }

  private async tryAcquire(conversationId: string, { owner, seconds }: LeaseRequest): Promise<boolean> {
    const rows = await this.sql.query<{ owner: string }>(ACQUIRE, [conversationId, owner, seconds]);
    return rows.length === 1 && rows[0].owner === owner;
  }
}
