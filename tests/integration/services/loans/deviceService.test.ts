import { DeviceService } from '../../../../services/loans/deviceService';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLendingDigibank } from './loanFixtures';

describe.each(databaseKinds)('DeviceService on %s: a device stands at its own digibank', (kind) => {
  let db: TestDatabase;
  let devices: DeviceService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    devices = new DeviceService(db.prisma);
  });
  afterAll(() => db.drop());

  test('a device cannot be added at, or moved to, another digibank\'s location', async () => {
    const own = await createLendingDigibank(db.prisma);
    const other = await createLendingDigibank(db.prisma);
    await expect(devices.create({ digibankId: own.digibankId, kind: 'laptop', assetTag: 'LT-1', locationId: other.locationId })).rejects.toMatchObject({ code: 'invalid' });
    const device = await devices.create({ digibankId: own.digibankId, kind: 'laptop', assetTag: 'LT-2', locationId: own.locationId });
    await expect(devices.update(device.id, { locationId: other.locationId })).rejects.toMatchObject({ code: 'invalid' });
    await expect(devices.update(device.id, { locationId: 'no-such-location' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await devices.get(device.id))?.locationId).toBe(own.locationId);
    expect((await devices.update(device.id, { locationId: null })).locationId).toBeNull();
  });
});
