import type { PrismaClient } from '../generated/prisma/client';

/** One stored message of a transcript, as the channels read it back. */
export interface TranscriptEntry {
  seq: bigint;
  id: string;
  direction: 'in' | 'out';
  status: string;
  activity: unknown;
  createdAt: Date;
}

/**
 * Reads conversations and their transcripts (every inbound and outbound message, stored by the
 * turn pipeline). Used by web chat polling and, later, by the volunteer console and reports.
 */
export class TranscriptService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The internal id of a channel's conversation, or undefined when it does not exist. */
  async findConversation(channel: string, channelConversationId: string): Promise<string | undefined> {
    const row = await this.prisma.conversation.findUnique({
      where: { channel_channelConversationId: { channel, channelConversationId } },
      select: { id: true },
    });
    return row?.id;
  }

  /** Messages of a conversation after `afterSeq` (exclusive), oldest first. */
  async messagesAfter(conversationId: string, afterSeq: bigint, limit = 100): Promise<TranscriptEntry[]> {
    const rows = await this.prisma.message.findMany({
      where: { conversationId, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take: limit,
      select: { seq: true, id: true, direction: true, status: true, activity: true, createdAt: true },
    });
    return rows.map((row) => ({ ...row, direction: row.direction === 'in' ? 'in' : 'out' }));
  }
}
