import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { databaseErrorText } from '../booking/bookingConflict';
import { ReferenceCode } from '../booking/referenceCode';
import type { CitizenNotifier } from '../citizenNotifier';
import type { ReachRecorder } from '../reach/reachRecorder';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { clockTime, longDate } from '../../i18n/dateText';
import { isLanguage, Language } from '../../i18n/translator';
import {
  isOneOf,
  OPEN_REPAIR_STATUSES,
  REPAIR_DEVICE_KINDS,
  REPAIR_PROBLEMS,
  REPAIR_SINCE,
  REPAIR_TRANSITIONS,
  RepairDeviceKind,
  RepairProblem,
  RepairSince,
  RepairStatus,
  TOLD_STATUSES,
} from './repairKinds';

/** A repair moment with a free place. */
export interface FreeMoment {
  momentId: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  date: LocalDate;
  time: LocalTime;
  freePlaces: number;
}

const INCLUDE = {
  location: { select: { id: true, name: true, address: true, postcode: true, municipality: true, digibankId: true, digibank: { select: { name: true } } } },
  moment: { select: { startsAt: true, endsAt: true } },
  loan: { select: { reference: true, deviceKind: true } },
} satisfies Prisma.RepairRequestInclude;

/** A repair request with its place, moment and loan. */
export type RepairView = Prisma.RepairRequestGetPayload<{ include: typeof INCLUDE }>;
/** A repair request with its history (console). */
export type RepairDetail = RepairView & { events: Prisma.RepairEventGetPayload<object>[] };

/** What the person told about the device. */
export interface RepairDescription {
  deviceKind: RepairDeviceKind;
  problem: RepairProblem;
  since: RepairSince;
}

/** A booking at a repair moment. */
export interface RepairBookingInput extends RepairDescription {
  personId: string;
  momentId: string;
  language?: string | null;
}

/** A loaned device's problem, for the loans coordinator of the loan (or of the place the person named). */
export interface LoanedRepairInput extends RepairDescription {
  personId: string;
  /** The person's loan, when one is on record. */
  loanId?: string | null;
  /** The place: of the loan, else the one the person chose. */
  locationId: string;
  language?: string | null;
}

/** Outcome of a booking. */
export type RepairBookResult = { kind: 'booked'; request: RepairView } | { kind: 'full' } | { kind: 'unavailable' };

/** Outcome of a console status change. */
export type RepairChangeResult =
  | { kind: 'changed'; request: RepairView; told: boolean }
  | { kind: 'not_found' }
  /** The status does not follow from the current one (or someone changed it first). */
  | { kind: 'conflict'; status: string }
  | { kind: 'invalid'; reason: string };

/** Filter of the console list; `digibankId` null = every digibank (administrator). */
export interface RepairFilter {
  digibankId: string | null;
  status?: string;
}

/** Who changes a request: a console user's id, or the citizen. */
export const REPAIR_CITIZEN = 'citizen';
/** Longest volunteer note. */
export const MAX_NOTE_LENGTH = 500;
const REFERENCE_ATTEMPTS = 8;
const MINUTE = 60_000;

/**
 * Repair requests: a broken device booked at a location's repair moment (the database keeps each
 * moment's capacity, migration "repair"), or a loaned device's problem recorded for the loans
 * coordinator (on the loan's history too). The console moves a request through received →
 * in repair → ready / not repairable → collected; each change the citizen should know of is told on
 * their own channel through the {@link CitizenNotifier} (WhatsApp 24-hour rules, SMS opt-out).
 */
