// Demo data: digibanks of Flanders and Brussels with their locations, opening hours, free-access
// hours and services (digital access points with computers, printer and Wi-Fi), home-visit
// areas, volunteers, closures and three weeks of helpdesk slots. Everything here is DEMO data:
// names say so, `isDemo` is set, phone numbers are impossible numbers (+32 000 …) and street
// addresses are placeholders. Postcodes, municipalities, provinces and the approximate
// coordinates of the town centres are real, so that postcode, name and location searches behave
// as they will with real data.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { SlotGenerationResult, SlotGenerator } from '../../services/booking/slotGenerator';
import { BrusselsTime } from '../../i18n/brusselsTime';

type Weekly = Array<{ weekday: number; opensAt: string; closesAt: string }>;

interface DemoLocation {
  name: string;
  postcode: string;
  municipality: string;
  aliases: string[];
  province: string;
  latitude: number;
  longitude: number;
  languages: string[];
  services: string[];
  hours: Weekly;
  /** Walk-in hours for the public computers, printer and Wi-Fi (none: no free access). */
  freeAccess: Weekly;
  capacity: number;
}

interface DemoArea {
  name: string;
  postcodes: string[];
  municipalities: string[];
  volunteers: Array<{ displayName: string; languages: string[] }>;
}

interface DemoDigibank {
  name: string;
  flemish: boolean;
  locations: DemoLocation[];
  areas: DemoArea[];
}

const CITY_HOURS: Weekly = [
  { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 3, opensAt: '13:30', closesAt: '16:30' },
  { weekday: 4, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 4, opensAt: '13:30', closesAt: '16:30' },
  { weekday: 5, opensAt: '09:00', closesAt: '12:00' },
];
const TOWN_HOURS: Weekly = [
  { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 4, opensAt: '13:30', closesAt: '16:00' },
];
const SATURDAY_HOURS: Weekly = [
  { weekday: 3, opensAt: '14:00', closesAt: '17:00' },
  { weekday: 6, opensAt: '10:00', closesAt: '12:00' },
];

// Free access: the library's public computers, printer and Wi-Fi, open longer than the helpdesk.
const LIBRARY_ACCESS: Weekly = [
  { weekday: 1, opensAt: '10:00', closesAt: '18:00' },
  { weekday: 2, opensAt: '10:00', closesAt: '18:00' },
  { weekday: 3, opensAt: '10:00', closesAt: '18:00' },
  { weekday: 4, opensAt: '10:00', closesAt: '18:00' },
  { weekday: 5, opensAt: '10:00', closesAt: '18:00' },
  { weekday: 6, opensAt: '10:00', closesAt: '13:00' },
];
// A neighbourhood digipunt: laptops for public use during its own hours and one afternoon more.
const DIGIPUNT_ACCESS: Weekly = [
  { weekday: 2, opensAt: '13:00', closesAt: '17:00' },
  { weekday: 3, opensAt: '13:00', closesAt: '17:00' },
  { weekday: 6, opensAt: '10:00', closesAt: '12:00' },
];

const HELPDESK = ['helpdesk', 'device_loan', 'training'];
const HELPDESK_AND_VISITS = ['helpdesk', 'home_visit', 'device_loan', 'training'];
/** A digital access point: the helpdesk, and computers, a printer and Wi-Fi anyone may use. */
const ACCESS_POINT = ['helpdesk', 'device_loan', 'training', 'computers', 'printing', 'wifi'];
/** A library digibank: everything, walk-in access included. */
const LIBRARY = ['helpdesk', 'home_visit', 'device_loan', 'training', 'computers', 'printing', 'wifi'];

function place(
  municipality: string,
  postcode: string,
  province: string,
  latitude: number,
  longitude: number,
  more: Partial<DemoLocation> = {},
): DemoLocation {
  return {
    name: `Digipunt ${municipality} (DEMO)`,
    postcode,
    municipality,
    aliases: [],
    province,
    latitude,
    longitude,
    languages: ['nl'],
    services: HELPDESK,
    hours: TOWN_HOURS,
    freeAccess: [],
    capacity: 1,
    ...more,
  };
}

