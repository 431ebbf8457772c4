import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { SqlClient } from '../db/sqlClient';

/** An inbound message to store: the channel's ids, and the conversation's id when already known. */
export interface InboundRow {
  id: string;
  conversationId?: string;
  channel: string;
  channelConversationId: string;
  channelUserId: string;
  text: string | null;
  activity: object;
  providerMessageId: string | null;
  /** When it was received: the conversation's `lastInboundAt` (WhatsApp's 24-hour window opens then). */
  receivedAt: Date;
}

/** An inbound message waiting for its turn. */
export interface PendingMessage {
  id: string;
  conversationId: string;
  channel: string;
  activity: Partial<Activity>;
  attempts: number;
}

/** A turn's replies and the inbound message they answer, for {@link TurnStore.commitTurn}. */
export interface TurnCommit {
  message: Pick<PendingMessage, 'id' | 'conversationId' | 'channel'>;
  /** The replies, already addressed, in order. */
  outbound: { id: string; text: string | null; activity: object }[];
}

const INSERT_INBOUND = `
  INSERT INTO message (id, "conversationId", channel, direction, text, activity, "providerMessageId", status)
  VALUES ($1, $2, $3, 'in', $4, $5::jsonb, $6, 'received')
  ON CONFLICT DO NOTHING`;

const UPSERT_PERSON = `
  INSERT INTO person (id, channel, "channelUserId") VALUES ($1, $2, $3)
  ON CONFLICT (channel, "channelUserId") DO UPDATE SET "lastSeenAt" = now()
  RETURNING id`;

const UPSERT_CONVERSATION = `
  INSERT INTO conversation (id, channel, "channelConversationId", "personId") VALUES ($1, $2, $3, $4)
  ON CONFLICT (channel, "channelConversationId") DO UPDATE SET "personId" = COALESCE(conversation."personId", EXCLUDED."personId")
  RETURNING id`;

const PENDING = `
  SELECT id, channel, attempts, activity FROM message
   WHERE "conversationId" = $1 AND direction = 'in' AND status = 'received'
   ORDER BY seq LIMIT 50`;

const CONVERSATIONS_WITH_PENDING = `SELECT DISTINCT "conversationId" FROM message WHERE direction = 'in' AND status = 'received'`;

const INSERT_OUTBOUND = `
  INSERT INTO message (id, "conversationId", channel, direction, text, activity, status)
  VALUES ($1, $2, $3, 'out', $4, $5::jsonb, 'queued')`;

const MARK_PROCESSED = `UPDATE message SET status = 'processed', "processedAt" = now() WHERE id = $1`;

const TOUCH_CONVERSATION = `UPDATE conversation SET "lastInboundAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`;

const MARK_FAILED = `UPDATE message SET attempts = $2, status = $3, error = $4 WHERE id = $1`;

/**
 * The turn pipeline's statements, plain SQL each: the inbox (store a message, read a
 * conversation's pending ones, the conversations with pending ones), and a turn's commit (its
 * replies into the outbox, its message processed), which the caller runs inside the transaction
 * that also writes the turn's state.
 */
export class TurnStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores an inbound message and notes when the person last wrote, in one transaction; on first
   * contact (no `conversationId`) creates their person and conversation in it too (race-free
   * upserts). `stored` is false when the provider's id was stored before (a duplicate delivery).
   */
  insertInbound(row: InboundRow): Promise<{ conversationId: string; stored: boolean }> {
    return this.sql.transaction(async (tx) => {
      const conversationId = row.conversationId ?? (await TurnStore.firstContact(tx, row));
      const stored = (await tx.execute(INSERT_INBOUND, [row.id, conversationId, row.channel, row.text, JSON.stringify(row.activity), row.providerMessageId])) === 1;
      if (stored) await tx.execute(TOUCH_CONVERSATION, [conversationId, row.receivedAt]);
      return { conversationId, stored };
    });
  }

  /** The conversation of the row's channel ids, created with its person if new. */
  private static async firstContact(tx: SqlClient, row: InboundRow): Promise<string> {
    const [person] = await tx.query<{ id: string }>(UPSERT_PERSON, [randomUUID(), row.channel, row.channelUserId]);
    const [conversation] = await tx.query<{ id: string }>(UPSERT_CONVERSATION, [randomUUID(), row.channel, row.channelConversationId, person.id]);
    return conversation.id;
  }

  /** The conversation's unprocessed inbound messages (at most 50), oldest first. */
  async pending(conversationId: string): Promise<PendingMessage[]> {
    const rows = await this.sql.query<Omit<PendingMessage, 'conversationId'>>(PENDING, [conversationId]);
    return rows.map((row) => ({ ...row, conversationId }));
  }

  /** The conversations that have unprocessed inbound messages. */
  async conversationsWithPending(): Promise<string[]> {
    return (await this.sql.query<{ conversationId: string }>(CONVERSATIONS_WITH_PENDING)).map((row) => row.conversationId);
  }

  /** A turn's replies into the outbox, in order, and its message processed; `tx`: the turn's transaction. */
  static async commitTurn(tx: SqlClient, { message, outbound }: TurnCommit): Promise<void> {
    for (const reply of outbound) await tx.execute(INSERT_OUTBOUND, [reply.id, message.conversationId, message.channel, reply.text, JSON.stringify(reply.activity)]);
    await tx.execute(MARK_PROCESSED, [message.id]);
  }

  /** Records a failed attempt at a message's turn; after `maxAttempts` it is not retried. */
  async recordFailure(message: PendingMessage, error: string, maxAttempts: number): Promise<void> {
    const attempts = message.attempts + 1;
    await this.sql.execute(MARK_FAILED, [message.id, attempts, attempts >= maxAttempts ? 'failed' : 'received', error]);
  }
}
