import { OwnershipProof, proofHolds } from '../ownershipProof';
import type { LoanRequest, Prisma, PrismaClient } from '../../generated/prisma/client';
import { BookingConflict } from '../booking/bookingConflict';
import { ReferenceCode } from '../booking/referenceCode';
import type { CitizenMessage, CitizenNotifier } from '../citizenNotifier';
import { DeviceKind, isDeviceKind, isLoanPurpose, LoanPurpose } from './deviceKinds';
import { Db, DeviceService } from './deviceService';
import { LoanError } from './loanError';
import { WaitingList } from './waitingList';
import { BrusselsTime } from '../../i18n/brusselsTime';
import type { ReachFact, ReachRecorder } from '../reach/reachRecorder';

/** Statuses of a loan request (the CHECK of the migration). */
export type LoanStatus = 'requested' | 'approved' | 'rejected' | 'ready' | 'on_loan' | 'returned' | 'cancelled';
/** Statuses still in progress: a person has at most one of these per device kind. */
export const OPEN_STATUSES: readonly LoanStatus[] = ['requested', 'approved', 'ready', 'on_loan'];

/** Who changes a loan: a console user's id, `citizen` or `system`. */
export type LoanActor = string;
/** The person themselves (chat). */
export const CITIZEN: LoanActor = 'citizen';
/** The assistant (waiting list). */
export const SYSTEM: LoanActor = 'system';

/** Dates and opening hours written in a person's language (the composition root provides it). */
export interface LoanFormats {
  date(language: string, instant: Date): string;
  openingHours(language: string, hours: readonly { weekday: number; opensAt: string; closesAt: string }[]): string;
}

/** Settings of the {@link LoanService}. */
export interface LoanOptions {
  /** Length of a loan and of an extension, in days (config LOAN_DAYS). */
  loanDays: number;
  /** Said as "usually" until a digibank has {@link MIN_DECISION_SAMPLES} decisions (config LOAN_DECISION_DAYS). */
  defaultDecisionDays: number;
  clock?: () => Date;
  /** Records requests, pick-ups and returns for the reach report (none: not recorded). */
  reach?: ReachRecorder;
}

/** Decisions needed before a digibank's own median decision time is told. */
export const MIN_DECISION_SAMPLES = 3;

const INCLUDE = {
  digibank: { select: { name: true } },
  location: { include: { openingPeriods: { orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }] } } },
  device: { include: { location: { include: { openingPeriods: { orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }] } } } } },
} satisfies Prisma.LoanRequestInclude;

/** A loan request with its digibank, place and device. */
export type LoanView = Prisma.LoanRequestGetPayload<{ include: typeof INCLUDE }>;
/** A loan request with its history (console detail). */
export type LoanDetail = LoanView & { events: Prisma.LoanEventGetPayload<object>[] };

/** What a person asks for in the chat. */
export interface LoanRequestInput {
  personId: string;
  conversationId?: string | null;
  digibankId: string;
  locationId?: string | null;
  deviceKind: DeviceKind;
  purpose: LoanPurpose;
  answers: Record<string, string>;
  language?: string | null;
}

/** How long a decision usually takes at a digibank, and where the figure comes from. */
export interface DecisionTime {
  days: number;
  basis: 'history' | 'default';
}

/** Result of a chat request: a new one, or the person's open request of that kind. */
export type RequestResult = { kind: 'created'; loan: LoanView; decision: DecisionTime } | { kind: 'existing'; loan: LoanView };

/** Result of a person asking for more time. */
export type ExtensionRequestResult = 'requested' | 'already_requested' | 'not_on_loan';

/** Filter of the console list; `digibankId` null = every digibank (administrator). */
export interface LoanFilter {
  digibankId: string | null;
  status?: string;
  kind?: string;
}

const DAY_MS = 86_400_000;

/**
 * The loan life cycle and the ONLY writer of a request's status: requested → approved (waiting
 * list) → ready (a device reserved) → on loan → returned; requested → rejected; requested, approved
 * or ready → cancelled. Every change goes through {@link transition}: a conditional update on the
 * expected status (so two coordinators, or a retried click, change it once) and a LoanEvent with
 * who, when and why. Devices are reserved with conditional updates and the partial unique index
 * `loan_request_one_active_per_device`: the database decides who gets the last laptop. The person
 * is told about decisions through the {@link CitizenNotifier} after the change is committed.
 */
