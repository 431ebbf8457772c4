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

/** Takes the lease when it is free or expired (the database's clock decides); returns a row if taken. */
const TAKE = `
  INSERT INTO turn_lock ("conversationId", owner, "expiresAt")
  VALUES ($1, $2, now() + make_interval(secs => $3::float8))
  ON CONFLICT ("conversationId") DO UPDATE
    SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
    WHERE turn_lock."expiresAt" < now()
  RETURNING owner`;

const RELEASE = `DELETE FROM turn_lock WHERE "conversationId" = $1 AND owner = $2`;

/** Thrown when a conversation's lease could not be had in time. */
export class TurnLockTimeoutError extends Error {}

/**
 * Serialises the turns of one conversation, within this process (a promise chain per
 * conversation) and across processes on one database (a lease row in `turn_lock` with an expiry,
 * taken with one atomic upsert that only succeeds when the row is absent or expired).
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

  /** Runs `work` while holding the conversation's lock; the lease is released however `work` ends. */
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => (this.distributed ? this.withLease(conversationId, work) : work()));
    this.chains.set(conversationId, next);
    const cleanup = () => {
      if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  private async withLease<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const owner = await this.acquire(conversationId);
    try {
      return await work();
    } finally {
      // Not released (the database is down): the lease expires and another holder takes it over.
      await this.sql.execute(RELEASE, [conversationId, owner]).catch(() => undefined);
    }
  }

  /** Takes the lease, waiting with a growing, jittered backoff while another holder has it. */
  private async acquire(conversationId: string): Promise<string> {
    const owner = randomUUID();
    const deadline = Date.now() + this.waitTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const taken = await this.sql.query<{ owner: string }>(TAKE, [conversationId, owner, this.leaseMs / 1000]);
      if (taken.length === 1) return owner;
      if (Date.now() > deadline) throw new TurnLockTimeoutError(`Timed out waiting for conversation ${conversationId}`);
      const backoff = Math.min(2 ** attempt, 50);
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
    }
  }
}
