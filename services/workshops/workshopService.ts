import type { PrismaClient, WorkshopRegistration } from '../../generated/prisma/client';
import { IcsCalendar } from '../booking/icsCalendar';
import { ReferenceCode } from '../booking/referenceCode';
import type { Topic } from '../booking/whatToBring';
import type { CitizenNotifier } from '../citizenNotifier';
import { OwnershipProof, proofHolds } from '../ownershipProof';
import type { ReachKind, ReachRecorder } from '../reach/reachRecorder';
import { WorkshopConflict } from './workshopConflict';
import { InstructionLanguage, textIn, WORKSHOP_INCLUDE, workshopView, WorkshopView } from './workshopView';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { clockTime, longDate } from '../../i18n/dateText';
import { isLanguage, Language } from '../../i18n/translator';

/** A person's registration with its workshop. */
export interface RegistrationView {
  id: string;
  /** Unformatted reference code; show it with ReferenceCode.format. */
  reference: string;
  status: 'registered' | 'waiting' | 'cancelled';
  personId: string;
  createdAt: Date;
  updatedAt: Date;
  workshop: WorkshopView;
}

/** Outcome of a registration. */
export type RegisterResult =
  | { kind: 'registered'; registration: RegistrationView }
  /** No seat left: the person is on the waiting list, `position` (1 = first) in it. */
  | { kind: 'waiting'; registration: RegistrationView; position: number }
  /** The person already holds a seat or a waiting place for this workshop. */
  | { kind: 'already'; registration: RegistrationView }
  /** No such open workshop, or it has started. */
  | { kind: 'unavailable' };

/** Outcome of a cancellation. */
export type WorkshopCancelResult = { kind: 'cancelled'; registration: RegistrationView } | { kind: 'not_found' } | { kind: 'started' };

/** What a search for workshops asks. */
export interface WorkshopQuery {
  /** Workshops of these digibanks (the ones near the person). */
  digibankIds: readonly string[];
  topic?: Topic | null;
  /** The person's language: workshops taught in it come first. */
  language?: InstructionLanguage;
  limit?: number;
}

/** Texts of a calendar file, localized by the caller. */
export interface WorkshopCalendarTexts {
  summary: string;
  description?: string;
  location?: string;
}

const REFERENCE_ATTEMPTS = 8;
/** Locale key of the message that tells a waiting person a seat is theirs. */
export const SEAT_FREED_KEY = 'workshops.notify.seatFreed';
/** Locale key of the message that tells a registered or waiting person the workshop will not take place. */
export const WORKSHOP_CANCELLED_KEY = 'workshops.notify.workshopCancelled';

/**
 * Registrations for workshops and courses. The database keeps the seats (migration "workshops":
 * a counter under the workshop's row lock, never above the seats, one active registration per
 * person and workshop); this service turns its refusals into results. When a seat frees, the first
 * person of the waiting list gets it and is told once, on their own channel ({@link CitizenNotifier}).
 */
