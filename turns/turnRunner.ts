import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import { DurableAdapter } from './durableAdapter';
import { describeError, logger } from '../kernel/logger';
import { Metrics } from './metrics';
import { PrismaStorage } from './prismaStorage';
import { Lease, LeaseRead, TurnLock } from './turnLock';
import { InboundRow, PendingMessage, PendingTurns, StoredInbound, TurnStore } from './turnStore';
import { prismaSql, SqlClient } from '../db/sqlClient';
import type { TranscriptEntry } from '../services/transcriptService';
import { type StateText, UnitOfWork, runInUnitOfWork } from './unitOfWork';
import { BOT_ACCOUNT } from './botAccount';
import { inBackground, urgently } from '../db/priorityGate';
import { StoredOriginals } from './storedOriginals';

/** The bot as the runner sees it: something that handles one turn. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** An inbound message as a channel adapter hands it over, already translated to an Activity. */
export interface InboundMessage {
  /** Channel id: webchat, whatsapp, sms, console… */
  channel: string;
  channelConversationId: string;
  channelUserId: string;
  /** The provider's message id (wamid, MessageSid, Direct Line id); a second delivery is dropped. */
  providerMessageId?: string;
  activity: Partial<Activity>;
}

/** What {@link TurnRunner.receive} tells the channel adapter. */
export interface ReceiveResult {
  duplicate: boolean;
  conversationId: string;
  messageId: string;
}

/** Told after a turn committed replies for a conversation (channels deliver or wake pollers). */
export type OutboundListener = (channel: string, conversationId: string) => void;

/**
 * Told of messages this process stored in a conversation's transcript (an inbound message, a turn's
 * replies) as they are stored: local readers (web chat streams) need not read them back.
 */
export type StoredListener = (conversationId: string, entries: TranscriptEntry[]) => void;

/** Told when a turn could not be committed (e.g. the database is down); it will be retried. */
export type TurnFailedListener = (channel: string, channelConversationId: string, locale: string | undefined) => void;

/** Options of the {@link TurnRunner}. */
export interface TurnRunnerOptions {
  /** The state keys a turn of this activity reads (its conversation and user state): read ahead with the turn's message. */
  stateKeys?: (activity: Partial<Activity>) => string[];
  /**
   * How many conversations' turns run at once (default 8). More waiting conversations queue here,
   * first come first served, while their messages wait durably in the inbox; a burst of webhooks
   * then costs the database one insert each rather than a turn each.
   */
  concurrency?: number;
  /** Plain SQL for the hot statements (the database's own); default: through the Prisma client. */
  sql?: SqlClient;
}

