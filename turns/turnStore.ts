import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { OpenHandoff } from '../services/handoff/handoffService';
import type { StateChanges } from './prismaStorage';
import type { SqlClient } from '../db/sqlClient';
import type { LeaseRequest } from './turnLock';
import type { StateText, TurnFact } from './unitOfWork';
import type { TranscriptEntry } from '../services/transcriptService';

/** A conversation's open handoff as the bot's relay needs it (null: none open). */
export type OpenHandoffStatus = Pick<OpenHandoff, 'handoffId' | 'status'> | null;

/** What a drain of a conversation reads first, in one query. */
export interface PendingTurns {
  /** Unprocessed inbound messages, oldest first. */
  messages: PendingMessage[];
  /** The state items asked for, as stored (a key without an item maps to undefined). */
  state: Map<string, StateText | undefined>;
  /** The open handoff, for the first turn's relay. */
  handoff: OpenHandoffStatus;
  /** The kind of the conversation's last reply (`channelData.digibank.kind`), null when none or without kind. */
  lastReplyKind: string | null;
}

/** An inbound message waiting for its turn. */
export interface PendingMessage {
  id: string;
  seq: bigint;
  conversationId: string;
  channel: string;
  activity: Partial<Activity>;
  attempts: number;
}

/** A turn's result, committed by {@link TurnStore.commit} in one statement. */
export interface TurnCommit {
  message: { id: string; conversationId: string; channel: string };
  /** When the inbound message was received (the conversation's `lastInboundAt`). */
  receivedAt: Date;
  state: StateChanges;
  /** The replies as they are stored (already addressed), in order. */
  outbound: { id: string; text: string | null; activity: object }[];
  /** The turn lock's lease to give back in the same statement (the conversation's last pending turn). */
  releaseLease?: string;
  /** The person's message as reach facts (`reach_activity`; topics and chosen place in `reach_event`), recorded with the turn. */
  reach?: TurnReach;
}

/** What a turn adds to the reach figures (services/reach): one message of a person, the replies, the topics, the place chosen. */
export interface TurnReach {
  /** The Brussels day of the message (YYYY-MM-DD). */
  day: string;
  conversationKey: string;
  personKey: string;
  /** The turn's language (nl, fr, en, nl-simple), null when unknown. */
  language: string | null;
  /** Topics understood and places chosen (`reach_event`), each once per conversation and day. */
  facts: TurnFact[];
}

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
}

/** What {@link TurnStore.insertInbound} did: the conversation, and the message as stored (none for a duplicate). */
export interface StoredInbound {
  conversationId: string;
  entry?: TranscriptEntry;
}

const INSERT_INBOUND_KNOWN = `
  INSERT INTO message (id, "conversationId", channel, direction, text, activity, "providerMessageId", status)
  VALUES ($1, $2, $3, 'in', $4, $5::jsonb, $6, 'received')
  ON CONFLICT DO NOTHING
  RETURNING seq, "createdAt"`;

const INSERT_INBOUND_FIRST_CONTACT = `
  WITH person_row AS (
    INSERT INTO person (id, channel, "channelUserId") VALUES ($1, $3, $4)
    ON CONFLICT (channel, "channelUserId") DO UPDATE SET "lastSeenAt" = now()
    RETURNING id
  ), conversation_row AS (
    INSERT INTO conversation (id, channel, "channelConversationId", "personId")
    SELECT $2, $3, $5, id FROM person_row
    ON CONFLICT (channel, "channelConversationId") DO UPDATE SET "personId" = COALESCE(conversation."personId", EXCLUDED."personId")
    RETURNING id
  ), inserted AS (
    INSERT INTO message (id, "conversationId", channel, direction, text, activity, "providerMessageId", status)
    SELECT $6, id, $3, 'in', $7, $8::jsonb, $9, 'received' FROM conversation_row
    ON CONFLICT DO NOTHING
    RETURNING seq, "createdAt"
  )
  SELECT (SELECT id FROM conversation_row) AS "conversationId", i.seq, i."createdAt" FROM (SELECT 1) AS one LEFT JOIN inserted i ON true`;

/** The drain's first read, with the lease when one is asked for (migration `…_take_turns`). */
const TAKE_TURNS = `SELECT * FROM take_turns($1, $2, $3, $4::jsonb)`;

/** The inbox insert and the drain's first read in one round trip (migration `…_receive_and_take`). */
const RECEIVE_AND_TAKE = `SELECT * FROM receive_and_take($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb)`;

/** A row of `take_turns` (and of `receive_and_take`, which adds the inserted message's row). */
interface TakenRow {
  kind: 'inserted' | 'lease' | 'message' | 'state' | 'handoff' | 'last_reply';
  id: string | null;
  seq: bigint | null;
  channel: string | null;
  attempts: number | null;
  data: string | null;
  key: string | null;
  etag: string | null;
  createdAt?: Date | null;
}

const STATE = `SELECT key, data::text AS data, etag FROM bot_state WHERE key = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))`;