export class WorkshopService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { notifier?: CitizenNotifier; reach?: ReachRecorder } = {},
  ) {}

  /**
   * Open workshops of the given digibanks that have not started yet: those on the topic first
   * (when one is asked), then those taught in the person's language, soonest first.
   */
  async upcoming(query: WorkshopQuery, now: Date): Promise<WorkshopView[]> {
    if (!query.digibankIds.length) return [];
    const rows = await this.prisma.workshop.findMany({
      where: { digibankId: { in: [...query.digibankIds] }, status: 'open', startsAt: { gt: now } },
      include: WORKSHOP_INCLUDE,
      orderBy: { startsAt: 'asc' },
      take: 200,
    });
    const rank = (view: WorkshopView) => (query.topic && view.topic !== query.topic ? 2 : 0) + (query.language && view.language !== query.language ? 1 : 0);
    return rows
      .map(workshopView)
      .sort((a, b) => rank(a) - rank(b) || a.startsAt.getTime() - b.startsAt.getTime())
      .slice(0, query.limit ?? 8);
  }

  /**
   * The digibank the person is known at: that of their latest workshop registration, else of their
   * latest helpdesk appointment; undefined for someone new.
   */
  async knownDigibank(personId: string): Promise<string | undefined> {
    const registration = await this.prisma.workshopRegistration.findFirst({ where: { personId }, orderBy: { createdAt: 'desc' }, select: { workshop: { select: { digibankId: true } } } });
    if (registration) return registration.workshop.digibankId;
    const booking = await this.prisma.booking.findFirst({ where: { personId, locationId: { not: null } }, orderBy: { createdAt: 'desc' }, select: { location: { select: { digibankId: true } } } });
    return booking?.location?.digibankId;
  }

  /** One workshop by id, or undefined. */
  async get(id: string): Promise<WorkshopView | undefined> {
    const row = await this.prisma.workshop.findUnique({ where: { id }, include: WORKSHOP_INCLUDE });
    return row ? workshopView(row) : undefined;
  }

  /** Registers the person: a seat when one is free, else a place on the waiting list. */
  async register(personId: string, workshopId: string, now: Date): Promise<RegisterResult> {
    const workshop = await this.prisma.workshop.findFirst({ where: { id: workshopId, status: 'open', startsAt: { gt: now } } });
    if (!workshop) return { kind: 'unavailable' };
    const existing = await this.active(personId, workshopId);
    if (existing) return { kind: 'already', registration: existing };
    try {
      const row = await this.insert(personId, workshopId, workshop.taken < workshop.seats ? 'registered' : 'waiting');
      return this.registered(row, now);
    } catch (error) {
      const conflict = WorkshopConflict.of(error);
      if (conflict === 'already') return { kind: 'already', registration: (await this.active(personId, workshopId)) as RegistrationView };
      if (conflict !== 'full') throw error;
    }
    // The last seat went to someone else meanwhile: the waiting list.
    try {
      return this.registered(await this.insert(personId, workshopId, 'waiting'), now);
    } catch (error) {
      if (WorkshopConflict.of(error) !== 'already') throw error;
      return { kind: 'already', registration: (await this.active(personId, workshopId)) as RegistrationView };
    }
  }

  /** The person's registrations and waiting places for workshops that have not ended, soonest first. */
  async mine(personId: string, now: Date): Promise<RegistrationView[]> {
    const rows = await this.prisma.workshopRegistration.findMany({
      where: { personId, status: { in: ['registered', 'waiting'] }, workshop: { endsAt: { gt: now } } },
      include: { workshop: { include: WORKSHOP_INCLUDE } },
      orderBy: { workshop: { startsAt: 'asc' } },
    });
    return rows.map(WorkshopService.view);
  }

  /** A registration by its reference code (typed or dictated), or undefined. */
  async findByReference(typed: string): Promise<RegistrationView | undefined> {
    const reference = ReferenceCode.normalize(typed);
    if (!reference) return undefined;
    const row = await this.prisma.workshopRegistration.findUnique({ where: { reference }, include: { workshop: { include: WORKSHOP_INCLUDE } } });
    return row ? WorkshopService.view(row) : undefined;
  }

  /**
   * A registration (or waiting place) still to come, by its code and the postcode of the workshop's
   * place or the mobile number it was made with: how an anonymous web chat visitor shows it is theirs.
   */
  async findByProof(reference: string, proof: OwnershipProof, now: Date): Promise<RegistrationView | undefined> {
    const row = await this.prisma.workshopRegistration.findFirst({
      where: { reference, status: { in: ['registered', 'waiting'] }, workshop: { endsAt: { gt: now } } },
      include: { workshop: { include: { ...WORKSHOP_INCLUDE, location: { select: { postcode: true } } } }, person: { select: { channel: true, channelUserId: true } } },
    });
    if (!row || !proofHolds(proof, { postcodes: [row.workshop.location.postcode], channel: row.person.channel, channelUserId: row.person.channelUserId })) return undefined;
    return WorkshopService.view(row);
  }

  /** Position on the waiting list (1 = next to get a seat), or 0 when not waiting. */
  async waitingPosition(registrationId: string): Promise<number> {
    const row = await this.prisma.workshopRegistration.findUnique({ where: { id: registrationId } });
    if (!row || row.status !== 'waiting') return 0;
    const ahead = await this.prisma.workshopRegistration.count({ where: { workshopId: row.workshopId, status: 'waiting', createdAt: { lt: row.createdAt } } });
    return ahead + 1;
  }

  /**
   * Cancels one of the person's registrations (or waiting places) before the workshop starts; a
   * freed seat goes to the waiting list at once.
   */
  async cancel(personId: string, registrationId: string, now: Date): Promise<WorkshopCancelResult> {
    const row = await this.prisma.workshopRegistration.findFirst({ where: { id: registrationId, personId }, include: { workshop: true } });
    if (!row || row.status === 'cancelled') return { kind: 'not_found' };
    if (row.workshop.startsAt <= now) return { kind: 'started' };
    const changed = await this.prisma.workshopRegistration.updateMany({
      where: { id: registrationId, personId, status: { in: ['registered', 'waiting'] } },
      data: { status: 'cancelled', cancelledAt: now },
    });
    if (changed.count === 0) return { kind: 'not_found' };
    const cancelled = await this.prisma.workshopRegistration.findUniqueOrThrow({ where: { id: registrationId }, include: { workshop: { include: WORKSHOP_INCLUDE } } });
    if (row.status === 'registered') {
      await this.recordReach(cancelled, 'workshop_cancelled', now);
      await this.fillFreedSeats(row.workshopId, now);
    }
    return { kind: 'cancelled', registration: WorkshopService.view(cancelled) };
  }

  /**
   * Gives free seats to the waiting list, first come first served, and tells each person once.
   * Safe under concurrency: each promotion is a conditional UPDATE that the seat trigger refuses
   * when the seat is gone. Returns the promoted registrations.
   */
  async fillFreedSeats(workshopId: string, now: Date): Promise<RegistrationView[]> {
    const promoted: RegistrationView[] = [];
    for (;;) {
      const workshop = await this.prisma.workshop.findUnique({ where: { id: workshopId } });
      if (!workshop || workshop.status !== 'open' || workshop.startsAt <= now || workshop.taken >= workshop.seats) return promoted;
      const next = await this.prisma.workshopRegistration.findFirst({ where: { workshopId, status: 'waiting' }, orderBy: { createdAt: 'asc' } });
      if (!next) return promoted;
      try {
        const changed = await this.prisma.workshopRegistration.updateMany({ where: { id: next.id, status: 'waiting' }, data: { status: 'registered', promotedAt: now } });
        if (changed.count === 0) continue;
      } catch (error) {
        if (WorkshopConflict.of(error) === 'full') return promoted;
        throw error;
      }
      const row = await this.prisma.workshopRegistration.findUniqueOrThrow({ where: { id: next.id }, include: { workshop: { include: WORKSHOP_INCLUDE } } });
      const view = WorkshopService.view(row);
      promoted.push(view);
      await this.recordReach(row, 'workshop_registered', now);
      await this.tellSeatFreed(view);
    }
  }

  /** An RFC 5545 calendar file with one event per session (STATUS:CANCELLED once cancelled). */
  static calendarFile(registration: RegistrationView, texts: WorkshopCalendarTexts, stamp: Date): string {
    const cancelled = registration.status === 'cancelled' || registration.workshop.status === 'cancelled';
    const sequence = Math.floor((registration.updatedAt.getTime() - registration.createdAt.getTime()) / 1000);
    return IcsCalendar.forEvents(
      registration.workshop.sessions.map((session) => ({
        uid: `${registration.id}-${session.id}@digibank-assistant`,
        start: session.startsAt,
        end: session.endsAt,
        stamp,
        sequence,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        alarmMinutesBefore: cancelled ? undefined : 24 * 60,
        ...texts,
      })),
    );
  }

  /** Tells the person of a registration that its workshop was cancelled by the digibank (WorkshopAdmin.cancel). */
  async tellWorkshopCancelled(registrationId: string): Promise<void> {
    const { notifier } = this.options;
    const row = notifier ? await this.prisma.workshopRegistration.findUnique({ where: { id: registrationId }, include: { workshop: { include: WORKSHOP_INCLUDE } } }) : null;
    if (!notifier || !row) return;
    const registration = WorkshopService.view(row);
    await notifier.notify(
      { personId: registration.personId },
      { key: WORKSHOP_CANCELLED_KEY, vars: (language) => WorkshopService.messageVars(registration, language), about: { kind: 'workshop_cancelled', id: registration.id } },
    );
  }

  private async tellSeatFreed(registration: RegistrationView): Promise<void> {
    const { notifier } = this.options;
    if (!notifier) return;
    await notifier.notify(
      { personId: registration.personId },
      { key: SEAT_FREED_KEY, vars: (language) => WorkshopService.messageVars(registration, language), about: { kind: 'workshop_seat', id: registration.id } },
    );
  }

  /** Title, first date and time and the code of a registration, in a language: for the messages sent outside a turn. */
  static messageVars(registration: RegistrationView, language: string, startsAt: Date = registration.workshop.startsAt): Record<string, string> {
    const lang = (isLanguage(language) ? language : 'nl') as Language;
    return {
      title: textIn(registration.workshop.title, lang, registration.workshop.language),
      date: longDate(lang, BrusselsTime.localDate(startsAt)),
      time: clockTime(lang, startsAt),
      reference: ReferenceCode.format(registration.reference),
    };
  }

  private async registered(row: WorkshopRegistration, now: Date): Promise<RegisterResult> {
    const full = await this.prisma.workshopRegistration.findUniqueOrThrow({ where: { id: row.id }, include: { workshop: { include: WORKSHOP_INCLUDE } } });
    const registration = WorkshopService.view(full);
    if (row.status === 'registered') {
      await this.recordReach(full, 'workshop_registered', now);
      return { kind: 'registered', registration };
    }
    return { kind: 'waiting', registration, position: await this.waitingPosition(row.id) };
  }

  private async active(personId: string, workshopId: string): Promise<RegistrationView | undefined> {
    const row = await this.prisma.workshopRegistration.findFirst({
      where: { personId, workshopId, status: { in: ['registered', 'waiting'] } },
      include: { workshop: { include: WORKSHOP_INCLUDE } },
    });
    return row ? WorkshopService.view(row) : undefined;
  }

  /** Inserts with fresh reference codes until one is unique (collisions are rare). */
  private async insert(personId: string, workshopId: string, status: 'registered' | 'waiting'): Promise<WorkshopRegistration> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.prisma.workshopRegistration.create({ data: { reference: ReferenceCode.generate(), personId, workshopId, status } });
      } catch (error) {
        if (WorkshopConflict.of(error) !== 'reference_taken' || attempt >= REFERENCE_ATTEMPTS) throw error;
      }
    }
  }

  private async recordReach(row: { id: string; personId: string; workshop: { digibankId: string } }, kind: ReachKind, at: Date): Promise<void> {
    await this.options.reach?.recordLater([{ kind, at, personId: row.personId, digibankId: row.workshop.digibankId, ref: row.id }]);
  }

  /** A registration row with its workshop as a view. */
  static view(row: WorkshopRegistration & { workshop: Parameters<typeof workshopView>[0] }): RegistrationView {
    return {
      id: row.id,
      reference: row.reference,
      status: row.status as RegistrationView['status'],
      personId: row.personId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      workshop: workshopView(row.workshop),
    };
  }
}
