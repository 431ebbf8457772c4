import { createAssistant, Assistant } from '../../../app/assistant';
import { PrismaStorage } from '../../../turns/prismaStorage';
import { translator } from '../../../i18n/translator';
import { Triage } from '../../../triage/triage';
import { TurnStore } from '../../../turns/turnStore';
import { HandoffService } from '../../../services/handoff/handoffService';
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

  test('a turn reads its state and the open handoff with its message, in the statement that stores it, ahead of the dialogs', async () => {
    await send('👋');
    await assistant.runner.idle();
    const taken = jest.spyOn(TurnStore.prototype, 'receiveAndTake');
    const pending = jest.spyOn(TurnStore.prototype, 'pending');
    const stateReads = jest.spyOn(TurnStore.prototype, 'state');
    const storageReads = jest.spyOn(PrismaStorage.prototype as unknown as { query(keys: string[]): Promise<unknown> }, 'query');
    const handoffReads = jest.spyOn(HandoffService.prototype, 'openOnChannel');
    await send('English');
    await assistant.runner.idle();
    expect(taken.mock.calls.map(([, keys]) => keys)).toEqual([['test/conversations/c-1/', 'test/users/u-1/']]);
    expect(pending).not.toHaveBeenCalled();
    expect(stateReads).not.toHaveBeenCalled();
    expect(storageReads.mock.calls.filter(([keys]) => keys.length > 0)).toEqual([]);
    expect(handoffReads).not.toHaveBeenCalled();
    jest.restoreAllMocks();
  });

  test('the language chosen is remembered for the person and readable by the channels', async () => {
    expect(await assistant.savedLanguage('test', 'u-1')).toBe('en');
    const replies = await db.prisma.message.findMany({ where: { direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(replies.at(-1)?.text).toBe(translator.t('en', 'menu.prompt'));
  });
});
