import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { BookingService } from '../../../../services/booking/bookingService';
import { LocationService } from '../../../../services/booking/locationService';
import { SlotService } from '../../../../services/booking/slotService';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createPerson } from './bookingFixtures';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');

for (const kind of databaseKinds) {
  describe(`LocationService over the demo digibanks on ${kind}`, () => {
    let db: TestDatabase;
    let locations: LocationService;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      await seedDigibanks(db.prisma, NOW);
      locations = new LocationService(db.prisma);
    });
    afterAll(() => db.drop());

    test('the demo data is marked as demo, with impossible phone numbers, and has three weeks of slots', async () => {
      const banks = await db.prisma.digibank.findMany();
      expect(banks.length).toBeGreaterThanOrEqual(8);
      expect(banks.every((bank) => bank.isDemo && bank.name.includes('DEMO'))).toBe(true);
      const all = await db.prisma.location.findMany();
      expect(all.every((location) => location.isDemo && location.phone?.startsWith('+32 000'))).toBe(true);
      const slots = await db.prisma.helpdeskSlot.findMany({ orderBy: { startsAt: 'asc' } });
      expect(slots.length).toBeGreaterThan(500);
      expect(slots[0].startsAt > NOW).toBe(true);
      expect(slots.at(-1)!.startsAt < new Date('2026-12-14T00:00:00Z')).toBe(true);
      const brussels = await locations.findByPostcode('1000');
      expect(brussels[0].location.languages).toEqual(['nl', 'fr', 'en']);
    });

    test('seeding again changes nothing', async () => {
      const before = [await db.prisma.location.count(), await db.prisma.helpdeskSlot.count()];
      await seedDigibanks(db.prisma, NOW);
      expect([await db.prisma.location.count(), await db.prisma.helpdeskSlot.count()]).toEqual(before);
    });

    test.each([
      ['8500', 'postcode', 'Kortrijk'],
      ['2440', 'postcode', 'Geel'],
      ['1000', 'postcode', 'Brussel'],
      ['8902', 'served_area', 'Diksmuide'], // Zillebeke: served by the Westhoek home visits
      ['2290', 'nearby_postcode', 'Westerlo'], // Vorselaar: nearest number in the 22xx region
    ])('postcode %s → %s, first in %s', async (postcode, match, municipality) => {
      const found = await locations.findByPostcode(postcode);
      expect(found[0]).toMatchObject({ match, location: { municipality } });
      expect(found.length).toBeLessThanOrEqual(3);
    });

    test.each([['0000'], ['abc'], ['9999']])('postcode %s finds nothing', async (postcode) => {
      expect(await locations.findByPostcode(postcode)).toEqual([]);
    });

    test.each([
      ['Kortrijk', 'Kortrijk', 'name'],
      ['Kortrik', 'Kortrijk', 'similar_name'],
      ['kortryk', 'Kortrijk', 'name'],
      ['Courtrai', 'Kortrijk', 'name'],
      ['antwerpe', 'Antwerpen', 'similar_name'],
      ['Anvers', 'Antwerpen', 'name'],
      ['Ieperen', 'Ieper', 'similar_name'],
      ['Ypres', 'Ieper', 'name'],
      ['bruxelles', 'Brussel', 'name'],
      ['Tongeren', 'Tongeren-Borgloon', 'name'],
      ['Meerhoud', 'Meerhout', 'similar_name'],
      ['Westerloo', 'Westerlo', 'similar_name'],
      ['waar is de digibank in Geel', 'Geel', 'name'],
      ['Diksmuide', 'Diksmuide', 'name'],
    ])('"%s" → %s (%s)', async (text, municipality, match) => {
      const found = await locations.findByMunicipality(text);
      expect(found.length).toBeGreaterThan(0);
      for (const entry of found) expect(entry).toMatchObject({ match, matchedName: municipality, location: { municipality } });
    });

    test.each([['Hasselt'], ['ik heb veel vragen'], ['Roeselare'], ['Brugge']])('"%s" is none of the demo municipalities', async (text) => {
      expect(await locations.findByMunicipality(text)).toEqual([]);
    });

    test('a municipality with several locations returns them, at most three', async () => {
      const found = await locations.findByMunicipality('Gent');
      expect(found.map((entry) => entry.location.postcode).sort()).toEqual(['9000', '9050']);
    });

    test('by coordinates: the nearest first, with distances', async () => {
      // Near Poperinge station.
      const found = await locations.nearest(50.852, 2.73, { limit: 3 });
      expect(found.map((entry) => entry.location.municipality)).toEqual(['Poperinge', 'Ieper', 'Diksmuide']);
      expect(found[0].distanceKm).toBeLessThan(2);
      expect(found[1].distanceKm! < found[2].distanceKm!).toBe(true);
      const onlyVisits = await locations.nearest(50.8467, 4.3525, { service: 'home_visit', limit: 2 });
      expect(onlyVisits.every((entry) => entry.location.services.includes('home_visit'))).toBe(true);
    });

    test('a seeded slot can be booked end to end', async () => {
      const [geel] = await locations.findByMunicipality('Geel');
      const slots = new SlotService(db.prisma);
      const days = await slots.freeDays(geel.location.id, NOW);
      expect(days.length).toBeGreaterThan(3);
      const [first] = await slots.freeTimes(geel.location.id, days[0], NOW);
      const result = await new BookingService(db.prisma).book({ personId: await createPerson(db.prisma), slotId: first.slotId, topic: 'eid_itsme' }, NOW);
      expect(result.kind).toBe('booked');
    });
  });
}
