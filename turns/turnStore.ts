import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { SqlClient } from '../db/sqlClient';
import type { TurnFact } from './unitOfWork';

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
  /** The person's message as reach facts (`reach_activity`; topics and chosen place in `reach_event`), recorded with the turn. */
  reach?: TurnReach;
}

/** What a turn adds to the reach figures (services/reach): one message of a person, the replies, the topics, the place chosen. */
export interface TurnReach {
  /** The Brussels day of the message (YYYY-MM-DD). */
  day: string;
  conversationKey: string;
  personKey: string;
  /** The turn's language (nl, fr, en, nl-simple, fr-simple, en-simple), null when unknown. */
  language: string | null;
  /** Topics understood and places chosen (`reach_event`), each once per conversation and day. */
  facts: TurnFact[];
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

/** One more message of a conversation on a day, with the turn's replies (reach report). */
const REACH_ACTIVITY = `
  INSERT INTO reach_activity (day, conversation_key, person_key, channel, language, messages_in, messages_out)
  VALUES ($1::date, $2, $3, $4, $5, 1, $6)
  ON CONFLICT (day, conversation_key) DO UPDATE SET
    messages_in = reach_activity.messages_in + 1,
    messages_out = reach_activity.messages_out + EXCLUDED.messages_out,
    language = COALESCE(EXCLUDED.language, reach_activity.language),
    person_key = EXCLUDED.person_key`;

/** The turn's topics and chosen places, each once per conversation and day (reach report). */
const REACH_FACTS = `
  INSERT INTO reach_event (day, at, kind, person_key, digibank_id, ref, detail)
  SELECT $1::date, now(), f.kind, $3, f."digibankId", $2 || ':' || $1 || ':' || f.detail, f.detail
    FROM jsonb_to_recordset($4::jsonb) AS f(kind text, detail text, "digibankId" text)
  ON CONFLICT DO NOTHING`;

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

  /**
   * A turn's replies into the outbox, in order, its message processed, and what it adds to the
   * reach figures; `tx`: the turn's transaction.
   */
  static async commitTurn(tx: SqlClient, { message, outbound, reach }: TurnCommit): Promise<void> {
    for (const reply of outbound) await tx.execute(INSERT_OUTBOUND, [reply.id, message.conversationId, message.channel, reply.text, JSON.stringify(reply.activity)]);
    await tx.execute(MARK_PROCESSED, [message.id]);
    if (!reach) return;
    await tx.execute(REACH_ACTIVITY, [reach.day, reach.conversationKey, reach.personKey, message.channel, reach.language, outbound.length]);
    if (reach.facts.length > 0) await tx.execute(REACH_FACTS, [reach.day, reach.conversationKey, reach.personKey, JSON.stringify(reach.facts)]);
  }

  /** Records a failed attempt at a message's turn; after `maxAttempts` it is not retried. */
  async recordFailure(message: PendingMessage, error: string, maxAttempts: number): Promise<void> {
    const attempts = message.attempts + 1;
    await this.sql.execute(MARK_FAILED, [message.id, attempts, attempts >= maxAttempts ? 'failed' : 'received', error]);
  }
}
