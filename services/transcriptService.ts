import type { PrismaClient } from '../generated/prisma/client';
import type { SqlClient } from '../db/sqlClient';

/** How long a found conversation id is trusted without asking the database again. */
export const ID_CACHE_TTL_MS = 60_000;
const ID_CACHE_MAX = 10_000;

/** One stored message of a transcript, as the channels read it back. */
export interface TranscriptEntry {
  seq: bigint;
  id: string;
  direction: 'in' | 'out';
  status: string;
  activity: unknown;
  createdAt: Date;
}

type EntryRow = Omit<TranscriptEntry, 'direction'> & { direction: string };

const MESSAGES_AFTER = `
  SELECT seq, id, direction, status, activity, "createdAt" FROM message
   WHERE "conversationId" = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

function toEntry({ seq, id, direction, status, activity, createdAt }: EntryRow): TranscriptEntry {
  return { seq, id, direction: direction === 'in' ? 'in' : 'out', status, activity, createdAt };
}

/**
 * Reads conversations and their transcripts (every inbound and outbound message, stored by the
 * turn pipeline). Used by web chat polling and, later, by the volunteer console and reports.
 */
export class TranscriptService {
  /**
   * Internal ids of conversations found recently. A channel conversation's id never changes once
   * created, so web chat polling (several requests a second per open page) needs no query for it;
   * entries expire so that an erased conversation is noticed within {@link ID_CACHE_TTL_MS}.
   */
  private readonly ids = new Map<string, { id: string; expires: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: SqlClient,
  ) {}

  /** The internal id of a channel's conversation, or undefined when it does not exist. */
  async findConversation(channel: string, channelConversationId: string): Promise<string | undefined> {
    const key = `${channel}\u0000${channelConversationId}`;
    const now = Date.now();
    const cached = this.ids.get(key);
    if (cached && cached.expires > now) return cached.id;
    const row = await this.prisma.conversation.findUnique({
      where: { channel_channelConversationId: { channel, channelConversationId } },
      select: { id: true },
    });
    if (!row) {
      this.ids.delete(key);
      return undefined;
    }
    if (this.ids.size >= ID_CACHE_MAX) this.ids.clear();
    this.ids.set(key, { id: row.id, expires: now + ID_CACHE_TTL_MS });
    return row.id;
  }

  /** Messages of a conversation after `afterSeq` (exclusive), oldest first, at most `limit`. */
  async messagesAfter(conversationId: string, afterSeq: bigint, limit = 100): Promise<TranscriptEntry[]> {
    return (await this.sql.query<EntryRow>(MESSAGES_AFTER, [conversationId, afterSeq, limit])).map(toEntry);
  }
}
