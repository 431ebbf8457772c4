import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TurnStore } from '../../../bot/turnStore';
import { itemOf } from '../../../bot/unitOfWork';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { settlesWithin } from '../../support/timing';

describe.each(databaseKinds)('TurnStore: a drain\'s first read, with the lease (%s)', (kind) => {
  let db: TestDatabase;
  let store: TurnStore;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    store = new TurnStore(db.sql);
  }, 60_000);
  afterAll(() => db?.drop());

  /** A conversation with one unprocessed inbound message; returns both ids. */
  async function conversationWithMessage(): Promise<{ conversationId: string; messageId: string }> {
    const { conversationId, entry } = await store.insertInbound({
      id: randomUUID(), channel: 'webchat', channelConversationId: randomUUID(), channelUserId: randomUUID(), text: 'hoi', activity: { type: 'message', text: 'hoi' }, providerMessageId: null,
    });
    return { conversationId, messageId: entry?.id as string };
  }

  test('without a lease request: the pending messages, the state asked for and the open handoff', async () => {
    const { conversationId, messageId } = await conversationWithMessage();
    await db.prisma.botStateItem.create({ data: { key: 'webchat/conversations/x/', data: { step: 2 }, etag: 'e1' } });
    const read = await store.pending(conversationId, ['webchat/conversations/x/', 'absent']);
    expect(read?.messages.map((m) => m.id)).toEqual([messageId]);
    expect(new Map([...(read?.state ?? [])].map(([key, stored]) => [key, stored && itemOf(stored)]))).toEqual(new Map([['webchat/conversations/x/', { step: 2, eTag: 'e1' }], ['absent', undefined]]));
    expect(read?.handoff).toBeNull();
    expect(await db.prisma.turnLock.count({ where: { conversationId } })).toBe(0);
  });

  test('with one: the lease is taken and the same is read; held by another, nothing is read', async () => {
    const { conversationId, messageId } = await conversationWithMessage();
    const read = await store.pending(conversationId, [], { owner: 'me', seconds: 30 });
    expect(read?.messages.map((m) => m.id)).toEqual([messageId]);
    expect(await db.prisma.turnLock.findUnique({ where: { conversationId } })).toMatchObject({ owner: 'me' });
    expect(await store.pending(conversationId, [], { owner: 'other', seconds: 30 })).toBeNull();
    expect(await db.prisma.turnLock.findUnique({ where: { conversationId } })).toMatchObject({ owner: 'me' });
  });

  test('an expired lease is taken over', async () => {
    const { conversationId, messageId } = await conversationWithMessage();
    await db.prisma.turnLock.create({ data: { conversationId, owner: 'dead', expiresAt: new Date(Date.now() - 1000) } });
    expect((await store.pending(conversationId, [], { owner: 'me', seconds: 30 }))?.messages.map((m) => m.id)).toEqual([messageId]);
  });

  (kind === 'postgres' ? test : test.skip)('the read sees what the previous holder committed while it waited for the lease', async () => {
    // The previous holder (another process) processes the message and gives the lease back in one
    // commit. A read that began before that commit and waited for the lease must not still see the
    // message as unprocessed, or its turn would run twice.
    const { conversationId, messageId } = await conversationWithMessage();
    const holder = new Client({ connectionString: db.target.kind === 'postgres' ? db.target.url : '' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO turn_lock ("conversationId", owner, "expiresAt") VALUES ($1, 'holder', now() + interval '1 hour')`, [conversationId]);
      await holder.query(`UPDATE message SET status = 'processed' WHERE id = $1`, [messageId]);
      const waiting = store.pending(conversationId, [], { owner: 'me', seconds: 30 });
      expect(await settlesWithin(waiting, 300)).toBe(false);
      await holder.query(`DELETE FROM turn_lock WHERE "conversationId" = $1`, [conversationId]);
      await holder.query('COMMIT');
      expect((await waiting)?.messages).toEqual([]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