/**
 * A turn's commit. The lease goes back last, once `touched` has locked the conversation's row: the
 * same order as `receive_and_take` (conversation, then lease), so the two never wait for each other
 * in a cycle.
 */
const COMMIT = `
  WITH state_deleted AS (
    DELETE FROM bot_state WHERE key = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
  ), state_written AS (
    INSERT INTO bot_state (key, data, etag, "updatedAt")
    SELECT s.key, s.data, s.etag, now() FROM jsonb_to_recordset($2::jsonb) AS s(key text, data jsonb, etag text)
    ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, "updatedAt" = EXCLUDED."updatedAt"
  ), outbox AS (
    INSERT INTO message (id, "conversationId", channel, direction, text, activity, status)
    SELECT o.id, $3, $4, 'out', o.text, o.activity, 'queued'
      FROM ROWS FROM (jsonb_to_recordset($5::jsonb) AS (id text, text text, activity jsonb)) WITH ORDINALITY AS o(id, text, activity, n)
     ORDER BY o.n
    RETURNING id, seq, "createdAt"
  ), done AS (
    UPDATE message SET status = 'processed', "processedAt" = now() WHERE id = $7 RETURNING "conversationId"
  ), touched AS (
    UPDATE conversation SET "lastInboundAt" = $8::timestamptz AT TIME ZONE 'UTC' WHERE id = (SELECT "conversationId" FROM done) RETURNING id
  ), lease_returned AS (
    DELETE FROM turn_lock WHERE "conversationId" = $3 AND owner = $6 AND (SELECT count(*) FROM touched) >= 0
  ), reach AS (
    INSERT INTO reach_activity (day, conversation_key, person_key, channel, language, messages_in, messages_out)
    SELECT $9::date, $10, $11, $4, $12, 1, jsonb_array_length($5::jsonb) FROM done WHERE $10::text IS NOT NULL
    ON CONFLICT (day, conversation_key) DO UPDATE SET
      messages_in = reach_activity.messages_in + 1,
      messages_out = reach_activity.messages_out + EXCLUDED.messages_out,
      language = COALESCE(EXCLUDED.language, reach_activity.language),
      person_key = EXCLUDED.person_key
  ), reach_facts AS (
    INSERT INTO reach_event (day, at, kind, person_key, digibank_id, ref, detail)
    SELECT $9::date, now(), f.kind, $11, f."digibankId", $10 || ':' || $9 || ':' || f.detail, f.detail
      FROM done, jsonb_to_recordset($13::jsonb) AS f(kind text, detail text, "digibankId" text)
     WHERE $10::text IS NOT NULL
    ON CONFLICT DO NOTHING
  )
  SELECT id, seq, "createdAt" FROM outbox ORDER BY seq`;

/** Where a stored message landed in its conversation's transcript. */
type Placed = Pick<TranscriptEntry, 'seq' | 'createdAt'>;

/** What an inbox insert tells its caller: the message as stored (as the database holds its JSON), none for a duplicate. */
function storedOf(row: InboundRow, activity: string, placed: Placed | undefined, conversationId: string): StoredInbound {
  const entry = placed && { ...placed, id: row.id, direction: 'in' as const, status: 'received', activity: JSON.parse(activity) as unknown };
  return { conversationId, entry };
}

/** The drain's first read from the rows of `take_turns`: null when a lease was asked for and another holder has it. */
function pendingOf(rows: TakenRow[], conversationId: string, stateKeys: string[], lease?: LeaseRequest): PendingTurns | null {
  if (lease && !rows.some((row) => row.kind === 'lease')) return null;
  const state = new Map<string, StateText | undefined>(stateKeys.map((key) => [key, undefined]));
  const messages: PendingMessage[] = [];
  let handoff: OpenHandoffStatus = null;
  let lastReplyKind: string | null = null;
  for (const row of rows) {
    if (row.kind === 'last_reply') lastReplyKind = row.key;
    else if (row.kind === 'state') state.set(row.key as string, { data: row.data as string, etag: row.etag as string });
    else if (row.kind === 'handoff') handoff = { handoffId: row.id as string, status: row.key as OpenHandoff['status'] };
    else if (row.kind === 'message') messages.push({ id: row.id as string, seq: row.seq as bigint, conversationId, channel: row.channel as string, attempts: row.attempts as number, activity: JSON.parse(row.data as string) as Partial<Activity> });
  }
  messages.sort((a, b) => (a.seq < b.seq ? -1 : 1));
  return { messages, state, handoff, lastReplyKind };
}

/** The commit's state rows as one JSON array, the data already JSON text (not parsed to be serialised again). */
function stateWritesJson(writes: StateChanges['writes']): string {
  return `[${writes.map((write) => `{"key":${JSON.stringify(write.key)},"etag":${JSON.stringify(write.etag)},"data":${write.data}}`).join(',')}]`;
}

/**
 * The turn pipeline's hot statements in plain SQL ({@link SqlClient}), each one round trip: the
 * inbox insert, the pending messages of a conversation read together with what their turn needs,
 * and a turn's commit (state, outbox, processed flag, conversation touched, lease returned) as one
 * statement — one statement is one transaction, so the turn still happens entirely or not at all.
 * Plain SQL because these run several times per turn and Prisma's query pipeline costs more CPU
 * than the database's work.
 */
