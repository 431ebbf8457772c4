import { BookingConflict } from '../../../../services/booking/bookingConflict';
import { BookingService } from '../../../../services/booking/bookingService';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { HomeVisitPlanner } from '../../../../services/booking/homeVisitPlanner';
import { SlotService } from '../../../../services/booking/slotService';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createArea, createLocation, createPerson, createPersons, createSlot } from './bookingFixtures';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');
const WEDNESDAY = '2026-11-25';

for (const kind of databaseKinds) {
  describe(`BookingService on ${kind}`, () => {
    let db: TestDatabase;
    let bookings: BookingService;
    let slots: SlotService;
    let locationId: string;
    let digibankId: string;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      slots = new SlotService(db.prisma);
      bookings = new BookingService(db.prisma, { slots });
      ({ locationId, digibankId } = await createLocation(db.prisma));
    });
    afterAll(() => db.drop());

    const slotRow = (id: string) => db.prisma.helpdeskSlot.findUniqueOrThrow({ where: { id } });
    const held = (slotId: string) => db.prisma.booking.count({ where: { slotId, status: { not: 'cancelled' } } });

    test('100 simultaneous attempts for the last free place: exactly one booking, the others "full" with the next free slots', async () => {
      const slotId = await createSlot(db.prisma, locationId, WEDNESDAY, '09:00', 2);
      const next = await createSlot(db.prisma, locationId, WEDNESDAY, '10:00', 3);
      const first = await bookings.book({ personId: await createPerson(db.prisma), slotId }, NOW);
      expect(first.kind).toBe('booked');
      const people = await createPersons(db.prisma, 100);

      const results = await Promise.all(people.map((personId) => bookings.book({ personId, slotId, topic: 'tax' }, NOW)));

      expect(results.filter((result) => result.kind === 'booked')).toHaveLength(1);
      const full = results.filter((result) => result.kind === 'full');
      expect(full).toHaveLength(99);
      for (const result of full) {
        if (result.kind !== 'full') continue;
        expect(result.nextFree.map((slot) => slot.slotId)).toContain(next);
        expect(result.nextFree.map((slot) => slot.slotId)).not.toContain(slotId);
      }
      expect(await held(slotId)).toBe(2);
      expect((await slotRow(slotId)).booked).toBe(2);
    });

    test('the database itself refuses a booking beyond capacity, even written without the service', async () => {
      const slotId = await createSlot(db.prisma, locationId, WEDNESDAY, '11:00', 1);
      expect((await bookings.book({ personId: await createPerson(db.prisma), slotId }, NOW)).kind).toBe('booked');
      const personId = await createPerson(db.prisma);
      await expect(
        db.prisma.$executeRawUnsafe(
          `INSERT INTO booking (id, reference, "personId", kind, "slotId", "locationId", "startsAt", "endsAt", "blockedUntil", "updatedAt")
           VALUES ('raw-1', '222222', $1, 'helpdesk', $2, $3, now(), now() + interval '1 hour', now() + interval '1 hour', now())`,
          personId,
          slotId,
          locationId,
        ),
      ).rejects.toThrow(/booking_slot_full/);
      await expect(db.prisma.helpdeskSlot.update({ where: { id: slotId }, data: { booked: 2 } })).rejects.toThrow(/helpdesk_slot_capacity_check/);
      expect(await held(slotId)).toBe(1);
    });

    test('100 simultaneous inserts written without the service: the database alone lets exactly one through', async () => {
      const slotId = await createSlot(db.prisma, locationId, WEDNESDAY, '12:00', 1);
      const slot = await slotRow(slotId);
      const people = await createPersons(db.prisma, 100);
      const results = await Promise.allSettled(
        people.map((personId) =>
          db.prisma.booking.create({
            data: {
              reference: ReferenceCode.generate(), personId, kind: 'helpdesk', slotId, locationId,
              startsAt: slot.startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt,
            },
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [BookingConflict.of(r.reason)] : []));
      expect(new Set(reasons)).toEqual(new Set(['slot_full']));
      expect(await held(slotId)).toBe(1);
    });

    test('a person cannot hold two overlapping bookings, not even with simultaneous attempts', async () => {
      const personId = await createPerson(db.prisma);
      const other = await createLocation(db.prisma, { postcode: '8900', municipality: 'Ieper' });
      const overlapping = [
        await createSlot(db.prisma, locationId, '2026-11-26', '09:00', 5, 60),
        await createSlot(db.prisma, other.locationId, '2026-11-26', '09:30', 5),
        await createSlot(db.prisma, other.locationId, '2026-11-26', '09:00', 5),
      ];
      const results = await Promise.all(overlapping.map((slotId) => bookings.book({ personId, slotId }, NOW)));
      expect(results.filter((result) => result.kind === 'booked')).toHaveLength(1);
      const refused = results.filter((result) => result.kind === 'overlap');
      expect(refused).toHaveLength(2);
      const kept = results.find((result) => result.kind === 'booked');
      for (const result of refused) if (result.kind === 'overlap') expect(result.existing?.id).toBe(kept?.kind === 'booked' ? kept.booking.id : undefined);

      const later = await createSlot(db.prisma, other.locationId, '2026-11-26', '10:00', 5);
      expect((await bookings.book({ personId, slotId: later }, NOW)).kind).toBe('booked'); // back to back is fine
    });

    test('a cancelled place is free at once and can be booked again', async () => {
      const slotId = await createSlot(db.prisma, locationId, WEDNESDAY, '13:00', 1);
      const [anna, ben] = await createPersons(db.prisma, 2);
      const booked = await bookings.book({ personId: anna, slotId }, NOW);
      if (booked.kind !== 'booked') throw new Error(booked.kind);
      expect((await bookings.book({ personId: ben, slotId }, NOW)).kind).toBe('full');
      expect(await slots.freeTimes(locationId, WEDNESDAY, NOW)).not.toContainEqual(expect.objectContaining({ slotId }));

      expect(await bookings.cancel(ben, booked.booking.id, NOW)).toEqual({ kind: 'not_found' }); // not Ben's
      const cancelled = await bookings.cancel(anna, booked.booking.id, NOW);
      expect(cancelled).toMatchObject({ kind: 'cancelled', booking: { status: 'cancelled' } });
      expect(await bookings.cancel(anna, booked.booking.id, NOW)).toEqual({ kind: 'already_cancelled' });
      expect((await slotRow(slotId)).booked).toBe(0);
      expect(await slots.freeTimes(locationId, WEDNESDAY, NOW)).toContainEqual(expect.objectContaining({ slotId, freePlaces: 1 }));

      expect((await bookings.book({ personId: ben, slotId }, NOW)).kind).toBe('booked');
      expect((await bookings.book({ personId: anna, slotId }, NOW)).kind).toBe('full');
    });

    test('a move is atomic: to a full slot nothing changes, to a free slot both counters follow', async () => {
      const from = await createSlot(db.prisma, locationId, '2026-11-27', '09:00', 1);
      const fullSlot = await createSlot(db.prisma, locationId, '2026-11-27', '10:00', 1);
      const freeSlot = await createSlot(db.prisma, locationId, '2026-11-27', '11:00', 1);
      const [personId, other] = await createPersons(db.prisma, 2);
      const booked = await bookings.book({ personId, slotId: from, topic: 'banking', notes: 'bank app' }, NOW);
      if (booked.kind !== 'booked') throw new Error(booked.kind);
      expect((await bookings.book({ personId: other, slotId: fullSlot }, NOW)).kind).toBe('booked');

      expect((await bookings.move(personId, booked.booking.id, fullSlot, NOW)).kind).toBe('full');
      expect([(await slotRow(from)).booked, (await slotRow(fullSlot)).booked]).toEqual([1, 1]);
      expect((await bookings.upcoming(personId, NOW))[0].slotId).toBe(from);

      const moved = await bookings.move(personId, booked.booking.id, freeSlot, NOW);
      expect(moved).toMatchObject({ kind: 'booked', booking: { id: booked.booking.id, reference: booked.booking.reference, slotId: freeSlot, time: '11:00', topic: 'banking' } });
      expect([(await slotRow(from)).booked, (await slotRow(freeSlot)).booked]).toEqual([0, 1]);
      expect((await bookings.book({ personId: other, slotId: from }, NOW)).kind).toBe('booked');
      expect(await bookings.move(other, booked.booking.id, from, NOW)).toEqual({ kind: 'not_found' });
    });

    test('two people swapping slots at the same moment do not deadlock nor overbook', async () => {
      const a = await createSlot(db.prisma, locationId, '2026-11-30', '09:00', 2);
      const b = await createSlot(db.prisma, locationId, '2026-11-30', '10:00', 2);
      const [p1, p2] = await createPersons(db.prisma, 2);
      const r1 = await bookings.book({ personId: p1, slotId: a }, NOW);
      const r2 = await bookings.book({ personId: p2, slotId: b }, NOW);
      if (r1.kind !== 'booked' || r2.kind !== 'booked') throw new Error('setup');
      const moves = await Promise.all([bookings.move(p1, r1.booking.id, b, NOW), bookings.move(p2, r2.booking.id, a, NOW)]);
      expect(moves.map((m) => m.kind)).toEqual(['booked', 'booked']);
      expect([(await slotRow(a)).booked, (await slotRow(b)).booked]).toEqual([1, 1]);
    });

    test('slots that are past or too soon cannot be booked; upcoming lists only future active bookings', async () => {
      const soon = await createSlot(db.prisma, locationId, '2026-11-23', '10:15', 1);
      const personId = await createPerson(db.prisma);
      expect(await bookings.book({ personId, slotId: soon }, NOW)).toEqual({ kind: 'unavailable' });
      expect(await bookings.book({ personId, slotId: 'no-such-slot' }, NOW)).toEqual({ kind: 'unavailable' });
      const later = await createSlot(db.prisma, locationId, '2026-12-02', '09:00', 1);
      const earlier = await createSlot(db.prisma, locationId, '2026-12-01', '09:00', 1);
      const cancelledSlot = await createSlot(db.prisma, locationId, '2026-12-03', '09:00', 1);
      await bookings.book({ personId, slotId: later }, NOW);
      await bookings.book({ personId, slotId: earlier }, NOW);
      const dropped = await bookings.book({ personId, slotId: cancelledSlot }, NOW);
      if (dropped.kind === 'booked') await bookings.cancel(personId, dropped.booking.id, NOW);
      const upcoming = await bookings.upcoming(personId, NOW);
      expect(upcoming.map((b) => b.date)).toEqual(['2026-12-01', '2026-12-02']);
      const byCode = await bookings.findByReference(personId, upcoming[0].reference.toLowerCase());
      expect(byCode?.id).toBe(upcoming[0].id);
      expect(await bookings.upcoming(personId, new Date('2026-12-05T00:00:00Z'))).toEqual([]);
    });

    test('free days, free times and next free slots', async () => {
      const place = await createLocation(db.prisma, { postcode: '2440', municipality: 'Geel' });
      const s1 = await createSlot(db.prisma, place.locationId, '2026-11-24', '09:00', 1);
      await createSlot(db.prisma, place.locationId, '2026-11-24', '09:30', 1);
      await createSlot(db.prisma, place.locationId, '2026-12-01', '14:00', 2);
      await createSlot(db.prisma, place.locationId, '2026-11-23', '10:15', 1); // too soon
      expect(await slots.freeDays(place.locationId, NOW)).toEqual(['2026-11-24', '2026-12-01']);
      expect((await slots.freeTimes(place.locationId, '2026-11-24', NOW)).map((s) => s.time)).toEqual(['09:00', '09:30']);
      await bookings.book({ personId: await createPerson(db.prisma), slotId: s1 }, NOW);
      expect((await slots.freeTimes(place.locationId, '2026-11-24', NOW)).map((s) => s.time)).toEqual(['09:30']);
      expect((await slots.nextFreeSlots(place.locationId, NOW, 5)).map((s) => `${s.date} ${s.time} ${s.freePlaces}`)).toEqual([
        '2026-11-24 09:30 1',
        '2026-12-01 14:00 2',
      ]);
    });

    describe('home visits', () => {
      let volunteerIds: string[];
      let planner: HomeVisitPlanner;
      beforeAll(async () => {
        ({ volunteerIds } = await createArea(db.prisma, digibankId, { postcodes: ['8510', '8511'], volunteers: 1 }));
        planner = new HomeVisitPlanner(db.prisma);
      });

      test('a postcode nobody serves is refused', async () => {
        const result = await bookings.bookHomeVisit({ personId: await createPerson(db.prisma), postcode: '9999', startsAt: new Date('2026-11-25T08:30:00Z') }, NOW);
        expect(result).toEqual({ kind: 'not_served' });
        expect(await planner.freeDays('9999', NOW)).toEqual([]);
      });

      test('visit times follow the area grid (visit + travel buffer), from tomorrow on', async () => {
        expect((await planner.freeTimes('8510', '2026-11-25', NOW)).map((t) => t.time)).toEqual(['09:30', '11:00', '12:30', '14:00', '15:30']);
        expect(await planner.freeTimes('8510', '2026-11-23', NOW)).toEqual([]);
        expect((await planner.freeDays('8510', NOW)).slice(0, 3)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
      });

      test('20 simultaneous requests for one volunteer at one time: exactly one visit', async () => {
        const startsAt = BrusselsTime.toInstant('2026-11-26', '11:00');
        const people = await createPersons(db.prisma, 20);
        const results = await Promise.all(people.map((personId) => bookings.bookHomeVisit({ personId, postcode: '8511', startsAt, topic: 'eid_itsme' }, NOW)));
        const booked = results.filter((result) => result.kind === 'booked');
        expect(booked).toHaveLength(1);
        expect(results.filter((result) => result.kind === 'taken')).toHaveLength(19);
        const visit = booked[0].kind === 'booked' ? booked[0].booking : undefined;
        expect(visit).toMatchObject({ kind: 'home_visit', volunteerId: volunteerIds[0], postcode: '8511', time: '11:00' });
        expect(visit!.endsAt.getTime() - visit!.startsAt.getTime()).toBe(60 * 60_000);
        expect((await planner.freeTimes('8510', '2026-11-26', NOW)).map((t) => t.time)).toEqual(['09:30', '12:30', '14:00', '15:30']);
      });

      test('the database refuses a visit that overlaps the volunteer\'s travel buffer', async () => {
        const personId = await createPerson(db.prisma);
        const area = await db.prisma.homeVisitArea.findFirstOrThrow({ where: { postcodes: { has: '8510' } } });
        // The 11:00 visit of 26 November blocks the volunteer until 12:30 (travel buffer included).
        await expect(
          db.prisma.booking.create({
            data: {
              reference: '33333A', personId, kind: 'home_visit', areaId: area.id, volunteerId: volunteerIds[0], postcode: '8510',
              startsAt: BrusselsTime.toInstant('2026-11-26', '12:15'), endsAt: BrusselsTime.toInstant('2026-11-26', '13:15'),
              blockedUntil: BrusselsTime.toInstant('2026-11-26', '13:45'),
            },
          }),
        ).rejects.toThrow(/booking_volunteer_overlap/);
      });

      test('a booked person cannot get a visit at the same time as a helpdesk appointment', async () => {
        const personId = await createPerson(db.prisma);
        const slotId = await createSlot(db.prisma, locationId, '2026-11-27', '14:00', 3);
        expect((await bookings.book({ personId, slotId }, NOW)).kind).toBe('booked');
        const result = await bookings.bookHomeVisit({ personId, postcode: '8510', startsAt: BrusselsTime.toInstant('2026-11-27', '14:00') }, NOW);
        expect(result.kind).toBe('overlap');
      });
    });
  });
}
