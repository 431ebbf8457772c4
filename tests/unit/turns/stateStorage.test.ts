import { MemoryStorage, Storage } from 'botbuilder';
import { StateStorage } from '../../../turns/stateStorage';
import { UnitOfWork, runInUnitOfWork } from '../../../turns/unitOfWork';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

/**
 * The storage contract: one suite, run unchanged on botbuilder's MemoryStorage and on
 * StateStorage over every database kind.
 */
function storageContract(name: string, open: () => Promise<{ storage: Storage; close(): Promise<void> }>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    beforeAll(async () => ({ storage, close } = await open()));
    afterAll(() => close());

    test('reading a missing key returns nothing', async () => {
      expect(await storage.read(['contract/missing'])).toEqual({});
    });

    test('an item written is read back with an eTag', async () => {
      await storage.write({ 'contract/a': { count: 1, nested: { list: [1, 'two', null], text: 'é ç 🌐' } } });
      const items = await storage.read(['contract/a']);
      expect(items['contract/a']).toMatchObject({ count: 1, nested: { list: [1, 'two', null], text: 'é ç 🌐' } });
      expect(typeof items['contract/a'].eTag).toBe('string');
    });

    test('several keys are read and written at once', async () => {
      await storage.write({ 'contract/b1': { v: 1 }, 'contract/b2': { v: 2 } });
      const items = await storage.read(['contract/b1', 'contract/b2', 'contract/none']);
      expect(Object.keys(items).sort()).toEqual(['contract/b1', 'contract/b2']);
    });

    test('a write with the current eTag succeeds and changes the eTag', async () => {
      await storage.write({ 'contract/c': { v: 1 } });
      const first = (await storage.read(['contract/c']))['contract/c'];
      await storage.write({ 'contract/c': { ...first, v: 2 } });
      const second = (await storage.read(['contract/c']))['contract/c'];
      expect(second.v).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    test('a write with a stale eTag is a conflict, not an overwrite', async () => {
      await storage.write({ 'contract/d': { v: 1 } });
      const stale = (await storage.read(['contract/d']))['contract/d'];
      await storage.write({ 'contract/d': { ...stale, v: 2 } });
      await expect(storage.write({ 'contract/d': { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['contract/d']))['contract/d'].v).toBe(2);
    });

    test('eTag "*" and a missing eTag overwrite', async () => {
      await storage.write({ 'contract/e': { v: 1 } });
      await storage.write({ 'contract/e': { v: 2, eTag: '*' } });
      expect((await storage.read(['contract/e']))['contract/e'].v).toBe(2);
      await storage.write({ 'contract/e': { v: 3 } });
      expect((await storage.read(['contract/e']))['contract/e'].v).toBe(3);
    });

    test('deleted items are gone, and deleting a missing key is fine', async () => {
      await storage.write({ 'contract/f': { v: 1 } });
      await storage.delete(['contract/f', 'contract/never']);
      expect(await storage.read(['contract/f'])).toEqual({});
    });

    test('the written object is not changed by the write', async () => {
      const item = { v: 1, eTag: '*' };
      await storage.write({ 'contract/g': item });
      expect(item).toEqual({ v: 1, eTag: '*' });
    });
  });
}

storageContract('MemoryStorage', async () => ({ storage: new MemoryStorage(), close: async () => undefined }));

for (const kind of databaseKinds) {
  storageContract(`StateStorage on ${kind}`, async () => {
    const db = await createTestDatabase(kind);
    return { storage: new StateStorage(db.sql), close: () => db.drop() };
  });

  describe(`StateStorage within a turn on ${kind}`, () => {
    let db: TestDatabase;
    let storage: StateStorage;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      storage = new StateStorage(db.sql);
    });
    afterAll(() => db.drop());

    test('changes are buffered, visible to the turn, and stored only on commit', async () => {
      await storage.write({ 'uow/kept': { v: 1 }, 'uow/removed': { v: 1 } });
      const unit = new UnitOfWork();
      await runInUnitOfWork(unit, async () => {
        await storage.write({ 'uow/kept': { v: 2, eTag: '*' } });
        await storage.delete(['uow/removed']);
        const seen = await storage.read(['uow/kept', 'uow/removed']);
        expect(seen['uow/kept'].v).toBe(2);
        expect(seen['uow/removed']).toBeUndefined();
      });
      expect((await storage.read(['uow/kept']))['uow/kept'].v).toBe(1);
      await db.sql.transaction((tx) => StateStorage.commit(tx, unit));
      const after = await storage.read(['uow/kept', 'uow/removed']);
      expect(after['uow/kept'].v).toBe(2);
      expect(after['uow/removed']).toBeUndefined();
    });

    test('within a turn, a write keeps the item as it was written, and each read gets a copy of its own', async () => {
      const unit = new UnitOfWork();
      await runInUnitOfWork(unit, async () => {
        const item = { v: 1, nested: { list: [1] }, eTag: '*' };
        await storage.write({ 'uow/snapshot': item });
        item.nested.list.push(2);
        const first = await storage.read(['uow/snapshot']);
        expect(first['uow/snapshot']).toEqual({ v: 1, nested: { list: [1] }, eTag: '*' });
        first['uow/snapshot'].nested.list.push(3);
        expect((await storage.read(['uow/snapshot']))['uow/snapshot'].nested.list).toEqual([1]);
      });
    });

    test('two concurrent writers with the same eTag: exactly one wins', async () => {
      await storage.write({ 'race/x': { v: 0 } });
      const base = (await storage.read(['race/x']))['race/x'];
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => storage.write({ 'race/x': { ...base, v: i + 1 } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  });
}
