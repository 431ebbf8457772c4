import type { Database } from '../../db/database';
import { logger } from '../../kernel/logger';
import type { Subscription } from '../../db/pgListener';
import type { TranscriptEntry } from '../../services/transcriptService';

/** The notification channel raised by every insert into `message` (migration `…_message_added_notify`). */
export const MESSAGE_ADDED_CHANNEL = 'message_added';

/** Conversations whose newest message is remembered; beyond, the oldest are forgotten (then asked again). */
const MAX_KNOWN = 50_000;

/** Per watched conversation: the newest messages notified, at most this many (numbers only). */
const TAIL_MAX = 64;
/**
 * Per watched conversation: the newest messages offered, at most this many. A stream takes them
 * as soon as they are notified; one that falls further behind reads them from the database.
 */
const OFFERED_MAX = 16;

/**
 * What the feed knows exactly of a watched conversation's newest messages. `base` (once a read
 * learned it): no message after it but those in `seqs`, the notified ones, in order. `entries`:
 * the messages this process stored, offered as they were written.
 */
interface Tail {
  base?: bigint;
  seqs: bigint[];
  entries: Map<bigint, TranscriptEntry>;
  /** When the tail began (a {@link FeedSnapshot} tick): only reads begun after it may set its base. */
  since: number;
  /** Before a base is known: the newest notified seq forgotten for room; the base can be no lower. */
  lost?: bigint;
}

/** A point in the feed's life, taken before a query: what the query learns is trusted only if the feed stayed live. */
export type FeedSnapshot = { epoch: number; tick: number } | undefined;

/**
 * What this process knows of new messages, from the database's `message_added` notifications
 * (raised at commit by every insert, whichever process or code path wrote it). Web chat uses it
 * three ways: a poll with nothing new is answered without a query; a WebSocket stream is woken
 * when its conversation gets a message; and the stream is handed the messages this process
 * stored (a turn's echo and replies) instead of reading them back ({@link storedAfter}). Per
 * conversation it keeps an upper bound of the newest `seq` ("nothing after X"), learned from
 * queries and raised by notifications. While
 * notifications are not arriving (the listening connection is lost) it knows nothing, so every
 * caller asks the database; when they arrive again, every watcher is woken to catch up.
 */
export class MessageFeed {
  private readonly newest = new Map<string, bigint>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly tails = new Map<string, Tail>();
  private live = false;
  private epoch = 0;
  private ticks = 0;
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
    return this.live ? { epoch: this.epoch, tick: ++this.ticks } : undefined;
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
    if (snapshot?.epoch !== this.epoch) return;
    this.raise(conversationId, seq);
    const tail = this.tails.get(conversationId);
    // A tail begun during the query may lack a message committed after the query's snapshot.
    if (tail && tail.base === undefined && tail.since < snapshot.tick) {
      tail.base = tail.lost !== undefined && tail.lost > seq ? tail.lost : seq;
      // Notified while the query ran, for messages it found: already known.
      tail.seqs = tail.seqs.filter((notified) => notified > (tail.base as bigint));
    }
  }

  /**
   * The messages this process stored, as it stored them (before or after their notification): a
   * watched conversation's reader can then take them from {@link storedAfter} instead of the database.
   */
  offer(conversationId: string, entries: TranscriptEntry[]): void {
    const tail = this.tails.get(conversationId);
    if (!tail) return;
    for (const entry of entries) tail.entries.set(entry.seq, entry);
    while (tail.entries.size > OFFERED_MAX) tail.entries.delete(tail.entries.keys().next().value as bigint);
  }

  /**
   * A watched conversation's messages after `seq`, as far as notifications have told, without a
   * query: 'unknown' unless, in this unbroken run of notifications, a read learned where the
   * conversation ended at or before `seq` (every message notified since is then the next one: a
   * conversation's messages are numbered in commit order and notified at commit, in that order);
   * 'not offered' when one of them was written elsewhere (or its writer has not offered it yet).
   * Complete up to the last notification only: streams, which notifications wake, may use it;
   * a poll must first make sure every commit before it was notified ({@link nothingAfter}).
   */
  storedAfter(conversationId: string, seq: bigint): TranscriptEntry[] | 'unknown' | 'not offered' {
    const tail = this.live ? this.tails.get(conversationId) : undefined;
    if (tail?.base === undefined || tail.base > seq) return 'unknown';
    const entries: TranscriptEntry[] = [];
    for (const notified of tail.seqs) {
      if (notified <= seq) continue;
      const entry = tail.entries.get(notified);
      if (!entry) return 'not offered';
      entries.push(entry);
    }
    return entries;
  }

  /** Calls `onMessage` after each new message of the conversation; returns the function that stops it. */
  watch(conversationId: string, onMessage: () => void): () => void {
    const set = this.watchers.get(conversationId) ?? new Set();
    set.add(onMessage);
    this.watchers.set(conversationId, set);
    if (!this.tails.has(conversationId)) this.tails.set(conversationId, { seqs: [], entries: new Map(), since: ++this.ticks });
    return () => {
      set.delete(onMessage);
      if (set.size || this.watchers.get(conversationId) !== set) return;
      this.watchers.delete(conversationId);
      this.tails.delete(conversationId);
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
    const [, conversationId, seqText] = match;
    const seq = BigInt(seqText);
    this.raise(conversationId, seq);
    this.notified(conversationId, seq);
    for (const wake of this.watchers.get(conversationId) ?? []) wake();
  }

  /** Adds a notified message to the conversation's tail, if watched. */
  private notified(conversationId: string, seq: bigint): void {
    const tail = this.tails.get(conversationId);
    if (!tail || (tail.base !== undefined && seq <= tail.base)) return;
    const last = tail.seqs[tail.seqs.length - 1];
    // Never expected (commit order is seq order within a conversation); if it were, trust nothing.
    if (last !== undefined && seq <= last) return this.forget(tail);
    tail.seqs.push(seq);
    // Forgetting the oldest notified message moves the base to it: what follows is still exact.
    if (tail.seqs.length > TAIL_MAX) {
      const oldest = tail.seqs.shift() as bigint;
      if (tail.base !== undefined) tail.base = oldest;
      else tail.lost = oldest;
    }
  }

  private forget(tail: Tail): void {
    tail.base = undefined;
    tail.lost = undefined;
    tail.since = ++this.ticks;
    tail.seqs = [];
    tail.entries.clear();
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
    for (const tail of this.tails.values()) this.forget(tail);
    // Back after a gap: whatever was missed, the watchers catch up by asking the database.
    if (up) for (const set of this.watchers.values()) for (const wake of set) wake();
  }
}