/** A conversation waiting for a free turn slot, and the promise of its drain. */
interface QueuedDrain {
  start: () => void;
  done: Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * The inbox: stores each inbound message (deduplicated on the provider's id) and runs the turns
 * of a conversation one at a time, in arrival order, under the {@link TurnLock}. A turn's state
 * changes, replies (the outbox) and the inbound message's status are committed in one transaction,
 * so a crash or a database outage loses nothing: unprocessed messages are picked up again.
 */
export class TurnRunner {
  private readonly listeners: OutboundListener[] = [];
  private readonly failureListeners: TurnFailedListener[] = [];
  private readonly storedListeners: StoredListener[] = [];
  private readonly draining = new Set<Promise<void>>();
  private readonly queued = new Map<string, QueuedDrain>();
  private running = 0;
  private readonly concurrency: number;
  private readonly conversationIds = new Map<string, string>();
  private sweeper?: NodeJS.Timeout;
  private readonly store: TurnStore;
  /** Inbound texts as written, for their turn, while the stored copy is masked ({@link StoredOriginals}). */
  private readonly originals = new StoredOriginals();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly adapter: DurableAdapter,
    private readonly bot: TurnHandler,
    private readonly lock: TurnLock,
    private readonly metrics: Metrics,
    private readonly options: TurnRunnerOptions = {},
  ) {
    this.store = new TurnStore(options.sql ?? prismaSql(prisma));
    this.concurrency = options.concurrency ?? 8;
  }

  /** Registers a listener for committed replies. */
  onOutbound(listener: OutboundListener): void {
    this.listeners.push(listener);
  }

  /** Registers a listener for messages stored by this process (see {@link StoredListener}). */
  onStored(listener: StoredListener): void {
    this.storedListeners.push(listener);
  }

  /** Registers a listener for turns that failed and will be retried. */
  onTurnFailed(listener: TurnFailedListener): void {
    this.failureListeners.push(listener);
  }

  /**
   * Stores an inbound message and schedules its turn; returns before the turn runs. When the
   * conversation is known and its turn can start at once, the insert also takes the turn (one
   * round trip instead of two).
   */
  async receive(inbound: InboundMessage): Promise<ReceiveResult> {
    const id = randomUUID();
    const activity = withoutNul(this.completeInbound(inbound, id));
    const stored = this.originals.keep(id, activity);
    const cacheKey = `${inbound.channel}\u0000${inbound.channelConversationId}`;
    const known = this.conversationIds.get(cacheKey);
    const stateKeys = this.stateKeysOf(activity);
    const row: InboundRow = {
      id,
      conversationId: known,
      channel: inbound.channel,
      channelConversationId: inbound.channelConversationId,
      channelUserId: inbound.channelUserId,
      text: stored.text ?? null,
      activity: stored,
      providerMessageId: inbound.providerMessageId ?? null,
    };
    let runNow = known !== undefined && this.canStartNow(known);
    let storedInbound: StoredInbound;
    try {
      // The provider waits for this insert (its acknowledgement follows it): ahead of queued turns.
      storedInbound = runNow && known !== undefined ? await this.receiveAndDrain({ ...row, conversationId: known }, stateKeys) : await urgently(() => this.store.insertInbound(row));
    } catch (error) {
      if (known === undefined || !isForeignKeyViolation(error)) throw error;
      // The remembered conversation is gone (the person's data were erased): a first contact again.
      this.conversationIds.delete(cacheKey);
      runNow = false;
      storedInbound = await urgently(() => this.store.insertInbound({ ...row, conversationId: undefined }));
    }
    const { conversationId, entry } = storedInbound;
    this.remember(cacheKey, conversationId);
    const duplicate = !entry;
    if (duplicate) this.originals.take(id);
    if (entry) this.told(conversationId, [entry]);
    this.metrics.inbound.inc({ channel: inbound.channel, duplicate: String(duplicate) });
    if (!duplicate && !runNow) void this.schedule(conversationId, stateKeys);
    return { duplicate, conversationId, messageId: id };
  }

  /**
   * Runs every pending turn of the conversation; resolves when none is left. `stateKeys`: the
   * state the first turn probably needs, read with the pending messages. `firstRead`: the read
   * that takes the turns, if not {@link TurnStore.pending}.
   */
  drain(conversationId: string, stateKeys: string[] = [], firstRead?: LeaseRead<PendingTurns>): Promise<void> {
    // The first read takes the lease too (one round trip); then every receiver drains after storing
    // its message, so one look suffices: a message stored after it is drained by its own
    // receiver's call, which waits for this lock.
    const pending: LeaseRead<PendingTurns> = (lease) => this.store.pending(conversationId, stateKeys, lease);
    let next = firstRead ?? pending;
    // A read that found the lease held elsewhere is retried with a plain read (`firstRead` stored the message).
    const reading: LeaseRead<PendingTurns> = (lease) => {
      const read = next;
      next = pending;
      return read(lease);
    };
    return this.lock.runReading(conversationId, reading, async ({ messages, state, handoff, lastReplyKind }, lease) => {
      for (const [i, message] of messages.entries()) {
        const last = i === messages.length - 1;
        // What was read ahead holds for the first turn only: the turns after it may change it.
        await this.runTurn(message, i === 0 ? { state, handoff, lastReplyKind } : { state: new Map() }, last ? lease : undefined);
      }
    });
  }

  /** Picks up messages left unprocessed (a crash, a database outage) now and every `intervalMs`. */
  startRecovery(intervalMs = 5000): void {
    const sweep = () => this.recoverPending().catch((error) => logger.warn({ err: describeError(error) }, 'recovery sweep failed'));
    void sweep();
    this.sweeper = setInterval(sweep, intervalMs);
    this.sweeper.unref();
  }

  /** Drains every conversation that has unprocessed inbound messages (those already queued keep their place). */
  async recoverPending(): Promise<void> {
    const pending = await this.prisma.message.findMany({
      where: { direction: 'in', status: 'received' },
      distinct: ['conversationId'],
      select: { conversationId: true },
    });
    await Promise.all(pending.map(({ conversationId }) => this.schedule(conversationId, [])));
  }

  /** Resolves when every turn scheduled so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining.size) await Promise.allSettled([...this.draining]);
  }

  /** Stops the recovery sweep and waits for running turns. */
  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.idle();
  }

