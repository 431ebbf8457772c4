import { randomUUID } from 'node:crypto';
import { openDatabase, Database } from '../../../bot/database';
import {
  applyDeliveryStatus,
  enqueueOutbound,
  HoldError,
  OutboundMessage,
  OutboxSender,
  PermanentError,
  RetryableError,
  Sender,
} from '../../../bot/outboxSender';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

/** A fake provider: records what it accepted; `fail` decides per call. */
class FakeSender implements Sender<string> {
  readonly accepted: { conversationId: string; text: string }[] = [];
  calls = 0;
  constructor(readonly channel: string, private readonly fail: (text: string, call: number) => Error | undefined = () => undefined) {}
  async prepare(message: OutboundMessage) {
    if (message.activity.channelData?.hold) throw new HoldError('awaiting_window', 'outside_window');
    return { parts: (message.text ?? '').split('|') };
  }
  async send(message: OutboundMessage, part: string) {
    const error = this.fail(part, ++this.calls);
    if (error) throw error;
    await new Promise((resolve) => setImmediate(resolve));
    this.accepted.push({ conversationId: message.conversationId, text: part });
    return { providerMessageId: `p-${randomUUID()}` };
  }
}

async function conversation(db: Database, channel: string): Promise<string> {
  const person = await db.prisma.person.create({ data: { channel, channelUserId: `u-${randomUUID()}` } });
  const created = await db.prisma.conversation.create({
    data: { channel, channelConversationId: `c-${randomUUID()}`, personId: person.id, lastInboundAt: new Date() },
  });
  return created.id;
}

