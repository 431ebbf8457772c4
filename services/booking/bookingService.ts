import type { Booking, PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { BookingConflict } from './bookingConflict';
import { HomeVisitPlanner, VisitTime } from './homeVisitPlanner';
import { IcsCalendar, IcsEvent } from './icsCalendar';
import { ReferenceCode } from './referenceCode';
import { OwnershipProof, proofHolds } from '../ownershipProof';
import { FreeSlot, SlotService } from './slotService';
import { Topic, WhatToBring } from './whatToBring';
import type { ReachKind, ReachRecorder } from '../reach/reachRecorder';

/** A booking as the dialogs and the console show it. */
export interface BookingView {
  id: string;
  /** Unformatted reference code; show it with ReferenceCode.format. */
  reference: string;
  kind: 'helpdesk' | 'home_visit';
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  startsAt: Date;
  endsAt: Date;
  /** Brussels day and wall-clock time of the start. */
  date: LocalDate;
  time: LocalTime;
  topic: Topic | null;
  notes: string | null;
  slotId: string | null;
  locationId: string | null;
  areaId: string | null;
  volunteerId: string | null;
  postcode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A helpdesk booking request. */
export interface HelpdeskBookingRequest {
  personId: string;
  slotId: string;
  topic?: Topic | null;
  notes?: string | null;
}

/** A home-visit booking request: a start time offered by HomeVisitPlanner. */
export interface HomeVisitBookingRequest {
  personId: string;
  postcode: string;
  startsAt: Date;
  topic?: Topic | null;
  notes?: string | null;
}

/** Outcome of booking or moving to a helpdesk slot. */
export type SlotBookingResult =
  | { kind: 'booked'; booking: BookingView }
  /** The slot has no free place left: here are the next free ones of that location. */
  | { kind: 'full'; nextFree: FreeSlot[] }
  /** The person already has a booking at that time. */
  | { kind: 'overlap'; existing?: BookingView }
  /** No such slot, or it starts too soon / is past. */
  | { kind: 'unavailable' };

/** Outcome of booking a home visit. */
export type HomeVisitBookingResult =
  | { kind: 'booked'; booking: BookingView }
  /** No digibank makes home visits at that postcode. */
  | { kind: 'not_served' }
  /** No volunteer is free at that time (any more): here are the next free times. */
  | { kind: 'taken'; nextFree: VisitTime[] }
  | { kind: 'overlap'; existing?: BookingView };

/** Moving a home visit: as booking one, or the visit is not (any more) the person's future visit. */
export type HomeVisitMoveResult = HomeVisitBookingResult | { kind: 'not_found' };

/** Outcome of a move. */
export type MoveResult = SlotBookingResult | { kind: 'not_found' };

/** Outcome of a cancellation. */
export type CancelResult = { kind: 'cancelled'; booking: BookingView } | { kind: 'not_found' } | { kind: 'already_cancelled' } | { kind: 'past' };

/** How an appointment went, as the digibank records it after its start. */
export type BookingOutcome = 'attended' | 'no_show';

/** Outcome of recording how an appointment went. */
export type OutcomeResult = { kind: 'recorded'; booking: BookingView } | { kind: 'not_found' } | { kind: 'not_started' } | { kind: 'not_booked'; status: BookingView['status'] };

/** Texts of a calendar file, localized by the caller. */
export interface CalendarTexts {
  summary: string;
  description?: string;
  location?: string;
}

const REFERENCE_ATTEMPTS = 8;
const MINUTE = 60_000;

/**
 * Books, lists, moves and cancels appointments. Every change is one SQL statement; the database
 * keeps the rules under concurrency (a slot never over capacity, no overlapping bookings for a
 * person or a volunteer; migration "booking"), and this service turns its refusals into results.
 */
export class BookingService {
  private readonly slots: SlotService;
  private readonly homeVisits: HomeVisitPlanner;
  private readonly reach?: ReachRecorder;

  constructor(
    private readonly prisma: PrismaClient,
    options: { slots?: SlotService; homeVisits?: HomeVisitPlanner; reach?: ReachRecorder } = {},
  ) {
    this.slots = options.slots ?? new SlotService(prisma);
    this.homeVisits = options.homeVisits ?? new HomeVisitPlanner(prisma);
    this.reach = options.reach;
  }

  /** Takes a place in a helpdesk slot. */
  async book(request: HelpdeskBookingRequest, now: Date): Promise<SlotBookingResult> {
    BookingService.checkTopic(request.topic);
    const slot = await this.bookableSlot(request.slotId, now);
    if (!slot) return { kind: 'unavailable' };
    // Fast answer when the slot is visibly full; under a race the database still decides.
    if (slot.booked >= slot.capacity) return { kind: 'full', nextFree: await this.slots.nextFreeSlots(slot.locationId, now, 3, slot.id) };
    try {
      const booking = await this.insertWithReference((reference) =>
        this.prisma.booking.create({
          data: {
            reference,
            personId: request.personId,
            kind: 'helpdesk',
            slotId: slot.id,
            locationId: slot.locationId,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            blockedUntil: slot.endsAt,
            topic: request.topic ?? null,
            notes: request.notes ?? null,
          },
        }),
      );
      await this.recordReach(booking, ['appointment_made'], now);
      return { kind: 'booked', booking: BookingService.view(booking) };
    } catch (error) {
      return this.slotRefusal(error, request.personId, slot, now);
    }
  }

  /** Books a home visit at a time offered by HomeVisitPlanner, with the least busy free volunteer. */
  async bookHomeVisit(request: HomeVisitBookingRequest, now: Date): Promise<HomeVisitBookingResult> {
    BookingService.checkTopic(request.topic);
    const area = await this.homeVisits.areaFor(request.postcode);
    if (!area) return { kind: 'not_served' };
    const date = BrusselsTime.localDate(request.startsAt);
    const offered = (await this.homeVisits.freeTimes(request.postcode, date, now)).find((time) => time.startsAt.getTime() === request.startsAt.getTime());
    for (const volunteerId of offered?.volunteerIds ?? []) {
      try {
        const booking = await this.insertWithReference((reference) =>
          this.prisma.booking.create({
            data: {
              reference,
              personId: request.personId,
              kind: 'home_visit',
              areaId: area.id,
              volunteerId,
              postcode: request.postcode.trim(),
              startsAt: request.startsAt,
              endsAt: new Date(request.startsAt.getTime() + area.visitMinutes * MINUTE),
              blockedUntil: new Date(request.startsAt.getTime() + (area.visitMinutes + area.travelBufferMinutes) * MINUTE),
              topic: request.topic ?? null,
              notes: request.notes ?? null,
            },
          }),
        );
        await this.recordReach(booking, ['appointment_made', 'home_visit'], now);
        return { kind: 'booked', booking: BookingService.view(booking) };
      } catch (error) {
        const conflict = BookingConflict.of(error);
        if (conflict === 'person_overlap') {
          const endsAt = new Date(request.startsAt.getTime() + area.visitMinutes * MINUTE);
          return { kind: 'overlap', existing: await this.overlapping(request.personId, request.startsAt, endsAt) };
        }
        if (conflict !== 'volunteer_overlap') throw error;
        // Someone else took this volunteer meanwhile: try the next free one.
      }
    }
    return { kind: 'taken', nextFree: await this.homeVisits.nextFreeTimes(request.postcode, now) };
  }

  /** The person's bookings that have not ended yet (not cancelled), soonest first. */
  async upcoming(personId: string, now: Date): Promise<BookingView[]> {
    const rows = await this.prisma.booking.findMany({
      where: { personId, status: 'booked', endsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
    });
    return rows.map(BookingService.view);
  }

  /** One of the person's bookings by its reference code (typed or dictated), or undefined. */
  async findByReference(personId: string, typed: string): Promise<BookingView | undefined> {
    const reference = ReferenceCode.normalize(typed);
    if (!reference) return undefined;
    const row = await this.prisma.booking.findFirst({ where: { personId, reference } });
    return row ? BookingService.view(row) : undefined;
  }

  /**
   * A booking that has not ended yet, by its reference code, when the proof holds (web chat: the
   * postcode of its place or home visit, or the phone number it was booked from); else undefined,
   * without telling which of the two was wrong. `personId` is the booking's owner, for cancel and move.
   */
  async findByProof(reference: string, proof: OwnershipProof, now: Date): Promise<(BookingView & { personId: string }) | undefined> {
    const row = await this.prisma.booking.findFirst({
      where: { reference, status: 'booked', endsAt: { gt: now } },
      include: { location: { select: { postcode: true } }, person: { select: { channel: true, channelUserId: true } } },
    });
    if (!row || !proofHolds(proof, { postcodes: [row.postcode, row.location?.postcode], channel: row.person.channel, channelUserId: row.person.channelUserId })) return undefined;
    return { ...BookingService.view(row), personId: row.personId };
  }

  /** Bookings by id that have not ended yet (not cancelled), soonest first, with their owner. */
  async upcomingByIds(ids: readonly string[], now: Date): Promise<(BookingView & { personId: string })[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.booking.findMany({ where: { id: { in: [...ids] }, status: 'booked', endsAt: { gt: now } }, orderBy: { startsAt: 'asc' } });
    return rows.map((row) => ({ ...BookingService.view(row), personId: row.personId }));
  }

  /** Cancels one of the person's future bookings; its place is free again at once. */
  async cancel(personId: string, bookingId: string, now: Date): Promise<CancelResult> {
    const changed = await this.prisma.booking.updateMany({
      where: { id: bookingId, personId, status: 'booked', startsAt: { gt: now } },
      data: { status: 'cancelled', cancelledAt: now },
    });
    const row = await this.prisma.booking.findFirst({ where: { id: bookingId, personId } });
    if (!row) return { kind: 'not_found' };
    if (changed.count === 1) {
      await this.recordReach(row, ['appointment_cancelled'], now);
      return { kind: 'cancelled', booking: BookingService.view(row) };
    }
    if (row.status === 'cancelled') return { kind: 'already_cancelled' };
    return { kind: 'past' };
  }

  /**
   * Records how an appointment went (the digibank, after its start): attended or no-show, once, and
   * counts it for the reach report on the day of the appointment.
   */
  async recordOutcome(bookingId: string, outcome: BookingOutcome, now: Date): Promise<OutcomeResult> {
    const changed = await this.prisma.booking.updateMany({ where: { id: bookingId, status: 'booked', startsAt: { lte: now } }, data: { status: outcome } });
    const row = await this.prisma.booking.findUnique({ where: { id: bookingId } });
    if (!row) return { kind: 'not_found' };
    if (changed.count === 0) return row.status === 'booked' ? { kind: 'not_started' } : { kind: 'not_booked', status: row.status as BookingView['status'] };
    await this.recordReach(row, [outcome === 'attended' ? 'appointment_kept' : 'appointment_no_show'], now, BrusselsTime.localDate(row.startsAt));
    return { kind: 'recorded', booking: BookingService.view(row) };
  }

  /** The digibank of a booking: its location's (helpdesk) or its area's (home visit). */
  async digibankOf(booking: Pick<Booking, 'locationId' | 'areaId'>): Promise<string | null> {
    if (booking.locationId) return (await this.prisma.location.findUnique({ where: { id: booking.locationId }, select: { digibankId: true } }))?.digibankId ?? null;
    if (booking.areaId) return (await this.prisma.homeVisitArea.findUnique({ where: { id: booking.areaId }, select: { digibankId: true } }))?.digibankId ?? null;
    return null;
  }

  /** Counts a change of the booking for the reach report (it links the person to the booking's digibank). */
  private async recordReach(booking: Booking, kinds: ReachKind[], at: Date, day?: LocalDate): Promise<void> {
    if (!this.reach) return;
    const digibankId = await this.digibankOf(booking);
    await this.reach.recordLater(kinds.map((kind) => ({ kind, at, day, personId: booking.personId, digibankId, ref: booking.id })));
  }

  /**
   * Moves one of the person's future helpdesk bookings to another slot, atomically: one UPDATE
   * frees the old place and takes the new one, or (new slot full, overlap) changes nothing.
   * The booking keeps its id and reference.
   */
  async move(personId: string, bookingId: string, toSlotId: string, now: Date): Promise<MoveResult> {
    const current = await this.prisma.booking.findFirst({ where: { id: bookingId, personId, kind: 'helpdesk', status: 'booked', startsAt: { gt: now } } });
    if (!current) return { kind: 'not_found' };
    const slot = await this.bookableSlot(toSlotId, now);
    if (!slot) return { kind: 'unavailable' };
    if (slot.id === current.slotId) return { kind: 'booked', booking: BookingService.view(current) };
    try {
      const changed = await this.prisma.booking.updateMany({
        where: { id: bookingId, personId, status: 'booked' },
        // A moved booking gets its day-before reminder again, for the new day.
        data: { slotId: slot.id, locationId: slot.locationId, startsAt: slot.startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt, remindedAt: null },
      });
      if (changed.count === 0) return { kind: 'not_found' };
    } catch (error) {
      return this.slotRefusal(error, personId, slot, now);
    }
    const moved = await this.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    return { kind: 'booked', booking: BookingService.view(moved) };
  }

  /**
   * Moves one of the person's future home visits to another time offered by HomeVisitPlanner, with
   * the least busy volunteer free then (maybe another one). One UPDATE per candidate volunteer: the
   * database's overlap triggers refuse a volunteer taken meanwhile, and nothing changes unless the
   * move succeeds. The booking keeps its id, reference, address notes and topic.
   */
  async moveHomeVisit(personId: string, bookingId: string, startsAt: Date, now: Date): Promise<HomeVisitMoveResult> {
    const current = await this.prisma.booking.findFirst({ where: { id: bookingId, personId, kind: 'home_visit', status: 'booked', startsAt: { gt: now } } });
    if (!current?.postcode) return { kind: 'not_found' };
    const area = await this.homeVisits.areaFor(current.postcode);
    if (!area) return { kind: 'not_served' };
    const offered = (await this.homeVisits.freeTimes(current.postcode, BrusselsTime.localDate(startsAt), now)).find((time) => time.startsAt.getTime() === startsAt.getTime());
    const endsAt = new Date(startsAt.getTime() + area.visitMinutes * MINUTE);
    const blockedUntil = new Date(startsAt.getTime() + (area.visitMinutes + area.travelBufferMinutes) * MINUTE);
    for (const volunteerId of offered?.volunteerIds ?? []) {
      try {
        const changed = await this.prisma.booking.updateMany({
          where: { id: bookingId, personId, status: 'booked' },
          data: { areaId: area.id, volunteerId, startsAt, endsAt, blockedUntil, remindedAt: null },
        });
        if (changed.count === 0) return { kind: 'not_found' };
        return { kind: 'booked', booking: BookingService.view(await this.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })) };
      } catch (error) {
        const conflict = BookingConflict.of(error);
        if (conflict === 'person_overlap') return { kind: 'overlap', existing: await this.overlapping(personId, startsAt, endsAt) };
        if (conflict !== 'volunteer_overlap') throw error;
      }
    }
    return { kind: 'taken', nextFree: await this.homeVisits.nextFreeTimes(current.postcode, now) };
  }

  /** An RFC 5545 calendar file for the booking (STATUS:CANCELLED once cancelled). */
  static calendarFile(booking: BookingView, texts: CalendarTexts, stamp: Date): string {
    const event: IcsEvent = {
      uid: `${booking.id}@digibank-assistant`,
      start: booking.startsAt,
      end: booking.endsAt,
      stamp,
      // Seconds since creation grow with each move or cancellation: a valid, rising SEQUENCE.
      sequence: Math.floor((booking.updatedAt.getTime() - booking.createdAt.getTime()) / 1000),
      status: booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      alarmMinutesBefore: booking.status === 'cancelled' ? undefined : 24 * 60,
      ...texts,
    };
    return IcsCalendar.forEvent(event);
  }

  private async bookableSlot(slotId: string, now: Date) {
    const slot = await this.prisma.helpdeskSlot.findUnique({
      where: { id: slotId },
      select: { id: true, locationId: true, startsAt: true, endsAt: true, capacity: true, booked: true },
    });
    return slot && slot.startsAt >= this.slots.bookableFrom(now) ? slot : undefined;
  }

  private async slotRefusal(error: unknown, personId: string, slot: { id: string; locationId: string; startsAt: Date; endsAt: Date }, now: Date): Promise<SlotBookingResult> {
    const conflict = BookingConflict.of(error);
    if (conflict === 'slot_full') return { kind: 'full', nextFree: await this.slots.nextFreeSlots(slot.locationId, now, 3, slot.id) };
    if (conflict === 'person_overlap') return { kind: 'overlap', existing: await this.overlapping(personId, slot.startsAt, slot.endsAt) };
    throw error;
  }

  /** The person's booking that overlaps [startsAt, endsAt), for "you already have one then". */
  private async overlapping(personId: string, startsAt: Date, endsAt: Date): Promise<BookingView | undefined> {
    const row = await this.prisma.booking.findFirst({
      where: { personId, status: { not: 'cancelled' }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
      orderBy: { startsAt: 'asc' },
    });
    return row ? BookingService.view(row) : undefined;
  }

  /** Runs an insert with fresh reference codes until one is unique (collisions are rare). */
  private async insertWithReference<T>(insert: (reference: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await insert(ReferenceCode.generate());
      } catch (error) {
        if (BookingConflict.of(error) !== 'reference_taken' || attempt >= REFERENCE_ATTEMPTS) throw error;
      }
    }
  }

  private static checkTopic(topic: string | null | undefined): void {
    if (topic !== undefined && topic !== null && !WhatToBring.isTopic(topic)) throw new RangeError(`Not a triage topic: ${topic}`);
  }

  private static view(row: Booking): BookingView {
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind as BookingView['kind'],
      status: row.status as BookingView['status'],
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      date: BrusselsTime.localDate(row.startsAt),
      time: BrusselsTime.localTime(row.startsAt),
      topic: WhatToBring.isTopic(row.topic) ? row.topic : null,
      notes: row.notes,
      slotId: row.slotId,
      locationId: row.locationId,
      areaId: row.areaId,
      volunteerId: row.volunteerId,
      postcode: row.postcode,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
