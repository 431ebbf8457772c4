import type { PrismaClient } from '../../generated/prisma/client';

/** Demo devices per lending location: kind and how many. */
const DEMO_DEVICES: ReadonlyArray<{ kind: string; count: number; accessories: string[] }> = [
  { kind: 'laptop', count: 3, accessories: ['lader', 'laptoptas'] },
  { kind: 'tablet', count: 1, accessories: ['lader'] },
  { kind: 'dongle', count: 1, accessories: ['usb-kabel'] },
];

/** Demo eligibility questions: every digibank asks these; the first digibank requires a referral. */
const DEMO_QUESTIONS = ['referred_by_social_service', 'income_situation', 'student'] as const;

/**
 * Demo inventory and eligibility questions for the demo digibanks that have none yet: a few
 * laptops, a tablet and a 4G modem at every location that lends devices (asset tags "DEMO-…",
 * marked isDemo), and the questions above (optional, except a referral at the first digibank).
 */
export async function seedDemoDevices(prisma: PrismaClient): Promise<void> {
  const banks = await prisma.digibank.findMany({
    where: { isDemo: true, devices: { none: {} } },
    orderBy: { name: 'asc' },
    include: { locations: { where: { services: { has: 'device_loan' } }, orderBy: { name: 'asc' } } },
  });
  for (const [index, bank] of banks.entries()) {
    let tag = 0;
    const devices = bank.locations.flatMap((location) =>
      DEMO_DEVICES.flatMap(({ kind, count, accessories }) =>
        Array.from({ length: count }, () => ({ digibankId: bank.id, locationId: location.id, kind, assetTag: `DEMO-${String((tag += 1)).padStart(3, '0')}`, accessories, isDemo: true })),
      ),
    );
    await prisma.device.createMany({ data: devices, skipDuplicates: true });
    await prisma.loanQuestion.createMany({
      data: DEMO_QUESTIONS.map((key, position) => ({ digibankId: bank.id, key, position, required: index === 0 && key === 'referred_by_social_service' })),
      skipDuplicates: true,
    });
  }
}
