import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { WhatToBring } from '../booking/whatToBring';
import type { ReachRecorder } from '../reach/reachRecorder';
import type { WorkshopService } from './workshopService';
import { INSTRUCTION_LANGUAGES, InstructionLanguage, localizedText, LocalizedText, WORKSHOP_INCLUDE, WORKSHOP_LEVELS, workshopView, WorkshopView, WorkshopLevel } from './workshopView';

/** A session to create: its start and end. */
export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
}

/** What a coordinator fills in for a workshop (a single session or a series). */
export interface WorkshopInput {
  locationId: string;
  title: LocalizedText;
  description?: LocalizedText;
  whatToBring?: LocalizedText;
  topic: string;
  level?: WorkshopLevel;
  language: InstructionLanguage;
  seats: number;
  priceCents?: number;
  sessions: SessionInput[];
}

/** Outcome of creating or editing a workshop. */
export type WorkshopSaveResult = { kind: 'saved'; workshop: WorkshopView } | { kind: 'invalid'; errors: string[] } | { kind: 'not_found' };

/** One person on a workshop's list, as the console shows it (no phone number: the channel only). */
export interface ParticipantView {
  registrationId: string;
  reference: string;
  status: 'registered' | 'waiting' | 'cancelled';
  channel: string;
  createdAt: Date;
  /** Session id → attended (absent: not marked yet). */
  attendance: Record<string, boolean>;
}

/** Outcome of cancelling a whole workshop: how many people (registered or waiting) were told. */
export type WorkshopCancelAllResult = { kind: 'cancelled'; told: number } | { kind: 'not_found' } | { kind: 'ended' } | { kind: 'already' };

/** Outcome of marking attendance. */
export type AttendanceResult = { kind: 'recorded' } | { kind: 'not_found' } | { kind: 'not_started' } | { kind: 'not_registered' };

const MINUTE = 60_000;
const MAX_SESSIONS = 52;

/**
 * What a digibank's coordinator does with workshops in the console: create and edit workshops and
 * series (a weekly series is one registration), see registrations and the waiting list, mark who
 * came (counted in the reach report as `workshop_attended` on the session's day). A volunteer sees
 * only their own digibank's workshops: every call names the digibank.
 */
