import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { RetentionService } from '../../../../services/privacy/retentionService';
import { AuditTrail } from '../../../../services/privacy/auditTrail';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

const DAY = 86_400_000;
/** The fake clock: "now" of the first daily run. */
const NOW = new Date('2026-12-05T03:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const POLICY = { retentionDays: 90, auditRetentionDays: 365 };

describe.each(databaseKinds)('retention on %s (RETENTION_DAYS=90, a fake clock)', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A person with one conversation whose last message (and state) is `days` old. */
  async function personActive(channelUserId: string, days: number) {
    const at = daysAgo(days);
    const person = await db.prisma.person.create({ data: { channel: 'whatsapp', channelUserId, createdAt: at, lastSeenAt: at } });
    const conversation = await db.prisma.conversation.create({ data: { channel: 'whatsapp', channelConversationId: channelUserId, personId: person.id, createdAt: at, lastInboundAt: at } });
    await db.prisma.message.create({ data: { conversationId: conversation.id, channel: 'whatsapp', direction: 'in', text: `hello from ${channelUserId}`, activity: { from: { id: channelUserId } }, status: 'processed', createdAt: at } });
    const key = `whatsapp/users/${channelUserId}/`;
    await db.prisma.botStateItem.create({ data: { key, data: { UserProfile: { language: 'nl' } }, etag: '1' } });
    await db.prisma.$executeRaw`UPDATE bot_state SET "updatedAt" = ${at} WHERE key = ${key}`;
    return person;
  }

  async function aBooking(personId: string, startsAt: Date) {
    const digibank = await db.prisma.digibank.create({ data: { name: 'Digibank Retentie' } });
    const location = await db.prisma.location.create({ data: { digibankId: digibank.id, name: 'Bib', address: 'Markt 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.8, longitude: 3.26 } });
    const slot = await db.prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), capacity: 2, booked: 1 } });
    return db.prisma.booking.create({ data: { reference: ReferenceCode.generate(), personId, kind: 'helpdesk', slotId: slot.id, locationId: location.id, postcode: '8500', notes: 'Kerkstraat 12', startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt, createdAt: startsAt, updatedAt: startsAt } });
  }

  test('a daily run, once across processes, deletes what is older than the policy and keeps the rest', async () => {
    const gone = await personActive('32470000001', 200);
    const booked = await personActive('32470000002', 150);
    const booking = await aBooking(booked.id, daysAgo(140));
    await db.prisma.$executeRaw`UPDATE booking SET "updatedAt" = ${daysAgo(140)} WHERE id = ${booking.id}`;
    const recent = await personActive('32470000003', 10);
    const audit = new AuditTrail(db.prisma, () => daysAgo(400));
    await audit.record({ actorId: 'u1', actorName: 'chief', action: 'conversation.view', subjectType: 'conversation', subjectId: 'c-old' });
    await new AuditTrail(db.prisma, () => daysAgo(5)).record({ actorId: 'u1', actorName: 'chief', action: 'conversation.view', subjectType: 'conversation', subjectId: 'c-new' });

    // Two processes wake at the same moment: one runs the purge.
    const results = await Promise.all([new RetentionService(db.prisma, POLICY).runIfDue(NOW), new RetentionService(db.prisma, POLICY).runIfDue(NOW)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const result = results.find((r) => r !== null);
    expect(result).toMatchObject({ messages: 2, stateItems: 2, peopleErased: 2, peopleDeleted: 1, auditEvents: 1 });

    // The inactive person without records is gone; the one with an old appointment is anonymous, the appointment kept.
    expect(await db.prisma.person.findUnique({ where: { id: gone.id } })).toBeNull();
    const anonymous = await db.prisma.person.findUniqueOrThrow({ where: { id: booked.id } });
    expect(anonymous.channelUserId).toBe(`erased:${booked.id}`);
    expect(await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: 'booked', notes: null, postcode: null });
    // The recent person keeps everything.
    expect(await db.prisma.message.count({ where: { conversation: { personId: recent.id } } })).toBe(1);
    expect(await db.prisma.botStateItem.count({ where: { key: 'whatsapp/users/32470000003/' } })).toBe(1);
    expect((await db.prisma.auditEvent.findMany()).map((e) => e.subjectId)).toEqual(['c-new']);

    // The same day again (an hourly check): nothing; a day later: the next run.
    expect(await new RetentionService(db.prisma, POLICY).runIfDue(new Date(NOW.getTime() + 3600_000))).toBeNull();
    expect(await new RetentionService(db.prisma, POLICY).runIfDue(new Date(NOW.getTime() + DAY))).not.toBeNull();
  });

  test('the audit trail is append-only: no update, no delete outside the purge', async () => {
    await new AuditTrail(db.prisma).record({ actorId: 'u2', actorName: 'anna', action: 'person.export', subjectType: 'person', subjectId: 'p1' });
    await expect(db.prisma.auditEvent.updateMany({ data: { actorName: 'someone else' } })).rejects.toThrow();
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(db.prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow();
    expect(await db.prisma.auditEvent.count({ where: { subjectId: 'p1' } })).toBe(1);
  });
});