  /**
   * Queues the conversation's drain (once: a conversation already waiting keeps its place, its
   * drain will read the new message too) and starts drains while slots are free. Resolves when that
   * drain ended.
   */
  private schedule(conversationId: string, stateKeys: string[], firstRead?: LeaseRead<PendingTurns>): Promise<void> {
    const waiting = this.queued.get(conversationId);
    if (waiting) return waiting.done;
    let start = () => {};
    const started = new Promise<void>((resolve) => (start = resolve));
    const done = started
      .then(() => inBackground(() => this.drain(conversationId, stateKeys, firstRead)))
      .catch((error) => logger.error({ conversationId, err: describeError(error) }, 'turns of a conversation could not run'))
      .finally(() => {
        this.running--;
        this.draining.delete(done);
        this.startQueued();
      });
    this.queued.set(conversationId, { start, done });
    this.draining.add(done);
    this.startQueued();
    return done;
  }

  /** Whether a drain of the conversation would start now: a free slot, and no drain of it queued or running here. */
  private canStartNow(conversationId: string): boolean {
    return this.running < this.concurrency && !this.queued.has(conversationId) && !this.lock.isBusy(conversationId);
  }

  /**
   * Stores the message with the drain's first read ({@link TurnStore.receiveAndTake}) and runs the
   * drain; resolves once the message is stored, before its turn runs.
   */
  private receiveAndDrain(row: InboundRow & { conversationId: string }, stateKeys: string[]): Promise<StoredInbound> {
    return new Promise<StoredInbound>((stored, failed) => {
      const firstRead: LeaseRead<PendingTurns> = (lease) => urgently(() => this.store.receiveAndTake(row, stateKeys, lease)).then(
        (result) => {
          stored(result.stored);
          return result.pending;
        },
        (error: unknown) => {
          failed(error);
          throw error;
        },
      );
      void this.schedule(row.conversationId, stateKeys, firstRead);
    });
  }

  /** Starts queued drains, oldest first, while fewer than `concurrency` run. */
  private startQueued(): void {
    for (const [conversationId, drain] of this.queued) {
      if (this.running >= this.concurrency) return;
      this.queued.delete(conversationId);
      this.running++;
      drain.start();
    }
  }

  private told(conversationId: string, entries: TranscriptEntry[]): void {
    if (entries.length) this.storedListeners.forEach((listener) => listener(conversationId, entries));
  }

  private remember(cacheKey: string, conversationId: string): void {
    if (this.conversationIds.has(cacheKey)) return;
    if (this.conversationIds.size > 10_000) this.conversationIds.clear();
    this.conversationIds.set(cacheKey, conversationId);
  }

  private completeInbound(inbound: InboundMessage, id: string): Partial<Activity> {
    return {
      type: ActivityTypes.Message,
      ...inbound.activity,
      id,
      channelId: inbound.channel,
      serviceUrl: '',
      timestamp: inbound.activity.timestamp ?? new Date(),
      conversation: { id: inbound.channelConversationId, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: inbound.channelUserId, name: '', role: 'user' },
      recipient: { ...BOT_ACCOUNT },
    };
  }

  private stateKeysOf(activity: Partial<Activity>): string[] {
    return this.options.stateKeys?.(activity) ?? [];
  }

