import { seedDemoDevices } from '../../../../prisma/seed/devices';
import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { createTestDatabase, TestDatabase } from '../../../support/database';

const NOW = new Date('2026-11-23T09:00:00Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('embedded');
  await seedDigibanks(db.prisma, NOW);
}, 60_000);
afterAll(() => db.drop());

test('demo devices at every lending location and loan questions per demo digibank, marked demo, seeded once', async () => {
  await seedDemoDevices(db.prisma);
  const devices = await db.prisma.device.count();
  const lending = await db.prisma.location.count({ where: { services: { has: 'device_loan' } } });
  expect(devices).toBe(lending * 5);
  expect(await db.prisma.device.count({ where: { isDemo: false } })).toBe(0);
  expect(await db.prisma.device.count({ where: { status: 'available', kind: 'laptop' } })).toBe(lending * 3);
  const banks = await db.prisma.digibank.count();
  expect(await db.prisma.loanQuestion.count()).toBe(banks * 3);
  expect(await db.prisma.loanQuestion.count({ where: { required: true } })).toBe(1);
  await seedDemoDevices(db.prisma);
  expect(await db.prisma.device.count()).toBe(devices);
});
