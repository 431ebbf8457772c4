// Demo repair cafés: the main location of most demo digibanks repairs devices, on the first
// Saturday of the month 10:00-12:00 (6 devices) and every Wednesday 14:00-17:00 (three moments of
// an hour, 4 devices each). Locations that already list `repair` in their services keep it and get the
// same periods. Tongeren-Borgloon, the Westhoek and the Zuiderkempen have no repair café: the chat
// says so plainly there. Clearly marked DEMO (the locations are).
import type { PrismaClient } from '../../generated/prisma/client';
import { REPAIR_SERVICE } from '../../services/repair/repairKinds';
import { RepairMomentGenerator } from '../../services/repair/repairMomentGenerator';

/** The demo locations with a repair café, by postcode. */
export const DEMO_REPAIR_POSTCODES: readonly string[] = ['8500', '9000', '2000', '3000', '1000'];

const DEMO_PERIODS = [
  { weekday: 6, weekOfMonth: 1, opensAt: '10:00', closesAt: '12:00', slotMinutes: 120, capacity: 6 },
  { weekday: 3, weekOfMonth: null, opensAt: '14:00', closesAt: '17:00', slotMinutes: 60, capacity: 4 },
];

/**
 * Gives the demo repair locations their repair-café periods (once) and plans their moments.
 * Safe to call on every start.
 */
export async function seedDemoRepairs(prisma: PrismaClient, now: Date): Promise<number> {
  const locations = await prisma.location.findMany({
    where: { isDemo: true, active: true, OR: [{ postcode: { in: [...DEMO_REPAIR_POSTCODES] } }, { services: { has: REPAIR_SERVICE } }] },
    select: { id: true, postcode: true, services: true, _count: { select: { repairPeriods: true } } },
  });
  const main = new Map<string, (typeof locations)[number]>();
  for (const location of locations) if (!main.has(location.postcode) || location.services.includes(REPAIR_SERVICE)) main.set(location.postcode, location);
  for (const location of main.values()) {
    if (!location.services.includes(REPAIR_SERVICE)) await prisma.location.update({ where: { id: location.id }, data: { services: { push: REPAIR_SERVICE } } });
    if (location._count.repairPeriods === 0) await prisma.repairPeriod.createMany({ data: DEMO_PERIODS.map((period) => ({ ...period, locationId: location.id })) });
  }
  return (await new RepairMomentGenerator(prisma).generate(now)).created;
}
