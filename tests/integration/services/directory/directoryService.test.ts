import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { BookingService } from '../../../../services/booking/bookingService';
import { LocationService } from '../../../../services/booking/locationService';
import { SlotService } from '../../../../services/booking/slotService';
import { DirectorySearch, DirectoryService } from '../../../../services/directory/directoryService';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createPerson } from '../booking/bookingFixtures';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');

for (const kind of databaseKinds) {
  describe(`DirectoryService over the demo digibanks on ${kind}`, () => {
    let db: TestDatabase;
    let locations: LocationService;
    let directory: DirectoryService;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      await seedDigibanks(db.prisma, NOW);
      locations = new LocationService(db.prisma);
      directory = new DirectoryService(db.prisma, locations);
    });
    afterAll(() => db.drop());

    const municipalities = async (search: DirectorySearch) => (await directory.find(search)).map((match) => match.location.municipality);

    test.each<[string, DirectorySearch, string[]]>([
      ['a town with a typo', { text: 'Kortrik', limit: 2 }, ['Kortrijk']],
      ['a short town with a typo', { text: 'Leuve', limit: 2 }, ['Leuven']],
      ['a town named inside a sentence', { text: 'waar is de digibank in Geel', limit: 2 }, ['Geel']],
      ['a French name inside a sentence', { text: 'ouvert samedi à Gand ?', limit: 3 }, ['Gent', 'Gent']],
      ['a postcode', { postcode: '8500', limit: 2 }, ['Kortrijk']],
      ['a pin near Poperinge station', { pin: { latitude: 50.852, longitude: 2.73 }, limit: 2 }, ['Poperinge', 'Ieper']],
      ['a pin in Ieper, printing asked: the nearest place with a printer', { pin: { latitude: 50.8503, longitude: 2.8853 }, service: 'printing', limit: 1 }, ['Kortrijk']],
      ['Antwerpen, computers asked: only the Borgerhout access point', { text: 'Antwerpen', service: 'computers', limit: 3 }, ['Antwerpen']],
      ['Antwerpen, nothing asked: both places', { text: 'Antwerpen', limit: 3 }, ['Antwerpen', 'Antwerpen']],
      ['Diksmuide, Wi-Fi asked: none there', { text: 'Diksmuide', service: 'wifi', limit: 2 }, []],
      ['a typo word inside a longer sentence is not a town', { text: 'is de digibank in Kortrik open', limit: 2 }, []],
      ['"ik heb veel vragen" is not Geel', { text: 'ik heb veel vragen', limit: 2 }, []],
    ])('finds: %s', async (_, search, expected) => {
      expect(await municipalities(search)).toEqual(expected);
    });

    test('the digital access points carry their services and free-access hours; a town digipunt has none', async () => {
      const [borgerhout] = await directory.find({ postcode: '2140', limit: 1 });
      const [tongeren] = await directory.find({ postcode: '3700', limit: 1 });
      expect(borgerhout.location.services).toEqual(expect.arrayContaining(['computers', 'printing', 'wifi']));
      const [withAccess, without] = await directory.entries([borgerhout, tongeren], NOW);
      expect(withAccess.freeAccess?.days.some((day) => day.periods.length > 0)).toBe(true);
      expect(without.freeAccess).toBeUndefined();
      // Free access differs from the helpdesk hours: Tuesday afternoon, when the helpdesk is closed.
      const tuesday = withAccess.freeAccess?.days.find((day) => day.date === '2026-11-24');
      expect(tuesday?.periods).toEqual([{ opensAt: '13:00', closesAt: '17:00' }]);
      expect(withAccess.helpdesk.days.find((day) => day.date === '2026-11-24')?.periods).toEqual([]);
    });

    test("today's status reads the closures of the database: a location's closure today, the digibank's (demo) 26 December", async () => {
      const [leuven] = await directory.find({ postcode: '3000', limit: 1 });
      expect((await directory.entries([leuven], NOW))[0].helpdesk.today).toEqual({ kind: 'openNow', until: '12:00' });
      const day = BrusselsTime.toDbDate('2026-11-23');
      const closure = await db.prisma.closure.create({ data: { locationId: leuven.location.id, startsOn: day, endsOn: day, reason: 'test' } });
      try {
        const [entry] = await directory.entries([leuven], NOW);
        expect(entry.helpdesk.today).toEqual({ kind: 'closedToday', closure: { kind: 'closure' }, next: { date: '2026-11-24', at: '09:00' } });
        expect(entry.freeAccess?.today).toMatchObject({ kind: 'closedToday', closure: { kind: 'closure' } });
      } finally {
        await db.prisma.closure.delete({ where: { id: closure.id } });
      }
      // Thursday 24 December 2026, 17:00: Christmas (holiday), then the demo closure on the 26th; open Monday 28.
      const [christmas] = await directory.entries([leuven], new Date('2026-12-24T16:00:00Z'));
      expect(christmas.helpdesk.today).toEqual({ kind: 'closedNow', next: { date: '2026-12-28', at: '09:00' } });
      expect(christmas.helpdesk.days[1]).toMatchObject({ date: '2026-12-25', closure: { kind: 'holiday', holiday: 'christmas' } });
    });

    test('the place a person is known at: that of their latest appointment; none for a stranger', async () => {
      const personId = await createPerson(db.prisma);
      expect(await directory.knownLocation(personId)).toBeUndefined();
      const [geel] = await directory.find({ text: 'Geel', limit: 1 });
      const slots = new SlotService(db.prisma);
      const [firstDay] = await slots.freeDays(geel.location.id, NOW);
      const [slot] = await slots.freeTimes(geel.location.id, firstDay, NOW);
      expect((await new BookingService(db.prisma).book({ personId, slotId: slot.slotId }, NOW)).kind).toBe('booked');
      expect((await directory.knownLocation(personId))?.municipality).toBe('Geel');
    });

    test('the database refuses a free-access period that ends before it starts or on no weekday', async () => {
      const [geel] = await directory.find({ text: 'Geel', limit: 1 });
      await expect(db.prisma.freeAccessPeriod.create({ data: { locationId: geel.location.id, weekday: 2, opensAt: '17:00', closesAt: '09:00' } })).rejects.toThrow();
      await expect(db.prisma.freeAccessPeriod.create({ data: { locationId: geel.location.id, weekday: 8, opensAt: '09:00', closesAt: '12:00' } })).rejects.toThrow();
    });
  });
}

test('the map link centres OpenStreetMap on the place at street level', () => {
  expect(DirectoryService.mapUrl(50.8279, 3.2649)).toBe('https://www.openstreetmap.org/?mlat=50.8279&mlon=3.2649#map=17/50.8279/3.2649');
});
