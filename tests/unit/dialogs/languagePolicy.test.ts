import { translator } from '../../../i18n/translator';
import { contentWords, languageEvidence } from '../../../dialogs/languagePolicy';
import { choiceId } from '../../../dialogs/prompts';
import { loadTriage, testTriage } from '../../support/conversation';

beforeAll(loadTriage, 60_000);

const message = (text: string, value?: unknown) => ({ type: 'message', text, value });

describe('what tells the language of a message', () => {
  test.each([
    ['Goeiendag', 'nl'], ['Bonjour', 'fr'], ['Hello', 'en'], ['goedemiddag', 'nl'], ['hallo', 'nl'], ['Hallo!', 'nl'], ['hi', 'en'], ['salut', 'fr'],
    ['ik wil een afspraak maken', 'nl'], ['bonjour je voudrais un rendez-vous à Bruxelles', 'fr'], ['Hello I have a question', 'en'],
    ['kzou ne laptop willen lenen', 'nl'], ['il est où mon ordinateur', 'fr'],
  ] as const)('"%s" is %s', (text, language) => {
    expect(languageEvidence(message(text), testTriage(), translator)?.language).toBe(language);
  });

  test.each(['salam', 'merhaba', 'ma 7 dec', 'Mon 7 Dec', 'lun. 7 déc.', '09:30', '8500 Kortrijk', '2', 'itsme', 'Tax-on-web', 'ja', 'ok', '👍', 'c'.repeat(300)])('"%s" says nothing of a language', (text) => {
    expect(languageEvidence(message(text), testTriage(), translator)).toBeUndefined();
  });

  test('a tap is a choice, never evidence, even when its title is a sentence', () => {
    expect(languageEvidence(message('Je voudrais un rendez-vous', { choice: choiceId('Je voudrais un rendez-vous', 0) }), testTriage(), translator)).toBeUndefined();
  });

  test('names of services are no language: "what is mijn burgerprofiel" leaves "what is"', () => {
    expect(contentWords('what is mijn burgerprofiel', translator)).toEqual(['what', 'is']);
  });
});
