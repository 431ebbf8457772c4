import {
  citizenTexts,
  countsOf,
  FORMULA,
  isMessage,
  LocaleText,
  longSentencesOf,
  longWordsOf,
  NOT_FOR_CITIZENS,
  PLAIN_LANGUAGE,
  questionsOf,
  readingEase,
  ReadingLanguage,
  sentencesOf,
  syllables,
  wordsOf,
} from '../../../i18n/readability';
import { baseLanguage, isSimple, Language, LANGUAGES, loadResources } from '../../../i18n/translator';

/**
 * Every text a citizen can receive in a simplified language (nl-simple, fr-simple, en-simple) is
 * plain: at most 12 words a sentence, at most one question a message, no long word but listed
 * names, and a reading ease above the language's threshold (i18n/plainLanguage.json). On failure
 * the offending texts are printed, worst first.
 */

const resources = loadResources();
const SIMPLE = LANGUAGES.filter(isSimple);
const reading = (language: Language): ReadingLanguage => baseLanguage(language) as ReadingLanguage;
const textsOf = (language: Language): LocaleText[] => citizenTexts(language, resources);
const show = (language: Language, { key, text }: LocaleText, why: string): string => `${language}:${key} (${why}) "${text.replace(/\n/g, '\\n')}"`;

/** A web address or e-mail (mijngezondheid.belgie.be, support.google.com, info@itsme.be) names a source: it is no word to shorten. */
const WEB_ADDRESS = /^(?:[\p{L}\p{N}._%+-]+@)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:\/\S*)?$/u;
const isWebAddress = (token: string): boolean => WEB_ADDRESS.test(token);

describe.each(SIMPLE)('%s', (language) => {
  const texts = textsOf(language);

  test(`sentences have at most ${PLAIN_LANGUAGE.maxWordsPerSentence} words`, () => {
    const long = texts
      .flatMap((text) => longSentencesOf(text.text).map((sentence) => ({ text, words: wordsOf(sentence).length, sentence })))
      .sort((a, b) => b.words - a.words)
      .map(({ text, words, sentence }) => show(language, text, `${words} words: ${sentence}`));
    expect(long).toEqual([]);
  });

  test(`messages ask at most ${PLAIN_LANGUAGE.maxQuestionsPerMessage} question`, () => {
    const many = texts.filter(({ text }) => questionsOf(text) > PLAIN_LANGUAGE.maxQuestionsPerMessage).map((text) => show(language, text, `${questionsOf(text.text)} questions`));
    expect(many).toEqual([]);
  });

  test(`no word is longer than ${PLAIN_LANGUAGE.maxWordLetters[reading(language)]} letters unless it is a listed name`, () => {
    const long = texts.flatMap((text) => longWordsOf(text.text, reading(language)).filter((word) => !isWebAddress(word)).map((word) => show(language, text, word)));
    expect(long).toEqual([]);
  });

  test(`${FORMULA[reading(language)]} of all messages is at least ${PLAIN_LANGUAGE.minReadingEase[reading(language)]} and above the full language's`, () => {
    const messages = texts.filter(isMessage);
    const score = readingEase(countsOf(messages.map(({ text }) => text), reading(language)), reading(language));
    const full = readingEase(countsOf(textsOf(baseLanguage(language)).filter(isMessage).map(({ text }) => text), reading(language)), reading(language));
    const worst = messages
      .map((text) => ({ text, score: readingEase(countsOf([text.text], reading(language)), reading(language)) }))
      .sort((a, b) => a.score - b.score)
      .slice(0, 10)
      .map(({ text, score: one }) => show(language, text, one.toFixed(0)));
    const report = { score: Math.round(score), full: Math.round(full), worst };
    expect({ ...report, easyEnough: score >= PLAIN_LANGUAGE.minReadingEase[reading(language)], easierThanFull: score > full }).toEqual({ ...report, easyEnough: true, easierThanFull: true });
  });
});

describe('completeness: a citizen gets every text in the simplified variant itself', () => {
  const citizenFacing = (language: Language): string[] => Object.keys(resources[language] ?? {}).filter((namespace) => !NOT_FOR_CITIZENS.includes(namespace));

  test.each(SIMPLE)(`%s has every citizen-facing namespace of its full language (all but ${NOT_FOR_CITIZENS.join(', ')})`, (language) => {
    const missing = citizenFacing(baseLanguage(language)).filter((namespace) => !citizenFacing(language).includes(namespace));
    // A new namespace (say workshops.json) needs its locales/<language>/ version written in plain words.
    expect(missing.map((namespace) => `locales/${language}/${namespace}.json`)).toEqual([]);
  });

  test.each(SIMPLE)('%s has its own text for every key of its full language a citizen can receive', (language) => {
    const own = new Set(textsOf(language).map(({ key }) => key));
    const missing = textsOf(baseLanguage(language)).filter(({ key }) => !own.has(key));
    const byNamespace = new Map<string, string[]>();
    for (const { key } of missing) byNamespace.set(key.split('.')[0], [...(byNamespace.get(key.split('.')[0]) ?? []), key]);
    expect(Object.fromEntries(byNamespace)).toEqual({});
  });
});

describe('the measures themselves', () => {
  test.each([
    ['nl', 'identiteitskaart', 5],
    ['nl', 'afspraak', 2],
    ['nl', 'laptop', 2],
    ['fr', 'ordinateur', 4],
    ['fr', 'facile', 2],
    ['fr', 'rendez-vous', 3],
    ['en', 'computer', 3],
    ['en', 'simple', 2],
    ['en', 'the', 1],
    ['en', 'appointment', 3],
  ] as const)('%s "%s" has %i syllables', (language, word, expected) => {
    expect(syllables(word, language)).toBe(expected);
  });

  test('sentences: lines, . ! ?, and numbered steps; {{placeholders}} are one word', () => {
    expect(sentencesOf('Eerst dit: 1. Leg neer. 2. Geef niets.\nCode: {{reference}}')).toEqual(['Eerst dit:', 'Leg neer.', 'Geef niets.', 'Code: X']);
    expect(wordsOf('Vous voulez dire {{name}} ? Allez-y.')).toEqual(['Vous', 'voulez', 'dire', 'X', 'Allez-y']);
  });

  test('a long plain text scores lower than a short one, in each formula', () => {
    const hard = 'Notwithstanding the aforementioned considerations, administrative documentation necessitates comprehensive verification procedures.';
    const easy = 'Bring your card. We help you.';
    expect(readingEase(countsOf([hard], 'en'), 'en')).toBeLessThan(readingEase(countsOf([easy], 'en'), 'en'));
    expect(longWordsOf(hard, 'en').length).toBeGreaterThan(0);
    expect(longWordsOf('Log in on MyMinfin.be with itsme', 'en')).toEqual([]);
  });
});