export class RepairService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { notifier?: CitizenNotifier; reach?: ReachRecorder; minLeadMinutes?: number } = {},
  ) {}

  /** The next repair moments with a free place at these locations, soonest first. */
  async freeMoments(locationIds: readonly string[], now: Date, limit = 6): Promise<FreeMoment[]> {
    if (locationIds.length === 0) return [];
    const from = new Date(now.getTime() + (this.options.minLeadMinutes ?? 60) * MINUTE);
    const rows = await this.prisma.repairMoment.findMany({
      where: { locationId: { in: [...locationIds] }, startsAt: { gte: from }, booked: { lt: this.prisma.repairMoment.fields.capacity } },
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({
      momentId: row.id,
      locationId: row.locationId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      date: BrusselsTime.localDate(row.startsAt),
      time: BrusselsTime.localTime(row.startsAt),
      freePlaces: Math.max(0, row.capacity - row.booked),
    }));
  }

  /** True when any of these locations holds a repair moment from now on (free or full). */
  async holdsMoments(locationIds: readonly string[], now: Date): Promise<boolean> {
    return (await this.prisma.repairMoment.count({ where: { locationId: { in: [...locationIds] }, startsAt: { gte: now } } })) > 0;
  }

  /** Books a place at a repair moment; the database refuses a place beyond its capacity. */
  async book(input: RepairBookingInput, now: Date): Promise<RepairBookResult> {
    RepairService.checkDescription(input);
    const moment = await this.prisma.repairMoment.findUnique({ where: { id: input.momentId } });
    if (!moment || moment.startsAt <= now) return { kind: 'unavailable' };
    if (moment.booked >= moment.capacity) return { kind: 'full' };
    try {
      const id = await this.insert({ ...RepairService.described(input), personId: input.personId, locationId: moment.locationId, momentId: moment.id, language: input.language ?? null, loaned: false }, now);
      return { kind: 'booked', request: await this.view(id) };
    } catch (error) {
      if (databaseErrorText(error).includes('repair_moment_full') || databaseErrorText(error).includes('repair_moment_capacity_check')) return { kind: 'full' };
      throw error;
    }
  }

  /** Records a loaned device's problem for the coordinator: a request without a moment, and a line in the loan's history. */
  async reportLoaned(input: LoanedRepairInput, now: Date): Promise<RepairView> {
    RepairService.checkDescription(input);
    const loanId = input.loanId ?? null;
    const id = await this.insert({ ...RepairService.described(input), personId: input.personId, locationId: input.locationId, momentId: null, loanId, language: input.language ?? null, loaned: true }, now, async (tx, requestId) => {
      if (!loanId) return;
      const loan = await tx.loanRequest.findUnique({ where: { id: loanId }, select: { status: true } });
      if (loan) await tx.loanEvent.create({ data: { loanId, fromStatus: loan.status, toStatus: loan.status, actor: REPAIR_CITIZEN, reason: `repair reported: ${input.problem} (${requestId})`, at: now } });
    });
    return this.view(id);
  }

  /** The person's device on loan now, if any (the kind asked first). */
  async loanOnLoan(personId: string, deviceKind?: string): Promise<{ id: string; locationId: string | null; digibankId: string; reference: string } | undefined> {
    const loans = await this.prisma.loanRequest.findMany({
      where: { personId, status: 'on_loan' },
      select: { id: true, locationId: true, digibankId: true, reference: true, deviceKind: true, device: { select: { locationId: true } } },
      orderBy: { pickedUpAt: 'desc' },
    });
    const loan = loans.find((l) => l.deviceKind === deviceKind) ?? loans[0];
    return loan ? { id: loan.id, locationId: loan.device?.locationId ?? loan.locationId, digibankId: loan.digibankId, reference: loan.reference } : undefined;
  }

  /** The person's open requests and those closed in the last 30 days, newest first. */
  async forPerson(personId: string, now: Date): Promise<RepairView[]> {
    const since = new Date(now.getTime() - 30 * 24 * 60 * MINUTE);
    return this.prisma.repairRequest.findMany({
      where: { personId, OR: [{ status: { in: [...OPEN_REPAIR_STATUSES] } }, { updatedAt: { gte: since } }] },
      include: INCLUDE,
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Requests by id (web chat: those made in the conversation). */
  byIds(ids: readonly string[]): Promise<RepairView[]> {
    return this.prisma.repairRequest.findMany({ where: { id: { in: [...ids] } }, include: INCLUDE, orderBy: { createdAt: 'desc' } });
  }

  /** The console's list: a digibank's requests (all for an administrator), open ones first, newest first. */
  async list(filter: RepairFilter): Promise<RepairView[]> {
    const rows = await this.prisma.repairRequest.findMany({
      where: { ...(filter.digibankId ? { location: { digibankId: filter.digibankId } } : {}), ...(filter.status ? { status: filter.status } : {}) },
      include: INCLUDE,
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    const open = (row: RepairView) => ((OPEN_REPAIR_STATUSES as readonly string[]).includes(row.status) ? 0 : 1);
    return rows.sort((a, b) => open(a) - open(b));
  }

  /** One request with its history, or undefined. */
  async get(id: string): Promise<RepairDetail | undefined> {
    const row = await this.prisma.repairRequest.findUnique({ where: { id }, include: { ...INCLUDE, events: { orderBy: { at: 'asc' } } } });
    return row ?? undefined;
  }

  /**
   * THE status change: only to a status that follows from the current one, only if nobody changed
   * it meanwhile (a conditional update), with an event saying who, when and the note; then the
   * citizen is told on their channel when the new status is one they should know of.
   */
  async changeStatus(id: string, actor: string, to: string, note: string | null | undefined, now: Date): Promise<RepairChangeResult> {
    if (!isOneOf(REPAIR_TRANSITIONS.received.concat(REPAIR_TRANSITIONS.in_repair, REPAIR_TRANSITIONS.ready), to)) return { kind: 'invalid', reason: 'unknown status' };
    const text = typeof note === 'string' ? note.trim() : '';
    if (text.length > MAX_NOTE_LENGTH) return { kind: 'invalid', reason: `a note of at most ${MAX_NOTE_LENGTH} characters` };
    const current = await this.prisma.repairRequest.findUnique({ where: { id } });
    if (!current) return { kind: 'not_found' };
    const from = current.status as RepairStatus;
    if (!REPAIR_TRANSITIONS[from].includes(to as RepairStatus)) return { kind: 'conflict', status: from };
    const changed = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.repairRequest.updateMany({
        where: { id, status: from },
        data: { status: to, note: text || current.note, ...(to === 'cancelled' ? { cancelledAt: now } : {}) },
      });
      if (count === 0) return false;
      await tx.repairEvent.create({ data: { requestId: id, fromStatus: from, toStatus: to, actor, note: text || null, at: now } });
      return true;
    });
    if (!changed) return { kind: 'conflict', status: (await this.prisma.repairRequest.findUnique({ where: { id } }))?.status ?? from };
    const request = await this.view(id);
    const told = TOLD_STATUSES.has(to as RepairStatus) ? await this.tell(request, to as RepairStatus, text) : false;
    return { kind: 'changed', request, told };
  }

  /** Place, date and time of a request's moment in a language: for the messages sent outside a turn. */
  static messageVars(request: RepairView, language: string, note = ''): Record<string, string> {
    const lang = (isLanguage(language) ? language : 'nl') as Language;
    const at = request.moment?.startsAt;
    return {
      reference: ReferenceCode.format(request.reference),
      place: request.location.name,
      address: `${request.location.address}, ${request.location.postcode} ${request.location.municipality}`,
      date: at ? longDate(lang, BrusselsTime.localDate(at)) : '',
      time: at ? clockTime(lang, at) : '',
      note,
    };
  }

  private async tell(request: RepairView, status: RepairStatus, note: string): Promise<boolean> {
    const { notifier } = this.options;
    if (!notifier) return false;
    const key = note ? `repair.notify.${status}WithNote` : `repair.notify.${status}`;
    const sent = await notifier.notify({ personId: request.personId }, { key, vars: (language) => RepairService.messageVars(request, language, note), about: { kind: 'repair', id: request.id } });
    return sent !== undefined;
  }

  private static checkDescription(input: RepairDescription): void {
    if (!isOneOf(REPAIR_DEVICE_KINDS, input.deviceKind) || !isOneOf(REPAIR_PROBLEMS, input.problem) || !isOneOf(REPAIR_SINCE, input.since)) {
      throw new RangeError('unknown device kind, problem or since');
    }
  }

  private static described(input: RepairDescription): RepairDescription {
    return { deviceKind: input.deviceKind, problem: input.problem, since: input.since };
  }

  /** Inserts with fresh reference codes until one is unique (collisions are rare), with its first event. */
  private async insert(
    data: Omit<Prisma.RepairRequestUncheckedCreateInput, 'reference'>,
    now: Date,
    more?: (tx: Prisma.TransactionClient, id: string) => Promise<void>,
  ): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.prisma.$transaction(async (tx) => {
          const row = await tx.repairRequest.create({ data: { ...data, reference: ReferenceCode.generate(), createdAt: now } });
          await tx.repairEvent.create({ data: { requestId: row.id, fromStatus: null, toStatus: 'received', actor: REPAIR_CITIZEN, at: now } });
          await more?.(tx, row.id);
          const location = await tx.location.findUniqueOrThrow({ where: { id: row.locationId }, select: { digibankId: true } });
          await this.options.reach?.record({ kind: 'repair_requested', at: now, personId: row.personId, digibankId: location.digibankId, ref: row.id }, tx);
          return row.id;
        });
      } catch (error) {
        const text = databaseErrorText(error);
        const referenceTaken = (error as { code?: unknown })?.code === 'P2002' || text.includes('repair_request_reference_key');
        if (!referenceTaken || attempt >= REFERENCE_ATTEMPTS) throw error;
      }
    }
  }

  private view(id: string): Promise<RepairView> {
    return this.prisma.repairRequest.findUniqueOrThrow({ where: { id }, include: INCLUDE });
  }
}
