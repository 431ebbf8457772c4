import type { Handoff, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { CitizenNotifier } from '../citizenNotifier';
import { DutyHours } from './dutyHours';
import { HandoffWatcher } from './handoffWatcher';
import type { ReachFact, ReachRecorder } from '../reach/reachRecorder';
import { DEFAULT_WAIT_MINUTES, estimateWaitMinutes } from './waitEstimate';
import { maskAtRest } from '../privacy/masking';

/** The life of a handoff; `waiting` and `with_volunteer` are open. */
export type HandoffStatus = 'waiting' | 'with_volunteer' | 'returned' | 'closed' | 'cancelled';
/** Why a conversation went to a person. */
export type HandoffReason = 'asked' | 'not_understood' | 'urgent' | 'volunteer';

/** One open handoff, as the console queue shows it. */
export interface QueueItem {
  handoffId: string;
  conversationId: string;
  status: 'waiting' | 'with_volunteer';
  channel: string;
  language: string | null;
  topic: string | null;
  urgent: boolean;
  reason: HandoffReason;
  digibankId: string | null;
  requestedAt: Date;
  /** Seconds from the request until now (waiting) or until the claim (with a volunteer). */
  waitingSeconds: number;
  volunteer: { id: string; name: string } | null;
}

/** A handoff in any status, with what the conversation view shows besides the queue fields. */
export interface HandoffDetail extends Omit<QueueItem, 'status'> {
  status: HandoffStatus;
  personId: string | null;
  claimedAt: Date | null;
  endedAt: Date | null;
  alternativeOfferedAt: Date | null;
  callbackRequested: boolean;
  /** When the citizen prefers the call-back (null: not said). */
  callbackMoment: CallbackMoment | null;
  /** What the bot already tried (JSON written by the dialogs), or null. */
  summary: unknown;
}

/** The answer to a claim: the handoff, or who has it (or that there is nothing to claim). */
export type ClaimResult =
  | { ok: true; handoff: QueueItem }
  | { ok: false; claimedBy: { id: string; name: string } | null; status: HandoffStatus | 'none' };

/** A console user acting on a handoff; `digibankId` null = administrator (all digibanks). */
export interface Actor {
  id: string;
  name: string;
  digibankId: string | null;
}

/** Why a console action was refused; routes map the codes to 404 / 409 / 409 / 403. */
export type HandoffErrorCode = 'not_found' | 'not_yours' | 'not_open' | 'forbidden';

/** A refused console action. */
export class HandoffError extends Error {
  constructor(readonly code: HandoffErrorCode, message: string = code) {
    super(message);
    this.name = 'HandoffError';
  }
}

/** What a citizen's request gives back. */
export interface HandoffTicket {
  handoffId: string;
  /** Place in the line (1 = next); 0 when a volunteer already has the conversation. */
  position: number;
  /** Roughly how many minutes until a volunteer answers; null when nobody is on duty. */
  estimatedMinutes: number | null;
  onDuty: boolean;
  /** False when an open handoff already existed (the request is idempotent). */
  created: boolean;
}

/** The open handoff of a conversation, as the citizen's side sees it. */
export interface OpenHandoff {
  handoffId: string;
  status: 'waiting' | 'with_volunteer';
  volunteerName: string | null;
}

/** Options of the {@link HandoffService}. */
export interface HandoffServiceOptions {
  /** Minutes a citizen waits unclaimed before a slot or call-back is offered (config HANDOFF_CLAIM_TIMEOUT_MINUTES). */
  claimTimeoutMinutes?: number;
  /** Minutes per person in the line when no recent claim gives an estimate. */
  defaultWaitMinutes?: number;
  /** How often {@link HandoffService.watch} polls the database (default 1000 ms). */
  watchIntervalMs?: number;
  clock?: () => Date;
  /** Records requests, waits, unanswered handoffs and call-backs for the reach report (none: not recorded). */
  reach?: ReachRecorder;
}

/** Who changed a handoff: a console user id, or one of these. */
type ActorId = string | 'citizen' | 'bot' | 'system';

const OPEN: readonly HandoffStatus[] = ['waiting', 'with_volunteer'];

/**
 * The allowed status changes. `with_volunteer → with_volunteer` is a transfer to another volunteer.
 * A handoff is created `waiting` (citizen) or `with_volunteer` (a volunteer takes over).
 */
export const TRANSITIONS: Readonly<Record<HandoffStatus, readonly HandoffStatus[]>> = {
  waiting: ['with_volunteer', 'cancelled', 'closed'],
  with_volunteer: ['with_volunteer', 'returned', 'closed'],
  returned: [],
  closed: [],
  cancelled: [],
};

/** Channels whose user id is a phone number: a call-back is possible there. */
const PHONE_CHANNELS: ReadonlySet<string> = new Set(['whatsapp', 'sms']);

/** When a citizen prefers to be called back (the handoff's `callbackMoment`). */
export const CALLBACK_MOMENTS = ['morning', 'afternoon', 'evening', 'anyTime'] as const;
/** One of {@link CALLBACK_MOMENTS}. */
export type CallbackMoment = (typeof CALLBACK_MOMENTS)[number];

/** What a citizen waiting for a person can do instead: `handoff.choices.<id>`. */
export type HandoffAlternative = 'book' | 'callback' | 'keepWaiting';

/**
 * The alternatives offered, in order: a helpdesk slot, a call-back (only where the channel's user
 * id is a phone number), or keep waiting.
 */
export function alternativesFor(channel: string): HandoffAlternative[] {
  return ['book', ...(PHONE_CHANNELS.has(channel) ? (['callback'] as const) : []), 'keepWaiting'];
}

/** How many recent claims the wait estimate looks at, and how far back. */
const ESTIMATE_SAMPLE = 20;
const ESTIMATE_LOOKBACK_MS = 7 * 86_400_000;

const WITH_VOLUNTEER = { volunteer: { select: { id: true, displayName: true, username: true } } } as const;
type HandoffRow = Handoff & { volunteer: { id: string; displayName: string | null; username: string } | null };

/**
 * The handoff of a conversation to a person: the one place that changes a handoff's status
 * ({@link TRANSITIONS}, each change recorded as a `HandoffEvent` with who, when and why), for the
 * citizen's side (request, cancel, call-back) and the console's (queue, claim, reply, release,
 * close, transfer, notes). Claims are atomic: a conditional update on the status, so of two
 * volunteers clicking at once exactly one gets the conversation. The citizen is told what happens
 * outside their own turns through the {@link CitizenNotifier}.
 */
export class HandoffService {
  private readonly duty: DutyHours;
  private readonly watcher: HandoffWatcher;
  private readonly clock: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly notifier: CitizenNotifier,
    private readonly options: HandoffServiceOptions = {},
  ) {
    this.duty = new DutyHours(prisma);
    this.watcher = new HandoffWatcher(prisma, options.watchIntervalMs);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Minutes without a claim before the citizen is offered a slot or a call-back. */
  get claimTimeoutMinutes(): number {
    return this.options.claimTimeoutMinutes ?? 10;
  }

  // ---- citizen side ------------------------------------------------------------------------

  /**
   * A citizen asks for a person. Idempotent: while a handoff of the conversation is open, it is
   * returned (an urgent request makes it urgent). A new one belongs to the citizen's digibank (of
   * their latest booking, else unknown); when nobody is on duty there, the slot / call-back offer
   * is recorded at once (`alternativeOfferedAt`), as the dialog makes it in the same turn.
   */
  async request(input: {
    conversationId: string;
    reason: HandoffReason;
    language?: string;
    topic?: string | null;
    urgent?: boolean;
    summary?: object;
  }): Promise<HandoffTicket> {
    const existing = await this.open(input.conversationId);
    if (existing) return this.ticket(input.urgent && !existing.urgent ? await this.makeUrgent(existing) : existing, false);
    const conversation = await this.prisma.conversation.findUnique({ where: { id: input.conversationId }, select: { channel: true, personId: true, language: true } });
    if (!conversation) throw new HandoffError('not_found', 'no such conversation');
    const digibankId = await this.duty.digibankOf(conversation.personId);
    const now = this.clock();
    const onDuty = await this.duty.isOpen(digibankId, now);
    const urgent = input.urgent === true || input.reason === 'urgent';
    const created = await this.create(
      {
        conversationId: input.conversationId,
        personId: conversation.personId,
        digibankId,
        channel: conversation.channel,
        status: 'waiting',
        reason: input.reason,
        language: input.language ?? conversation.language,
        topic: input.topic ?? null,
        urgent,
        summary: (input.summary ?? undefined) as Prisma.InputJsonValue | undefined,
        requestedAt: now,
        alternativeOfferedAt: onDuty ? null : now,
      },
      'citizen',
      input.reason,
    );
    return created ? this.ticket(created, true, onDuty) : this.request(input);
  }

  /** The open handoff of a conversation, if any. */
  async openFor(conversationId: string): Promise<OpenHandoff | null> {
    const row = await this.open(conversationId);
    return row ? { handoffId: row.id, status: row.status as OpenHandoff['status'], volunteerName: citizenFacingName(row.volunteer) } : null;
  }

  /**
   * The open handoff of a conversation named by its channel's ids, in one query (the bot's relay
   * asks on every turn, before it knows the conversation's row).
   */
  async openOnChannel(channel: string, channelConversationId: string): Promise<Pick<OpenHandoff, 'handoffId' | 'status'> | null> {
    const row = await this.prisma.handoff.findFirst({
      where: { status: { in: [...OPEN] }, conversation: { channel, channelConversationId } },
      select: { id: true, status: true },
    });
    return row ? { handoffId: row.id, status: row.status as OpenHandoff['status'] } : null;
  }

  /** Place in the line, estimate and duty of the open handoff of a conversation (null: none open). */
  async waitFor(conversationId: string): Promise<(HandoffTicket & { status: OpenHandoff['status']; alternativeOfferedAt: Date | null }) | null> {
    const row = await this.open(conversationId);
    return row ? { ...(await this.ticket(row, false)), status: row.status as OpenHandoff['status'], alternativeOfferedAt: row.alternativeOfferedAt } : null;
  }

  /**
   * The citizen wrote while their handoff is open (the message itself is in the transcript): marks
   * the handoff changed, so consoles watching it ({@link watch}) show the new message.
   */
  async citizenWrote(conversationId: string): Promise<void> {
    const updated = await this.prisma.handoff.updateMany({ where: { conversationId, status: { in: [...OPEN] } }, data: { updatedAt: new Date() } });
    if (updated.count) this.watcher.poke();
  }

  /** The citizen stops waiting ("laat maar"): waiting → cancelled. False when nothing was waiting. */
  async cancelByCitizen(conversationId: string): Promise<boolean> {
    const row = await this.open(conversationId);
    if (!row || row.status !== 'waiting') return false;
    return this.transition(row, 'waiting', 'cancelled', 'citizen', 'stopped waiting');
  }

  /** The citizen asks to be called back on their channel's number. False when nothing is waiting. */
  async requestCallback(conversationId: string): Promise<boolean> {
    const updated = await this.prisma.handoff.updateMany({ where: { conversationId, status: 'waiting' }, data: { callbackRequested: true } });
    if (updated.count) this.watcher.poke();
    if (updated.count && this.options.reach) {
      const handoff = await this.prisma.handoff.findFirst({ where: { conversationId, status: 'waiting' } });
      if (handoff) await this.options.reach.recordLater(reachFact(handoff, 'callback_requested', this.clock()));
    }
    return updated.count > 0;
  }

  /** Records when the citizen prefers to be called back. False when no call-back is waiting. */
  async setCallbackMoment(conversationId: string, moment: CallbackMoment): Promise<boolean> {
    const updated = await this.prisma.handoff.updateMany({ where: { conversationId, status: 'waiting', callbackRequested: true }, data: { callbackMoment: moment } });
    if (updated.count) this.watcher.poke();
    return updated.count > 0;
  }

  /**
   * Offers a slot or a call-back, once per handoff, to every citizen who waited longer than the
   * claim timeout: marks them (`alternativeOfferedAt`, one statement, skipping rows another process
   * holds) and queues the offer. Returns how many were offered. The handoffs stay in the queue.
   */
  async offerAlternativesToOverdue(now: Date = this.clock(), limit = 100): Promise<number> {
    const before = new Date(now.getTime() - this.claimTimeoutMinutes * 60_000);
    const due = await this.prisma.$queryRaw<{ conversationId: string; channel: string }[]>`
      UPDATE handoff SET "alternativeOfferedAt" = ${now}, "updatedAt" = now()
      WHERE id IN (
        SELECT id FROM handoff
        WHERE status = 'waiting' AND "alternativeOfferedAt" IS NULL AND "requestedAt" <= ${before}
        ORDER BY "requestedAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND "alternativeOfferedAt" IS NULL
      RETURNING "conversationId", channel`;
    for (const { conversationId, channel } of due) {
      await this.notifier.notify({ conversationId }, { key: 'handoff.timeout', choiceKeys: alternativesFor(channel).map((id) => `handoff.choices.${id}`) });
    }
    if (due.length) this.watcher.poke();
    return due.length;
  }

  // ---- console side ------------------------------------------------------------------------

  /** Open handoffs of a digibank (and those of unknown digibank); null = all. Urgent first, then oldest. */
  async queue(scope: { digibankId: string | null }): Promise<QueueItem[]> {
    const rows = await this.prisma.handoff.findMany({
      where: { status: { in: [...OPEN] }, ...(scope.digibankId ? { OR: [{ digibankId: scope.digibankId }, { digibankId: null }] } : {}) },
      orderBy: [{ urgent: 'desc' }, { requestedAt: 'asc' }, { id: 'asc' }],
      include: WITH_VOLUNTEER,
    });
    const now = this.clock();
    return rows.map((row) => this.queueItem(row, now));
  }

  /** The latest handoff of a conversation, open or not. */
  async get(conversationId: string): Promise<HandoffDetail | null> {
    const row = await this.latest(conversationId);
    return row ? this.detail(row) : null;
  }

  /** A volunteer claims a waiting conversation: exactly one of simultaneous claims wins. */
  async claim(conversationId: string, actor: Actor): Promise<ClaimResult> {
    const row = await this.latest(conversationId);
    if (!row) return { ok: false, claimedBy: null, status: 'none' };
    this.checkScope(row, actor);
    if (row.status === 'with_volunteer' && row.volunteerId === actor.id) return { ok: true, handoff: this.queueItem(row, this.clock()) };
    // A conversation of no known digibank becomes the claiming volunteer's digibank's: after the
    // handoff it is theirs to read, not every digibank's.
    const owner = row.digibankId === null && actor.digibankId ? { digibankId: actor.digibankId } : {};
    if (row.status !== 'waiting' || !(await this.transition(row, 'waiting', 'with_volunteer', actor.id, 'claimed', { volunteerId: actor.id, claimedAt: this.clock(), ...owner }))) {
      return this.claimedBy(conversationId);
    }
    return this.afterClaim(conversationId);
  }

  /**
   * A volunteer takes over a conversation the bot is having (no open handoff): a handoff with
   * reason `volunteer` is created already claimed. A waiting one is simply claimed.
   */
  async takeOver(conversationId: string, actor: Actor): Promise<ClaimResult> {
    const open = await this.open(conversationId);
    if (open) return this.claim(conversationId, actor);
    const conversation = await this.prisma.conversation.findUnique({ where: { id: conversationId }, select: { channel: true, personId: true, language: true } });
    if (!conversation) throw new HandoffError('not_found', 'no such conversation');
    const digibankId = await this.duty.digibankOf(conversation.personId);
    // Taking over a conversation the bot is having needs it to be of the volunteer's digibank; one of no known digibank, an administrator.
    if (actor.digibankId && actor.digibankId !== digibankId) throw new HandoffError('forbidden', 'another digibank');
    const now = this.clock();
    const created = await this.create(
      {
        conversationId,
        personId: conversation.personId,
        digibankId,
        channel: conversation.channel,
        status: 'with_volunteer',
        reason: 'volunteer',
        language: conversation.language,
        volunteerId: actor.id,
        requestedAt: now,
        claimedAt: now,
      },
      actor.id,
      'taken over',
    );
    return created ? this.afterClaim(conversationId) : this.claim(conversationId, actor);
  }

  /** The claiming volunteer's answer, queued on the citizen's channel as written. */
  async sendMessage(conversationId: string, actor: Actor, text: string): Promise<{ messageId: string }> {
    await this.heldBy(conversationId, actor);
    // `about` marks the message as the volunteer's, so the console's transcript can say who wrote it.
    const messageId = await this.notifier.notify({ conversationId }, { key: '', verbatim: text, about: { kind: 'volunteer', id: actor.id } });
    if (!messageId) throw new HandoffError('not_found', 'the conversation is gone');
    return { messageId };
  }

  /** Back to the bot: with_volunteer → returned; the citizen is told. */
  async release(conversationId: string, actor: Actor): Promise<void> {
    const row = await this.heldBy(conversationId, actor);
    if (!(await this.transition(row, 'with_volunteer', 'returned', actor.id, 'released'))) throw new HandoffError('not_open');
    await this.notifier.notify({ conversationId }, { key: 'handoff.notify.released' });
  }

  /**
   * Closes an open handoff: one with a volunteer by its volunteer (or an administrator), a waiting
   * one by anyone of its digibank (e.g. after calling the citizen back). The citizen is told.
   */
  async close(conversationId: string, actor: Actor): Promise<void> {
    const row = await this.open(conversationId);
    if (!row) throw new HandoffError((await this.latest(conversationId)) ? 'not_open' : 'not_found');
    this.checkScope(row, actor);
    if (row.status === 'with_volunteer') this.checkHolder(row, actor);
    if (!(await this.transition(row, row.status as HandoffStatus, 'closed', actor.id, 'closed'))) throw new HandoffError('not_open');
    await this.notifier.notify({ conversationId }, { key: 'handoff.notify.closed' });
  }

  /** Hands the conversation to another active console user of the same digibank. */
  async transfer(conversationId: string, actor: Actor, toUserId: string): Promise<void> {
    const row = await this.heldBy(conversationId, actor);
    const target = await this.prisma.consoleUser.findUnique({ where: { id: toUserId }, select: { id: true, active: true, digibankId: true, displayName: true, username: true } });
    if (!target || !target.active) throw new HandoffError('not_found', 'no such console user');
    if (target.digibankId && row.digibankId && target.digibankId !== row.digibankId) throw new HandoffError('forbidden', 'another digibank');
    if (target.id === row.volunteerId) return;
    const moved = await this.transition(row, 'with_volunteer', 'with_volunteer', actor.id, `transferred to ${target.id}`, { volunteerId: target.id }, { volunteerId: row.volunteerId });
    if (!moved) throw new HandoffError('not_open');
    await this.notifyClaimed(conversationId, target);
  }

  /** A private note on the latest handoff of the conversation (never sent to the citizen). */
  async addNote(conversationId: string, actor: Actor, text: string): Promise<void> {
    const row = await this.latest(conversationId);
    if (!row) throw new HandoffError('not_found');
    this.checkScope(row, actor);
    // Volunteers never need a national register number, IBAN or card number: not stored as written.
    await this.prisma.handoffNote.create({ data: { handoffId: row.id, authorId: actor.id, text: maskAtRest(text) } });
  }

  /** Calls `listener` when any handoff changed, here or in another process; returns the unsubscribe. */
  watch(listener: () => void): () => void {
    return this.watcher.watch(listener);
  }

  /** Stops watching (shutdown). */
  stop(): void {
    this.watcher.stop();
  }

  // ---- the state machine ------------------------------------------------------------------

  /**
   * THE status change: conditional on the status still being `from` (and on `guard`), so of two
   * concurrent changes only one applies; records the event in the same transaction. Returns false
   * when the handoff was no longer in that status. A change not in {@link TRANSITIONS} is a
   * programming error.
   */
  private async transition(
    row: Pick<Handoff, 'id'>,
    from: HandoffStatus,
    to: HandoffStatus,
    actor: ActorId,
    reason: string,
    data: Prisma.HandoffUncheckedUpdateManyInput = {},
    guard: Prisma.HandoffWhereInput = {},
  ): Promise<boolean> {
    if (!TRANSITIONS[from].includes(to)) throw new Error(`handoff: ${from} → ${to} is not a transition`);
    const now = this.clock();
    const ended = OPEN.includes(to) ? {} : { endedAt: now };
    const changed = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.handoff.updateMany({ where: { ...guard, id: row.id, status: from }, data: { ...data, ...ended, status: to } });
      if (updated.count === 0) return false;
      await tx.handoffEvent.create({ data: { handoffId: row.id, fromStatus: from, toStatus: to, actor, reason, at: now } });
      await this.recordTransition(tx, row.id, from, to, now);
      return true;
    });
    if (changed) this.watcher.poke();
    return changed;
  }

  /**
   * A status change as reach facts: a claim with the seconds the citizen waited; a request that ended
   * without a volunteer (unanswered); a call-back asked for and closed (done).
   */
  private async recordTransition(tx: Prisma.TransactionClient, handoffId: string, from: HandoffStatus, to: HandoffStatus, now: Date): Promise<void> {
    if (!this.options.reach) return;
    const handoff = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId } });
    if (handoff.reason === 'volunteer') return;
    const facts: ReachFact[] = [];
    if (from === 'waiting' && to === 'with_volunteer') facts.push({ ...reachFact(handoff, 'handoff_claimed', now), value: Math.max(0, (now.getTime() - handoff.requestedAt.getTime()) / 1000) });
    if (from === 'waiting' && (to === 'cancelled' || to === 'closed') && !handoff.callbackRequested) facts.push(reachFact(handoff, 'handoff_unanswered', now));
    if (to === 'closed' && handoff.callbackRequested) facts.push(reachFact(handoff, 'callback_done', now));
    await this.options.reach.record(facts, tx);
  }

  /** Creates a handoff and its first event; null when the conversation already has an open one. */
  private async create(data: Prisma.HandoffUncheckedCreateInput, actor: ActorId, reason: string): Promise<HandoffRow | null> {
    try {
      const created = await this.prisma.$transaction(async (tx) => {
        const handoff = await tx.handoff.create({ data, include: WITH_VOLUNTEER });
        await tx.handoffEvent.create({ data: { handoffId: handoff.id, fromStatus: null, toStatus: data.status, actor, reason, at: data.requestedAt ?? this.clock() } });
        // A citizen's request counts as a handoff; a volunteer taking over a conversation does not.
        if (handoff.reason !== 'volunteer') await this.options.reach?.record(reachFact(handoff, 'handoff', handoff.requestedAt), tx);
        return handoff;
      });
      this.watcher.poke();
      return created;
    } catch (error) {
      if ((error as { code?: unknown })?.code === 'P2002') return null; // the partial unique index: one open handoff per conversation
      throw error;
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  private open(conversationId: string): Promise<HandoffRow | null> {
    return this.prisma.handoff.findFirst({ where: { conversationId, status: { in: [...OPEN] } }, include: WITH_VOLUNTEER });
  }

  private latest(conversationId: string): Promise<HandoffRow | null> {
    return this.prisma.handoff.findFirst({ where: { conversationId }, orderBy: { requestedAt: 'desc' }, include: WITH_VOLUNTEER });
  }

  private async ticket(row: HandoffRow, created: boolean, onDuty?: boolean): Promise<HandoffTicket> {
    const duty = onDuty ?? (await this.duty.isOpen(row.digibankId, this.clock()));
    if (row.status !== 'waiting') return { handoffId: row.id, position: 0, estimatedMinutes: duty ? 0 : null, onDuty: duty, created };
    const position = await this.positionOf(row);
    return { handoffId: row.id, position, estimatedMinutes: duty ? estimateWaitMinutes(await this.recentWaits(), position, this.options.defaultWaitMinutes ?? DEFAULT_WAIT_MINUTES) : null, onDuty: duty, created };
  }

  /** 1 + the waiting handoffs the same volunteers see that come first (the order of {@link queue}). */
  private async positionOf(row: HandoffRow): Promise<number> {
    const earlier: Prisma.HandoffWhereInput = { urgent: row.urgent, OR: [{ requestedAt: { lt: row.requestedAt } }, { requestedAt: row.requestedAt, id: { lt: row.id } }] };
    const ahead = await this.prisma.handoff.count({
      where: {
        status: 'waiting',
        ...(row.digibankId ? { OR: [{ digibankId: row.digibankId }, { digibankId: null }] } : {}),
        AND: [{ OR: row.urgent ? [earlier] : [{ urgent: true }, earlier] }],
      },
    });
    return ahead + 1;
  }

  /** Minutes from request to claim of the latest claims of the past week. */
  private async recentWaits(): Promise<number[]> {
    const since = new Date(this.clock().getTime() - ESTIMATE_LOOKBACK_MS);
    const rows = await this.prisma.handoff.findMany({
      where: { claimedAt: { gte: since }, reason: { not: 'volunteer' } },
      orderBy: { claimedAt: 'desc' },
      take: ESTIMATE_SAMPLE,
      select: { requestedAt: true, claimedAt: true },
    });
    return rows.map((row) => ((row.claimedAt as Date).getTime() - row.requestedAt.getTime()) / 60_000);
  }

  private async makeUrgent(row: HandoffRow): Promise<HandoffRow> {
    await this.prisma.handoff.updateMany({ where: { id: row.id }, data: { urgent: true } });
    this.watcher.poke();
    return { ...row, urgent: true };
  }

  private queueItem(row: HandoffRow, now: Date): QueueItem {
    return { ...this.detail(row, now), status: row.status as QueueItem['status'] };
  }

  private detail(row: HandoffRow, now: Date = this.clock()): HandoffDetail {
    const until = row.claimedAt ?? (row.status === 'waiting' ? now : (row.endedAt ?? now));
    return {
      handoffId: row.id,
      conversationId: row.conversationId,
      status: row.status as HandoffStatus,
      channel: row.channel,
      language: row.language,
      topic: row.topic,
      urgent: row.urgent,
      reason: row.reason as HandoffReason,
      digibankId: row.digibankId,
      requestedAt: row.requestedAt,
      waitingSeconds: Math.max(0, Math.round((until.getTime() - row.requestedAt.getTime()) / 1000)),
      volunteer: row.volunteer ? { id: row.volunteer.id, name: volunteerName(row.volunteer) } : null,
      personId: row.personId,
      claimedAt: row.claimedAt,
      endedAt: row.endedAt,
      alternativeOfferedAt: row.alternativeOfferedAt,
      callbackRequested: row.callbackRequested,
      callbackMoment: callbackMomentOf(row.callbackMoment),
      summary: row.summary,
    };
  }

  // ---- rules -------------------------------------------------------------------------------

  private async afterClaim(conversationId: string): Promise<ClaimResult> {
    const row = await this.open(conversationId);
    if (!row) return this.claimedBy(conversationId);
    await this.notifyClaimed(conversationId, row.volunteer);
    return { ok: true, handoff: this.queueItem(row, this.clock()) };
  }

  /** Tells the citizen who answers now: the volunteer's first name, or "a volunteer" without a display name. */
  private async notifyClaimed(conversationId: string, volunteer: { displayName: string | null } | null): Promise<void> {
    const name = citizenFacingName(volunteer);
    await this.notifier.notify({ conversationId }, name ? { key: 'handoff.notify.claimed', vars: { name } } : { key: 'handoff.notify.claimedAnonymous' });
  }

  private async claimedBy(conversationId: string): Promise<ClaimResult> {
    const row = await this.latest(conversationId);
    return {
      ok: false,
      claimedBy: row?.volunteer ? { id: row.volunteer.id, name: volunteerName(row.volunteer) } : null,
      status: (row?.status as HandoffStatus | undefined) ?? 'none',
    };
  }

  /** The open handoff, held by the actor (or an administrator). */
  private async heldBy(conversationId: string, actor: Actor): Promise<HandoffRow> {
    const row = await this.open(conversationId);
    if (!row) throw new HandoffError((await this.latest(conversationId)) ? 'not_open' : 'not_found');
    this.checkScope(row, actor);
    if (row.status !== 'with_volunteer') throw new HandoffError('not_open', 'nobody has claimed it');
    this.checkHolder(row, actor);
    return row;
  }

  private checkHolder(row: HandoffRow, actor: Actor): void {
    if (row.volunteerId !== actor.id && actor.digibankId !== null) throw new HandoffError('not_yours', 'another volunteer has it');
  }

  /** A volunteer of another digibank may not act (the citizen's digibank unknown: anyone may). */
  private checkScope(row: Pick<Handoff, 'digibankId'>, actor: Actor): void {
    if (actor.digibankId && row.digibankId && actor.digibankId !== row.digibankId) throw new HandoffError('forbidden', 'another digibank');
  }
}

function volunteerName(user: { displayName: string | null; username: string }): string {
  return user.displayName?.trim() || user.username;
}

/** A stored call-back moment, or null when none (or an unknown value) is stored. */
export function callbackMomentOf(value: string | null): CallbackMoment | null {
  return (CALLBACK_MOMENTS as readonly string[]).includes(value ?? '') ? (value as CallbackMoment) : null;
}

/** What a citizen is told of a volunteer: the first name of the display name, never the login name; null without one. */
function citizenFacingName(user: { displayName: string | null } | null): string | null {
  const name = user?.displayName?.trim();
  return name ? firstName(name) : null;
}

/** The first name of a display name ("An Peeters" → "An"): all the citizen is told. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** A handoff's fact for the reach report: its person, its digibank (when known), once per handoff. */
function reachFact(handoff: Pick<Handoff, 'id' | 'personId' | 'digibankId'>, kind: ReachFact['kind'], at: Date): ReachFact {
  return { kind, at, personId: handoff.personId, digibankId: handoff.digibankId, ref: handoff.id };
}
