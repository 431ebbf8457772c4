import { Client } from 'pg';
import { logger } from './logger';
import { describeError } from './turnErrors';

/** What a LISTEN subscription reports: each notification, and whether notifications are arriving. */
export interface NotificationHandlers {
  notify(payload: string): void;
  /** `true` once listening (again), `false` when the connection is lost (notifications may be missed). */
  live(up: boolean): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * LISTEN on a PostgreSQL server over a connection of its own (a pooled connection cannot keep a
 * LISTEN). When the connection drops it says so (`live(false)`) and reconnects with backoff, then
 * says `live(true)`: between the two, notifications are lost and listeners must ask the database.
 */
export class PgListener {
  private client?: Client;
  private closed = false;
  private retryMs = FIRST_RETRY_MS;
  private timer?: NodeJS.Timeout;

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

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.handlers.notify(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
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
