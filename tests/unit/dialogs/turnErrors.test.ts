import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { DigibankBot } from '../../../dialogs/digibankBot';
import { newCorrelationId, onTurnError } from '../../../dialogs/turnErrors';
import { describeError } from '../../../kernel/logger';
import { UserProfileAccessor } from '../../../dialogs/userProfile';
import { MainDialog } from '../../../dialogs/mainDialog';
import { conversationDatabase, strictI18n as i18n, testTriage, texts, useConversations } from '../../support/conversation';
import { testDialogServices } from '../../support/testDialogServices';

useConversations();

const SECRET = 'mijn rijksregisternummer is 85.07.30-033.61';

function setUp() {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const languages = new UserProfileAccessor(userState);
  const services = testDialogServices(conversationDatabase(), { i18n, languages, privacy: languages, triage: testTriage() });
  const bot = new DigibankBot(conversationState, userState, new MainDialog(services), services.triage, services.handoffs);
  const logged: unknown[][] = [];
  const logger = { error: (...args: unknown[]) => void logged.push(args) };
  let failNext = false;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    if (!failNext) return bot.run(context);
    failNext = false;
    await bot.run(context);
    throw new Error(`could not parse: ${context.activity.text}`);
  });
  adapter.onTurnError = onTurnError({ i18n, conversationState, logger });
  const say = async (text: string, locale = 'en-us') => {
    adapter.locale = locale;
    await adapter.processActivity(adapter.makeActivity(text));
    return adapter.activeQueue.splice(0);
  };
  return { say, logged, storage, failOnNextTurn: () => void (failNext = true) };
}

describe('onTurnError', () => {
  test('apologizes in the person\'s language with the correlation id that is logged', async () => {
    const { say, logged, failOnNextTurn } = setUp();
    await say('👋');
    await say('Français');
    failOnNextTurn();
    const replies = await say(SECRET);
    const apology = texts(replies).at(-1) ?? '';
    expect(logged).toHaveLength(1);
    const [fields] = logged[0] as [{ correlationId: string }];
    expect(apology).toBe(i18n.t('fr', 'common.error', { code: fields.correlationId }));
    expect(fields.correlationId).toMatch(/^[a-z0-9]{8}$/);
  });

  test('logs no message text and no user or conversation id', async () => {
    const { say, logged, failOnNextTurn } = setUp();
    await say('hallo');
    failOnNextTurn();
    await say(SECRET);
    const line = JSON.stringify(logged);
    expect(line).not.toContain('rijksregisternummer');
    expect(line).not.toContain('85.07.30');
    expect(line).not.toContain('user1');
    expect(line).not.toContain('Convo1');
    expect(line).toContain('Error');
  });

  test('before a language is chosen, the apology follows the channel locale', async () => {
    const { say, logged, failOnNextTurn } = setUp();
    failOnNextTurn();
    const replies = await say('hallo', 'nl-BE');
    const [fields] = logged[0] as [{ correlationId: string }];
    expect(texts(replies).at(-1)).toBe(i18n.t('nl', 'common.error', { code: fields.correlationId }));
  });

  test('clears the dialog stack: the next message starts fresh at the greeting', async () => {
    const { say, failOnNextTurn } = setUp();
    await say('👋');
    await say('English');
    await say('hmm');
    await say('hmm');
    failOnNextTurn();
    await say('x');
    expect(texts(await say('hmm'))).toEqual([i18n.t('en', 'common.welcomeBack'), i18n.t('en', 'menu.prompt')]);
  });

  test('never throws, even when sending the apology fails', async () => {
    const logged: unknown[] = [];
    const handler = onTurnError({ i18n, conversationState: new ConversationState(new MemoryStorage()), logger: { error: (...args: unknown[]) => void logged.push(args) } });
    const context = {
      activity: { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, locale: 'fr-BE' },
      turnState: new Map(),
      sendActivity: () => Promise.reject(new Error('provider down')),
    } as unknown as TurnContext;
    await expect(handler(context, new Error('boom'))).resolves.toBeUndefined();
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });
});

describe('helpers', () => {
  test('correlation ids are short and differ', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newCorrelationId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{8}$/);
  });

  test('describeError keeps name, code and frames, not the message', () => {
    const error = Object.assign(new TypeError(SECRET), { code: 'E_PARSE' });
    const described = describeError(error);
    expect(described).toMatchObject({ name: 'TypeError', code: 'E_PARSE' });
    expect(JSON.stringify(described)).not.toContain('rijksregisternummer');
    expect(describeError('a string')).toEqual({ name: 'string' });
  });
});