const DEMO_DIGIBANKS: DemoDigibank[] = [
  {
    name: 'Digibank Kortrijk (DEMO)',
    flemish: true,
    locations: [
      place('Kortrijk', '8500', 'West-Vlaanderen', 50.8279, 3.2649, {
        name: 'Digibank Kortrijk - bibliotheek (DEMO)', aliases: ['Courtrai'], languages: ['nl', 'fr'],
        services: LIBRARY, hours: CITY_HOURS, freeAccess: LIBRARY_ACCESS, capacity: 2,
      }),
    ],
    areas: [{
      name: 'Kortrijk (DEMO)', postcodes: ['8500', '8501', '8510', '8511'], municipalities: ['Kortrijk'],
      volunteers: [{ displayName: 'An (DEMO)', languages: ['nl'] }, { displayName: 'Luc (DEMO)', languages: ['nl', 'fr'] }],
    }],
  },
  {
    name: 'Digibank Gent (DEMO)',
    flemish: true,
    locations: [
      place('Gent', '9000', 'Oost-Vlaanderen', 51.0543, 3.7174, {
        name: 'Digibank Gent - centrum (DEMO)', aliases: ['Gand', 'Ghent'], languages: ['nl', 'en'], hours: CITY_HOURS, capacity: 2,
      }),
      place('Gent', '9050', 'Oost-Vlaanderen', 51.0379, 3.7436, {
        name: 'Digipunt Gent-Ledeberg (DEMO)', aliases: ['Gand', 'Ghent', 'Ledeberg', 'Gentbrugge'], languages: ['nl', 'fr', 'en'],
        hours: SATURDAY_HOURS, services: ACCESS_POINT, freeAccess: DIGIPUNT_ACCESS,
      }),
    ],
    areas: [],
  },
  {
    name: 'Digibank Antwerpen (DEMO)',
    flemish: true,
    locations: [
      place('Antwerpen', '2000', 'Antwerpen', 51.2194, 4.4025, {
        name: 'Digibank Antwerpen - centrum (DEMO)', aliases: ['Anvers', 'Antwerp'], languages: ['nl', 'fr', 'en'], hours: CITY_HOURS, capacity: 2,
      }),
      place('Antwerpen', '2140', 'Antwerpen', 51.2117, 4.4386, {
        name: 'Digipunt Borgerhout (DEMO)', aliases: ['Anvers', 'Antwerp', 'Borgerhout'], languages: ['nl', 'fr', 'en'], hours: SATURDAY_HOURS,
        services: ACCESS_POINT, freeAccess: DIGIPUNT_ACCESS,
      }),
    ],
    areas: [],
  },
  {
    name: 'Digibank Leuven (DEMO)',
    flemish: true,
    locations: [
      place('Leuven', '3000', 'Vlaams-Brabant', 50.8798, 4.7005, {
        name: 'Digibank Leuven - bibliotheek (DEMO)', aliases: ['Louvain'], languages: ['nl', 'en'], hours: CITY_HOURS, capacity: 2,
        services: [...HELPDESK, 'computers', 'printing', 'wifi'], freeAccess: LIBRARY_ACCESS,
      }),
    ],
    areas: [],
  },
  {
    name: 'Digibank Tongeren-Borgloon (DEMO)',
    flemish: true,
    locations: [
      // Tongeren and Borgloon merged into Tongeren-Borgloon on 1 January 2025.
      place('Tongeren-Borgloon', '3700', 'Limburg', 50.7806, 5.4641, {
        name: 'Digipunt Tongeren (DEMO)', aliases: ['Tongeren', 'Tongres', 'Borgloon'], languages: ['nl', 'fr'],
      }),
    ],
    areas: [],
  },
  {
    name: 'Digibank Brussel (DEMO)',
    flemish: false,
    locations: [
      place('Brussel', '1000', 'Brussel', 50.8467, 4.3525, {
        name: 'Digibank Brussel - centrum (DEMO)', aliases: ['Bruxelles', 'Brussels', 'Brussel-Stad', 'Bruxelles-Ville'],
        languages: ['nl', 'fr', 'en'], hours: CITY_HOURS, capacity: 3,
      }),
      place('Sint-Jans-Molenbeek', '1080', 'Brussel', 50.855, 4.3225, {
        name: 'Digipunt Molenbeek (DEMO)', aliases: ['Molenbeek', 'Molenbeek-Saint-Jean'], languages: ['nl', 'fr', 'en'], hours: SATURDAY_HOURS,
        services: ACCESS_POINT, freeAccess: DIGIPUNT_ACCESS,
      }),
    ],
    areas: [],
  },
  {
    name: 'Digibank Westhoek (DEMO)',
    flemish: true,
    locations: [
      place('Ieper', '8900', 'West-Vlaanderen', 50.8503, 2.8853, { aliases: ['Ypres', 'Yper'], services: HELPDESK_AND_VISITS, hours: CITY_HOURS }),
      place('Diksmuide', '8600', 'West-Vlaanderen', 51.0327, 2.8636, { aliases: ['Dixmude'], services: HELPDESK_AND_VISITS }),
      place('Poperinge', '8970', 'West-Vlaanderen', 50.8555, 2.7262, { aliases: ['Poperinghe'], services: HELPDESK_AND_VISITS }),
      place('Veurne', '8630', 'West-Vlaanderen', 51.0722, 2.6622, { aliases: ['Furnes'], services: HELPDESK_AND_VISITS }),
    ],
    areas: [{
      name: 'Westhoek (DEMO)',
      postcodes: ['8900', '8902', '8904', '8906', '8908', '8600', '8970', '8972', '8978', '8630', '8640', '8647', '8650', '8690', '8691', '8920', '8950', '8957'],
      municipalities: ['Ieper', 'Diksmuide', 'Poperinge', 'Veurne', 'Vleteren', 'Lo-Reninge', 'Houthulst', 'Alveringem', 'Langemark-Poelkapelle', 'Heuvelland', 'Mesen'],
      volunteers: [
        { displayName: 'Sofie (DEMO)', languages: ['nl'] },
        { displayName: 'Marc (DEMO)', languages: ['nl', 'fr'] },
        { displayName: 'Greet (DEMO)', languages: ['nl'] },
      ],
    }],
  },
  {
    name: 'Digibank Zuiderkempen (DEMO)',
    flemish: true,
    locations: [
      place('Geel', '2440', 'Antwerpen', 51.1617, 4.9898, { aliases: ['Gheel'], services: [...HELPDESK_AND_VISITS, 'computers', 'wifi'], hours: CITY_HOURS, freeAccess: DIGIPUNT_ACCESS }),
      place('Herselt', '2230', 'Antwerpen', 51.0513, 4.8826, { services: HELPDESK_AND_VISITS }),
      place('Hulshout', '2235', 'Antwerpen', 51.0747, 4.7903, { services: HELPDESK_AND_VISITS }),
      place('Laakdal', '2430', 'Antwerpen', 51.0837, 5.0027, { aliases: ['Vorst', 'Eindhout', 'Veerle'], services: HELPDESK_AND_VISITS }),
      place('Meerhout', '2450', 'Antwerpen', 51.1318, 5.0785, { services: HELPDESK_AND_VISITS }),
      place('Westerlo', '2260', 'Antwerpen', 51.0901, 4.9165, { aliases: ['Tongerlo', 'Oevel'], services: HELPDESK_AND_VISITS }),
    ],
    areas: [{
      name: 'Zuiderkempen (DEMO)',
      postcodes: ['2440', '2230', '2235', '2430', '2431', '2450', '2260'],
      municipalities: ['Geel', 'Herselt', 'Hulshout', 'Laakdal', 'Meerhout', 'Westerlo'],
      volunteers: [
        { displayName: 'Jef (DEMO)', languages: ['nl'] },
        { displayName: 'Fatima (DEMO)', languages: ['nl', 'fr', 'en'] },
      ],
    }],
  },
];

