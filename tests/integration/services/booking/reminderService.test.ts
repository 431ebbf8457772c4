import { BookingService } from '../../../../services/booking/bookingService';
import { ReminderService } from '../../../../services/booking/reminderService';
import { SlotService } from '../../../../services/booking/slotService';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLocation, createPerson, createSlot } from './bookingFixtures';

// Saturday 27 March 2027, 19:00 in Brussels (CET); Sunday 28 March is 23 hours long (CEST from 03:00).
const NOW = new Date('2027-03-27T18:00:00Z');

for (const kind of databaseKinds) {
  describe(`ReminderService on ${kind}`, () => {
    let db: TestDatabase;
    let bookings: BookingService;
    let locationId: string;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      bookings = new BookingService(db.prisma, { slots: new SlotService(db.prisma) });
      ({ locationId } = await createLocation(db.prisma));
    });
    afterAll(() => db.drop());

    async function book(date: string, time: string): Promise<string> {
      const slotId = await createSlot(db.prisma, locationId, date, time, 1);
      const result = await bookings.book({ personId: await createPerson(db.prisma), slotId }, new Date('2027-03-20T10:00:00Z'));
      if (result.kind !== 'booked') throw new Error(`not booked: ${result.kind}`);
      return result.booking.id;
    }

    test('tomorrow is the Brussels day, 23 hours across the spring change', () => {
      const { from, to } = ReminderService.tomorrow(NOW);
      expect(from.toISOString()).toBe('2027-03-27T23:00:00.000Z');
      expect(to.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    });

    test('due: tomorrow\'s booked appointments only, claimed exactly once by two concurrent claimers', async () => {
      const today = await book('2027-03-27', '23:30');
      const first = await book('2027-03-28', '00:00');
      const last = await book('2027-03-28', '23:30');
      const monday = await book('2027-03-29', '00:00');
      const cancelled = await book('2027-03-28', '10:00');
      await db.prisma.booking.update({ where: { id: cancelled }, data: { status: 'cancelled', cancelledAt: NOW } });

      const a = new ReminderService(db.prisma);
      const b = new ReminderService(db.prisma);
      const claims = await Promise.all([a.claimDue(NOW), b.claimDue(NOW), a.claimDue(NOW), b.claimDue(NOW)]);
      const ids = claims.flat().map((r) => r.id);
      expect(ids.sort()).toEqual([first, last].sort());
      expect(await a.claimDue(NOW)).toEqual([]);
      const reminded = await db.prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "booking" WHERE "remindedAt" IS NOT NULL`;
      expect(reminded.map((r) => r.id).sort()).toEqual([first, last].sort());
      expect([today, monday, cancelled].some((id) => reminded.some((r) => r.id === id))).toBe(false);
    });
  });
}
