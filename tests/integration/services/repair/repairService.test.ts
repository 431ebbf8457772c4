import { RepairMomentGenerator } from '../../../../services/repair/repairMomentGenerator';
import { RepairService } from '../../../../services/repair/repairService';
import type { CitizenMessage, CitizenNotifier, CitizenTarget } from '../../../../services/citizenNotifier';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLocation, createPerson, createPersons } from '../booking/bookingFixtures';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');
const LAPTOP = { deviceKind: 'laptop', problem: 'wont_start', since: 'week' } as const;

class RecordingNotifier implements CitizenNotifier {
  readonly sent: Array<{ target: CitizenTarget; message: CitizenMessage }> = [];
  async notify(target: CitizenTarget, message: CitizenMessage): Promise<string> {
    this.sent.push({ target, message });
    return `m${this.sent.length}`;
  }
  async languageOf(): Promise<string> {
    return 'nl';
  }
}

for (const kind of databaseKinds) {
  describe(`RepairService on ${kind}`, () => {
    let db: TestDatabase;
    let notifier: RecordingNotifier;
    let repairs: RepairService;
    let locationId: string;
    let digibankId: string;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      notifier = new RecordingNotifier();
      repairs = new RepairService(db.prisma, { notifier });
      ({ digibankId, locationId } = await createLocation(db.prisma));
      await db.prisma.location.update({ where: { id: locationId }, data: { services: { push: 'repair' } } });
    });
    afterAll(() => db.drop());

    async function moment(capacity: number, startsAt = '2026-12-05T09:00:00Z'): Promise<string> {
      const row = await db.prisma.repairMoment.create({ data: { locationId, startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 7_200_000), capacity } });
      return row.id;
    }
    const booked = async (id: string) => (await db.prisma.repairMoment.findUniqueOrThrow({ where: { id } })).booked;

    test('40 simultaneous bookings for a moment of 4 places: exactly 4 get one, the others are told it is full', async () => {
      const id = await moment(4, '2026-12-12T09:00:00Z');
      const people = await createPersons(db.prisma, 40);
      const results = await Promise.all(people.map((personId) => repairs.book({ personId, momentId: id, ...LAPTOP }, NOW)));
      expect(results.filter((r) => r.kind === 'booked')).toHaveLength(4);
      expect(results.filter((r) => r.kind === 'full')).toHaveLength(36);
      expect(await booked(id)).toBe(4);
      expect(await db.prisma.repairRequest.count({ where: { momentId: id } })).toBe(4);
    });

    test('the database alone refuses a request beyond the capacity, even written without the service', async () => {
      const id = await moment(1, '2026-12-19T09:00:00Z');
      const people = await createPersons(db.prisma, 30);
      const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
      const results = await Promise.allSettled(
        people.map((personId, i) => db.prisma.repairRequest.create({ data: { reference: `RPR${alphabet[i % 31]}${alphabet[Math.floor(i / 31)]}2`, personId, locationId, momentId: id, ...LAPTOP } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await booked(id)).toBe(1);
      await expect(db.prisma.repairMoment.update({ where: { id }, data: { booked: 2 } })).rejects.toThrow(/repair_moment_capacity_check/);
    });

    test('a cancelled request frees its place', async () => {
      const id = await moment(1, '2026-12-26T09:00:00Z');
      const result = await repairs.book({ personId: await createPerson(db.prisma), momentId: id, ...LAPTOP }, NOW);
      if (result.kind !== 'booked') throw new Error(result.kind);
      expect((await repairs.book({ personId: await createPerson(db.prisma), momentId: id, ...LAPTOP }, NOW)).kind).toBe('full');
      expect((await repairs.changeStatus(result.request.id, 'coordinator-1', 'cancelled', null, NOW)).kind).toBe('changed');
      expect(await booked(id)).toBe(0);
      expect((await repairs.book({ personId: await createPerson(db.prisma), momentId: id, ...LAPTOP }, NOW)).kind).toBe('booked');
    });

    test('a past moment is not bookable; free moments leave out full and past ones', async () => {
      const past = await moment(3, '2026-11-22T09:00:00Z');
      expect((await repairs.book({ personId: await createPerson(db.prisma), momentId: past, ...LAPTOP }, NOW)).kind).toBe('unavailable');
      const free = await repairs.freeMoments([locationId], NOW, 20);
      expect(free.every((m) => m.startsAt > NOW && m.freePlaces > 0)).toBe(true);
      expect(free.map((m) => m.momentId)).not.toContain(past);
    });

    test('status changes follow the life cycle, once, each told to the citizen with the note', async () => {
      const id = await moment(5, '2027-01-02T09:00:00Z');
      const personId = await createPerson(db.prisma);
      const result = await repairs.book({ personId, momentId: id, deviceKind: 'tablet', problem: 'screen', since: 'today' }, NOW);
      if (result.kind !== 'booked') throw new Error(result.kind);
      const requestId = result.request.id;
      notifier.sent.length = 0;
      expect((await repairs.changeStatus(requestId, 'v1', 'collected', null, NOW)).kind).toBe('conflict');
      const inRepair = await repairs.changeStatus(requestId, 'v1', 'in_repair', '', NOW);
      expect(inRepair).toMatchObject({ kind: 'changed', told: true });
      expect((await repairs.changeStatus(requestId, 'v2', 'in_repair', null, NOW)).kind).toBe('conflict');
      expect((await repairs.changeStatus(requestId, 'v1', 'ready', 'Nieuwe batterij: 20 euro', NOW)).kind).toBe('changed');
      expect((await repairs.changeStatus(requestId, 'v1', 'collected', null, NOW))).toMatchObject({ kind: 'changed', told: false });
      expect(notifier.sent.map((s) => s.message.key)).toEqual(['repair.notify.in_repair', 'repair.notify.readyWithNote']);
      expect(notifier.sent[1].target).toEqual({ personId });
      const vars = notifier.sent[1].message.vars as (language: string) => Record<string, string>;
      expect(vars('fr')).toMatchObject({ note: 'Nieuwe batterij: 20 euro', place: 'Test location' });
      const detail = await repairs.get(requestId);
      expect(detail?.events.map((e) => e.toStatus)).toEqual(['received', 'in_repair', 'ready', 'collected']);
      expect((await repairs.changeStatus(requestId, 'v1', 'broken', null, NOW)).kind).toBe('invalid');
      expect((await repairs.changeStatus(requestId, 'v1', 'cancelled', 'x'.repeat(501), NOW)).kind).toBe('invalid');
    });

    test('a loaned device goes to the coordinator: a request without a moment, on the loan history', async () => {
      const personId = await createPerson(db.prisma);
      const device = await db.prisma.device.create({ data: { digibankId, locationId, kind: 'laptop', assetTag: 'LAP-1', status: 'on_loan' } });
      const loan = await db.prisma.loanRequest.create({
        data: { reference: 'L2A3B4', personId, digibankId, locationId, deviceId: device.id, deviceKind: 'laptop', purpose: 'school', status: 'on_loan', pickedUpAt: NOW, dueAt: new Date('2027-02-21T09:00:00Z') },
      });
      const found = await repairs.loanOnLoan(personId, 'laptop');
      expect(found).toMatchObject({ id: loan.id, locationId });
      const request = await repairs.reportLoaned({ personId, loanId: loan.id, locationId, ...LAPTOP }, NOW);
      expect(request).toMatchObject({ loaned: true, momentId: null, loanId: loan.id, status: 'received' });
      const events = await db.prisma.loanEvent.findMany({ where: { loanId: loan.id } });
      expect(events.map((e) => e.reason)).toEqual([expect.stringContaining('repair reported: wont_start')]);
      expect(await repairs.loanOnLoan(await createPerson(db.prisma))).toBeUndefined();
    });

    test('the console list shows one digibank only; the person sees their own requests', async () => {
      const other = await createLocation(db.prisma, { postcode: '9000', municipality: 'Gent' });
      const otherMoment = await db.prisma.repairMoment.create({ data: { locationId: other.locationId, startsAt: new Date('2027-01-09T09:00:00Z'), endsAt: new Date('2027-01-09T11:00:00Z'), capacity: 2 } });
      const personId = await createPerson(db.prisma);
      const result = await repairs.book({ personId, momentId: otherMoment.id, ...LAPTOP }, NOW);
      if (result.kind !== 'booked') throw new Error(result.kind);
      const mine = await repairs.list({ digibankId });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r) => r.location.digibankId === digibankId)).toBe(true);
      expect((await repairs.list({ digibankId: other.digibankId })).map((r) => r.id)).toEqual([result.request.id]);
      expect((await repairs.list({ digibankId: null })).length).toBe(mine.length + 1);
      expect((await repairs.forPerson(personId, NOW)).map((r) => r.id)).toEqual([result.request.id]);
    });
  });

  describe(`RepairMomentGenerator on ${kind}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
    });
    afterAll(() => db.drop());

    test('cuts moments from weekly and monthly periods, skipping public holidays and closures, idempotently', async () => {
      const { digibankId, locationId } = await createLocation(db.prisma);
      await db.prisma.location.update({ where: { id: locationId }, data: { services: { push: 'repair' } } });
      await db.prisma.repairPeriod.createMany({
        data: [
          // First Saturday of the month, 10:00-12:00, one moment of 6 devices.
          { locationId, weekday: 6, weekOfMonth: 1, opensAt: '10:00', closesAt: '12:00', slotMinutes: 120, capacity: 6 },
          // Every Friday 14:00-16:00, two moments of an hour.
          { locationId, weekday: 5, weekOfMonth: null, opensAt: '14:00', closesAt: '16:00', slotMinutes: 60, capacity: 2 },
        ],
      });
      await db.prisma.closure.create({ data: { digibankId, startsOn: new Date('2026-12-04'), endsOn: new Date('2026-12-04'), reason: 'team day' } });
      const generator = new RepairMomentGenerator(db.prisma);
      const first = await generator.generate(NOW, { days: 42 });
      expect((await generator.generate(NOW, { days: 42 })).created).toBe(0);
      const moments = await db.prisma.repairMoment.findMany({ where: { locationId }, orderBy: { startsAt: 'asc' } });
      expect(first.created).toBe(moments.length);
      const saturdays = moments.filter((m) => m.capacity === 6).map((m) => m.startsAt.toISOString());
      // 5 December 2026 and 2 January 2027 (first Saturdays; winter time: 10:00 = 09:00 UTC).
      expect(saturdays).toEqual(['2026-12-05T09:00:00.000Z', '2027-01-02T09:00:00.000Z']);
      const fridays = [...new Set(moments.filter((m) => m.capacity === 2).map((m) => m.startsAt.toISOString().slice(0, 10)))];
      // 27 Nov; 4 Dec closed; 11, 18 Dec; 25 Dec Christmas; 1 Jan New Year's Day.
      expect(fridays).toEqual(['2026-11-27', '2026-12-11', '2026-12-18']);
      expect(first.closedDays).toBe(3);
    });

    test('the rule of a period: first, last and every week', () => {
      expect(RepairMomentGenerator.falls('2026-12-05', { weekday: 6, weekOfMonth: 1 })).toBe(true);
      expect(RepairMomentGenerator.falls('2026-12-12', { weekday: 6, weekOfMonth: 1 })).toBe(false);
      expect(RepairMomentGenerator.falls('2026-12-26', { weekday: 6, weekOfMonth: -1 })).toBe(true);
      expect(RepairMomentGenerator.falls('2026-12-19', { weekday: 6, weekOfMonth: -1 })).toBe(false);
      expect(RepairMomentGenerator.falls('2026-12-19', { weekday: 6, weekOfMonth: null })).toBe(true);
      expect(RepairMomentGenerator.falls('2026-12-18', { weekday: 6, weekOfMonth: null })).toBe(false);
    });
  });
}