async function until(done: () => Promise<boolean>, tick: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 2000 && !(await done()); i++) {
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const texts = (sender: FakeSender, conversationId: string) => sender.accepted.filter((a) => a.conversationId === conversationId).map((a) => a.text);

describe.each(databaseKinds)('OutboxSender on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.drop();
  });

  test('sends each queued row once, in order per conversation; other channels stay queued', async () => {
    const fake = new FakeSender('fake-a');
    const outbox = new OutboxSender(db.prisma, { random: () => 0.5 });
    outbox.register(fake);
    const conversations = await Promise.all([1, 2, 3].map(() => conversation(db, 'fake-a')));
    for (const c of conversations) for (const text of ['1', '2', '3', '4']) await enqueueOutbound(db.prisma, c, 'fake-a', { text });
    const web = await conversation(db, 'webchat');
    await enqueueOutbound(db.prisma, web, 'webchat', { text: 'pull me' });
    await outbox.flush();
    for (const c of conversations) expect(texts(fake, c)).toEqual(['1', '2', '3', '4']);
    expect(await db.prisma.message.findFirst({ where: { conversationId: web } })).toMatchObject({ status: 'queued', attempts: 0 });
    const rows = await db.prisma.message.findMany({ where: { conversationId: conversations[0] } });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.providerMessageId && r.sentAt)).toBe(true);
  });

  test('5xx and network errors are retried with backoff; afterwards every part arrives once, in order', async () => {
    let outage = true;
    const fake = new FakeSender('fake-b', () => (outage ? new RetryableError('HTTP 500', 'http_500') : undefined));
    const outbox = new OutboxSender(db.prisma, { retryBaseMs: 1, retryMaxMs: 20, random: () => 0.5 });
    outbox.register(fake);
    const c = await conversation(db, 'fake-b');
    for (const text of ['a|b', 'c', 'd']) await enqueueOutbound(db.prisma, c, 'fake-b', { text });
    for (let i = 0; i < 4; i++) {
      await outbox.flush();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const during = await db.prisma.message.findMany({ where: { conversationId: c }, orderBy: { seq: 'asc' } });
    expect(during[0]).toMatchObject({ status: 'queued', errorCode: 'http_500' });
    expect(during[0].attempts).toBeGreaterThanOrEqual(2);
    expect(during[0].nextAttemptAt).toBeInstanceOf(Date);
    expect(during.slice(1).every((r) => r.attempts === 0)).toBe(true);
    outage = false;
    await until(async () => (await db.prisma.message.count({ where: { conversationId: c, status: 'sent' } })) === 3, () => outbox.flush());
    expect(texts(fake, c)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a part already accepted is not sent again when a later part fails', async () => {
    const fake = new FakeSender('fake-c', (text, call) => (text === 'y' && call === 2 ? new RetryableError('reset', 'network') : undefined));
    const outbox = new OutboxSender(db.prisma, { retryBaseMs: 1, retryMaxMs: 2 });
    outbox.register(fake);
    const c = await conversation(db, 'fake-c');
    await enqueueOutbound(db.prisma, c, 'fake-c', { text: 'x|y|z' });
    await until(async () => (await db.prisma.message.count({ where: { conversationId: c, status: 'sent' } })) === 1, () => outbox.flush());
    expect(texts(fake, c)).toEqual(['x', 'y', 'z']);
  });

  test('a permanent 4xx is recorded with the provider code; the next row still goes', async () => {
    const fake = new FakeSender('fake-d', (text) => (text === 'bad' ? new PermanentError('HTTP 400', '131026') : undefined));
    const outbox = new OutboxSender(db.prisma);
    outbox.register(fake);
    const c = await conversation(db, 'fake-d');
    for (const text of ['bad', 'good']) await enqueueOutbound(db.prisma, c, 'fake-d', { text });
    await outbox.flush();
    const rows = await db.prisma.message.findMany({ where: { conversationId: c }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([['failed', '131026'], ['sent', null]]);
  });

  test('a held row stays visible and blocks later rows until the window reopens', async () => {
    const fake = new FakeSender('fake-e');
    const outbox = new OutboxSender(db.prisma);
    outbox.register(fake);
    const c = await conversation(db, 'fake-e');
    await db.prisma.conversation.update({ where: { id: c }, data: { lastInboundAt: new Date(Date.now() - 48 * 3600_000) } });
    await enqueueOutbound(db.prisma, c, 'fake-e', { text: 'late', channelData: { hold: true } });
    await enqueueOutbound(db.prisma, c, 'fake-e', { text: 'after' });
    await outbox.flush();
    expect(texts(fake, c)).toEqual([]);
    expect((await db.prisma.message.findMany({ where: { conversationId: c }, orderBy: { seq: 'asc' } })).map((r) => r.status)).toEqual(['awaiting_window', 'queued']);
    await db.prisma.conversation.update({ where: { id: c }, data: { lastInboundAt: new Date() } });
    await db.prisma.message.updateMany({ where: { conversationId: c }, data: { activity: { type: 'message' } } });
    await outbox.flush();
    expect(texts(fake, c)).toEqual(['late', 'after']);
  });

  test('delivery statuses apply out of order without going back', async () => {
    const c = await conversation(db, 'fake-f');
    const id = await enqueueOutbound(db.prisma, c, 'fake-f', { text: 'x' });
    await db.prisma.message.update({ where: { id }, data: { status: 'sent', providerMessageId: 'wamid.1' } });
    expect(await applyDeliveryStatus(db.prisma, 'fake-f', 'wamid.1', 'read')).toBe(true);
    expect(await applyDeliveryStatus(db.prisma, 'fake-f', 'wamid.1', 'delivered')).toBe(false);
    expect(await applyDeliveryStatus(db.prisma, 'fake-f', 'wamid.1', 'sent')).toBe(false);
    expect(await db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'read' });
  });

  test('a row its channel holds for the window goes out through the fallback channel, recorded on the row', async () => {
    const held = new FakeSender('fake-h');
    const via = new FakeSender('fake-h-sms');
    const outbox = new OutboxSender(db.prisma);
    outbox.register(held);
    outbox.register(via);
    outbox.registerFallback('fake-h', 'fake-h-sms');
    const c = await conversation(db, 'fake-h');
    const id = await enqueueOutbound(db.prisma, c, 'fake-h', { text: 'late|part two', channelData: { hold: true } });
    await enqueueOutbound(db.prisma, c, 'fake-h', { text: 'next' });
    await outbox.flush();
    expect(texts(held, c)).toEqual(['next']);
    expect(texts(via, c)).toEqual(['late', 'part two']);
    const row = await db.prisma.message.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ channel: 'fake-h-sms', status: 'sent', partsSent: 2 });
    expect((row.activity as { providerPartIds?: string[] }).providerPartIds).toHaveLength(2);
  });

  test('when the fallback refuses too (opted out), the row is held with both reasons and nothing is sent', async () => {
    const held = new FakeSender('fake-i');
    const refusing: Sender<string> = {
      channel: 'fake-i-sms',
      prepare: async () => {
        throw new HoldError('suppressed', 'opted_out');
      },
      send: async () => {
        throw new Error('must not send');
      },
    };
    const outbox = new OutboxSender(db.prisma);
    outbox.register(held);
    outbox.register(refusing);
    outbox.registerFallback('fake-i', 'fake-i-sms');
    const c = await conversation(db, 'fake-i');
    const id = await enqueueOutbound(db.prisma, c, 'fake-i', { text: 'late', channelData: { hold: true } });
    await outbox.flush();
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id } })).toMatchObject({
      channel: 'fake-i', status: 'awaiting_window', error: 'outside_window; fake-i-sms: opted_out', partsSent: 0,
    });
  });

  test('a status about any part of a split row applies; a row still being sent takes none', async () => {
    const fake = new FakeSender('fake-j');
    const outbox = new OutboxSender(db.prisma);
    outbox.register(fake);
    const c = await conversation(db, 'fake-j');
    const id = await enqueueOutbound(db.prisma, c, 'fake-j', { text: 'a|b|c' });
    await outbox.flush();
    const row = await db.prisma.message.findUniqueOrThrow({ where: { id } });
    const ids = (row.activity as { providerPartIds: string[] }).providerPartIds;
    expect(ids).toHaveLength(3);
    expect(row.providerMessageId).toBe(ids[2]);
    expect(await applyDeliveryStatus(db.prisma, 'fake-j', ids[0], 'delivered')).toBe(true);
    expect(await applyDeliveryStatus(db.prisma, 'fake-j', ids[1], 'delivered')).toBe(false);
    expect(await applyDeliveryStatus(db.prisma, 'fake-j', 'p-unknown', 'read')).toBe(false);
    expect(await db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'delivered' });
    await db.prisma.message.update({ where: { id }, data: { status: 'sending' } });
    expect(await applyDeliveryStatus(db.prisma, 'fake-j', ids[2], 'read')).toBe(false);
    expect(await db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'sending' });
  });

  test('backoff grows exponentially with jitter and is capped', () => {
    const low = new OutboxSender(db.prisma, { retryBaseMs: 1000, retryMaxMs: 60_000, random: () => 0 });
    const high = new OutboxSender(db.prisma, { retryBaseMs: 1000, retryMaxMs: 60_000, random: () => 0.999999 });
    expect([1, 2, 3, 4].map((n) => low.backoff(n))).toEqual([500, 1000, 2000, 4000]);
    expect(high.backoff(3)).toBeLessThanOrEqual(4000);
    expect(high.backoff(30)).toBeLessThanOrEqual(60_000);
    expect(low.backoff(30)).toBe(30_000);
  });

  test('two senders on one database: every row sent exactly once, in order', async () => {
    const second = kind === 'postgres' ? await openDatabase(db.target) : db;
    const fake = new FakeSender('fake-g');
    const outboxes = [new OutboxSender(db.prisma), new OutboxSender(second.prisma)];
    outboxes.forEach((o) => o.register(fake));
    const conversations = await Promise.all(Array.from({ length: 10 }, () => conversation(db, 'fake-g')));
    for (const c of conversations) for (const text of ['1', '2', '3', '4', '5']) await enqueueOutbound(db.prisma, c, 'fake-g', { text });
    await Promise.all([...outboxes.map((o) => o.flush()), ...outboxes.map((o) => o.flush())]);
    await Promise.all(outboxes.map((o) => o.flush()));
    for (const c of conversations) expect(texts(fake, c)).toEqual(['1', '2', '3', '4', '5']);
    expect(fake.accepted).toHaveLength(50);
    if (second !== db) await second.close();
  });
});
