import { OutboxCitizenNotifier } from '../../../../outbox/outboxCitizenNotifier';
import { translator } from '../../../../i18n/translator';
import { WorkshopAdmin } from '../../../../services/workshops/workshopAdmin';
import { WorkshopReminderScheduler } from '../../../../services/workshops/workshopReminderScheduler';
import { WorkshopService } from '../../../../services/workshops/workshopService';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createLocation } from '../booking/bookingFixtures';

// Sunday 28 March 2027, the day clocks go forward in Brussels: 17:00 and 18:05 CEST. The series
// meets on Monday 29 March and the Monday after, at 14:00.
const BEFORE_HOUR = new Date('2027-03-28T15:00:00Z');
const AFTER_HOUR = new Date('2027-03-28T16:05:00Z');
const REGISTERED_AT = new Date('2027-03-20T10:00:00Z');

for (const kind of databaseKinds) {
  describe(`WorkshopReminderScheduler on ${kind}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
    });
    afterAll(() => db.drop());

    async function personOn(channel: string, id: string, language: string) {
      const person = await db.prisma.person.create({ data: { channel, channelUserId: id, language } });
      const conversation = await db.prisma.conversation.create({ data: { channel, channelConversationId: id, personId: person.id } });
      return { personId: person.id, conversationId: conversation.id };
    }

    test('the day before a session (across the daylight-saving change), once, to those holding a seat, in their language', async () => {
      const { digibankId, locationId } = await createLocation(db.prisma);
      const workshops = new WorkshopService(db.prisma);
      const created = await new WorkshopAdmin(db.prisma, workshops).create(digibankId, {
        locationId, title: { nl: 'Smartphone', fr: 'Smartphone (cours)' }, topic: 'smartphone_basics', language: 'nl', seats: 1, sessions: WorkshopAdmin.weekly('2027-03-29', '14:00', 120, 2),
      });
      if (created.kind !== 'saved') throw new Error('not created');
      const seated = await personOn('sms', '+32470000101', 'fr');
      const waiting = await personOn('sms', '+32470000102', 'nl');
      expect((await workshops.register(seated.personId, created.workshop.id, REGISTERED_AT)).kind).toBe('registered');
      expect((await workshops.register(waiting.personId, created.workshop.id, REGISTERED_AT)).kind).toBe('waiting');

      const scheduler = new WorkshopReminderScheduler(db.prisma, new OutboxCitizenNotifier(db.prisma, translator, 'nl'), { hour: 18 });
      expect(await scheduler.tick(BEFORE_HOUR)).toBe(0);
      expect(await scheduler.tick(AFTER_HOUR)).toBe(1);
      expect(await scheduler.tick(AFTER_HOUR)).toBe(0);

      const rows = await db.prisma.message.findMany({ where: { conversationId: seated.conversationId, direction: 'out' } });
      expect(rows).toHaveLength(1);
      expect(rows[0].text).toContain('Rappel');
      expect(rows[0].text).toContain('lundi 29 mars');
      expect(rows[0].text).toContain('14:00');
      expect(rows[0].text).toContain('Smartphone (cours)');
      expect(await db.prisma.message.count({ where: { conversationId: waiting.conversationId, direction: 'out' } })).toBe(0);
    });
  });
}
