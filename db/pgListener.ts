import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeError, logger } from '../kernel/logger';

/** What a LISTEN subscription reports: each notification, and whether notifications are arriving. */
export interface NotificationHandlers {
  notify(payload: string): void;
  /** `true` once listening (again), `false` when the connection is lost (notifications may be missed). */
  live(up: boolean): void;
}

/** A LISTEN subscription: stop it, or wait until it has caught up with every commit so far. */
export interface Subscription {
  stop(): Promise<void>;
  /**
   * Resolves `true` once every notification committed before the call has been delivered to the
   * handlers; `false` when that cannot be known (not listening, or no answer in time).
   */
  sync(): Promise<boolean>;
}

/** How the listening connection names itself in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'digibank-listener';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** A sync not answered within this time reports `false`: the caller then asks the database. */
const SYNC_TIMEOUT_MS = 2000;

/**
 * LISTEN on a PostgreSQL server over a connection of its own (a pooled connection cannot keep a
 * LISTEN). When the connection drops it says so (`live(false)`) and reconnects with backoff, then
 * says `live(true)`: between the two, notifications are lost and listeners must ask the database.
 */
export class PgListener implements Subscription {
  private client?: Client;
  private closed = false;
  private retryMs = FIRST_RETRY_MS;
  private timer?: NodeJS.Timeout;
  /** This listener's own channel for {@link sync}: nobody else listens on it. */
  private readonly syncChannel = `digibank_sync_${randomBytes(8).toString('hex')}`;
  private syncTokens = 0;
  private syncWaiter?: { token: string; settle(done: boolean): void };
  private syncInFlight?: Promise<boolean>;
  private syncQueued?: Promise<boolean>;

  private constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Listens on `channel`; resolves once the first LISTEN is in place (or has failed and will be retried). */
  static async start(url: string, channel: string, handlers: NotificationHandlers): Promise<PgListener> {
    const listener = new PgListener(url, channel, handlers);
    await listener.connect();
    return listener;
  }

  /**
   * Notifications from all sessions reach a listener in commit order
   * (https://www.postgresql.org/docs/15/sql-notify.html), so once a notification this listener
   * sends itself comes back, every one committed before it has been handled. Callers arriving while
   * a round trip is under way share the next one: at most one in flight and one waiting.
   */
  sync(): Promise<boolean> {
    this.syncQueued ??= (this.syncInFlight ?? Promise.resolve(true)).then(() => this.startSync());
    return this.syncQueued;
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.settleSync(false);
    await this.client?.end().catch(() => undefined);
  }

  private async startSync(): Promise<boolean> {
    // From here on, new callers may have committed after this round trip was sent: they wait for the next.
    this.syncQueued = undefined;
    const trip = this.roundTrip();
    this.syncInFlight = trip;
    try {
      return await trip;
    } finally {
      if (this.syncInFlight === trip) this.syncInFlight = undefined;
    }
  }

  private roundTrip(): Promise<boolean> {
    const client = this.client;
    if (!client) return Promise.resolve(false);
    const token = String(++this.syncTokens);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.settleSync(false), SYNC_TIMEOUT_MS);
      this.syncWaiter = {
        token,
        settle: (done) => {
          clearTimeout(timer);
          resolve(done);
        },
      };
      client.query('SELECT pg_notify($1, $2)', [this.syncChannel, token]).catch(() => this.settleSync(false));
    });
  }

  private settleSync(done: boolean, token?: string): void {
    const waiter = this.syncWaiter;
    if (!waiter || (token !== undefined && token !== waiter.token)) return;
    this.syncWaiter = undefined;
    waiter.settle(done);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000, application_name: LISTENER_APPLICATION_NAME });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.handlers.notify(message.payload);
      else if (message.channel === this.syncChannel) this.settleSync(true, message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      await client.query(`LISTEN "${this.syncChannel}"`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.handlers.live(true);
  }

  private lost(client: Client, error?: unknown): void {
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.client === client) this.client = undefined;
    this.settleSync(false);
    if (this.closed) return;
    this.handlers.live(false);
    if (this.timer) return;
    logger.warn({ channel: this.channel, retryMs: this.retryMs, err: error ? describeError(error) : undefined }, 'database notifications lost; reconnecting');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
