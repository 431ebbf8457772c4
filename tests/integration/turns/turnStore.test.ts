import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TurnStore } from '../../../turns/turnStore';
import { itemOf } from '../../../turns/unitOfWork';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { settlesWithin } from '../../support/timing';

describe.each(databaseKinds)('TurnStore: a drain\'s first read, with the lease, alone or with the message\'s insert (%s)', (kind) => {
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

  test('the kind of the conversation\'s last reply: none, then the newest reply\'s', async () => {
    const { conversationId } = await conversationWithMessage();
    expect((await store.pending(conversationId, []))?.lastReplyKind).toBeNull();
    const reply = (kindOfReply?: string) => ({
      id: randomUUID(), text: 'x', activity: { type: 'message', text: 'x', ...(kindOfReply && { channelData: { digibank: { kind: kindOfReply, id: 'b-1' } } }) },
    });
    await db.sql.execute(`INSERT INTO message (id, "conversationId", channel, direction, text, activity, status) VALUES ($1, $2, 'webchat', 'out', 'x', $3::jsonb, 'queued')`, [reply().id, conversationId, JSON.stringify(reply('booking_reminder').activity)]);
    expect((await store.pending(conversationId, []))?.lastReplyKind).toBe('booking_reminder');
    await db.sql.execute(`INSERT INTO message (id, "conversationId", channel, direction, text, activity, status) VALUES ($1, $2, 'webchat', 'out', 'x', $3::jsonb, 'queued')`, [reply().id, conversationId, JSON.stringify(reply().activity)]);
    expect((await store.pending(conversationId, []))?.lastReplyKind).toBeNull();
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

  /** A known conversation (its first message already processed) and the row of its next message. */
  async function nextMessage(providerMessageId: string | null = null) {
    const { conversationId } = await store.insertInbound({
      id: randomUUID(), channel: 'webchat', channelConversationId: randomUUID(), channelUserId: randomUUID(), text: 'eerste', activity: { type: 'message', text: 'eerste' }, providerMessageId: null,
    });
    await db.prisma.message.updateMany({ where: { conversationId }, data: { status: 'processed' } });
    const row = { id: randomUUID(), conversationId, channel: 'webchat', channelConversationId: 'c', channelUserId: 'u', text: 'tweede', activity: { type: 'message', text: 'tweede' }, providerMessageId };
    return row;
  }

  test('the message is stored, and read back as pending with the state and the lease', async () => {
    const row = await nextMessage();
    await db.prisma.botStateItem.create({ data: { key: `k-${row.id}`, data: { step: 1 }, etag: 'e1' } });
    const { stored, pending } = await store.receiveAndTake(row, [`k-${row.id}`], { owner: 'me', seconds: 30 });
    expect(stored.conversationId).toBe(row.conversationId);
    expect(stored.entry).toMatchObject({ id: row.id, direction: 'in', status: 'received', activity: row.activity });
    expect(typeof stored.entry?.seq).toBe('bigint');
    expect(stored.entry?.createdAt).toBeInstanceOf(Date);
    expect(pending?.messages.map((m) => [m.id, m.seq, m.activity])).toEqual([[row.id, stored.entry?.seq, row.activity]]);
    expect(itemOf(pending?.state.get(`k-${row.id}`) as never)).toEqual({ step: 1, eTag: 'e1' });
    expect(await db.prisma.turnLock.findUnique({ where: { conversationId: row.conversationId } })).toMatchObject({ owner: 'me' });
  });

  test('a duplicate is not stored again, and still reads what is pending', async () => {
    const row = await nextMessage(`wamid-${randomUUID()}`);
    const first = await store.receiveAndTake(row, []);
    const again = await store.receiveAndTake({ ...row, id: randomUUID() }, []);
    expect(first.stored.entry?.id).toBe(row.id);
    expect(again.stored.entry).toBeUndefined();
    expect(again.pending?.messages.map((m) => m.id)).toEqual([row.id]);
    expect(await db.prisma.message.count({ where: { conversationId: row.conversationId, direction: 'in' } })).toBe(2);
  });

  test('with the lease held by another holder, the message is stored and nothing is read', async () => {
    const row = await nextMessage();
    await db.prisma.turnLock.create({ data: { conversationId: row.conversationId, owner: 'other', expiresAt: new Date(Date.now() + 60_000) } });
    const { stored, pending } = await store.receiveAndTake(row, [], { owner: 'me', seconds: 30 });
    expect(pending).toBeNull();
    expect(stored.entry?.id).toBe(row.id);
    expect(await db.prisma.message.findUnique({ where: { id: row.id } })).toMatchObject({ status: 'received' });
    expect(await db.prisma.turnLock.findUnique({ where: { conversationId: row.conversationId } })).toMatchObject({ owner: 'other' });
  });

  (kind === 'postgres' ? test : test.skip)('it locks the conversation before the lease, as a turn\'s commit does: no deadlock', async () => {
    // A turn's commit in another process locks the conversation's row first (its replies, its
    // `lastInboundAt`), then gives the lease back. Had receive_and_take touched the lease first,
    // each would wait for the other and PostgreSQL would abort one of them.
    const row = await nextMessage();
    await db.prisma.turnLock.create({ data: { conversationId: row.conversationId, owner: 'holder', expiresAt: new Date(Date.now() + 60_000) } });
    const holder = new Client({ connectionString: db.target.kind === 'postgres' ? db.target.url : '' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`UPDATE conversation SET "lastInboundAt" = now() WHERE id = $1`, [row.conversationId]);
      const receiving = store.receiveAndTake(row, [], { owner: 'me', seconds: 30 });
      expect(await settlesWithin(receiving, 300)).toBe(false);
      await holder.query(`DELETE FROM turn_lock WHERE "conversationId" = $1 AND owner = 'holder'`, [row.conversationId]);
      await holder.query('COMMIT');
      const { stored, pending } = await receiving;
      expect(stored.entry?.id).toBe(row.id);
      expect(pending?.messages.map((m) => m.id)).toEqual([row.id]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
