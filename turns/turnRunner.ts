import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';
import type { SqlClient } from '../db/sqlClient';
import { DurableAdapter } from './durableAdapter';
import { describeError, logger } from '../kernel/logger';
import { storable } from '../kernel/storableText';
import { Metrics } from './metrics';
import { readState, StateStorage } from './stateStorage';
import { TurnLock } from './turnLock';
import { PendingMessage, TurnStore } from './turnStore';
import { UnitOfWork, runInUnitOfWork } from './unitOfWork';
import { BOT_ACCOUNT } from './botAccount';
import { StoredOriginals } from './storedOriginals';
import { BrusselsTime } from '../i18n/brusselsTime';
import { isLanguage } from '../i18n/translator';
import type { ReachKeys } from '../services/reach/reachKeys';
import type { TurnReach } from './turnStore';

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

/** Told when a turn could not be committed (e.g. the database is down); it will be retried. */
export type TurnFailedListener = (channel: string, channelConversationId: string, locale: string | undefined) => void;

/** Options of the {@link TurnRunner}. */
export interface TurnRunnerOptions {
  /** The state keys a turn of this activity reads (its conversation and user state): read in one query before the turn. */
  stateKeys?: (activity: Partial<Activity>) => string[];
  /**
   * How many conversations' turns run at once (default 8). More waiting conversations queue here,
   * first come first served, while their messages wait durably in the inbox.
   */
  concurrency?: number;
  /** Keys of the reach report: each person's message is recorded with its turn (none: not recorded). */
  reach?: ReachKeys;
}

