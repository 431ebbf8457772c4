import { ActionTypes, MemoryStorage } from 'botbuilder';
import { Language, LANGUAGES } from '../../../i18n/translator';
import { multilingual } from '../../../dialogs/prompts';
import { actionsOf, conversationIn, createConversation, menuTitles, strictI18n as i18n, texts, useConversations } from '../../support/conversation';

useConversations();

const languagePrompt = multilingual(i18n, 'language.prompt');
const languageTitles = LANGUAGES.map((language) => i18n.t(language, 'language.choices.name'));

/** Ways to choose each language: title, number, keycap, and words of several languages. */
const choosing: [Language, string][] = [
  ['nl', 'Nederlands'],
  ['nl', '1'],
  ['nl', '1️⃣'],
  ['nl', 'vlaams'],
  ['nl', 'dutch'],
  ['nl', 'néerlandais'],
  ['fr', 'Français'],
  ['fr', 'francais'],
  ['fr', 'frans'],
  ['fr', '2'],
  ['fr', 'french'],
  ['en', 'English'],
  ['en', 'engels'],
  ['en', '3️⃣'],
  ['nl-simple', 'Eenvoudig Nederlands'],
  ['nl-simple', 'eenvoudig'],
  ['nl-simple', 'makkelijk'],
  ['nl-simple', '4'],
  ['nl-simple', 'néerlandais simple'],
  ['nl-simple', 'easy dutch'],
];

describe('first contact', () => {
  test('a first message in no language gets a multilingual greeting and the language choice as buttons carrying ids', async () => {
    const replies = await createConversation().say('👋');
    expect(texts(replies)).toEqual([multilingual(i18n, 'common.welcome'), languagePrompt]);
    const actions = actionsOf(replies);
    expect(actions.map((action) => action.title)).toEqual(languageTitles);
    expect(actions.every((action) => action.type === ActionTypes.MessageBack && typeof (action.value as { choice?: unknown }).choice === 'string')).toBe(true);
    expect(actions.every((action) => (action.value as { choice: string }).choice !== action.title)).toBe(true);
  });

  test.each([
    ['Goeiendag', 'nl'],
    ['Bonjour', 'fr'],
    ['Hello', 'en'],
    ['goede middag', 'nl'],
    ['bonsoir madame', 'fr'],
  ] as const)('a first greeting "%s" settles %s: a greeting in it and its menu, no language question', async (input, language) => {
    const replies = await createConversation().say(input);
    expect(texts(replies)).toEqual([i18n.t(language, 'common.welcomeDetected'), i18n.t(language, 'menu.prompt')]);
  });

  test.each([
    ['bonjour je voudrais un rendez-vous à Bruxelles', 'fr', 'booking.askPlace'], // no digibank in this test's database: the place is asked
    ['ik wil een afspraak maken', 'nl', 'booking.askPlace'],
    ['Hello I have a question', 'en', 'menu.prompt'],
  ] as const)('"%s" typed at the language question answers it (%s), and the request is not lost', async (input, language, key) => {
    const conversation = createConversation();
    await conversation.say('👋');
    const replies = texts(await conversation.say(input));
    expect(replies[0]).toEqual(i18n.t(language, 'language.confirmed'));
    expect(replies.join('\n')).not.toContain(multilingual(i18n, 'language.retry'));
    expect(replies[1]).toEqual(i18n.t(language, key));
  });

  test('a person joining (conversationUpdate) is greeted the same way', async () => {
    const replies = await createConversation().join();
    expect(texts(replies)).toEqual([multilingual(i18n, 'common.welcome'), languagePrompt]);
  });

  test('the bot itself joining gets no greeting', async () => {
    const conversation = createConversation();
    const replies = await conversation.say({ type: 'conversationUpdate', text: undefined, membersAdded: [conversation.adapter.conversation.bot] });
    expect(replies).toEqual([]);
  });

  test.each(choosing)('choosing %s with "%s" confirms in that language and shows its menu', async (language, input) => {
    const conversation = createConversation();
    await conversation.say('👋');
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual([i18n.t(language, 'language.confirmed'), i18n.t(language, 'menu.prompt')]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual(menuTitles(i18n, language));
  });

  test('an unclear answer to the language question gets the multilingual retry and the choices again', async () => {
    const conversation = createConversation();
    await conversation.say('👋');
    const replies = await conversation.say('klingon');
    expect(texts(replies)).toEqual([multilingual(i18n, 'language.retry')]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual(languageTitles);
  });
});

describe('remembered choice', () => {
  test.each(LANGUAGES.map((language) => [language]))('%s is remembered per person in a new conversation', async (language) => {
    const storage = new MemoryStorage();
    await conversationIn(language, { storage });
    const later = createConversation({ storage, conversationId: 'another-conversation' });
    const replies = await later.say('hallo');
    expect(texts(replies)).toEqual([i18n.t(language, 'common.welcomeBack'), i18n.t(language, 'menu.prompt')]);
  });

  test('the choice is stored in user state, not conversation state', async () => {
    const storage = new MemoryStorage();
    await conversationIn('fr', { storage });
    const stored = await storage.read(['test/users/user1/']);
    expect(stored['test/users/user1/']).toMatchObject({ UserProfile: { language: 'fr' } });
  });
});

describe('channel locale before a choice', () => {
  test.each([
    ['fr-BE', 'fr'],
    ['nl-BE', 'nl'],
    ['en-US', 'en'],
    ['de-DE', 'nl'],
  ] as const)('with locale %s, help before choosing is in %s', async (locale, language) => {
    const conversation = createConversation({ locale });
    await conversation.say('👋');
    const replies = await conversation.say('?');
    expect(texts(replies)).toEqual([i18n.t(language, 'common.help'), languagePrompt]);
  });
});
