import { ActionTypes } from 'botbuilder';
import { ListStyle } from 'botbuilder-dialogs';
import { translator } from '../../../i18n/translator';
import { choiceId, choicePromptOptions, choicesActivity, frozenChoices, keycap, normalizeUtterance, normalizeWord, numberedChoices, wordsInAllLanguages } from '../../../dialogs/prompts';

describe('normalizeUtterance', () => {
  test.each([
    ['  Taal ', 'taal'],
    ['TAAL!', 'taal'],
    ['help?', 'help'],
    ['?', '?'],
    ['???', '?'],
    ['1️⃣', '1'],
    ['🌐️', '🌐'],
    ['iemand   spreken', 'iemand spreken'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizeUtterance(input)).toBe(expected);
  });

  test('control characters are dropped', () => {
    expect(normalizeUtterance('\u0000ta\u0007al\u001b')).toBe('ta al');
  });

  test('non-strings become empty', () => {
    expect(normalizeUtterance(undefined)).toBe('');
    expect(normalizeUtterance(42)).toBe('');
  });
});

describe('choices', () => {
  test('numbered choices answer to the number, the keycap and the synonyms; the value is the title', () => {
    const [first, second] = numberedChoices([{ title: 'Nederlands', synonyms: ['vlaams', ''] }, { title: 'Français' }]);
    expect(first).toMatchObject({ value: 'Nederlands', synonyms: ['1', keycap(1), '1\u20E3', 'vlaams'] });
    expect(first.action).toMatchObject({ type: 'messageBack', title: 'Nederlands', value: { choice: expect.stringMatching(/^c1\./) } });
    expect(second.synonyms).toContain('2');
    expect(keycap(10)).toBe('10');
  });

  test('choices are messageBack actions: shown as their title, answered with an opaque id', () => {
    const options = choicePromptOptions('Kies', numberedChoices([{ title: 'A' }]), 'Nog eens');
    expect(options.style).toBe(ListStyle.suggestedAction);
    expect(options.prompt).toMatchObject({ type: 'message', text: 'Kies' });
    expect(options.retryPrompt).toMatchObject({ type: 'message', text: 'Nog eens' });
    const actions = choicesActivity('Kies', ['A', 'B']).suggestedActions?.actions ?? [];
    expect(actions).toEqual([
      expect.objectContaining({ type: ActionTypes.MessageBack, title: 'A', text: 'A', displayText: 'A', value: { choice: choiceId('A', 0) } }),
      expect.objectContaining({ type: ActionTypes.MessageBack, title: 'B', text: 'B', displayText: 'B', value: { choice: choiceId('B', 1) } }),
    ]);
    expect(choiceId('A', 0)).not.toContain('A');
    expect(choiceId('A', 0)).toBe(choiceId('A', 0));
    expect(choiceId('A', 0)).not.toBe(choiceId('A', 1));
  });
});

describe('words and choices built once', () => {
  test('every language\'s words under a key: the same read-only list on every call', () => {
    const words = wordsInAllLanguages(translator, 'menu.synonyms.language');
    expect(words).toEqual(expect.arrayContaining([...translator.list('nl', 'menu.synonyms.language'), ...translator.list('fr', 'menu.synonyms.language')]));
    expect(new Set(words).size).toBe(words.length);
    expect(wordsInAllLanguages(translator, 'menu.synonyms.language')).toBe(words);
    expect(() => (words as string[]).push('x')).toThrow(TypeError);
  });

  test('a word of the assistant normalises as any text does', () => {
    for (const word of ['TAAL!', '1️⃣', 'Iemand  spreken']) expect(normalizeWord(word)).toBe(normalizeUtterance(word));
  });

  test('frozen choices cannot be changed by whoever offers them', () => {
    const choices = frozenChoices(numberedChoices([{ title: 'Ja', synonyms: ['yes'] }]));
    expect(() => choices[0].synonyms?.push('no')).toThrow(TypeError);
    expect(() => Object.assign(choices[0], { value: 'Nee' })).toThrow(TypeError);
    expect(() => choices.push({ value: 'Nee' })).toThrow(TypeError);
  });
});