export class TurnStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores an inbound message in one statement, creating person and conversation on first contact
   * (race-free upserts) unless `conversationId` is known. No `entry` when the provider's id was
   * stored before (a duplicate).
   */
  async insertInbound(row: InboundRow): Promise<StoredInbound> {
    const activity = JSON.stringify(row.activity);
    let conversationId = row.conversationId;
    let placed: Placed | undefined;
    if (conversationId) {
      [placed] = await this.sql.query<Placed>(INSERT_INBOUND_KNOWN, [row.id, conversationId, row.channel, row.text, activity, row.providerMessageId]);
    } else {
      const [result] = await this.sql.query<{ conversationId: string; seq: bigint | null; createdAt: Date | null }>(INSERT_INBOUND_FIRST_CONTACT, [
        randomUUID(), randomUUID(), row.channel, row.channelUserId, row.channelConversationId, row.id, row.text, activity, row.providerMessageId,
      ]);
      conversationId = result.conversationId;
      if (result.seq !== null && result.createdAt !== null) placed = { seq: result.seq, createdAt: result.createdAt };
    }
    return storedOf(row, activity, placed, conversationId);
  }

  /**
   * The conversation's unprocessed inbound messages (at most 50), oldest first, and — in the same
   * round trip — the state items under `stateKeys`, the open handoff (the bot's relay asks for
   * it every turn) and the kind of the last reply (is the person answering a reminder?). With
   * `lease`, the conversation's lease is taken first, for `lease.owner`: null when another holder
   * has it.
   */
  async pending(conversationId: string, stateKeys: string[], lease?: LeaseRequest): Promise<PendingTurns | null> {
    const rows = await this.sql.query<TakenRow>(TAKE_TURNS, [conversationId, lease?.owner ?? null, lease?.seconds ?? null, JSON.stringify(stateKeys)]);
    return pendingOf(rows, conversationId, stateKeys, lease);
  }

  /**
   * {@link insertInbound} for a known conversation and {@link pending} in one round trip and one
   * transaction: the pending messages include the one just stored (unless it was a duplicate).
   * `pending` is null when another holder has the lease; the message is stored all the same.
   */
  async receiveAndTake(row: InboundRow & { conversationId: string }, stateKeys: string[], lease?: LeaseRequest): Promise<{ stored: StoredInbound; pending: PendingTurns | null }> {
    const activity = JSON.stringify(row.activity);
    const rows = await this.sql.query<TakenRow>(RECEIVE_AND_TAKE, [
      row.id, row.conversationId, row.channel, row.text, activity, row.providerMessageId, lease?.owner ?? null, lease?.seconds ?? null, JSON.stringify(stateKeys),
    ]);
    const inserted = rows.find((taken) => taken.kind === 'inserted');
    const placed = inserted && { seq: inserted.seq as bigint, createdAt: inserted.createdAt as Date };
    return { stored: storedOf(row, activity, placed, row.conversationId), pending: pendingOf(rows, row.conversationId, stateKeys, lease) };
  }

  /** The state items under `keys`, as stored (a key without an item maps to undefined). */
  async state(keys: string[]): Promise<Map<string, StateText | undefined>> {
    const rows = await this.sql.query<{ key: string; data: string; etag: string }>(STATE, [JSON.stringify(keys)]);
    const state = new Map<string, StateText | undefined>(keys.map((key) => [key, undefined]));
    for (const row of rows) state.set(row.key, { data: row.data, etag: row.etag });
    return state;
  }

  /** Commits a turn in one statement: every change or none. Returns the replies as stored. */
  commit(turn: TurnCommit): Promise<TranscriptEntry[]> {
    return TurnStore.commitWith(this.sql, turn);
  }

  /** {@link TurnStore.commit} on a given client, e.g. inside a transaction that does more. */
  static async commitWith(sql: SqlClient, turn: TurnCommit): Promise<TranscriptEntry[]> {
    const { message, state } = turn;
    const outbound = JSON.stringify(turn.outbound);
    const placed = await sql.query<Placed & { id: string }>(COMMIT, [
      JSON.stringify(state.deletes),
      stateWritesJson(state.writes),
      message.conversationId,
      message.channel,
      outbound,
      turn.releaseLease ?? null,
      message.id,
      turn.receivedAt.toISOString(),
      turn.reach?.day ?? null,
      turn.reach?.conversationKey ?? null,
      turn.reach?.personKey ?? null,
      turn.reach?.language ?? null,
      JSON.stringify(turn.reach?.facts ?? []),
    ]);
    if (!placed.length) return [];
    // The activities as the database holds them (JSON), as a read of the transcript would give them.
    const activities = new Map((JSON.parse(outbound) as TurnCommit['outbound']).map((reply) => [reply.id, reply.activity]));
    return placed.map(({ id, seq, createdAt }) => ({ id, seq, createdAt, direction: 'out', status: 'queued', activity: activities.get(id) }));
  }
}
