import type { PrismaClient } from '../../generated/prisma/client';
import { logger } from '../../kernel/logger';
import { seedDemoDevices } from './devices';
import { seedDigibanks, seedRemainingSlots } from './digibanks';

/**
 * Seeds the demo data (clearly marked as demo: digibanks, locations, home-visit areas, slots
 * for three weeks, lendable devices and loan questions) into an empty database; on later starts
 * it only tops up the demo slots, so `npm start` can call it every time.
 */
export async function seedDemoData(prisma: PrismaClient, now: Date): Promise<void> {
  if ((await prisma.digibank.count({ where: { isDemo: false } })) > 0) return; // a real deployment
  await seedDigibanks(prisma, now);
  await seedDemoDevices(prisma);
  logger.info('demo data ready');
}

/** Keeps three weeks of slots ahead; run daily (idempotent, safe with several processes). */
export async function topUpSlots(prisma: PrismaClient, now: Date): Promise<void> {
  const result = await seedRemainingSlots(prisma, now);
  logger.info({ created: result.created }, 'slots generated');
}
