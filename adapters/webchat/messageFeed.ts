import type { Database } from '../../db/database';
import type { Subscription } from '../../db/pgListener';
import { logger } from '../../kernel/logger';

/** The notification channel raised by every insert into `message` (migration `…_message_added_notify`). */
export const MESSAGE_ADDED_CHANNEL = 'message_added';

/**
 * Wakes the readers of a conversation when a message is added to it. The database raises
 * `message_added` (payload `<conversationId> <seq>`) at the commit of every insert into `message`,
 * whichever process or code path wrote it; the feed carries no message: a woken reader reads the
 * transcript after its own watermark. While notifications are not arriving (the listening
 * connection is lost) {@link isLive} is false and readers must look for themselves; when they
 * arrive again, every watcher is woken to catch up on what was missed.
 */
export class MessageFeed {
  private readonly watchers = new Map<string, Set<() => void>>();
  private live = false;
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

  /** True while notifications arrive: a watcher is then woken for every new message. */
  get isLive(): boolean {
    return this.live;
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

  /** Stops listening. */
  async close(): Promise<void> {
    this.live = false;
    await this.subscription?.stop();
  }

  private added(payload: string): void {
    const match = /^(\S+) \d{1,19}$/.exec(payload);
    if (!match) return void logger.warn('malformed message_added notification ignored');
    for (const wake of this.watchers.get(match[1]) ?? []) wake();
  }

  private setLive(up: boolean): void {
    if (up === this.live) return;
    this.live = up;
    // Back after a gap: whatever was missed, the watchers catch up by reading after their watermark.
    if (up) for (const set of this.watchers.values()) for (const wake of set) wake();
  }
}