/**
 * Fills an empty database with the demo digibanks and their slots for the coming three weeks.
 * Does nothing but top up slots when demo digibanks already exist, so calling it twice is safe.
 */
export async function seedDigibanks(prisma: PrismaClient, now: Date): Promise<void> {
  const existing = await prisma.digibank.count({ where: { isDemo: true } });
  if (existing === 0) {
    let phone = 0;
    for (const bank of DEMO_DIGIBANKS) {
      await seedDigibank(prisma, bank, () => `+32 000 00 ${String((phone += 1)).padStart(2, '0')} (DEMO)`, now);
    }
  }
  await seedRemainingSlots(prisma, now);
}

/**
 * Creates the helpdesk slots still missing for the coming three weeks, for every active location
 * (demo or real). Idempotent: schedule it daily.
 */
export async function seedRemainingSlots(prisma: PrismaClient, now: Date): Promise<SlotGenerationResult> {
  return new SlotGenerator(prisma).generate(now);
}

async function seedDigibank(prisma: PrismaClient, bank: DemoDigibank, nextPhone: () => string, now: Date): Promise<void> {
  const digibankId = randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.digibank.create({ data: { id: digibankId, name: bank.name, isDemo: true, notes: 'DEMO data: not a real service.' } });
    for (const location of bank.locations) {
      await tx.location.create({
        data: {
          digibankId,
          name: location.name,
          address: 'Voorbeeldstraat 1 (DEMO-adres)',
          postcode: location.postcode,
          municipality: location.municipality,
          municipalityAliases: location.aliases,
          province: location.province,
          latitude: location.latitude,
          longitude: location.longitude,
          services: location.services,
          languages: location.languages,
          phone: nextPhone(),
          isDemo: true,
          openingPeriods: { create: location.hours.map((hours) => ({ ...hours, slotMinutes: 30, capacity: location.capacity })) },
          freeAccessPeriods: { create: location.freeAccess },
        },
      });
    }
    for (const area of bank.areas) {
      const areaId = randomUUID();
      await tx.homeVisitArea.create({
        data: { id: areaId, digibankId, name: area.name, postcodes: area.postcodes, municipalities: area.municipalities, isDemo: true },
      });
      await tx.volunteer.createMany({ data: area.volunteers.map((volunteer) => ({ ...volunteer, digibankId, areaId, isDemo: true })) });
    }
    await tx.closure.createMany({ data: demoClosures(bank, digibankId, now) });
  });
}

/** The Flemish holiday (11 July) for Flemish digibanks, and 26 December for everyone. */
function demoClosures(bank: DemoDigibank, digibankId: string, now: Date) {
  const year = BrusselsTime.splitDate(BrusselsTime.localDate(now)).year;
  const closures = [];
  for (const y of [year, year + 1]) {
    const day = BrusselsTime.toDbDate(BrusselsTime.dateOf(y, 12, 26));
    closures.push({ digibankId, startsOn: day, endsOn: day, reason: 'Tweede kerstdag (DEMO)' });
    if (bank.flemish) {
      const july = BrusselsTime.toDbDate(BrusselsTime.dateOf(y, 7, 11));
      closures.push({ digibankId, startsOn: july, endsOn: july, reason: 'Feestdag Vlaamse Gemeenschap (DEMO)' });
    }
  }
  return closures;
}
