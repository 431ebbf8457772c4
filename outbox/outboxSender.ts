import type { Activity } from 'botbuilder';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { describeError, logger } from '../kernel/logger';
import { ClaimedRow, claimDue } from './outboxClaim';
import { ATTEMPT, Attempt, attemptOf, PART_IDS, partIdsOf, toJson, withoutAttempt } from './outboxRow';
import { DeferError, HoldError, OutboundMessage, PermanentError, PreparedMessage, RetryableError, Sender } from './sender';
import type { ReachRecorder } from '../services/reach/reachRecorder';

/** How far the delivery of one row got: the channel it goes by, parts accepted and their provider ids. */
export interface Progress {
  channel: string;
  partsSent: number;
  ids: string[];
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
  /**
   * A part whose send was in flight when its sender died (or timed out) is in doubt: the provider
   * may have accepted it. It is sent again only after this long without a status callback proving
   * it (default 120 s).
   */
  doubtMs?: number;
  /** Rows (conversations) sent at the same time per process (default 16). */
  concurrency?: number;
  /** Random source for jitter (tests). */
  random?: () => number;
  /** Records SMS segments and WhatsApp templates sent, for the reach report's costs (none: not recorded). */
  reach?: ReachRecorder;
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
  private readonly fallbacks = new Map<string, string>();
  private readonly options: Required<Omit<OutboxOptions, 'random' | 'reach'>> & Pick<OutboxOptions, 'reach'> & { random: () => number };
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
      doubtMs: options.doubtMs ?? 120_000,
      concurrency: options.concurrency ?? 16,
      random: options.random ?? Math.random,
      reach: options.reach,
    };
  }

  /** Registers the sender of a channel. */
  register(sender: Sender): void {
    this.senders.set(sender.channel, sender);
  }

  /**
   * Lets rows of `channel` that its sender must hold for the window (WhatsApp outside 24 hours
   * without a template) go out through the sender of `via` (SMS to the same number) instead.
   */
  registerFallback(channel: string, via: string): void {
    if (this.senders.has(channel) && this.senders.has(via)) this.fallbacks.set(channel, via);
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

  /** Claims due rows of the channels with a sender ({@link claimDue}). */
  private claim(limit = this.options.concurrency, conversationId?: string): Promise<ClaimedRow[]> {
    return claimDue(this.prisma, { channels: this.channels(), limit, leaseMs: this.options.leaseMs, conversationId });
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

  /**
   * Delivers one claimed row; true when it was sent (the next row of the conversation may go). A row
   * its channel must hold for the window (WhatsApp outside 24 hours, no template) goes out through
   * the channel's fallback (SMS to the same number) when one is registered and allows it; else it is
   * held with both reasons, visible.
   */
  private async deliver(row: ClaimedRow): Promise<boolean> {
    const attempt = attemptOf(row.activity);
    if (attempt && row.partsSent >= attempt.of) return this.finishProven(row);
    if (attempt && row.partsSent <= attempt.part) {
      // A send in flight when its sender died or timed out, and no status callback proved it in the grace period.
      logger.warn({ messageId: row.id, channel: row.channel, part: attempt.part }, 'outbound part in doubt, sent again');
    }
    const message = await this.load(row);
    const progress: Progress = { channel: row.channel, partsSent: row.partsSent, ids: partIdsOf(row.activity) };
    try {
      await this.sendRow(message, progress);
      return true;
    } catch (error) {
      const via = this.fallbacks.get(row.channel);
      if (!via || !(error instanceof HoldError) || error.status !== 'awaiting_window' || progress.partsSent > 0) {
        await this.recordFailure(row, progress, error);
        return false;
      }
      try {
        await this.sendRow({ ...message, channel: via }, progress);
        logger.info({ messageId: row.id, channel: row.channel, via, reason: error.reason }, 'outbound message sent through the fallback channel');
        return true;
      } catch (fallbackError) {
        const impossible = progress.channel === row.channel && (fallbackError instanceof HoldError || fallbackError instanceof PermanentError);
        const reason = `${error.reason}; ${via}: ${fallbackError instanceof HoldError ? fallbackError.reason : describeError(fallbackError).name}`;
        await this.recordFailure(row, progress, impossible ? new HoldError('awaiting_window', reason) : fallbackError);
        return false;
      }
    }
  }

  /**
   * Prepares and sends the parts of a row not sent yet through the sender of `message.channel`;
   * a row taking another channel is switched to it (recorded) before its first part goes out.
   * Before each part goes to the provider the row records the parts accepted so far and the part
   * now in flight (one write), so that a row whose sender dies mid-send is known to be in doubt.
   */
  private async sendRow(message: OutboundMessage, progress: Progress): Promise<void> {
    const sender = this.senders.get(message.channel) as Sender;
    const prepared = await sender.prepare(message);
    if (message.channel !== progress.channel) {
      await this.prisma.message.update({ where: { id: message.id }, data: { channel: message.channel } });
      progress.channel = message.channel;
    }
    const of = prepared.parts.length;
    for (let index = progress.partsSent; index < of; index++) {
      await this.prisma.message.update({
        where: { id: message.id },
        data: { ...this.partsRecord(message, progress, of, { part: index, of }), leaseUntil: this.leaseEnd(), nextAttemptAt: new Date(Date.now() + this.options.doubtMs) },
      });
      const { providerMessageId } = await sender.send(message, prepared.parts[index], index);
      progress.partsSent = index + 1;
      progress.ids.push(providerMessageId);
    }
    await this.prisma.message.update({
      where: { id: message.id },
      data: {
        ...this.partsRecord(message, progress, of),
        status: 'sent',
        sentAt: new Date(),
        statusAt: new Date(),
        leaseUntil: null,
        nextAttemptAt: null,
        error: null,
        errorCode: null,
        attempts: message.attempts + 1,
        smsSegments: prepared.sms?.segments,
        smsEncoding: prepared.sms?.encoding,
      },
    });
    logger.debug({ messageId: message.id, channel: message.channel, parts: progress.partsSent }, 'outbound message sent');
    await this.recordCost(message, prepared);
  }

  /** What a sent row costs, as a reach fact: its SMS segments, or one WhatsApp template. */
  private async recordCost(message: OutboundMessage, prepared: PreparedMessage): Promise<void> {
    const reach = this.options.reach;
    if (!reach || (!prepared.sms && !prepared.template)) return;
    const personKey = message.recipientId ? reach.keys.person(message.channel, message.recipientId) : null;
    const kind = prepared.sms ? 'sms_sent' : 'whatsapp_template';
    await reach.recordLater({ kind, at: new Date(), personKey, ref: message.id, value: prepared.sms?.segments ?? 1 });
  }

  /**
   * Parts accepted so far: their count, the last provider id, and the activity with (for a message
   * of several parts) every part's id, so that a provider status about any part finds the row, and
   * the part about to be sent (none once the row is sent).
   */
  private partsRecord(message: OutboundMessage, progress: Progress, of: number, attempt?: Attempt): Prisma.MessageUpdateInput {
    const last = progress.ids[progress.ids.length - 1] ?? null;
    const activity = { ...message.activity, ...(of > 1 ? { [PART_IDS]: progress.ids } : {}), ...(attempt ? { [ATTEMPT]: attempt } : {}) };
    return { partsSent: progress.partsSent, providerMessageId: last, activity: toJson(activity) };
  }

  /** A row whose every part a status callback proved while no sender held it: it is sent. */
  private async finishProven(row: ClaimedRow): Promise<boolean> {
    await this.prisma.message.update({
      where: { id: row.id },
      data: { activity: withoutAttempt(row.activity), status: 'sent', sentAt: new Date(), statusAt: new Date(), leaseUntil: null, nextAttemptAt: null, error: null, errorCode: null, attempts: row.attempts + 1 },
    });
    logger.info({ messageId: row.id, channel: row.channel }, 'outbound message in doubt proven sent by the provider');
    return true;
  }

  /** A renewed lease, from now. */
  private leaseEnd(): Date {
    return new Date(Date.now() + this.options.leaseMs);
  }

  /**
   * Records why the row was not (fully) sent. The provider answered (or nothing went out), so no
   * part is in doubt — except after a timeout, whose in-flight marker stays.
   */
  private async recordFailure(row: ClaimedRow, progress: Progress, error: unknown): Promise<void> {
    const inDoubt = error instanceof RetryableError && error.inDoubt;
    // In doubt, a status callback may record the part meanwhile: partsSent and the activity are left to it.
    const base = { leaseUntil: null, ...(inDoubt ? {} : { partsSent: progress.partsSent, activity: withoutAttempt(row.activity, progress.ids) }) };
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
    const wait = error instanceof RetryableError ? Math.max(error.retryAfterMs ?? 0, error.inDoubt ? this.options.doubtMs : 0) : 0;
    const delay = Math.max(this.backoff(attempts), wait);
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
    const activity: Partial<Activity> & { [PART_IDS]?: unknown; [ATTEMPT]?: unknown } = { ...(row.activity as Partial<Activity>) };
    delete activity[PART_IDS];
    delete activity[ATTEMPT];
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
      language: activity.locale ?? conversation?.language ?? conversation?.person?.language ?? null,
      lastInboundAt: conversation?.lastInboundAt ?? null,
      optedOutAt: conversation?.person?.optedOutAt ?? null,
    };
  }
}
