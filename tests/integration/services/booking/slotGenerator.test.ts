import { SlotGenerator } from '../../../../services/booking/slotGenerator';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLocation } from './bookingFixtures';

const WEEKDAYS_9_TO_10 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '10:00', slotMinutes: 30, capacity: 2 }));

for (const kind of databaseKinds) {
  describe(`SlotGenerator on ${kind}`, () => {
    let db: TestDatabase;
    let generator: SlotGenerator;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      generator = new SlotGenerator(db.prisma);
    });
    afterAll(() => db.drop());

    const localSlots = async (locationId: string) =>
      (await db.prisma.helpdeskSlot.findMany({ where: { locationId }, orderBy: { startsAt: 'asc' } })).map(
        (slot) => `${BrusselsTime.localDate(slot.startsAt)} ${BrusselsTime.localTime(slot.startsAt)}-${BrusselsTime.localTime(slot.endsAt)}`,
      );

    test.each([
      // now, the daylight-saving Sunday inside the three weeks, a weekday on each side of it
      ['March', new Date('2026-03-23T12:00:00Z'), '2026-03-27', '2026-03-30'],
      ['October', new Date('2026-10-19T12:00:00Z'), '2026-10-23', '2026-10-26'],
    ])('slots keep their local wall-clock time across the %s change', async (_month, now, before, after) => {
      const { locationId } = await createLocation(db.prisma, { hours: WEEKDAYS_9_TO_10 });
      await generator.generate(now, { locationIds: [locationId] });
      const slots = await localSlots(locationId);
      for (const day of [before, after]) expect(slots.filter((slot) => slot.startsWith(day))).toEqual([`${day} 09:00-09:30`, `${day} 09:30-10:00`]);
      expect(slots.every((slot) => slot.endsWith('09:00-09:30') || slot.endsWith('09:30-10:00'))).toBe(true);
      const utcHours = new Set((await db.prisma.helpdeskSlot.findMany({ where: { locationId } })).map((s) => s.startsAt.getUTCHours()));
      expect([...utcHours].sort()).toEqual([7, 8]); // 09:00 is 07:00 UTC in summer, 08:00 UTC in winter
    });

    test('three weeks from today, from now on, skipping public holidays; running twice creates nothing more', async () => {
      const { locationId } = await createLocation(db.prisma, { hours: WEEKDAYS_9_TO_10 });
      const now = new Date('2026-03-23T08:15:00Z'); // Monday 09:15: the 09:00 slot has begun
      const first = await generator.generate(now, { locationIds: [locationId] });
      const slots = await localSlots(locationId);
      expect(slots[0]).toBe('2026-03-23 09:30-10:00');
      expect(slots.some((slot) => slot.startsWith('2026-04-06'))).toBe(false); // Easter Monday
      expect(slots.at(-1)).toBe('2026-04-10 09:30-10:00'); // Friday of the third week
      expect(first.created).toBe(slots.length);
      expect(slots).toHaveLength((15 - 1) * 2 - 1);
      expect(first.closedDays).toBe(1);

      const second = await generator.generate(now, { locationIds: [locationId] });
      expect(second.created).toBe(0);
      expect(await localSlots(locationId)).toEqual(slots);
      const later = await generator.generate(new Date('2026-03-24T20:00:00Z'), { locationIds: [locationId] });
      expect(later.created).toBe(2); // one more day at the end of the horizon
    });

    test('closures of everyone, of the digibank and of the location are skipped; other locations are not affected', async () => {
      const a = await createLocation(db.prisma, { hours: WEEKDAYS_9_TO_10 });
      const b = await createLocation(db.prisma, { hours: WEEKDAYS_9_TO_10 });
      const day = (date: string) => BrusselsTime.toDbDate(date);
      await db.prisma.closure.createMany({
        data: [
          { locationId: a.locationId, startsOn: day('2026-12-01'), endsOn: day('2026-12-02'), reason: 'works' },
          { digibankId: b.digibankId, startsOn: day('2026-12-04'), endsOn: day('2026-12-04'), reason: 'team day' },
          { startsOn: day('2026-12-07'), endsOn: day('2026-12-07'), reason: 'regional holiday' },
        ],
      });
      await generator.generate(new Date('2026-11-30T06:00:00Z'), { locationIds: [a.locationId, b.locationId], days: 8 });
      const days = async (locationId: string) => [...new Set((await localSlots(locationId)).map((slot) => slot.slice(0, 10)))];
      expect(await days(a.locationId)).toEqual(['2026-11-30', '2026-12-03', '2026-12-04']);
      expect(await days(b.locationId)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    });
  });
}
