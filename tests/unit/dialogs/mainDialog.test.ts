import { Activity } from 'botbuilder';
import { Language, LANGUAGES } from '../../../i18n/translator';
import { MENU_FAILURES_BEFORE_PERSON, MENU_ITEMS } from '../../../dialogs/mainDialog';
import { keycap, multilingual } from '../../../dialogs/prompts';
import { actionsOf, conversationIn, createConversation, inLine, menuTitles, strictI18n as i18n, TestConversation, texts, useConversations } from '../../support/conversation';

useConversations();

/** Where the conversation state of a test conversation is stored. */
function conversationKey(conversation: TestConversation): string {
  return `${conversation.adapter.conversation.channelId}/conversations/${conversation.adapter.conversation.conversation.id}/`;
}

/** What the bot answers to each menu entry: the first question of the entry's dialog (a person: the place in the line). */
function expectedAnswer(language: Language, index: number): (string | RegExp)[] {
  const item = MENU_ITEMS[index];
  switch (item.id) {
    case 'person':
      return [inLine(i18n, language)];
    case 'language':
      return [i18n.t(language, 'language.prompt')];
    case 'question':
      return [i18n.t(language, 'triage.ask')];
    case 'appointment':
      return [i18n.t(language, 'booking.askPlace')];
    case 'loan':
      return [new RegExp(`^${i18n.t(language, 'loan.askKind').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)];
  }
}

/** Checks the replies against {@link expectedAnswer}. */
function expectAnswer(replies: Partial<Activity>[], language: Language, index: number): void {
  expect(texts(replies)).toEqual(expectedAnswer(language, index).map((expected) => (typeof expected === 'string' ? expected : expect.stringMatching(expected))));
}

/** The first word that cancels, in English. */
const CANCEL = i18n.list('en', 'common.words.cancel')[0];

/** Every menu entry in every language, chosen by number, keycap, title and one of its words. */
const menuCases: [Language, number, string][] = LANGUAGES.flatMap((language) =>
  MENU_ITEMS.flatMap((item, index): [Language, number, string][] => [
    [language, index, String(index + 1)],
    [language, index, keycap(index + 1)],
    [language, index, i18n.t(language, `menu.choices.${item.id}`)],
    [language, index, i18n.list(language, `menu.synonyms.${item.id}`)[0]],
  ]),
);

describe('main menu', () => {
  test.each(menuCases)('in %s, entry %i chosen with "%s"', async (language, index, input) => {
    const conversation = await conversationIn(language);
    const replies = await conversation.say(input);
    expectAnswer(replies, language, index);
  });

  test.each(LANGUAGES.map((language) => [language]))('in %s, the menu comes back with its 5 entries after a task is cancelled', async (language) => {
    const conversation = await conversationIn(language);
    await conversation.say('2');
    const replies = await conversation.say(i18n.list(language, 'common.words.cancel')[0]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual(menuTitles(i18n, language));
  });

  test('words are recognized inside a sentence', async () => {
    const conversation = await conversationIn('nl');
    expectAnswer(await conversation.say('ik wil een laptop lenen'), 'nl', 2);
  });

  test('words of another language work too', async () => {
    const conversation = await conversationIn('nl');
    expectAnswer(await conversation.say('rendez-vous'), 'nl', 1);
  });

  test('the menu\'s choices are rebuilt on each turn, not kept in the conversation state', async () => {
    const conversation = await conversationIn('en');
    const stored = JSON.stringify(await conversation.storage.read([conversationKey(conversation)]));
    expect(stored).toContain('MENU_PROMPT');
    expect(stored).not.toContain(i18n.list('nl', 'menu.synonyms.person')[0]);
    expect(stored.length).toBeLessThan(700);
    expectAnswer(await conversation.say(i18n.t('en', 'menu.choices.loan')), 'en', 2);
  });

  test('a menu saved with its choices (by an earlier version) still takes answers from them', async () => {
    const conversation = await conversationIn('en');
    const key = conversationKey(conversation);
    const item = (await conversation.storage.read([key]))[key];
    // The menu prompt's instance on the dialog stack, wherever it is nested.
    const instances = (value: unknown): { id?: string; state?: { options?: object } }[] =>
      !value || typeof value !== 'object' ? [] : [value as never, ...Object.values(value).flatMap(instances)];
    const menu = instances(item).find((instance) => instance.id === 'MENU_PROMPT');
    expect(menu?.state?.options).toBeDefined();
    // Choices the menu would not build now, so that an answer can only match the saved ones.
    Object.assign(menu?.state?.options ?? {}, { choices: ['alpha', 'beta', 'gamma', 'delta', 'epsilon'] });
    await conversation.storage.write({ [key]: { ...item, eTag: '*' } });
    expectAnswer(await conversation.say('gamma'), 'en', 2);
  });

  test('the menu loops: several choices in a row', async () => {
    const conversation = await conversationIn('en');
    for (const input of ['2', '3', '2']) {
      expectAnswer(await conversation.say(input), 'en', Number(input) - 1);
      expect(texts(await conversation.say(CANCEL))).toEqual([i18n.t('en', 'common.cancelled'), i18n.t('en', 'menu.prompt')]);
    }
  });
});

describe('input that is not understood never meets silence', () => {
  const clarification = (language: Language): string =>
    `${i18n.t(language, 'menu.notUnderstood')}\n${i18n.t(language, 'menu.prompt')}`;

  test.each([
    ['unknown words', 'xyz'],
    ['noise that reads as a weak greeting', 'hmm'],
    ['empty text', ''],
    ['only spaces', '   '],
    ['emoji only', '😀👍🏽'],
    ['binary-looking text', '\u0000\u0001\u0002\u001b[0m\uFFFD\uD800\u0007'],
    ['a lone keycap', '\u20E3'],
    ['a number out of range', '9'],
  ])('%s gets a short clarification with the menu', async (_name, input) => {
    const conversation = await conversationIn('nl');
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual([clarification('nl')]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual(menuTitles(i18n, 'nl'));
  });

  test('a message without text (e.g. only an attachment) gets the clarification', async () => {
    const conversation = await conversationIn('fr');
    const replies = await conversation.say({ text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/x.png' }] });
    expect(texts(replies)).toEqual([clarification('fr')]);
  });

  test.each(LANGUAGES.map((language) => [language]))('in %s, the clarification is in that language', async (language) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say('xyz'))).toEqual([clarification(language)]);
  });

  test.each(LANGUAGES.map((language) => [language]))('in %s, a message over the maximum length is refused politely', async (language) => {
    const conversation = await conversationIn(language, { maxMessageLength: 100 });
    const replies = await conversation.say('a'.repeat(101));
    expect(texts(replies)).toEqual([i18n.t(language, 'common.tooLong', { max: 100 }), i18n.t(language, 'menu.prompt')]);
  });

  test('the default maximum is 4000 characters', async () => {
    const conversation = await conversationIn('en');
    expect(texts(await conversation.say('b'.repeat(4001)))[0]).toBe(i18n.t('en', 'common.tooLong', { max: 4000 }));
    expect(texts(await conversation.say('2 '.padEnd(4000, ' ')))[0]).toBe(i18n.t('en', 'booking.askPlace'));
  });

  test('an over-long first message is refused, then the greeting follows', async () => {
    const replies = await createConversation({ maxMessageLength: 100 }).say('c'.repeat(500));
    expect(texts(replies)).toEqual([
      i18n.t('en', 'common.tooLong', { max: 100 }),
      multilingual(i18n, 'common.welcome'),
      multilingual(i18n, 'language.prompt'),
    ]);
  });
});

describe(`after ${MENU_FAILURES_BEFORE_PERSON} unclear answers in a row`, () => {
  async function confused(language: Language) {
    const conversation = await conversationIn(language);
    for (let i = 1; i < MENU_FAILURES_BEFORE_PERSON; i += 1) await conversation.say('xyz');
    return { conversation, replies: await conversation.say('hmm') };
  }

  test.each(LANGUAGES.map((language) => [language]))('in %s, a person is offered', async (language) => {
    const { replies } = await confused(language);
    expect(texts(replies)).toEqual([i18n.t(language, 'handoff.offer')]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual([i18n.t(language, 'handoff.choices.yes'), i18n.t(language, 'handoff.choices.no')]);
  });

  test('yes leads to the person: the place in the line', async () => {
    const { conversation } = await confused('nl');
    expect(texts(await conversation.say('ja'))).toEqual([expect.stringMatching(inLine(i18n, 'nl'))]);
  });

  test('no leads back to the menu', async () => {
    const { conversation } = await confused('en');
    expect(texts(await conversation.say(i18n.t('en', 'handoff.choices.no')))).toEqual([i18n.t('en', 'menu.again')]);
  });

  test('unclear answers to the offer lead back to the menu, never silence', async () => {
    const { conversation } = await confused('fr');
    expect(texts(await conversation.say('bof'))).toEqual([i18n.t('fr', 'handoff.offerRetry')]);
    expect(texts(await conversation.say('bof'))).toEqual([i18n.t('fr', 'menu.again')]);
  });

  test('a good answer in between resets the count', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('pfff');
    await conversation.say('pfff');
    await conversation.say('2');
    await conversation.say(i18n.list('nl', 'common.words.cancel')[0]);
    expect(texts(await conversation.say('pfff'))[0]).toContain(i18n.t('nl', 'menu.notUnderstood'));
  });
});
