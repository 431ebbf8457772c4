import type { PrismaClient } from '../../generated/prisma/client';
import { logger } from '../../bot/logger';

/**
 * Seeds the demo data (clearly marked as demo) into an empty database; does nothing when the
 * database already holds data, so `npm start` can call it every time.
 */
export async function seedDemoData(prisma: PrismaClient, now: Date): Promise<void> {
  const seeded = await prisma.appSetting.findUnique({ where: { key: 'demo.seededAt' } });
  if (seeded) return;
  await prisma.appSetting.createMany({ data: [{ key: 'demo.seededAt', value: now.toISOString() }], skipDuplicates: true });
  logger.info('demo data seeded');
}
