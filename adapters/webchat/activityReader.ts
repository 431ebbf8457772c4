import type { Activity } from 'botbuilder';
import type { MessageFeed } from './messageFeed';
import { describeError, logger } from '../../kernel/logger';
import { BOT_ACCOUNT } from '../../turns/botAccount';
import type { TranscriptEntry, TranscriptService } from '../../services/transcriptService';
import type { OutageBuffer } from './outageBuffer';
import { toWebChat } from './webChatRendering';

/** At most this many messages per answer; the watermark lets the client fetch the rest. */
const PAGE_SIZE = 100;
/**
 * How long a stream waits for a notified message to be offered before reading it: on PostgreSQL a
 * turn's commit result often comes a moment after the notification (bench:turns: of the messages
 * not yet offered at once, 1 in 5 to 1 in 3 still missing after one turn of the event loop; after
 * 2 ms more, 1 in 2,600 stream reads). A message written elsewhere costs the stream this wait,
 * then the read it always made.
 */
const OFFER_WAIT_MS = 2;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What Direct Line hands a client: activities and the watermark to ask from next time. */
export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: bigint;
  /** True when the answer was cut at the page size: more is waiting after the watermark. */
  more: boolean;
}

/**
 * Reads a web chat conversation's activities after a watermark (the transcript's `seq`), for both
 * ways Web Chat receives them: polling and the WebSocket stream. Asks the database only when the
 * {@link MessageFeed} does not know that nothing is new, or (streams) cannot hand over the new
 * messages as this process stored them; adds the outage apologies, which live in memory while the
 * database is down.
 */
export class ActivityReader {
  constructor(
    private readonly deps: { transcripts: Pick<TranscriptService, 'messagesAfter'>; feed: MessageFeed; outage: Pick<OutageBuffer, 'take'> },
  ) {}

  /**
   * Activities of the conversation after `after`; `channelConversationId` names its apologies.
   * `notified`: the caller is woken by the feed's notifications (a stream), so what the feed has
   * been told suffices, and messages this process stored need not be read back.
   */
  async after(conversationId: string, channelConversationId: string, after: bigint, notified = false): Promise<ActivitySet> {
    const stored = notified ? await this.stored(conversationId, after) : undefined;
    const entries = stored ?? (await this.entriesAfter(conversationId, after));
    const page = entries.slice(0, PAGE_SIZE);
    const watermark = page.length ? page[page.length - 1].seq : after;
    const activities = page.map(toWireActivity).filter((a): a is Partial<Activity> => a !== undefined);
    return { activities: [...activities, ...this.deps.outage.take(channelConversationId)], watermark, more: entries.length >= PAGE_SIZE };
  }

  /**
   * What the feed holds after `after`, or undefined when the database must be asked. A message is
   * often notified before its writer in this process offers it (they come by different
   * connections): it gets a turn of the event loop, then {@link OFFER_WAIT_MS}, to be offered.
   */
  private async stored(conversationId: string, after: bigint): Promise<TranscriptEntry[] | undefined> {
    const { feed } = this.deps;
    let stored = feed.storedAfter(conversationId, after);
    for (const wait of [nextTurn, () => delay(OFFER_WAIT_MS)]) {
      if (stored !== 'not offered') break;
      await wait();
      stored = feed.storedAfter(conversationId, after);
    }
    return Array.isArray(stored) ? stored : undefined;
  }

  private async entriesAfter(conversationId: string, after: bigint): Promise<TranscriptEntry[]> {
    const { feed, transcripts } = this.deps;
    if (await feed.nothingAfter(conversationId, after)) return [];
    const snapshot = feed.snapshot();
    try {
      const entries = await transcripts.messagesAfter(conversationId, after, PAGE_SIZE);
      if (entries.length < PAGE_SIZE) feed.learned(conversationId, entries.length ? entries[entries.length - 1].seq : after, snapshot);
      return entries;
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'web chat read without database');
      return [];
    }
  }
}

/**
 * A stored message as Web Chat expects it (line breaks and choices as Web Chat shows them,
 * webChatRendering.ts); only messages (and events) are part of the stream.
 */
export function toWireActivity(entry: TranscriptEntry): Partial<Activity> | undefined {
  const activity = entry.activity as Partial<Activity>;
  if (activity.type !== 'message' && !(activity.type === 'event' && entry.direction === 'out')) return undefined;
  // Messages queued outside a turn (a volunteer's answer, a loan decision, a reminder) carry no
  // sender; Web Chat needs one to draw them on the assistant's side.
  const from = entry.direction === 'out' ? (activity.from ?? { ...BOT_ACCOUNT }) : activity.from;
  return toWebChat({ ...activity, from, id: entry.id, timestamp: entry.createdAt });
}
