import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { logger } from './logger';
import { describeError } from './turnErrors';

/** One outbound message row as a channel {@link Sender} sees it. */
export interface OutboundMessage {
  id: string;
  seq: bigint;
  conversationId: string;
  channel: string;
  activity: Partial<Activity>;
  text: string | null;
  attempts: number;
  /** Parts of this row the provider already accepted (a retry continues after them). */
  partsSent: number;
  createdAt: Date;
  /** The person's channel user id (a phone number on WhatsApp and SMS). Never log it. */
  recipientId: string;
  personId: string | null;
  /** Saved language of the conversation or person, if any. */
  language: string | null;
  /** The person's last inbound message on this conversation (WhatsApp's 24-hour window). */
  lastInboundAt: Date | null;
  optedOutAt: Date | null;
}

/** The wire messages of one row, prepared by a channel (a long text becomes several parts). */
export interface PreparedMessage<Part = unknown> {
  parts: Part[];
  /** SMS: segments over all parts and the encoding, stored on the row. */
  sms?: { segments: number; encoding: string };
}

/** A channel that delivers outbound rows to its provider. */
export interface Sender<Part = unknown> {
  readonly channel: string;
  /**
   * Renders the row into wire parts and checks that it may be sent now.
   * @throws HoldError (keep it visible, do not send), DeferError (try later), PermanentError.
   */
  prepare(message: OutboundMessage): Promise<PreparedMessage<Part>>;
  /**
   * Sends one part.
   * @throws RetryableError (5xx, 429, network) or PermanentError (4xx with the provider's code).
   */
  send(message: OutboundMessage, part: Part, index: number): Promise<{ providerMessageId: string }>;
}

/** A failure worth retrying with backoff: 5xx, 429, a network error or a timeout. */
export class RetryableError extends Error {
  constructor(message: string, readonly code: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'RetryableError';
  }
}

/** A failure that retrying will not fix: a 4xx with the provider's error code. */
export class PermanentError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Not to be sent now: try again at `until` (a daily cap, a rate limit); no attempt is counted. */
export class DeferError extends Error {
  constructor(readonly reason: string, readonly until: Date) {
    super(reason);
    this.name = 'DeferError';
  }
}

/**
 * Not to be sent; keep the row with this status, visible (`awaiting_window`: outside WhatsApp's
 * 24-hour window without a template; `suppressed`: the person opted out).
 */
export class HoldError extends Error {
  constructor(readonly status: 'awaiting_window' | 'suppressed', readonly reason: string) {
    super(reason);
    this.name = 'HoldError';
  }
}

/** Options of the {@link OutboxSender}. */
export interface OutboxOptions {
  /** First retry delay; doubles per attempt (default 1 s). */
  retryBaseMs?: number;
  /** Longest retry delay (default 5 min). */
  retryMaxMs?: number;
  /** After this many failed attempts the row is `failed` (default 40: about three hours). */
  maxAttempts?: number;
  /** How often to look for due rows besides being woken (default 1 s). */
  pollMs?: number;
  /** A claim expires after this long (a crashed process's rows are taken over; default 60 s). */
  leaseMs?: number;
  /** Rows (conversations) sent at the same time per process (default 16). */
  concurrency?: number;
  /** Random source for jitter (tests). */
  random?: () => number;
}

/** Statuses of rows that still wait to be sent: a later row of the conversation waits behind them. */
const PENDING = ['queued', 'sending', 'awaiting_window'];

/** What the claim query returns. */
interface ClaimedRow {
  id: string;
  seq: bigint;
  conversationId: string;
  channel: string;
  activity: Prisma.JsonValue;
  text: string | null;
  attempts: number;
  partsSent: number;
  createdAt: Date;
}

/**
 * The outbox sender: delivers queued outbound rows of the channels that have a {@link Sender}
 * (WhatsApp, SMS; web chat and terminal stay pull-based), one conversation's rows strictly in
 * order. Rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so several server processes
 * on one PostgreSQL share the work and a row is sent by one of them. Retryable failures back off
 * exponentially with full jitter; permanent ones are recorded with the provider's code.
 */