/** A conversation waiting for a free turn slot, and the promise of its drain. */
interface QueuedDrain {
  start: () => void;
  done: Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * The inbox and the turns. {@link receive} stores each inbound message (deduplicated on the
 * provider's id) and returns: the channel acknowledges the message once it is stored. The turns
 * of a conversation then run one at a time, in arrival order, under the {@link TurnLock}: read the
 * pending messages; for each, read its state, run the bot, and commit the state changes, the
 * replies (the outbox) and the message processed in one transaction. A crash or a database outage
 * loses nothing: unprocessed messages are picked up again by the recovery sweep.
 */
export class TurnRunner {
  private readonly listeners: OutboundListener[] = [];
  private readonly failureListeners: TurnFailedListener[] = [];
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
    private readonly sql: SqlClient,
    private readonly adapter: DurableAdapter,
    private readonly bot: TurnHandler,
    private readonly lock: TurnLock,
    private readonly metrics: Metrics,
    private readonly options: TurnRunnerOptions = {},
  ) {
    this.store = new TurnStore(sql);
    this.concurrency = options.concurrency ?? 8;
  }

  /** Registers a listener for committed replies. */
  onOutbound(listener: OutboundListener): void {
    this.listeners.push(listener);
  }

  /** Registers a listener for turns that failed and will be retried. */
  onTurnFailed(listener: TurnFailedListener): void {
    this.failureListeners.push(listener);
  }

  /** Stores an inbound message and schedules its conversation's turns; resolves once it is stored, before its turn runs. */
  async receive(inbound: InboundMessage): Promise<ReceiveResult> {
    const id = randomUUID();
    const activity = storable(this.completeInbound(inbound, id));
    const masked = this.originals.keep(id, activity);
    const cacheKey = `${inbound.channel}\u0000${inbound.channelConversationId}`;
    const known = this.conversationIds.get(cacheKey);
    const row = {
      id,
      conversationId: known,
      channel: inbound.channel,
      channelConversationId: inbound.channelConversationId,
      channelUserId: inbound.channelUserId,
      text: masked.text ?? null,
      activity: masked,
      providerMessageId: inbound.providerMessageId ?? null,
      receivedAt: activity.timestamp as Date,
    };
    let result: { conversationId: string; stored: boolean };
    try {
      result = await this.store.insertInbound(row);
    } catch (error) {
      if (known === undefined || !isForeignKeyViolation(error)) throw error;
      // The remembered conversation is gone (the person's data were erased): a first contact again.
      this.conversationIds.delete(cacheKey);
      result = await this.store.insertInbound({ ...row, conversationId: undefined });
    }
    const { conversationId, stored } = result;
    this.remember(cacheKey, conversationId);
    if (!stored) this.originals.take(id);
    this.metrics.inbound.inc({ channel: inbound.channel, duplicate: String(!stored) });
    if (stored) void this.schedule(conversationId);
    return { duplicate: !stored, conversationId, messageId: id };
  }

  /**
   * Runs every pending turn of the conversation under its lock; resolves when none is left. Every
   * receiver schedules a drain after storing its message, so one look suffices: a message stored
   * after it is drained by its own receiver's drain, which waits for this one's lock.
   */
  drain(conversationId: string): Promise<void> {
    return this.lock.run(conversationId, async () => {
      for (const message of await this.store.pending(conversationId)) await this.runTurn(message);
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
    const conversations = await this.store.conversationsWithPending();
    await Promise.all(conversations.map((conversationId) => this.schedule(conversationId)));
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
  private schedule(conversationId: string): Promise<void> {
    const waiting = this.queued.get(conversationId);
    if (waiting) return waiting.done;
    let start = () => {};
    const started = new Promise<void>((resolve) => (start = resolve));
    const done = started
      .then(() => this.drain(conversationId))
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

  /** Starts queued drains, oldest first, while fewer than `concurrency` run. */
  private startQueued(): void {
    for (const [conversationId, drain] of this.queued) {
      if (this.running >= this.concurrency) return;
      this.queued.delete(conversationId);
      this.running++;
      drain.start();
    }
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

  /** Runs one turn and commits it: state read, the bot, then state, replies and the message processed in one transaction. */
  private async runTurn(message: PendingMessage): Promise<void> {
    const started = process.hrtime.bigint();
    const unit = new UnitOfWork();
    const activity = fromJson(this.originals.take(message.id) ?? message.activity);
    try {
      for (const [key, state] of await readState(this.sql, this.options.stateKeys?.(activity) ?? [])) unit.prefetched.set(key, state);
      await runInUnitOfWork(unit, () => this.adapter.processActivity(activity, unit, (context) => this.bot.run(context)));
      await this.sql.transaction(async (tx) => {
        await StateStorage.commit(tx, unit);
        await TurnStore.commitTurn(tx, { message, outbound: addressed(unit.outbound, activity), reach: this.reachOf(message, activity, unit) });
      });
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

  /**
   * The person's message as a reach fact: who (keyed hash of their number or browser), the
   * conversation, the Brussels day, the turn's language (that of its replies), the topics the
   * triage understood and the place chosen. Only messages a person wrote count.
   */
  private reachOf(message: PendingMessage, inbound: Partial<Activity>, unit: UnitOfWork): TurnReach | undefined {
    const keys = this.options.reach;
    const userId = inbound.from?.id;
    if (!keys || inbound.type !== ActivityTypes.Message || !userId) return undefined;
    const language = [...unit.outbound].reverse().map((reply) => reply.locale).find(isLanguage) ?? (isLanguage(inbound.locale) ? inbound.locale : null);
    return {
      day: BrusselsTime.localDate(inbound.timestamp instanceof Date ? inbound.timestamp : new Date()),
      conversationKey: keys.conversation(message.conversationId),
      personKey: keys.person(message.channel, userId),
      language,
      facts: [...unit.reachFacts.values()],
    };
  }

  private async recordFailure(message: PendingMessage, error: unknown): Promise<void> {
    logger.error({ conversationId: message.conversationId, messageId: message.id, attempts: message.attempts + 1, err: describeError(error) }, 'turn failed');
    await this.store.recordFailure(message, describeError(error).name, MAX_ATTEMPTS).catch(() => undefined);
  }
}

/** A turn's replies as they are stored: addressed back to the sender of the inbound activity. */
function addressed(replies: Partial<Activity>[], inbound: Partial<Activity>): { id: string; text: string | null; activity: object }[] {
  return replies.map((reply) => ({
    id: reply.id as string,
    text: reply.text ?? null,
    activity: { ...reply, replyToId: inbound.id, from: inbound.recipient, recipient: inbound.from, conversation: inbound.conversation, channelId: inbound.channelId },
  }));
}

/** SQLSTATE 23503: the row an insert points at is gone. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

function fromJson(activity: Partial<Activity>): Partial<Activity> {
  return { ...activity, timestamp: activity.timestamp ? new Date(activity.timestamp) : undefined };
}

