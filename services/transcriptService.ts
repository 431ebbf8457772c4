import type { PrismaClient } from '../generated/prisma/client';
import { prismaSql, SqlClient } from '../db/sqlClient';

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

/** A read waiting for its query. */
interface ReadRequest {
  conversationId: string;
  afterSeq: bigint;
  limit: number;
  resolve: (entries: TranscriptEntry[]) => void;
  reject: (error: unknown) => void;
}

type EntryRow = Omit<TranscriptEntry, 'direction'> & { direction: string };

/** Reads of transcripts running at once; more wait and go together in the next query. */
const READS_IN_FLIGHT = 2;
/** At most this many reads in one query. */
const READ_BATCH_MAX = 200;

// Plain SQL: web chat reads after every new message of an open page, and Prisma's query pipeline
// costs more CPU than the query itself (bench:turns).
const MESSAGES_AFTER = `
  SELECT seq, id, direction, status, activity, "createdAt" FROM message
   WHERE "conversationId" = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

/** The same for many reads at once: each one's messages by the same index, tagged with its position. */
const MESSAGES_AFTER_MANY = `
  SELECT r.i, m.seq, m.id, m.direction, m.status, m.activity, m."createdAt"
    FROM jsonb_to_recordset($1::jsonb) AS r(i int, conversation text, after bigint, lim int)
   CROSS JOIN LATERAL (
     SELECT seq, id, direction, status, activity, "createdAt" FROM message
      WHERE "conversationId" = r.conversation AND seq > r.after ORDER BY seq LIMIT r.lim) m
   ORDER BY r.i, m.seq`;

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

  private readonly sql: SqlClient;
  private readonly waiting: ReadRequest[] = [];
  private running = 0;

  /** `sql`: the database's plain SQL for the reads web chat makes all the time (default: through Prisma). */
  constructor(private readonly prisma: PrismaClient, sql?: SqlClient) {
    this.sql = sql ?? prismaSql(prisma);
  }

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

  /**
   * Messages of a conversation after `afterSeq` (exclusive), oldest first. Reads asked for while
   * {@link READS_IN_FLIGHT} are running are answered together by the next query: under load,
   * every open web chat page reads after each new message of its conversation, and one query for
   * many conversations costs the database and this process about what one costs for one.
   */
  messagesAfter(conversationId: string, afterSeq: bigint, limit = 100): Promise<TranscriptEntry[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ conversationId, afterSeq, limit, resolve, reject });
      this.startReads();
    });
  }

  /** Starts a query for the reads waiting, unless {@link READS_IN_FLIGHT} are running. */
  private startReads(): void {
    if (this.running >= READS_IN_FLIGHT || !this.waiting.length) return;
    const batch = this.waiting.splice(0, READ_BATCH_MAX);
    this.running++;
    this.read(batch)
      .then((entries) => batch.forEach((request, i) => request.resolve(entries[i])), (error: unknown) => batch.forEach((request) => request.reject(error)))
      .finally(() => {
        this.running--;
        this.startReads();
      });
  }

  /** The entries of each request, in its order. */
  private async read(batch: ReadRequest[]): Promise<TranscriptEntry[][]> {
    if (batch.length === 1) {
      const [{ conversationId, afterSeq, limit }] = batch;
      return [(await this.sql.query<EntryRow>(MESSAGES_AFTER, [conversationId, afterSeq, limit])).map(toEntry)];
    }
    const requests = batch.map(({ conversationId, afterSeq, limit }, i) => ({ i, conversation: conversationId, after: afterSeq.toString(), lim: limit }));
    const rows = await this.sql.query<EntryRow & { i: number }>(MESSAGES_AFTER_MANY, [JSON.stringify(requests)]);
    const entries = batch.map((): TranscriptEntry[] => []);
    for (const row of rows) entries[row.i].push(toEntry(row));
    return entries;
  }
}