export class OutboxSender {
  private readonly senders = new Map<string, Sender>();
  private readonly options: Required<Omit<OutboxOptions, 'random'>> & { random: () => number };
  private readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly prisma: PrismaClient, options: OutboxOptions = {}) {
    this.options = {
      retryBaseMs: options.retryBaseMs ?? 1000,
      retryMaxMs: options.retryMaxMs ?? 300_000,
      maxAttempts: options.maxAttempts ?? 40,
      pollMs: options.pollMs ?? 1000,
      leaseMs: options.leaseMs ?? 60_000,
      concurrency: options.concurrency ?? 16,
      random: options.random ?? Math.random,
    };
  }

  /** Registers the sender of a channel. */
  register(sender: Sender): void {
    this.senders.set(sender.channel, sender);
  }

  /** The channels with a sender. */
  channels(): string[] {
    return [...this.senders.keys()];
  }

  /** Starts polling for due rows. */
  start(): void {
    if (!this.stopped || this.senders.size === 0) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due rows now (after a turn committed replies of a channel with a sender). */
  wake(channel?: string): void {
    if (this.stopped || (channel !== undefined && !this.senders.has(channel))) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Sends every due row until none is left (tests and the benchmark call it directly). */
  async flush(): Promise<void> {
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return;
      await Promise.all(rows.map((row) => this.deliverConversation(row)));
    }
  }

  /** Stops polling and waits for sends in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const rows = await this.claim(this.options.concurrency - this.inFlight.size);
        for (const row of rows) {
          const work = this.deliverConversation(row).finally(() => {
            this.inFlight.delete(work);
            this.again = true;
            if (!this.running && !this.stopped) this.wake();
          });
          this.inFlight.add(work);
        }
      } catch (error) {
        logger.warn({ err: describeError(error) }, 'outbox claim failed');
        return;
      }
    } while (this.again && !this.stopped && this.inFlight.size < this.options.concurrency);
  }

  /**
   * Claims due rows: the first pending row of each conversation, when it is due, not claimed by a
   * live lease, and of a channel with a sender. One statement, so that it is atomic on PGlite too.
   */
  private async claim(limit = this.options.concurrency, conversationId?: string): Promise<ClaimedRow[]> {
    if (limit <= 0) return [];
    const channels = this.channels();
    if (channels.length === 0) return [];
    const now = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
    const window = Prisma.sql`(now() AT TIME ZONE 'UTC') - interval '24 hours'`;
    const onlyConversation = conversationId ? Prisma.sql`AND m."conversationId" = ${conversationId}` : Prisma.empty;
    return this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE message SET status = 'sending', "leaseUntil" = ${now} + ${`${this.options.leaseMs} milliseconds`}::interval
      WHERE id IN (
        SELECT m.id FROM message m
        JOIN conversation c ON c.id = m."conversationId"
        WHERE m.direction = 'out'
          AND m.channel IN (${Prisma.join(channels)})
          ${onlyConversation}
          AND (
            (m.status = 'queued' AND (m."nextAttemptAt" IS NULL OR m."nextAttemptAt" <= ${now}))
            OR (m.status = 'sending' AND m."leaseUntil" < ${now})
            OR (m.status = 'awaiting_window' AND c."lastInboundAt" > ${window})
          )
          AND NOT EXISTS (
            SELECT 1 FROM message p
            WHERE p."conversationId" = m."conversationId" AND p.direction = 'out' AND p.seq < m.seq
              AND p.status IN (${Prisma.join(PENDING)})
          )
        ORDER BY m.seq
        LIMIT ${limit}
        FOR UPDATE OF m SKIP LOCKED
      )
      RETURNING id, seq, "conversationId", channel, activity, text, attempts, "partsSent", "createdAt"`;
  }

  /** Sends the claimed row, then the conversation's next rows while they are due. */
  private async deliverConversation(first: ClaimedRow): Promise<void> {
    let row: ClaimedRow | undefined = first;
    while (row) {
      const sent = await this.deliver(row).catch((error) => {
        logger.error({ messageId: row?.id, err: describeError(error) }, 'outbox delivery crashed');
        return false;
      });
      if (!sent || this.stopped) return;
      [row] = await this.claim(1, row.conversationId);
    }
  }

  /** Delivers one claimed row; true when it was sent (the next row of the conversation may go). */
  private async deliver(row: ClaimedRow): Promise<boolean> {
    const sender = this.senders.get(row.channel);
    if (!sender) return false;
    const message = await this.load(row);
    let partsSent = row.partsSent;
    try {
      const prepared = await sender.prepare(message);
      let providerMessageId: string | undefined;
      for (let index = partsSent; index < prepared.parts.length; index++) {
        ({ providerMessageId } = await sender.send(message, prepared.parts[index], index));
        partsSent = index + 1;
        if (index < prepared.parts.length - 1) await this.prisma.message.update({ where: { id: row.id }, data: { partsSent } });
      }
      await this.prisma.message.update({
        where: { id: row.id },
        data: {
          status: 'sent',
          partsSent,
          providerMessageId: providerMessageId ?? null,
          sentAt: new Date(),
          statusAt: new Date(),
          leaseUntil: null,
          nextAttemptAt: null,
          error: null,
          errorCode: null,
          attempts: row.attempts + 1,
          smsSegments: prepared.sms?.segments,
          smsEncoding: prepared.sms?.encoding,
        },
      });
      logger.debug({ messageId: row.id, channel: row.channel, parts: partsSent }, 'outbound message sent');
      return true;
    } catch (error) {
      await this.recordFailure(row, partsSent, error);
      return false;
    }
  }

  private async recordFailure(row: ClaimedRow, partsSent: number, error: unknown): Promise<void> {
    const base = { partsSent, leaseUntil: null };
    if (error instanceof HoldError) {
      await this.prisma.message.update({ where: { id: row.id }, data: { ...base, status: error.status, error: error.reason, nextAttemptAt: null } });
      logger.info({ messageId: row.id, channel: row.channel, status: error.status, reason: error.reason }, 'outbound message held');
      return;
    }
    if (error instanceof DeferError) {
      await this.prisma.message.update({ where: { id: row.id }, data: { ...base, status: 'queued', error: error.reason, nextAttemptAt: error.until } });
      logger.info({ messageId: row.id, channel: row.channel, reason: error.reason }, 'outbound message deferred');
      return;
    }
    const attempts = row.attempts + 1;
    if (error instanceof PermanentError || attempts >= this.options.maxAttempts) {
      const code = error instanceof PermanentError || error instanceof RetryableError ? error.code : 'unknown';
      await this.prisma.message.update({
        where: { id: row.id },
        data: { ...base, status: 'failed', attempts, error: describeError(error).name, errorCode: code, nextAttemptAt: null, statusAt: new Date() },
      });
      logger.warn({ messageId: row.id, channel: row.channel, attempts, errorCode: code }, 'outbound message failed permanently');
      return;
    }
    const code = error instanceof RetryableError ? error.code : 'network';
    const delay = Math.max(this.backoff(attempts), error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0);
    await this.prisma.message.update({
      where: { id: row.id },
      data: { ...base, status: 'queued', attempts, error: describeError(error).name, errorCode: code, nextAttemptAt: new Date(Date.now() + delay) },
    });
    logger.warn({ messageId: row.id, channel: row.channel, attempts, errorCode: code, retryInMs: delay }, 'outbound message will be retried');
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  backoff(attempts: number): number {
    const ceiling = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
    return Math.round(ceiling / 2 + this.options.random() * (ceiling / 2));
  }

  private async load(row: ClaimedRow): Promise<OutboundMessage> {
    const conversation = await this.prisma.conversation.findUnique({
      where: { id: row.conversationId },
      include: { person: true },
    });
    const activity = row.activity as unknown as Partial<Activity>;
    return {
      id: row.id,
      seq: row.seq,
      conversationId: row.conversationId,
      channel: row.channel,
      activity,
      text: row.text,
      attempts: row.attempts,
      partsSent: row.partsSent,
      createdAt: row.createdAt,
      recipientId: conversation?.person?.channelUserId ?? activity.recipient?.id ?? '',
      personId: conversation?.personId ?? null,
      language: conversation?.language ?? conversation?.person?.language ?? null,
      lastInboundAt: conversation?.lastInboundAt ?? null,
      optedOutAt: conversation?.person?.optedOutAt ?? null,
    };
  }
}

/**
 * Queues an outbound message outside a turn (an adapter's own answer: opt-out confirmation,
 * help, a throttling notice). The outbox sender delivers it after the conversation's earlier rows.
 */
export async function enqueueOutbound(
  prisma: PrismaClient,
  conversationId: string,
  channel: string,
  activity: Partial<Activity>,
): Promise<string> {
  const id = randomUUID();
  await prisma.message.create({
    data: {
      id,
      conversationId,
      channel,
      direction: 'out',
      text: activity.text ?? null,
      activity: JSON.parse(JSON.stringify({ type: 'message', ...activity, id })) as Prisma.InputJsonValue,
      status: 'queued',
    },
  });
  return id;
}

/** Provider delivery statuses in the order they happen; a status never moves back. */
const STATUS_RANK: Record<string, number> = { queued: 0, sending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Applies a provider status (sent, delivered, read, failed) to the outbound row with that provider
 * id, out-of-order safe: a row never goes back (read stays read when a late "delivered" arrives).
 * Returns false when no row matched or the status was older.
 */
export async function applyDeliveryStatus(
  prisma: PrismaClient,
  channel: string,
  providerMessageId: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  errorCode?: string,
): Promise<boolean> {
  const lower = Object.entries(STATUS_RANK).filter(([, rank]) => rank < STATUS_RANK[status]).map(([name]) => name);
  const updated = await prisma.message.updateMany({
    where: { channel, providerMessageId, direction: 'out', status: { in: lower } },
    data: { status, statusAt: new Date(), ...(status === 'failed' ? { errorCode: errorCode ?? 'unknown', error: 'ProviderFailed' } : {}) },
  });
  return updated.count > 0;
}
