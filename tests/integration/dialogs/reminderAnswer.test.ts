import { createAssistant, Assistant } from '../../../app/assistant';
import { translator } from '../../../i18n/translator';
import { ReminderScheduler } from '../../../services/booking/reminderScheduler';
import { Triage } from '../../../triage/triage';
import { BookingService } from '../../../services/booking/bookingService';
import { SlotService } from '../../../services/booking/slotService';
import { BrusselsTime } from '../../../i18n/brusselsTime';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { createLocation, createSlot } from '../services/booking/bookingFixtures';

/**
 * Answering the day-before reminder ("1. I'll come  2. Cancel") on SMS: "2" or a cancel word
 * cancels that booking at once, "1" keeps it; once the assistant said something else, "2" is the
 * menu's second entry again.
 */
describe.each(databaseKinds)('answering a reminder (%s)', (kind) => {
  let db: TestDatabase;
  let assistant: Assistant;
  let conversations = 0;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    assistant = createAssistant(db, { maxMessageLength: 4000, triage: await Triage.load() });
  }, 60_000);
  afterAll(async () => {
    await assistant.runner.stop();
    await db.drop();
  });

  /** A person on SMS who chose `language`, with a booking tomorrow and its reminder sent. */
  async function remindedPerson(language: 'nl' | 'fr' | 'en') {
    conversations += 1;
    const sender = `+3247000${String(conversations).padStart(4, '0')}`;
    const say = async (text: string): Promise<void> => {
      await assistant.runner.receive({ channel: 'sms', channelConversationId: sender, channelUserId: sender, activity: { type: 'message', text } });
      await assistant.runner.idle();
    };
    await say('👋');
    await say({ nl: 'Nederlands', fr: 'Français', en: 'English' }[language]);
    const person = await db.prisma.person.findUniqueOrThrow({ where: { channel_channelUserId: { channel: 'sms', channelUserId: sender } } });
    const now = new Date();
    const { locationId } = await createLocation(db.prisma);
    const tomorrow = BrusselsTime.addDays(BrusselsTime.localDate(now), 1);
    const slotId = await createSlot(db.prisma, locationId, tomorrow, '10:00', 1);
    const booked = await new BookingService(db.prisma, { slots: new SlotService(db.prisma) }).book({ personId: person.id, slotId }, now);
    if (booked.kind !== 'booked') throw new Error(`not booked: ${booked.kind}`);
    const reminders = new ReminderScheduler(db.prisma, translator, assistant.notifier, { hour: 0 });
    expect(await reminders.tick(now)).toBe(1);
    const lastReply = async () =>
      (await db.prisma.message.findFirstOrThrow({ where: { conversation: { channelConversationId: sender }, direction: 'out' }, orderBy: { seq: 'desc' } })).text;
    const status = async () => (await db.prisma.booking.findUniqueOrThrow({ where: { id: booked.booking.id } })).status;
    const placesTaken = async () => (await db.prisma.helpdeskSlot.findUniqueOrThrow({ where: { id: slotId } })).booked;
    return { say, lastReply, status, placesTaken };
  }

  test.each([
    ['nl', '2'],
    ['nl', 'annuleren'],
    ['fr', '2️⃣'],
    ['fr', 'Annuler'],
    ['en', "I can't come"],
  ] as const)('%s: "%s" cancels the booking at once and frees the place', async (language, answer) => {
    const person = await remindedPerson(language);
    await person.say(answer);
    expect(await person.status()).toBe('cancelled');
    expect(await person.placesTaken()).toBe(0);
    const replies = await db.prisma.message.findMany({ where: { direction: 'out' }, orderBy: { seq: 'desc' }, take: 2 });
    const cancelled = translator.t(language, 'booking.manage.cancelled', { date: 'DATE', time: 'TIME' }).split('DATE')[0];
    expect(replies.map((reply) => reply.text).some((text) => text?.startsWith(cancelled))).toBe(true);
    expect(await person.lastReply()).toBe(translator.t(language, 'menu.again'));
  });

  test.each([
    ['nl', '1'],
    ['en', 'ok'],
  ] as const)('%s: "%s" keeps it', async (language, answer) => {
    const person = await remindedPerson(language);
    await person.say(answer);
    expect(await person.status()).toBe('booked');
    const replies = await db.prisma.message.findMany({ where: { direction: 'out' }, orderBy: { seq: 'desc' }, take: 2 });
    expect(replies.map((reply) => reply.text)).toContain(translator.t(language, 'booking.manage.kept'));
  });

  test('after the assistant said something else, "2" is the menu again and the booking stays', async () => {
    const person = await remindedPerson('nl');
    await person.say('menu');
    await person.say('2');
    expect(await person.status()).toBe('booked');
    expect(await person.lastReply()).not.toBe(translator.t('nl', 'booking.manage.kept'));
  });
});
