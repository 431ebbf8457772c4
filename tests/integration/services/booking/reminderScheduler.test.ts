import { ReminderScheduler } from '../../../../services/booking/reminderScheduler';
import { OutboxCitizenNotifier } from '../../../../outbox/outboxCitizenNotifier';
import { translator } from '../../../../i18n/translator';
import { BookingService } from '../../../../services/booking/bookingService';
import { SlotService } from '../../../../services/booking/slotService';
import { createTestDatabase, TestDatabase } from '../../../support/database';
import { createLocation, createSlot } from './bookingFixtures';

// Monday 23 November 2026 in Brussels; the appointment is on Tuesday 24 November at 10:00.
const BEFORE_HOUR = new Date('2026-11-23T16:00:00Z'); // 17:00
const AFTER_HOUR = new Date('2026-11-23T17:05:00Z'); // 18:05

describe('ReminderScheduler', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
  });
  afterAll(() => db.drop());

  test('a due reminder is queued once, after the hour, on the person\'s SMS conversation in their language', async () => {
    const { locationId } = await createLocation(db.prisma);
    const person = await db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32470000001', language: 'fr' } });
    const conversation = await db.prisma.conversation.create({ data: { channel: 'sms', channelConversationId: '+32470000001', personId: person.id } });
    const slotId = await createSlot(db.prisma, locationId, '2026-11-24', '10:00', 1);
    const booked = await new BookingService(db.prisma, { slots: new SlotService(db.prisma) }).book({ personId: person.id, slotId }, new Date('2026-11-20T10:00:00Z'));
    expect(booked.kind).toBe('booked');

    const scheduler = new ReminderScheduler(db.prisma, translator, new OutboxCitizenNotifier(db.prisma, translator, 'nl'), { hour: 18 });
    expect(await scheduler.tick(BEFORE_HOUR)).toBe(0);
    expect(await scheduler.tick(AFTER_HOUR)).toBe(1);
    expect(await scheduler.tick(AFTER_HOUR)).toBe(0);

    const rows = await db.prisma.message.findMany({ where: { conversationId: conversation.id, direction: 'out' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', status: 'queued' });
    expect(rows[0].text).toContain('Rappel');
    expect(rows[0].text).toContain('mardi 24 novembre');
    const activity = rows[0].activity as { suggestedActions?: { actions: { title: string }[] } };
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Je viens', 'Annuler']);
  });
});
