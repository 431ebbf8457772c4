import { randomUUID } from 'node:crypto';
import { openDatabase, Database } from '../../../db/database';
import { applyDeliveryStatus, recordAcceptedPart } from '../../../outbox/deliveryStatus';
import { enqueueOutbound } from '../../../outbox/enqueueOutbound';
import { OutboxSender } from '../../../outbox/outboxSender';
import { HoldError, OutboundMessage, PermanentError, RetryableError, Sender, SentPart } from '../../../outbox/sender';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

/** A fake provider: records what it accepted; `fail` decides per call. */
class FakeSender implements Sender<string> {
  readonly accepted: { conversationId: string; text: string }[] = [];
  calls = 0;
  constructor(readonly channel: string, private readonly fail: (text: string, call: number) => Error | undefined = () => undefined) {}
  async prepare(message: OutboundMessage) {
    // Held like WhatsApp outside its window; a fallback sender ("…-sms") sends it.
    if (message.activity.channelData?.hold && !this.channel.endsWith('-sms')) throw new HoldError('awaiting_window', 'outside_window');
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

/**
 * A provider that names each accepted part (as the callback data the real senders pass) and can
 * "die" on a call: it accepts the part and never answers, like a process killed right after the
 * provider accepted a send, before recording it.
 */
class DyingSender implements Sender<string> {
  readonly accepted: (SentPart & { text: string; providerMessageId: string })[] = [];
  calls = 0;
  constructor(readonly channel: string, private readonly dieOnCall: number, private readonly onAccepted?: (part: SentPart, providerMessageId: string) => Promise<void>) {}
  async prepare(message: OutboundMessage) {
    return { parts: (message.text ?? '').split('|') };
  }
  async send(message: OutboundMessage, text: string, index: number) {
    const providerMessageId = `p-${randomUUID()}`;
    this.accepted.push({ messageId: message.id, part: index, text, providerMessageId });
    if (++this.calls === this.dieOnCall) return new Promise<never>(() => undefined);
    await this.onAccepted?.({ messageId: message.id, part: index }, providerMessageId);
    return { providerMessageId };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    await db.prisma.conversation.update({ where: { id: c }, data: { lastInboundAt: new Date(Date.now() - 48 * 3600_000) } }); // outside the window
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
    await db.prisma.conversation.update({ where: { id: c }, data: { lastInboundAt: new Date(Date.now() - 48 * 3600_000) } }); // outside the window
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

  /** A row whose first sender "dies" after the provider accepted its first part, and the outbox of the restarted process. */
  async function diedInFlight(channel: string, text: string, timing: { leaseMs: number; doubtMs: number }) {
    const provider = new DyingSender(channel, 1);
    const first = new OutboxSender(db.prisma, timing);
    first.register(provider);
    const c = await conversation(db, channel);
    const id = await enqueueOutbound(db.prisma, c, channel, { text });
    void first.flush();
    await until(async () => provider.accepted.length === 1, async () => undefined);
    const restarted = new OutboxSender(db.prisma, timing);
    restarted.register(provider);
    await sleep(timing.leaseMs + 50); // the dead sender's lease has expired
    const row = () => db.prisma.message.findUniqueOrThrow({ where: { id } });
    return { provider, restarted, id, row };
  }

  test('a part in flight when its sender died, proven by a status callback: recorded, never sent again', async () => {
    const split = await diedInFlight('fake-k', 'a|b', { leaseMs: 100, doubtMs: 60_000 });
    await split.restarted.flush();
    expect(split.provider.accepted.map((a) => a.text)).toEqual(['a']); // in doubt: not resent at once
    expect(await split.row()).toMatchObject({ status: 'sending', partsSent: 0 });
    const [accepted] = split.provider.accepted;
    expect(await recordAcceptedPart(db.prisma, 'fake-k', { messageId: split.id, part: 0 }, accepted.providerMessageId)).toBe(true);
    await split.restarted.flush();
    expect(split.provider.accepted.map((a) => a.text)).toEqual(['a', 'b']);
    const sent = await split.row();
    expect(sent).toMatchObject({ status: 'sent', partsSent: 2 });
    expect((sent.activity as { providerPartIds?: string[] }).providerPartIds).toEqual(split.provider.accepted.map((a) => a.providerMessageId));
    expect(sent.activity).not.toHaveProperty('outboxAttempt');

    // A one-part row proven while no sender holds it is marked sent without a provider call.
    const single = await diedInFlight('fake-k2', 'x', { leaseMs: 100, doubtMs: 60_000 });
    expect(await recordAcceptedPart(db.prisma, 'fake-k2', { messageId: single.id, part: 0 }, single.provider.accepted[0].providerMessageId)).toBe(true);
    await single.restarted.flush();
    expect(single.provider.accepted.map((a) => a.text)).toEqual(['x']);
    expect(await single.row()).toMatchObject({ status: 'sent', partsSent: 1, providerMessageId: single.provider.accepted[0].providerMessageId });
    expect(await applyDeliveryStatus(db.prisma, 'fake-k2', single.provider.accepted[0].providerMessageId, 'delivered')).toBe(true);
  });

  test('a part in flight when its sender died, without proof: sent again once, after the grace period', async () => {
    const doubtMs = 800;
    const { provider, restarted, row } = await diedInFlight('fake-l', 'a|b', { leaseMs: 100, doubtMs });
    const attemptedAt = Date.now() - 150;
    await restarted.flush();
    expect(provider.accepted.map((a) => a.text)).toEqual(['a']);
    await until(async () => (await row()).status === 'sent', () => restarted.flush());
    expect(Date.now() - attemptedAt).toBeGreaterThanOrEqual(doubtMs - 100);
    expect(provider.accepted.map((a) => a.text)).toEqual(['a', 'a', 'b']); // the residual risk: no status came
    await restarted.flush();
    expect(provider.accepted).toHaveLength(3);
    // Rows never attempted do not wait: a fresh row on the same channel goes at once.
    const c = await conversation(db, 'fake-l');
    await enqueueOutbound(db.prisma, c, 'fake-l', { text: 'now' });
    await restarted.flush();
    expect(provider.accepted.map((a) => a.text)).toEqual(['a', 'a', 'b', 'now']);
  });

  test('duplicate, late and racing status callbacks are harmless', async () => {
    // The provider's status races the sender's own record of the part (Meta may post before it answers).
    const proofs: boolean[] = [];
    const provider = new DyingSender('fake-m', 0, async (part, providerMessageId) => {
      proofs.push(await recordAcceptedPart(db.prisma, 'fake-m', part, providerMessageId));
    });
    const outbox = new OutboxSender(db.prisma);
    outbox.register(provider);
    const c = await conversation(db, 'fake-m');
    const id = await enqueueOutbound(db.prisma, c, 'fake-m', { text: 'a|b|c' });
    await outbox.flush();
    expect(proofs).toEqual([true, true, true]);
    const row = await db.prisma.message.findUniqueOrThrow({ where: { id } });
    const ids = provider.accepted.map((a) => a.providerMessageId);
    expect(provider.accepted.map((a) => a.text)).toEqual(['a', 'b', 'c']);
    expect(row).toMatchObject({ status: 'sent', partsSent: 3, providerMessageId: ids[2] });
    expect((row.activity as { providerPartIds?: string[] }).providerPartIds).toEqual(ids);

    // Repeated and late callbacks, a part out of range, an unknown row, another channel: nothing changes.
    for (const [part, providerId] of ids.entries()) {
      expect(await recordAcceptedPart(db.prisma, 'fake-m', { messageId: id, part }, providerId)).toBe(false);
    }
    expect(await recordAcceptedPart(db.prisma, 'fake-m', { messageId: id, part: 7 }, 'p-other')).toBe(false);
    expect(await recordAcceptedPart(db.prisma, 'fake-m', { messageId: randomUUID(), part: 0 }, 'p-other')).toBe(false);
    expect(await recordAcceptedPart(db.prisma, 'fake-other', { messageId: id, part: 0 }, 'p-other')).toBe(false);
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id } })).toEqual(row);
    await outbox.flush();
    expect(provider.accepted).toHaveLength(3);
  });

  test('a timeout puts the part in doubt: its retry waits the grace period unless a status proves it', async () => {
    let calls = 0;
    const accepted: string[] = [];
    const timingOut: Sender<string> = {
      channel: 'fake-n',
      prepare: async (message) => ({ parts: (message.text ?? '').split('|') }),
      send: async (message, text) => {
        accepted.push(text); // the provider took it; the answer did not come back in time
        if (++calls === 1) throw new RetryableError('network: TimeoutError', 'timeout', undefined, true);
        return { providerMessageId: `p-${randomUUID()}` };
      },
    };
    const outbox = new OutboxSender(db.prisma, { retryBaseMs: 1, retryMaxMs: 2, doubtMs: 60_000 });
    outbox.register(timingOut);
    const c = await conversation(db, 'fake-n');
    const id = await enqueueOutbound(db.prisma, c, 'fake-n', { text: 'a|b' });
    await outbox.flush();
    const waiting = await db.prisma.message.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: 'queued', errorCode: 'timeout', partsSent: 0 });
    expect(waiting.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await sleep(20);
    await outbox.flush();
    expect(accepted).toEqual(['a']);
    expect(await recordAcceptedPart(db.prisma, 'fake-n', { messageId: id, part: 0 }, 'p-late-proof')).toBe(true);
    await outbox.flush();
    expect(accepted).toEqual(['a', 'b']);
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', partsSent: 2 });
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