export class WorkshopAdmin {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly workshops: WorkshopService,
    private readonly reach?: ReachRecorder,
  ) {}

  /** Sessions of a weekly series: `count` weeks from `first`, each `minutes` long (Brussels wall clock, DST-safe). */
  static weekly(first: LocalDate, time: LocalTime, minutes: number, count: number): SessionInput[] {
    return Array.from({ length: count }, (_, week) => {
      const startsAt = BrusselsTime.toInstant(BrusselsTime.addDays(first, week * 7), time);
      return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * MINUTE) };
    });
  }

  /** The digibank's workshops that have not ended (or all from `since`), soonest first. */
  async list(digibankId: string, since: Date): Promise<WorkshopView[]> {
    const rows = await this.prisma.workshop.findMany({ where: { digibankId, endsAt: { gt: since } }, include: WORKSHOP_INCLUDE, orderBy: { startsAt: 'asc' } });
    return rows.map(workshopView);
  }

  /** Creates a workshop of the digibank at one of its locations. */
  async create(digibankId: string, input: WorkshopInput, options: { isDemo?: boolean } = {}): Promise<WorkshopSaveResult> {
    const errors = WorkshopAdmin.check(input);
    const location = await this.prisma.location.findFirst({ where: { id: input.locationId, digibankId } });
    if (!location) errors.push('locationId');
    if (errors.length) return { kind: 'invalid', errors };
    const sessions = [...input.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const row = await this.prisma.workshop.create({
      data: {
        ...WorkshopAdmin.fields(input),
        digibankId,
        locationId: input.locationId,
        isDemo: options.isDemo ?? false,
        startsAt: sessions[0].startsAt,
        endsAt: new Date(Math.max(...sessions.map((s) => s.endsAt.getTime()))),
        sessions: { create: sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })) },
      },
      include: WORKSHOP_INCLUDE,
    });
    return { kind: 'saved', workshop: workshopView(row) };
  }

  /**
   * Edits a workshop of the digibank; sessions, when given, replace those not yet held. More seats
   * go to the waiting list at once; fewer than the people registered are refused.
   */
  async update(digibankId: string, workshopId: string, input: WorkshopInput, now: Date): Promise<WorkshopSaveResult> {
    const current = await this.prisma.workshop.findFirst({ where: { id: workshopId, digibankId } });
    if (!current) return { kind: 'not_found' };
    const errors = WorkshopAdmin.check(input);
    if (input.seats < current.taken) errors.push('seats');
    if (!(await this.prisma.location.findFirst({ where: { id: input.locationId, digibankId } }))) errors.push('locationId');
    if (errors.length) return { kind: 'invalid', errors: [...new Set(errors)] };
    await this.prisma.$transaction(async (tx) => {
      await tx.workshopSession.deleteMany({ where: { workshopId, startsAt: { gt: now } } });
      const kept = await tx.workshopSession.findMany({ where: { workshopId } });
      const all = [...kept, ...input.sessions.filter((s) => s.startsAt > now)].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      await tx.workshopSession.createMany({ data: input.sessions.filter((s) => s.startsAt > now).map((s) => ({ workshopId, startsAt: s.startsAt, endsAt: s.endsAt })) });
      await tx.workshop.update({
        where: { id: workshopId },
        data: { ...WorkshopAdmin.fields(input), locationId: input.locationId, startsAt: all[0].startsAt, endsAt: new Date(Math.max(...all.map((s) => s.endsAt.getTime()))) },
      });
    });
    await this.workshops.fillFreedSeats(workshopId, now);
    return { kind: 'saved', workshop: (await this.workshops.get(workshopId)) as WorkshopView };
  }

  /**
   * Cancels a workshop of the digibank that has not ended (a teacher fell ill, the room is closed):
   * every registration and waiting place is given up, and each of those people is told once on
   * their own channel. Only the first of two simultaneous cancellations acts.
   */
  async cancel(digibankId: string, workshopId: string, now: Date): Promise<WorkshopCancelAllResult> {
    const current = await this.prisma.workshop.findFirst({ where: { id: workshopId, digibankId } });
    if (!current) return { kind: 'not_found' };
    if (current.endsAt <= now) return { kind: 'ended' };
    const affected = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.workshop.updateMany({ where: { id: workshopId, status: 'open' }, data: { status: 'cancelled' } });
      if (changed.count === 0) return undefined;
      const active = await tx.workshopRegistration.findMany({ where: { workshopId, status: { in: ['registered', 'waiting'] } }, select: { id: true } });
      await tx.workshopRegistration.updateMany({ where: { workshopId, status: { in: ['registered', 'waiting'] } }, data: { status: 'cancelled', cancelledAt: now } });
      return active.map((row) => row.id);
    });
    if (!affected) return { kind: 'already' };
    for (const id of affected) await this.workshops.tellWorkshopCancelled(id);
    return { kind: 'cancelled', told: affected.length };
  }

  /** Everyone registered or waiting (and cancelled), in order of registration, with their attendance. */
  async participants(digibankId: string, workshopId: string): Promise<ParticipantView[] | undefined> {
    const workshop = await this.prisma.workshop.findFirst({ where: { id: workshopId, digibankId } });
    if (!workshop) return undefined;
    const rows = await this.prisma.workshopRegistration.findMany({
      where: { workshopId },
      include: { person: { select: { channel: true } }, attendances: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => ({
      registrationId: row.id,
      reference: row.reference,
      status: row.status as ParticipantView['status'],
      channel: row.person.channel,
      createdAt: row.createdAt,
      attendance: Object.fromEntries(row.attendances.map((a) => [a.sessionId, a.attended])),
    }));
  }

  /** Marks whether a registered person came to a session that has started (again: the last mark counts). */
  async markAttendance(digibankId: string, registrationId: string, sessionId: string, attended: boolean, now: Date): Promise<AttendanceResult> {
    const registration = await this.prisma.workshopRegistration.findFirst({ where: { id: registrationId, workshop: { digibankId } } });
    const session = registration ? await this.prisma.workshopSession.findFirst({ where: { id: sessionId, workshopId: registration.workshopId } }) : null;
    if (!registration || !session) return { kind: 'not_found' };
    if (session.startsAt > now) return { kind: 'not_started' };
    if (registration.status !== 'registered') return { kind: 'not_registered' };
    await this.prisma.workshopAttendance.upsert({
      where: { registrationId_sessionId: { registrationId, sessionId } },
      create: { registrationId, sessionId, attended, recordedAt: now },
      update: { attended, recordedAt: now },
    });
    if (attended) {
      await this.reach?.recordLater({
        kind: 'workshop_attended', at: now, day: BrusselsTime.localDate(session.startsAt), personId: registration.personId, digibankId, ref: `${registrationId}:${sessionId}`,
      });
    }
    return { kind: 'recorded' };
  }

  private static fields(input: WorkshopInput): Omit<Prisma.WorkshopUncheckedCreateInput, 'digibankId' | 'locationId' | 'startsAt' | 'endsAt'> {
    return {
      title: localizedText(input.title),
      description: localizedText(input.description ?? {}),
      whatToBring: localizedText(input.whatToBring ?? {}),
      topic: input.topic,
      level: input.level ?? 'beginner',
      language: input.language,
      seats: input.seats,
      priceCents: input.priceCents ?? 0,
    };
  }

  /** The names of the fields that are not valid. */
  static check(input: WorkshopInput): string[] {
    const errors: string[] = [];
    if (!Object.keys(localizedText(input.title)).length) errors.push('title');
    if (!WhatToBring.isTopic(input.topic)) errors.push('topic');
    if (input.level !== undefined && !WORKSHOP_LEVELS.includes(input.level)) errors.push('level');
    if (!INSTRUCTION_LANGUAGES.includes(input.language)) errors.push('language');
    if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 500) errors.push('seats');
    if (input.priceCents !== undefined && (!Number.isInteger(input.priceCents) || input.priceCents < 0)) errors.push('priceCents');
    const sessions = Array.isArray(input.sessions) ? input.sessions : [];
    const validSession = (s: SessionInput) => s?.startsAt instanceof Date && s.endsAt instanceof Date && !Number.isNaN(s.startsAt.getTime()) && s.endsAt > s.startsAt;
    if (!sessions.length || sessions.length > MAX_SESSIONS || !sessions.every(validSession)) errors.push('sessions');
    return errors;
  }
}
