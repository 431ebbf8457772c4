import type { Database } from './database';
import { logger } from './logger';
import type { Subscription } from './pgListener';

/** The notification channel raised by every insert into `message` (migration `…_message_added_notify`). */
export const MESSAGE_ADDED_CHANNEL = 'message_added';

/** Conversations whose newest message is remembered; beyond, the oldest are forgotten (then asked again). */
const MAX_KNOWN = 50_000;

/** A point in the feed's life, taken before a query: what the query learns is trusted only if the feed stayed live. */
export type FeedSnapshot = number | undefined;

/**
 * What this process knows of new messages, from the database's `message_added` notifications
 * (raised at commit by every insert, whichever process or code path wrote it). Web chat uses it
 * twice: a poll with nothing new is answered without a query, and a WebSocket stream is woken
 * when its conversation gets a message. Per conversation it keeps an upper bound of the newest
 * `seq` ("nothing after X"), learned from queries and raised by notifications. While
 * notifications are not arriving (the listening connection is lost) it knows nothing, so every
 * caller asks the database; when they arrive again, every watcher is woken to catch up.
 */
export class MessageFeed {
  private readonly newest = new Map<string, bigint>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private live = false;
  private epoch = 0;
  private subscription?: Subscription;

  /** Starts listening on the database. */
  static async open(db: Pick<Database, 'listen'>): Promise<MessageFeed> {
    const feed = new MessageFeed();
    feed.subscription = await db.listen(MESSAGE_ADDED_CHANNEL, {
      notify: (payload) => feed.added(payload),
      live: (up) => feed.setLive(up),
    });
    return feed;
  }

  /** True while notifications arrive: what the feed says is then complete. */
  get isLive(): boolean {
    return this.live;
  }

  /** To take before a query whose result is then passed to {@link learned}. */
  snapshot(): FeedSnapshot {
    return this.live ? this.epoch : undefined;
  }

  /** True when the conversation certainly has no message after `seq`, counting every one committed before the call. */
  async nothingAfter(conversationId: string, seq: bigint): Promise<boolean> {
    if (!this.knowsNothingAfter(conversationId, seq)) return false;
    // A commit reaches this process as a notification a moment later (on PostgreSQL, from another
    // connection): catch up first, so that a reader sees what was written before it asked.
    return (await this.subscription?.sync()) === true && this.knowsNothingAfter(conversationId, seq);
  }

  /** Records that a query begun at `snapshot` found nothing in the conversation after `seq`. */
  learned(conversationId: string, seq: bigint, snapshot: FeedSnapshot): void {
    // The epoch changes whenever notifications stop or resume: a query across that learned nothing safe.
    if (snapshot !== this.epoch) return;
    this.raise(conversationId, seq);
  }

  /** Calls `onMessage` after each new message of the conversation; returns the function that stops it. */
  watch(conversationId: string, onMessage: () => void): () => void {
    const set = this.watchers.get(conversationId) ?? new Set();
    set.add(onMessage);
    this.watchers.set(conversationId, set);
    return () => {
      set.delete(onMessage);
      if (!set.size && this.watchers.get(conversationId) === set) this.watchers.delete(conversationId);
    };
  }

  async close(): Promise<void> {
    this.setLive(false);
    await this.subscription?.stop();
  }

  private knowsNothingAfter(conversationId: string, seq: bigint): boolean {
    const known = this.live ? this.newest.get(conversationId) : undefined;
    return known !== undefined && known <= seq;
  }

  private added(payload: string): void {
    const match = /^(\S+) (\d{1,19})$/.exec(payload);
    if (!match) return void logger.warn('malformed message_added notification ignored');
    const [, conversationId, seq] = match;
    this.raise(conversationId, BigInt(seq));
    for (const wake of this.watchers.get(conversationId) ?? []) wake();
  }

  private raise(conversationId: string, seq: bigint): void {
    const known = this.newest.get(conversationId);
    if (known !== undefined && known >= seq) return;
    // Re-inserted at the end, so that the oldest-touched conversation is the one forgotten.
    this.newest.delete(conversationId);
    this.newest.set(conversationId, seq);
    if (this.newest.size > MAX_KNOWN) this.newest.delete(this.newest.keys().next().value as string);
  }

  private setLive(up: boolean): void {
    if (up === this.live) return;
    this.live = up;
    this.epoch++;
    this.newest.clear();
    // Back after a gap: whatever was missed, the watchers catch up by asking the database.
    if (up) for (const set of this.watchers.values()) for (const wake of set) wake();
  }
}
