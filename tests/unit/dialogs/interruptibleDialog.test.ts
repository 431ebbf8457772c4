import { Language, LANGUAGES, simpleLanguage } from '../../../i18n/translator';
import { INTERRUPTION_WORDS, WordInterruption } from '../../../dialogs/interruptibleDialog';
import { actionsOf, conversationIn, inLine, strictI18n as i18n, TestConversation, texts, useConversations } from '../../support/conversation';

useConversations();

/** The language question to a person whose language is known: in that language. */
const languagePromptIn = (language: Language): string => i18n.t(language, 'language.prompt');

/** Every interruption word of every language, with its kind (read from the locales). */
const wordCases: [WordInterruption, string][] = (Object.keys(INTERRUPTION_WORDS) as WordInterruption[]).flatMap((kind) => [
  ...new Set(LANGUAGES.flatMap((language) => i18n.list(language, INTERRUPTION_WORDS[kind]))),
].map((word): [WordInterruption, string] => [kind, word]));

/** What the bot says to an interruption typed at the menu. */
function expectedAt(kind: WordInterruption, language: Language): unknown[] {
  switch (kind) {
    case 'help':
      return [i18n.t(language, 'common.help'), i18n.t(language, 'menu.prompt')];
    case 'cancel':
    case 'back':
      return [i18n.t(language, 'common.cancelled'), i18n.t(language, 'menu.prompt')];
    case 'language':
      return [languagePromptIn(language)];
    case 'person':
      return [expect.stringMatching(inLine(i18n, language))];
    case 'optOut':
      return [i18n.t(language, 'privacy.optOut.confirm')];
    case 'forgetMe':
      return [i18n.t(language, 'privacy.forgetMe.confirm')];
    case 'simpler': {
      const simple = simpleLanguage(language) ?? language;
      return [i18n.t(simple, 'language.confirmed'), i18n.t(simple, 'menu.prompt')];
    }
    case 'repeat':
      return [i18n.t(language, 'menu.prompt')];
  }
}

/** Brings a conversation to the offer of a person (a prompt deeper than the menu). */
async function atPersonOffer(conversation: TestConversation): Promise<void> {
  for (const input of ['xyz', 'xyz', 'xyz']) await conversation.say(input);
}

test('the brief\'s words are all there', () => {
  const words = wordCases.map(([kind, word]) => `${kind}:${word}`);
  for (const word of ['taal', 'langue', 'language', '🌐']) expect(words).toContain(`language:${word}`);
  for (const word of ['help', 'hulp', 'aide', '?']) expect(words).toContain(`help:${word}`);
  for (const word of ['annuleer', 'annuleren', 'annuler', 'cancel', 'menu', 'laat maar', 'never mind', 'laisse tomber']) expect(words).toContain(`cancel:${word}`);
  for (const word of ['terug', 'vorige', 'retour', 'back']) expect(words).toContain(`back:${word}`);
  for (const word of ['mens', 'persoon', 'iemand spreken', 'humain', 'person', 'human']) expect(words).toContain(`person:${word}`);
  for (const word of ['simpeler', 'makkelijker', 'plus simple', 'plus facile', 'simpler', 'easier please']) expect(words).toContain(`simpler:${word}`);
  for (const word of ['nog eens', 'répète', 'again', 'repeat']) expect(words).toContain(`repeat:${word}`);
  expect(words.filter((word) => /understand|comprends|begrijp/.test(word))).toEqual([]);
});

describe.each(['nl', 'fr'] as const)('at the menu in %s', (language) => {
  test.each(wordCases)('%s: "%s"', async (kind, word) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(word))).toEqual(expectedAt(kind, language));
  });
});

describe('variants of a word', () => {
  test.each(['TAAL', '  Taal ', 'taal!', 'taal.', '🌐️', 'Langue ?'])('"%s" switches language', async (input) => {
    const conversation = await conversationIn('en');
    expect(texts(await conversation.say(input))).toEqual([languagePromptIn('en')]);
  });

  test('a word inside a longer message is not an interruption', async () => {
    const conversation = await conversationIn('en');
    await atPersonOffer(conversation);
    expect(texts(await conversation.say('my language app does not work'))).toEqual([i18n.t('en', 'handoff.offerRetry')]);
  });
});

describe('switching language mid-dialog', () => {
  const switches = LANGUAGES.flatMap((from) =>
    ['taal', 'langue', 'language', '🌐'].map((word): [Language, string, Language] => [from, word, LANGUAGES[(LANGUAGES.indexOf(from) + 1) % LANGUAGES.length]]),
  );

  test.each(switches)('from %s with "%s" to %s, at the menu', async (from, word, to) => {
    const conversation = await conversationIn(from);
    expect(texts(await conversation.say(word))).toEqual([languagePromptIn(from)]);
    const replies = await conversation.say(i18n.t(to, 'language.choices.name'));
    expect(texts(replies)).toEqual([i18n.t(to, 'language.confirmed'), i18n.t(to, 'menu.prompt')]);
  });

  test.each(['taal', 'langue', 'language', '🌐'])('with "%s" at the offer of a person, then the menu in the new language', async (word) => {
    const conversation = await conversationIn('nl');
    await atPersonOffer(conversation);
    expect(texts(await conversation.say(word))).toEqual([languagePromptIn('nl')]);
    expect(texts(await conversation.say('English'))).toEqual([i18n.t('en', 'language.confirmed'), i18n.t('en', 'menu.prompt')]);
    expect(texts(await conversation.say('2'))[0]).toBe(i18n.t('en', 'booking.askPlace'));
  });

  test('with a word during the language choice itself: the choice is asked again', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('taal');
    expect(texts(await conversation.say('🌐'))).toEqual([languagePromptIn('nl')]);
    expect(texts(await conversation.say('Français'))[0]).toBe(i18n.t('fr', 'language.confirmed'));
  });

  test('the new language is remembered', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('language');
    await conversation.say('English');
    expect(texts(await conversation.say('help'))[0]).toBe(i18n.t('en', 'common.help'));
  });
});

describe('interruptions deeper in a dialog', () => {
  test('help at the offer of a person explains, then asks the offer again', async () => {
    const conversation = await conversationIn('en');
    await atPersonOffer(conversation);
    const replies = await conversation.say('help');
    expect(texts(replies)).toEqual([i18n.t('en', 'common.help'), i18n.t('en', 'handoff.offer')]);
    expect(actionsOf(replies)).toHaveLength(2);
  });

  test('cancel at the offer of a person goes to the menu', async () => {
    const conversation = await conversationIn('fr');
    await atPersonOffer(conversation);
    expect(texts(await conversation.say('annuler'))).toEqual(expectedAt('cancel', 'fr'));
  });

  test('a person asked for at the offer: the place in the line', async () => {
    const conversation = await conversationIn('nl-simple');
    await atPersonOffer(conversation);
    expect(texts(await conversation.say('mens'))).toEqual(expectedAt('person', 'nl-simple'));
  });
});