export class LoanService {
  private readonly waiting: WaitingList;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly notifier: CitizenNotifier,
    private readonly formats: LoanFormats,
    private readonly options: LoanOptions,
  ) {
    this.waiting = new WaitingList(prisma);
  }

  /** The waiting list (console). */
  get waitingList(): WaitingList {
    return this.waiting;
  }

  /** Records a request from the chat, unless the person already has an open one of that kind. */
  async request(input: LoanRequestInput): Promise<RequestResult> {
    if (!isDeviceKind(input.deviceKind) || !isLoanPurpose(input.purpose)) throw new LoanError('invalid', 'unknown device kind or purpose');
    const open = await this.prisma.loanRequest.findFirst({
      where: { personId: input.personId, deviceKind: input.deviceKind, status: { in: [...OPEN_STATUSES] } },
      include: INCLUDE,
      orderBy: { createdAt: 'desc' },
    });
    if (open) return { kind: 'existing', loan: open };
    const id = await this.insertWithReference(input);
    return { kind: 'created', loan: await this.view(id), decision: await this.decisionTime(input.digibankId) };
  }

  /** The median time from request to decision at a digibank (whole days, at least 1), or the default. */
  async decisionTime(digibankId: string): Promise<DecisionTime> {
    const [row] = await this.prisma.$queryRaw<{ samples: bigint | number; median: number | null }[]>`
      SELECT count(*) AS "samples",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt")) AS "median"
      FROM "loan_request" WHERE "digibankId" = ${digibankId} AND "decidedAt" IS NOT NULL`;
    if (!row || Number(row.samples) < MIN_DECISION_SAMPLES || row.median === null) return { days: this.options.defaultDecisionDays, basis: 'default' };
    return { days: Math.max(1, Math.ceil(Number(row.median) / 86_400)), basis: 'history' };
  }

  /** The eligibility questions of a digibank, in order. */
  questionsOf(digibankId: string): Promise<{ key: string; required: boolean }[]> {
    return this.prisma.loanQuestion.findMany({ where: { digibankId }, orderBy: [{ position: 'asc' }, { key: 'asc' }], select: { key: true, required: true } });
  }

  /** A person's requests, newest first. */
  forPerson(personId: string): Promise<LoanView[]> {
    return this.prisma.loanRequest.findMany({ where: { personId }, include: INCLUDE, orderBy: { createdAt: 'desc' } });
  }

  /**
   * A request by its reference code when the proof holds (web chat: the postcode of its digibank
   * location, or the phone number it was made from); else undefined, without telling which was wrong.
   */
  async findByProof(reference: string, proof: OwnershipProof): Promise<LoanView | undefined> {
    const loan = await this.prisma.loanRequest.findUnique({ where: { reference }, include: { ...INCLUDE, person: { select: { channel: true, channelUserId: true } } } });
    if (!loan) return undefined;
    const { person, ...view } = loan;
    return proofHolds(proof, { postcodes: [loan.location?.postcode, loan.device?.location?.postcode], channel: person.channel, channelUserId: person.channelUserId }) ? view : undefined;
  }

  /** Requests by id, newest first. */
  byIds(ids: readonly string[]): Promise<LoanView[]> {
    return ids.length ? this.prisma.loanRequest.findMany({ where: { id: { in: [...ids] } }, include: INCLUDE, orderBy: { createdAt: 'desc' } }) : Promise.resolve([]);
  }

  /** One request, or undefined. */
  async get(id: string): Promise<LoanDetail | undefined> {
    const loan = await this.prisma.loanRequest.findUnique({ where: { id }, include: { ...INCLUDE, events: { orderBy: { at: 'asc' } } } });
    return loan ?? undefined;
  }

  /** Requests for the console, oldest first. */
  list(filter: LoanFilter): Promise<LoanView[]> {
    return this.prisma.loanRequest.findMany({
      where: { ...(filter.digibankId ? { digibankId: filter.digibankId } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { deviceKind: filter.kind } : {}) },
      include: INCLUDE,
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Approves a request: it joins the waiting list and gets a free device at once when it is first in line. */
  async approve(id: string, actor: LoanActor): Promise<LoanView> {
    const now = this.now();
    const loan = await this.inTransaction((tx) => this.transition(tx, id, ['requested'], 'approved', actor, null, { decidedAt: now, decidedBy: actor, waitlistedAt: now }));
    await this.deviceAvailable(loan.digibankId, loan.deviceKind);
    const after = await this.view(id);
    if (after.status === 'approved') {
      const position = (await this.waiting.position(id)) ?? 1;
      await this.tell(after, { key: 'loan.notify.approvedWaiting', vars: { reference: ReferenceCode.format(after.reference), position } });
    }
    return after;
  }

  /** Rejects a request with the coordinator's reason; the person is told why. */
  async reject(id: string, actor: LoanActor, reason: string): Promise<LoanView> {
    const why = LoanService.reason(reason);
    await this.inTransaction((tx) => this.transition(tx, id, ['requested'], 'rejected', actor, why, { statusReason: why, decidedAt: this.now(), decidedBy: actor }));
    const loan = await this.view(id);
    await this.tell(loan, { key: 'loan.notify.rejected', vars: { reference: ReferenceCode.format(loan.reference), reason: why } });
    return loan;
  }

  /** Reserves a device (that one, or the next free one) for an approved request; the person is told where to pick it up. */
  async reserve(id: string, actor: LoanActor, deviceId?: string): Promise<LoanView> {
    await this.inTransaction(async (tx) => {
      const loan = await tx.loanRequest.findUnique({ where: { id } });
      if (!loan) throw new LoanError('not_found', 'no such loan request');
      if (loan.status !== 'approved') throw new LoanError('conflict', `request is ${loan.status}`);
      const claimed = deviceId
        ? (await DeviceService.claimSpecific(tx, deviceId, loan.digibankId, loan.deviceKind)) && deviceId
        : await DeviceService.claimNextFree(tx, loan.digibankId, loan.deviceKind, loan.locationId);
      if (!claimed) throw new LoanError(deviceId ? 'conflict' : 'no_device', deviceId ? 'device not available' : 'no free device');
      return this.transition(tx, id, ['approved'], 'ready', actor, null, { deviceId: claimed, readyAt: this.now(), waitlistedAt: null });
    });
    return this.tellReady(id);
  }

  /** The person picked the device up: the loan starts and the due date is set. */
  async pickUp(id: string, actor: LoanActor): Promise<LoanView> {
    const now = this.now();
    const dueAt = new Date(now.getTime() + this.options.loanDays * DAY_MS);
    await this.inTransaction(async (tx) => {
      const loan = await this.transition(tx, id, ['ready'], 'on_loan', actor, null, { pickedUpAt: now, dueAt, dueReminderFor: null });
      if (!(await DeviceService.move(tx, loan.deviceId as string, 'reserved', 'on_loan'))) throw new LoanError('conflict', 'device is not reserved');
    });
    const loan = await this.view(id);
    await this.tell(loan, { key: 'loan.notify.pickedUp', vars: (language) => ({ reference: ReferenceCode.format(loan.reference), date: this.formats.date(language, dueAt) }) });
    return loan;
  }

  /** The device came back: available again (the next waiting person gets it) or to repair. */
  async markReturned(id: string, actor: LoanActor, input: { condition?: string | null; needsRepair?: boolean }): Promise<LoanView> {
    const condition = input.condition?.trim() || null;
    const deviceStatus = input.needsRepair ? 'in_repair' : 'available';
    const loan = await this.inTransaction(async (tx) => {
      const done = await this.transition(tx, id, ['on_loan'], 'returned', actor, condition, { returnedAt: this.now(), returnCondition: condition });
      if (!(await DeviceService.move(tx, done.deviceId as string, 'on_loan', deviceStatus, condition))) throw new LoanError('conflict', 'device is not on loan');
      return done;
    });
    await this.tell(await this.view(id), { key: 'loan.notify.returned', vars: { reference: ReferenceCode.format(loan.reference) } });
    if (deviceStatus === 'available') await this.deviceAvailable(loan.digibankId, loan.deviceKind);
    return this.view(id);
  }

  /** Gives more time (one loan length by default) and answers a pending extension request. */
  async extend(id: string, actor: LoanActor, days: number = this.options.loanDays): Promise<LoanView> {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new LoanError('invalid', 'days must be 1-366');
    let dueAt = new Date(0);
    await this.inTransaction(async (tx) => {
      const loan = await tx.loanRequest.findUnique({ where: { id } });
      if (!loan) throw new LoanError('not_found', 'no such loan request');
      const from = Math.max(loan.dueAt?.getTime() ?? 0, this.now().getTime());
      dueAt = new Date(from + days * DAY_MS);
      return this.transition(tx, id, ['on_loan'], 'on_loan', actor, `extended ${days} days`, {
        dueAt,
        extensions: { increment: 1 },
        extensionRequestedAt: null,
        dueReminderFor: null,
      });
    });
    const loan = await this.view(id);
    await this.tell(loan, { key: 'loan.notify.extended', vars: (language) => ({ reference: ReferenceCode.format(loan.reference), date: this.formats.date(language, dueAt) }) });
    return loan;
  }

  /** Cancels an open request (not yet lent); a reserved device goes to the next waiting person. */
  async cancel(id: string, actor: LoanActor, reason: string): Promise<LoanView> {
    const why = LoanService.reason(reason);
    const before = await this.inTransaction(async (tx) => {
      const loan = await tx.loanRequest.findUnique({ where: { id } });
      if (!loan) throw new LoanError('not_found', 'no such loan request');
      await this.transition(tx, id, ['requested', 'approved', 'ready'], 'cancelled', actor, why, { statusReason: why, waitlistedAt: null });
      if (loan.status === 'ready' && loan.deviceId) await DeviceService.move(tx, loan.deviceId, 'reserved', 'available');
      return loan;
    });
    const loan = await this.view(id);
    if (actor !== CITIZEN) await this.tell(loan, { key: 'loan.notify.cancelled', vars: { reference: ReferenceCode.format(loan.reference), reason: why } });
    if (before.status === 'ready') await this.deviceAvailable(loan.digibankId, loan.deviceKind);
    return loan;
  }

  /** The person asks for more time (chat, "verlengen"): recorded for the coordinator. */
  async requestExtension(personId: string, id: string): Promise<ExtensionRequestResult> {
    const loan = await this.prisma.loanRequest.findFirst({ where: { id, personId } });
    if (!loan || loan.status !== 'on_loan') return 'not_on_loan';
    if (loan.extensionRequestedAt) return 'already_requested';
    try {
      await this.inTransaction(async (tx) => {
        const { count } = await tx.loanRequest.updateMany({ where: { id, status: 'on_loan', extensionRequestedAt: null }, data: { extensionRequestedAt: this.now() } });
        if (count === 0) throw new LoanError('conflict', 'already requested');
        await tx.loanEvent.create({ data: { loanId: id, fromStatus: 'on_loan', toStatus: 'on_loan', actor: CITIZEN, reason: 'extension requested', at: this.now() } });
      });
    } catch (error) {
      if (error instanceof LoanError) return 'already_requested';
      throw error;
    }
    return 'requested';
  }

  /**
   * A device of that kind may be free: gives free devices to the waiting list, first come first
   * served, one transaction per person (the next waiting request and a free device are both locked
   * with SKIP LOCKED, so concurrent calls never hand out one device twice or tell anyone twice).
   * Returns how many requests became ready.
   */
  async deviceAvailable(digibankId: string, kind: string): Promise<number> {
    let made = 0;
    for (;;) {
      const id = await this.inTransaction(async (tx) => {
        const next = await WaitingList.lockNext(tx, digibankId, kind);
        if (!next) return undefined;
        const loan = await tx.loanRequest.findUniqueOrThrow({ where: { id: next } });
        const deviceId = await DeviceService.claimNextFree(tx, digibankId, kind, loan.locationId);
        if (!deviceId) return undefined;
        await this.transition(tx, next, ['approved'], 'ready', SYSTEM, 'device available', { deviceId, readyAt: this.now(), waitlistedAt: null });
        return next;
      });
      if (!id) return made;
      made++;
      await this.tellReady(id);
    }
  }

  /** Loans due within `days` whose reminder for the current due date is not yet claimed: claims them (at most once per due date). */
  async claimDueReminders(days: number, limit = 100): Promise<LoanView[]> {
    const now = this.now();
    const until = new Date(now.getTime() + days * DAY_MS);
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "loan_request" SET "dueReminderFor" = "dueAt", "updatedAt" = now()
      WHERE "id" IN (
        SELECT "id" FROM "loan_request"
        WHERE "status" = 'on_loan' AND "dueAt" IS NOT NULL AND "dueAt" <= ${until}
          AND ("dueReminderFor" IS NULL OR "dueReminderFor" <> "dueAt")
        ORDER BY "dueAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND ("dueReminderFor" IS NULL OR "dueReminderFor" <> "dueAt")
      RETURNING "id"`;
    return this.prisma.loanRequest.findMany({ where: { id: { in: rows.map((row) => row.id) } }, include: INCLUDE });
  }

  /** Tells the person their loan is due soon (the reminder sweep). */
  async remindDue(loan: LoanView): Promise<boolean> {
    const dueAt = loan.dueAt as Date;
    const place = LoanService.place(loan);
    return this.tell(loan, {
      key: 'loan.notify.dueSoon',
      vars: (language) => ({ reference: ReferenceCode.format(loan.reference), date: this.formats.date(language, dueAt), place: place?.name ?? '' }),
      choiceKeys: ['loan.choices.extend', 'loan.choices.returnInfo'],
    });
  }

  /** Where a loan is picked up and returned: the device's location, else the requested one. */
  static place(loan: LoanView): LoanView['location'] {
    return loan.device?.location ?? loan.location;
  }

  /**
   * THE status change: from one of `from` to `to`, only if the row is still in `from` (else a
   * conflict: someone else changed it first), with the event recording who, when and why.
   */
  private async transition(tx: Db, id: string, from: readonly LoanStatus[], to: LoanStatus, actor: LoanActor, reason: string | null, data: Prisma.LoanRequestUpdateManyMutationInput & { deviceId?: string }): Promise<LoanRequest> {
    const current = await tx.loanRequest.findUnique({ where: { id } });
    if (!current) throw new LoanError('not_found', 'no such loan request');
    const { count } = await tx.loanRequest.updateMany({ where: { id, status: { in: [...from] } }, data: { ...data, status: to } });
    if (count === 0) throw new LoanError('conflict', `request is ${current.status}`);
    await tx.loanEvent.create({ data: { loanId: id, fromStatus: current.status, toStatus: to, actor, reason, at: this.now() } });
    const changed = await tx.loanRequest.findUniqueOrThrow({ where: { id } });
    await this.recordReach(tx, current.status as LoanStatus, changed);
    return changed;
  }

  /**
   * A pick-up (`loan_started`, its due day as detail, moved by an extension) or a return
   * (`loan_returned`) as a reach fact, in the transaction of the change.
   */
  private async recordReach(tx: Db, from: LoanStatus, loan: LoanRequest): Promise<void> {
    if (!this.options.reach) return;
    const due = loan.dueAt ? BrusselsTime.localDate(loan.dueAt) : null;
    if (from === 'on_loan' && loan.status === 'on_loan') {
      await tx.reachEvent.updateMany({ where: { kind: 'loan_started', ref: loan.id }, data: { detail: due } });
      return;
    }
    const kind: ReachFact['kind'] | undefined = loan.status === 'on_loan' ? 'loan_started' : loan.status === 'returned' ? 'loan_returned' : undefined;
    if (kind) await this.options.reach.record({ kind, at: this.now(), personId: loan.personId, digibankId: loan.digibankId, ref: loan.id, detail: kind === 'loan_started' ? due : null }, tx);
  }

  private async tellReady(id: string): Promise<LoanView> {
    const loan = await this.view(id);
    const place = LoanService.place(loan);
    await this.tell(loan, {
      key: 'loan.notify.ready',
      vars: (language) => ({
        reference: ReferenceCode.format(loan.reference),
        place: place ? place.name : loan.digibank.name,
        address: place ? `${place.address}, ${place.postcode} ${place.municipality}` : '',
        hours: place ? this.formats.openingHours(language, place.openingPeriods) : '',
      }),
    });
    return loan;
  }

  /** Tells the person on the conversation they asked in (else their latest). */
  private async tell(loan: LoanRequest, message: CitizenMessage): Promise<boolean> {
    const target = loan.conversationId ? { conversationId: loan.conversationId } : { personId: loan.personId };
    return (await this.notifier.notify(target, message)) !== undefined;
  }

  private async insertWithReference(input: LoanRequestInput): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.inTransaction(async (tx) => {
          const loan = await tx.loanRequest.create({
            data: { ...input, conversationId: input.conversationId ?? null, locationId: input.locationId ?? null, reference: ReferenceCode.generate(), createdAt: this.now() },
          });
          await tx.loanEvent.create({ data: { loanId: loan.id, fromStatus: null, toStatus: 'requested', actor: CITIZEN, at: this.now() } });
          await this.options.reach?.record({ kind: 'loan_requested', at: this.now(), personId: loan.personId, digibankId: loan.digibankId, ref: loan.id }, tx);
          return loan.id;
        });
      } catch (error) {
        if (attempt < 5 && BookingConflict.of(error) === 'reference_taken') continue;
        throw error;
      }
    }
  }

  private view(id: string): Promise<LoanView> {
    return this.prisma.loanRequest.findUniqueOrThrow({ where: { id }, include: INCLUDE });
  }

  private inTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 30_000, timeout: 30_000 });
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private static reason(reason: string): string {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why === '' || why.length > 500) throw new LoanError('invalid', 'a reason of 1-500 characters is required');
    return why;
  }
}
