import { WorkshopAdmin } from '../../../../services/workshops/workshopAdmin';
import { SEAT_FREED_KEY, WorkshopService } from '../../../../services/workshops/workshopService';
import type { CitizenMessage, CitizenNotifier, CitizenTarget } from '../../../../services/citizenNotifier';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLocation, createPerson, createPersons } from '../booking/bookingFixtures';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');

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
  describe(`WorkshopService on ${kind}`, () => {
    let db: TestDatabase;
    let notifier: RecordingNotifier;
    let workshops: WorkshopService;
    let admin: WorkshopAdmin;
    let digibankId: string;
    let locationId: string;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      notifier = new RecordingNotifier();
      workshops = new WorkshopService(db.prisma, { notifier });
      admin = new WorkshopAdmin(db.prisma, workshops);
      ({ digibankId, locationId } = await createLocation(db.prisma));
    });
    afterAll(() => db.drop());

    async function workshop(seats: number, more: Partial<Parameters<WorkshopAdmin['create']>[1]> = {}): Promise<string> {
      const result = await admin.create(digibankId, {
        locationId, title: { nl: 'Smartphone voor beginners', fr: 'Smartphone pour débutants' }, topic: 'smartphone_basics', language: 'nl', seats,
        sessions: WorkshopAdmin.weekly('2026-12-01', '14:00', 120, 4), ...more,
      });
      if (result.kind !== 'saved') throw new Error(JSON.stringify(result));
      return result.workshop.id;
    }
    const taken = async (id: string) => (await db.prisma.workshop.findUniqueOrThrow({ where: { id } })).taken;

    test('50 simultaneous registrations for the last seat: exactly one gets it, the 49 others are on the waiting list in order', async () => {
      const id = await workshop(2);
      expect((await workshops.register(await createPerson(db.prisma), id, NOW)).kind).toBe('registered');
      const people = await createPersons(db.prisma, 50);
      const results = await Promise.all(people.map((personId) => workshops.register(personId, id, NOW)));
      expect(results.filter((r) => r.kind === 'registered')).toHaveLength(1);
      const waiting = results.filter((r) => r.kind === 'waiting');
      expect(waiting).toHaveLength(49);
      expect(await taken(id)).toBe(2);
      expect(await db.prisma.workshopRegistration.count({ where: { workshopId: id, status: 'registered' } })).toBe(2);
    });

    test('the database alone refuses a registration beyond the seats, even written without the service', async () => {
      const id = await workshop(1);
      const people = await createPersons(db.prisma, 50);
      const results = await Promise.allSettled(
        people.map((personId, i) => db.prisma.workshopRegistration.create({ data: { reference: `ABCD${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i % 31]}${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(i / 31)]}`, personId, workshopId: id } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await taken(id)).toBe(1);
      await expect(db.prisma.workshop.update({ where: { id }, data: { taken: 2 } })).rejects.toThrow(/workshop_seats_check/);
    });

    test('a series is one registration; registering twice gives the same registration', async () => {
      const id = await workshop(5);
      const personId = await createPerson(db.prisma);
      const first = await workshops.register(personId, id, NOW);
      const again = await workshops.register(personId, id, NOW);
      expect(first.kind).toBe('registered');
      expect(again.kind).toBe('already');
      if (first.kind !== 'registered') return;
      expect(first.registration.workshop.sessions).toHaveLength(4);
      expect(await taken(id)).toBe(1);
    });

    test('a cancelled seat goes to the first person waiting, who is told once', async () => {
      const id = await workshop(1);
      const [a, b, c] = await createPersons(db.prisma, 3);
      const first = await workshops.register(a, id, NOW);
      expect((await workshops.register(b, id, NOW)).kind).toBe('waiting');
      const third = await workshops.register(c, id, NOW);
      expect(third.kind === 'waiting' && third.position).toBe(2);
      notifier.sent.length = 0;
      if (first.kind !== 'registered') throw new Error('not registered');
      expect((await workshops.cancel(a, first.registration.id, NOW)).kind).toBe('cancelled');
      expect(notifier.sent).toEqual([expect.objectContaining({ target: { personId: b }, message: expect.objectContaining({ key: SEAT_FREED_KEY }) })]);
      expect((await workshops.mine(b, NOW))[0].status).toBe('registered');
      expect((await workshops.mine(c, NOW))[0].status).toBe('waiting');
      expect(await workshops.fillFreedSeats(id, NOW)).toEqual([]);
      expect(notifier.sent).toHaveLength(1);
      expect(await taken(id)).toBe(1);
    });

    test('findByProof: the code with the postcode of the place or the mobile number it was made with; nothing else, nothing ended', async () => {
      const id = await workshop(5);
      const personId = await db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32470333444' } }).then((p) => p.id);
      const result = await workshops.register(personId, id, NOW);
      if (result.kind !== 'registered') throw new Error(result.kind);
      const { reference } = result.registration;
      const postcode = (await db.prisma.location.findUniqueOrThrow({ where: { id: locationId } })).postcode;
      expect((await workshops.findByProof(reference, { postcode }, NOW))?.id).toBe(result.registration.id);
      expect((await workshops.findByProof(reference, { phone: '0470 33 34 44' }, NOW))?.id).toBe(result.registration.id);
      expect(await workshops.findByProof(reference, { postcode: postcode === '1000' ? '9000' : '1000' }, NOW)).toBeUndefined();
      expect(await workshops.findByProof(reference, { phone: '0470 00 00 00' }, NOW)).toBeUndefined();
      expect(await workshops.findByProof(reference, { postcode }, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
      await workshops.cancel(personId, result.registration.id, NOW);
      expect(await workshops.findByProof(reference, { postcode }, NOW)).toBeUndefined();
    });

    test('more seats in the console go to the waiting list at once', async () => {
      const id = await workshop(1);
      const [a, b] = await createPersons(db.prisma, 2);
      await workshops.register(a, id, NOW);
      await workshops.register(b, id, NOW);
      const current = await workshops.get(id);
      const result = await admin.update(digibankId, id, { locationId, title: current!.title, topic: 'smartphone_basics', language: 'nl', seats: 2, sessions: current!.sessions }, NOW);
      expect(result.kind).toBe('saved');
      expect((await workshops.mine(b, NOW))[0].status).toBe('registered');
      expect((await admin.update(digibankId, id, { locationId, title: current!.title, topic: 'smartphone_basics', language: 'nl', seats: 1, sessions: current!.sessions }, NOW)).kind).toBe('invalid');
    });

    test('upcoming: the topic first, then the person\'s language; started workshops are not offered', async () => {
      const other = await createLocation(db.prisma, { postcode: '9000', municipality: 'Gent' });
      const make = (topic: string, language: 'nl' | 'fr', date: string) =>
        admin.create(other.digibankId, { locationId: other.locationId, title: { nl: topic, fr: topic }, topic, language, seats: 3, sessions: WorkshopAdmin.weekly(date, '10:00', 60, 1) });
      await make('banking', 'nl', '2026-12-02');
      await make('smartphone_basics', 'fr', '2026-12-03');
      await make('smartphone_basics', 'nl', '2026-12-04');
      await make('smartphone_basics', 'nl', '2026-11-20');
      const found = await workshops.upcoming({ digibankIds: [other.digibankId], topic: 'smartphone_basics', language: 'nl' }, NOW);
      expect(found.map((w) => [w.topic, w.language])).toEqual([['smartphone_basics', 'nl'], ['smartphone_basics', 'fr'], ['banking', 'nl']]);
    });

    test('attendance is marked once a session has started, only for registered people', async () => {
      const id = await workshop(3);
      const personId = await createPerson(db.prisma);
      const reg = await workshops.register(personId, id, NOW);
      if (reg.kind !== 'registered') throw new Error('not registered');
      const session = reg.registration.workshop.sessions[0];
      expect((await admin.markAttendance(digibankId, reg.registration.id, session.id, true, NOW)).kind).toBe('not_started');
      const later = new Date(session.startsAt.getTime() + 60_000);
      expect((await admin.markAttendance(digibankId, reg.registration.id, session.id, true, later)).kind).toBe('recorded');
      const other = await createLocation(db.prisma);
      expect((await admin.markAttendance(other.digibankId, reg.registration.id, session.id, true, later)).kind).toBe('not_found');
      expect((await admin.participants(digibankId, id))?.[0].attendance).toEqual({ [session.id]: true });
    });
  });
}
