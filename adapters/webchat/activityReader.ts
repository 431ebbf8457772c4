import type { Activity } from 'botbuilder';
import { describeError, logger } from '../../kernel/logger';
import { BOT_ACCOUNT } from '../../turns/botAccount';
import type { TranscriptEntry, TranscriptService } from '../../services/transcriptService';
import type { OutageBuffer } from './outageBuffer';
import { toWebChat } from './webChatRendering';

/** At most this many messages per answer; the watermark lets the client fetch the rest. */
const PAGE_SIZE = 100;

/** What Direct Line hands a client: activities and the watermark to ask from next time. */
export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: bigint;
  /** True when the answer was cut at the page size: more is waiting after the watermark. */
  more: boolean;
}

/**
 * Reads a web chat conversation's activities after a watermark (the transcript's `seq`), for both
 * ways Web Chat receives them: polling and the WebSocket stream. Adds the outage apologies, which
 * live in memory while the database is down.
 */
export class ActivityReader {
  constructor(private readonly deps: { transcripts: Pick<TranscriptService, 'messagesAfter'>; outage: Pick<OutageBuffer, 'take'> }) {}

  /** Activities of the conversation after `after`; `channelConversationId` names its apologies. */
  async after(conversationId: string, channelConversationId: string, after: bigint): Promise<ActivitySet> {
    const entries = await this.entriesAfter(conversationId, after);
    const watermark = entries.length ? entries[entries.length - 1].seq : after;
    const activities = entries.map(toWireActivity).filter((a): a is Partial<Activity> => a !== undefined);
    return { activities: [...activities, ...this.deps.outage.take(channelConversationId)], watermark, more: entries.length >= PAGE_SIZE };
  }

  private async entriesAfter(conversationId: string, after: bigint): Promise<TranscriptEntry[]> {
    try {
      return await this.deps.transcripts.messagesAfter(conversationId, after, PAGE_SIZE);
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
