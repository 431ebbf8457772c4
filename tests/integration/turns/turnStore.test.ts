import { randomUUID } from 'node:crypto';
import { InboundRow, TurnStore } from '../../../turns/turnStore';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

describe.each(databaseKinds)('TurnStore: the inbox and a turn\'s commit (%s)', (kind) => {
  let db: TestDatabase;
  let store: TurnStore;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    store = new TurnStore(db.sql);
  }, 60_000);
  afterAll(() => db?.drop());

  const inbound = (overrides: Partial<InboundRow> = {}): InboundRow => ({
    id: randomUUID(), channel: 'whatsapp', channelConversationId: randomUUID(), channelUserId: randomUUID(), text: 'hoi', activity: { type: 'message', text: 'hoi' }, providerMessageId: null, receivedAt: new Date(), ...overrides,
  });

  test('a first contact creates the person and the conversation; later messages join them', async () => {
    const first = inbound();
    const stored = await store.insertInbound(first);
    expect(stored.stored).toBe(true);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { id: stored.conversationId }, include: { person: true } });
    expect(conversation).toMatchObject({ channel: 'whatsapp', channelConversationId: first.channelConversationId, person: { channelUserId: first.channelUserId } });
    // Without the id (a process that has not seen the conversation yet), and with it.
    const again = await store.insertInbound(inbound({ channelConversationId: first.channelConversationId, channelUserId: first.channelUserId }));
    const known = await store.insertInbound(inbound({ conversationId: stored.conversationId }));
    expect([again.conversationId, known.conversationId]).toEqual([stored.conversationId, stored.conversationId]);
    expect(await db.prisma.message.count({ where: { conversationId: stored.conversationId } })).toBe(3);
  });

  test('a second delivery of a provider\'s message is not stored again', async () => {
    const providerMessageId = `wamid.${randomUUID()}`;
    const first = await store.insertInbound(inbound({ providerMessageId }));
    const duplicates = await Promise.all([1, 2].map(() => store.insertInbound(inbound({ conversationId: first.conversationId, providerMessageId }))));
    expect(duplicates.map((d) => d.stored)).toEqual([false, false]);
    expect(await db.prisma.message.count({ where: { providerMessageId } })).toBe(1);
  });

  test('storing a message notes when the person last wrote (the WhatsApp window); a duplicate does not move it', async () => {
    const receivedAt = new Date('2026-12-05T07:00:00.123Z');
    const providerMessageId = `wamid.${randomUUID()}`;
    const { conversationId } = await store.insertInbound(inbound({ receivedAt, providerMessageId }));
    const lastInboundAt = async () => (await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).lastInboundAt;
    expect(await lastInboundAt()).toEqual(receivedAt);
    await store.insertInbound(inbound({ conversationId, providerMessageId, receivedAt: new Date('2026-12-05T08:00:00Z') }));
    expect(await lastInboundAt()).toEqual(receivedAt);
  });

  test('pending: the conversation\'s unprocessed inbound messages, oldest first, as stored', async () => {
    const { conversationId } = await store.insertInbound(inbound({ text: 'one', activity: { type: 'message', text: 'one' } }));
    await store.insertInbound(inbound({ conversationId, text: 'two', activity: { type: 'message', text: 'two' } }));
    await store.insertInbound(inbound()); // another conversation
    const pending = await store.pending(conversationId);
    expect(pending.map((m) => [m.activity.text, m.channel, m.attempts, m.conversationId])).toEqual([['one', 'whatsapp', 0, conversationId], ['two', 'whatsapp', 0, conversationId]]);
    expect(await store.conversationsWithPending()).toContain(conversationId);
  });

  test('a turn\'s commit: replies in order, the message processed', async () => {
    const { conversationId } = await store.insertInbound(inbound());
    const [message] = await store.pending(conversationId);
    const outbound = ['eerste', 'tweede', 'derde'].map((text) => ({ id: randomUUID(), text, activity: { type: 'message', text } }));
    await db.sql.transaction((tx) => TurnStore.commitTurn(tx, { message, outbound }));
    const replies = await db.prisma.message.findMany({ where: { conversationId, direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(replies.map((r) => [r.id, r.text, r.status])).toEqual(outbound.map((o) => [o.id, o.text, 'queued']));
    expect(await store.pending(conversationId)).toEqual([]);
    expect(await store.conversationsWithPending()).not.toContain(conversationId);
  });

  test('a commit whose transaction fails leaves no reply and the message pending', async () => {
    const { conversationId } = await store.insertInbound(inbound());
    const [message] = await store.pending(conversationId);
    const outbound = [{ id: randomUUID(), text: 'x', activity: { type: 'message', text: 'x' } }];
    await expect(db.sql.transaction(async (tx) => {
      await TurnStore.commitTurn(tx, { message, outbound });
      throw new Error('crash before commit');
    })).rejects.toThrow('crash before commit');
    expect(await db.prisma.message.count({ where: { conversationId, direction: 'out' } })).toBe(0);
    expect((await store.pending(conversationId)).map((m) => m.id)).toEqual([message.id]);
  });

  test('failed attempts are counted; after the last one the message is no longer pending', async () => {
    const { conversationId } = await store.insertInbound(inbound());
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [message] = await store.pending(conversationId);
      expect(message.attempts).toBe(attempt - 1);
      await store.recordFailure(message, 'Error', 3);
    }
    expect(await store.pending(conversationId)).toEqual([]);
    expect(await db.prisma.message.findFirstOrThrow({ where: { conversationId } })).toMatchObject({ status: 'failed', attempts: 3, error: 'Error' });
  });
});
