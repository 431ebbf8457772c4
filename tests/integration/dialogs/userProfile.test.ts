import { ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import { DigibankBot } from '../../../dialogs/digibankBot';
import { personOptOutRecord, UserProfileAccessor } from '../../../dialogs/userProfile';
import { MainDialog } from '../../../dialogs/mainDialog';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { testDialogServices } from '../../support/testDialogServices';
import { loadTriage, strictI18n as i18n, testTriage, texts } from '../../support/conversation';

beforeAll(loadTriage, 60_000);

for (const kind of databaseKinds) {
  describe(`one opt-out record (Person.optedOutAt) on ${kind}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
    });
    afterAll(() => db.drop());

    /** The whole bot on a channel, its opt-out on the database; the person chose Dutch. */
    function conversationOn(channel: string, userId: string) {
      const storage = new MemoryStorage();
      const userState = new UserState(storage);
      const profiles = new UserProfileAccessor(userState, personOptOutRecord(db.prisma));
      const triage = testTriage();
      const services = testDialogServices(db.prisma, { i18n, languages: profiles, privacy: profiles, triage });
      const bot = new DigibankBot(new ConversationState(storage), userState, new MainDialog(services), triage, services.handoffs);
      const adapter = new TestAdapter((context) => bot.run(context));
      adapter.conversation.channelId = channel;
      adapter.conversation.user = { id: userId, name: 'user' };
      const say = async (text: string) => {
        await adapter.processActivity(adapter.makeActivity(text));
        return adapter.activeQueue.splice(0);
      };
      return { say, profiles, adapter, storage };
    }
    const optedOutAt = async (channel: string, channelUserId: string) =>
      (await db.prisma.person.findUnique({ where: { channel_channelUserId: { channel, channelUserId } } }))?.optedOutAt ?? null;

    async function optOutByIntent(channel: string, userId: string) {
      const conversation = conversationOn(channel, userId);
      await conversation.say('nederlands');
      await conversation.say('stuur mij niks meer aub');
      expect(await optedOutAt(channel, userId)).toBeNull();
      return conversation.say('1');
    }

    test('the opt_out intent on WhatsApp sets Person.optedOutAt (the outbox senders\' check); answers still go out', async () => {
      const replies = await optOutByIntent('whatsapp', '32470000001');
      expect(texts(replies)).toEqual([i18n.t('nl', 'privacy.optOut.done')]);
      expect(replies[0].channelData).toBeUndefined();
      expect(await optedOutAt('whatsapp', '32470000001')).toBeInstanceOf(Date);
    });

    test('on SMS it is STOP: the SMS stop confirmation, sent as a control message', async () => {
      const replies = await optOutByIntent('sms', '+32470000002');
      expect(texts(replies)).toEqual([i18n.t('nl', 'channels.sms.stopped')]);
      expect(replies[0].channelData).toEqual({ smsControl: true });
      expect(await optedOutAt('sms', '+32470000002')).toBeInstanceOf(Date);
    });

    test('an earlier opt-out keeps its time; STOP and START (the SMS channel\'s writes) are what isOptedOut reads', async () => {
      const record = personOptOutRecord(db.prisma);
      const first = new Date('2026-11-01T10:00:00Z');
      await record.record('sms', '+32470000003', first);
      await record.record('sms', '+32470000003', new Date('2026-11-20T10:00:00Z'));
      expect(await record.optedOutAt('sms', '+32470000003')).toEqual(first);
      const { profiles, adapter } = conversationOn('sms', '+32470000003');
      const check = async () => {
        let result: boolean | undefined;
        await new TestAdapter(async (context) => {
          result = await profiles.isOptedOut(context);
        }).processActivity({ ...adapter.makeActivity('x'), channelId: 'sms', from: { id: '+32470000003', name: 'user' } });
        return result;
      };
      expect(await check()).toBe(true);
      // START, as adapters/sms/smsRecords.ts writes it
      await db.prisma.person.updateMany({ where: { channel: 'sms', channelUserId: '+32470000003' }, data: { optedOutAt: null } });
      expect(await check()).toBe(false);
    });

    test('no opt-out, no person row yet: not opted out', async () => {
      expect(await personOptOutRecord(db.prisma).optedOutAt('whatsapp', '32470009999')).toBeNull();
    });
  });
}
