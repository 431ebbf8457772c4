import type { PrismaClient } from '../../../../generated/prisma/client';
import { BrusselsTime } from '../../../../i18n/brusselsTime';

let counter = 0;

/** A new person (fake channel id, no personal data). */
export async function createPerson(prisma: PrismaClient): Promise<string> {
  counter += 1;
  const person = await prisma.person.create({ data: { channel: 'test', channelUserId: `test-${process.pid}-${counter}-${Math.random()}` } });
  return person.id;
}

/** `count` new persons. */
export async function createPersons(prisma: PrismaClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await createPerson(prisma));
  return ids;
}

/** A digibank with one location (helpdesk + home visits), optionally with weekly opening hours. */
export async function createLocation(
  prisma: PrismaClient,
  options: { postcode?: string; municipality?: string; hours?: Array<{ weekday: number; opensAt: string; closesAt: string; slotMinutes?: number; capacity?: number }> } = {},
): Promise<{ digibankId: string; locationId: string }> {
  const digibank = await prisma.digibank.create({ data: { name: 'Test digibank', isDemo: true } });
  const location = await prisma.location.create({
    data: {
      digibankId: digibank.id,
      name: 'Test location',
      address: 'Teststraat 1',
      postcode: options.postcode ?? '8500',
      municipality: options.municipality ?? 'Kortrijk',
      province: 'West-Vlaanderen',
      latitude: 50.83,
      longitude: 3.26,
      services: ['helpdesk', 'home_visit'],
      languages: ['nl'],
      openingPeriods: { create: options.hours ?? [] },
    },
  });
  return { digibankId: digibank.id, locationId: location.id };
}

/** A helpdesk slot at a Brussels day and time. */
export async function createSlot(prisma: PrismaClient, locationId: string, date: string, time: string, capacity = 1, minutes = 30): Promise<string> {
  const startsAt = BrusselsTime.toInstant(date, time);
  const slot = await prisma.helpdeskSlot.create({
    data: { locationId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), capacity },
  });
  return slot.id;
}

/** A home-visit area with volunteers. */
export async function createArea(
  prisma: PrismaClient,
  digibankId: string,
  options: { postcodes: string[]; volunteers: number; visitMinutes?: number; travelBufferMinutes?: number },
): Promise<{ areaId: string; volunteerIds: string[] }> {
  const area = await prisma.homeVisitArea.create({
    data: {
      digibankId,
      name: 'Test area',
      postcodes: options.postcodes,
      visitMinutes: options.visitMinutes ?? 60,
      travelBufferMinutes: options.travelBufferMinutes ?? 30,
      weekdays: [1, 2, 3, 4, 5],
      dayStartsAt: '09:30',
      dayEndsAt: '16:30',
    },
  });
  const volunteerIds: string[] = [];
  for (let i = 0; i < options.volunteers; i += 1) {
    const volunteer = await prisma.volunteer.create({ data: { digibankId, areaId: area.id, displayName: `Volunteer ${i + 1}` } });
    volunteerIds.push(volunteer.id);
  }
  return { areaId: area.id, volunteerIds };
}
