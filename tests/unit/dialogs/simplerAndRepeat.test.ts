import { restatedText } from '../../../dialogs/restatedQuestion';
import { LANGUAGES, simpleLanguage } from '../../../i18n/translator';
import { actionsOf, conversationIn, createConversation, strictI18n as i18n, TestConversation, texts, useConversations } from '../../support/conversation';

useConversations();

/** Brings a conversation to the offer of a person (a prompt with choices, deeper than the menu). */
async function atPersonOffer(conversation: TestConversation): Promise<void> {
  for (const input of ['xyz', 'xyz', 'xyz']) await conversation.say(input);
}

describe('"simpler" switches to the simplified variant of the current language, at any question', () => {
  test.each([
    ['nl', 'simpeler', 'nl-simple'],
    ['fr', 'plus simple', 'fr-simple'],
    ['en', 'simpler please', 'en-simple'],
    ['en', 'easier', 'en-simple'],
  ] as const)('in %s, "%s" at the offer of a person: the same question in %s, with its choices', async (from, word, to) => {
    const conversation = await conversationIn(from);
    await atPersonOffer(conversation);
    const replies = await conversation.say(word);
    expect(texts(replies)).toEqual([i18n.t(to, 'language.confirmed'), i18n.t(to, 'handoff.offer')]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual([i18n.t(to, 'handoff.choices.yes'), i18n.t(to, 'handoff.choices.no')]);
    expect((await conversation.profile()).language).toBe(to);
    // The restated choices answer the question: "no" comes back to the menu, in the new language.
    expect(texts(await conversation.say('2')).at(-1)).toBe(i18n.t(to, 'menu.again'));
  });

  test('already simplified: said so, and the question again', async () => {
    const conversation = await conversationIn('nl-simple');
    expect(texts(await conversation.say('makkelijker'))).toEqual([i18n.t('nl-simple', 'common.alreadySimple'), i18n.t('nl-simple', 'menu.prompt')]);
    expect((await conversation.profile()).language).toBe('nl-simple');
  });

  test('a tap whose title is a word is a choice, never the word', async () => {
    const conversation = await conversationIn('en');
    await conversation.say({ text: 'simpler', value: { choice: 'c9.00000000' } });
    expect((await conversation.profile()).language).toBe('en');
  });

  test('"I don\'t understand" is no request for simpler words', async () => {
    const conversation = await conversationIn('en');
    await conversation.say("i don't understand");
    expect((await conversation.profile()).language).toBe('en');
  });
});

describe('"again" repeats the last question', () => {
  test.each([
    ['nl', 'nog eens'],
    ['fr', 'répète'],
    ['en', 'again'],
    ['fr-simple', 'répétez svp'],
  ] as const)('in %s, "%s" at the offer of a person', async (language, word) => {
    const conversation = await conversationIn(language);
    await atPersonOffer(conversation);
    const replies = await conversation.say(word);
    expect(texts(replies)).toEqual([i18n.t(language, 'handoff.offer')]);
    expect(actionsOf(replies)).toHaveLength(2);
  });

  test('at the menu: the menu again', async () => {
    const conversation = await conversationIn('en-simple');
    expect(texts(await conversation.say('repeat'))).toEqual([i18n.t('en-simple', 'menu.prompt')]);
  });
});

describe('a text said again in another language', () => {
  test('a text with values keeps them', () => {
    const text = i18n.t('nl', 'booking.askTime', { date: 'dinsdag 8 december' });
    expect(restatedText(text, 'nl', 'nl-simple', i18n)).toBe(i18n.t('nl-simple', 'booking.askTime', { date: 'dinsdag 8 december' }));
  });

  test('two texts on two lines: each line', () => {
    const text = `${i18n.t('fr', 'menu.notUnderstood')}\n${i18n.t('fr', 'menu.prompt')}`;
    expect(restatedText(text, 'fr', 'fr-simple', i18n)).toBe(`${i18n.t('fr-simple', 'menu.notUnderstood')}\n${i18n.t('fr-simple', 'menu.prompt')}`);
  });

  test('a text the locales do not give stays as it is', () => {
    expect(restatedText('Digibank Kortrijk, Budastraat 1', 'en', 'en-simple', i18n)).toBe('Digibank Kortrijk, Budastraat 1');
  });

  test('every full language has a simplified variant', () => {
    expect(LANGUAGES.map((language) => simpleLanguage(language))).toEqual(['nl-simple', 'fr-simple', 'en-simple', 'nl-simple', 'fr-simple', 'en-simple']);
  });
});

describe('at the first language question', () => {
  test.each([
    ['simpeler', 'nl-simple'],
    ['plus facile', 'fr-simple'],
    ['simpler', 'en-simple'],
  ] as const)('"%s" chooses %s', async (word, language) => {
    const conversation = createConversation();
    await conversation.say('👋');
    expect(texts(await conversation.say(word))).toEqual([i18n.t(language, 'language.confirmed'), i18n.t(language, 'menu.prompt')]);
    expect((await conversation.profile()).language).toBe(language);
  });
});