  /**
   * Runs one turn and commits it. `readAhead`: state (and the open handoff) read with the pending
   * messages; the state the turn needs beyond it is read in one query first. `lease`: returned with
   * the commit.
   */
  private async runTurn(message: PendingMessage, readAhead: Pick<PendingTurns, 'state'> & Partial<Pick<PendingTurns, 'handoff' | 'lastReplyKind'>>, lease?: Lease): Promise<void> {
    const started = process.hrtime.bigint();
    const unit = new UnitOfWork();
    unit.openHandoff = readAhead.handoff;
    unit.lastReplyKind = readAhead.lastReplyKind;
    const activity = fromJson(this.originals.take(message.id) ?? message.activity);
    try {
      await this.prefetch(unit, activity, readAhead.state);
      await runInUnitOfWork(unit, () => this.adapter.processActivity(activity, (context) => this.bot.run(context)));
      await this.commit(message, activity, unit, lease);
      this.metrics.turns.inc({ channel: message.channel, outcome: 'ok' });
    } catch (error) {
      this.originals.putBack(message.id, activity);
      this.metrics.turns.inc({ channel: message.channel, outcome: 'error' });
      await this.recordFailure(message, error);
      this.failureListeners.forEach((listener) => listener(message.channel, activity.conversation?.id ?? '', activity.locale));
      throw error;
    } finally {
      this.metrics.turnDuration.observe({ channel: message.channel }, Number(process.hrtime.bigint() - started) / 1e9);
    }
    if (unit.outbound.length) this.listeners.forEach((listener) => listener(message.channel, message.conversationId));
  }

  /** Puts the state the turn will read into its unit of work, reading what `readAhead` lacks in one query. */
  private async prefetch(unit: UnitOfWork, activity: Partial<Activity>, readAhead: Map<string, StateText | undefined>): Promise<void> {
    const keys = this.stateKeysOf(activity);
    const missing = keys.filter((key) => !readAhead.has(key));
    const read = missing.length ? await this.store.state(missing) : new Map<string, StateText | undefined>();
    for (const key of keys) unit.prefetched.set(key, readAhead.has(key) ? readAhead.get(key) : read.get(key));
  }

  /**
   * Commits the turn: state, replies (the outbox), the inbound message processed, in one statement;
   * writes that must match an eTag (never botbuilder's own state) need a transaction around it.
   */
  private async commit(message: PendingMessage, inbound: Partial<Activity>, unit: UnitOfWork, lease?: Lease): Promise<void> {
    const outbound = unit.outbound.map((reply) => ({
      id: reply.id as string,
      text: reply.text ?? null,
      activity: { ...reply, replyToId: inbound.id, from: inbound.recipient, recipient: inbound.from, conversation: inbound.conversation, channelId: inbound.channelId },
    }));
    const turn = { message, receivedAt: inbound.timestamp as Date, outbound, releaseLease: lease?.owner };
    const { unconditional, conditional } = PrismaStorage.changes(unit);
    const replies = !Object.keys(conditional).length
      ? await this.store.commit({ ...turn, state: unconditional })
      : await this.prisma.$transaction(async (tx) => {
        await PrismaStorage.commit(tx, unit);
        return TurnStore.commitWith(prismaSql(tx), { ...turn, state: { deletes: [], writes: [] } });
      });
    if (lease) lease.returned = true;
    this.told(message.conversationId, replies);
  }

  private async recordFailure(message: PendingMessage, error: unknown): Promise<void> {
    const attempts = message.attempts + 1;
    logger.error({ conversationId: message.conversationId, messageId: message.id, attempts, err: describeError(error) }, 'turn failed');
    await this.prisma.message
      .update({ where: { id: message.id }, data: { attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'received', error: describeError(error).name } })
      .catch(() => undefined);
  }
}

/**
 * The activity with NUL characters removed from every string: PostgreSQL cannot store U+0000 in
 * text or jsonb, and a person's garbled message must still get an answer.
 */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item)])) as T;
  }
  return value;
}

/** SQLSTATE 23503: the row an insert points at is gone. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

function fromJson(activity: Partial<Activity>): Partial<Activity> {
  return { ...activity, timestamp: activity.timestamp ? new Date(activity.timestamp) : undefined };
}

