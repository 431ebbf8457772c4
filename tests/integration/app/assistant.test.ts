import { createAssistant, Assistant } from '../../../app/assistant';
import { translator } from '../../../i18n/translator';
import { Triage } from '../../../triage/triage';
import { createTestDatabase, TestDatabase } from '../../support/database';

describe('the assistant on the embedded database', () => {
  let db: TestDatabase;
  let assistant: Assistant;
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    assistant = createAssistant(db, { maxMessageLength: 4000, triage: await Triage.load() });
  }, 60_000);
  afterAll(async () => {
    await assistant.runner.stop();
    await db.drop();
  });

  const send = (text: string) =>
    assistant.runner.receive({ channel: 'test', channelConversationId: 'c-1', channelUserId: 'u-1', activity: { type: 'message', text, locale: 'en-GB' } });

  test('a person greets and chooses a language: each message is answered through the turn pipeline', async () => {
    await send('👋');
    await assistant.runner.idle();
    const greeted = await db.prisma.message.count({ where: { direction: 'out' } });
    expect(greeted).toBeGreaterThan(0);
    await send('English');
    await assistant.runner.idle();
    expect(await db.prisma.message.count({ where: { direction: 'in', status: 'processed' } })).toBe(2);
    expect(await db.prisma.message.count({ where: { direction: 'out' } })).toBeGreaterThan(greeted);
  });

  test('the language chosen is remembered for the person and readable by the channels', async () => {
    expect(await assistant.savedLanguage('test', 'u-1')).toBe('en');
    const replies = await db.prisma.message.findMany({ where: { direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(replies.at(-1)?.text).toBe(translator.t('en', 'menu.prompt'));
  });
});
