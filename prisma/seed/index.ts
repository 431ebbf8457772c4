import type { PrismaClient } from '../../generated/prisma/client';
import { logger } from '../../kernel/logger';
import { seedDemoDevices } from './devices';
import { seedDigibanks, seedRemainingSlots } from './digibanks';
import { seedDemoWorkshops } from './workshops';
import { seedDemoRepairs } from './repairs';
import { RepairMomentGenerator } from '../../services/repair/repairMomentGenerator';

/**
 * Seeds the demo data (clearly marked as demo: digibanks, locations, home-visit areas, slots
 * for three weeks, lendable devices and loan questions) into an empty database; on later starts
 * it finds the demo digibanks and leaves the slots to {@link topUpSlots}, which the server runs
 * after it listens (topping up three weeks of slots takes seconds on the embedded database).
 * @returns 'seeded' when it filled an empty database (slots included), else 'existing'.
 */
export async function seedDemoData(prisma: PrismaClient, now: Date): Promise<'seeded' | 'existing'> {
  if ((await prisma.digibank.count({ where: { isDemo: false } })) > 0) return 'existing'; // a real deployment
  const empty = (await prisma.digibank.count({ where: { isDemo: true } })) === 0;
  if (empty) await seedDigibanks(prisma, now);
  await seedDemoDevices(prisma);
  await seedDemoWorkshops(prisma, now);
  await seedDemoRepairs(prisma, now);
  logger.info('demo data ready');
  return empty ? 'seeded' : 'existing';
}

/** Keeps three weeks of slots and nine weeks of repair moments ahead; run daily (idempotent, safe with several processes). */
export async function topUpSlots(prisma: PrismaClient, now: Date): Promise<void> {
  const result = await seedRemainingSlots(prisma, now);
  const repairs = await new RepairMomentGenerator(prisma).generate(now);
  logger.info({ created: result.created, repairMoments: repairs.created }, 'slots generated');
}
