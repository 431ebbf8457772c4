import { createRequire } from 'node:module';
import type { Resource } from 'i18next';
import rules from './plainLanguage.json';
import { flatTexts, Language, loadResources } from './translator';

/**
 * How easy a text is to read, per language: sentences, words, syllables and the classic reading-ease
 * formulas (higher is easier; about 60-70 is plain language, 80+ easy):
 *
 * - Dutch, Flesch–Douma (1960): 206.835 − 0.93 × words/sentence − 77 × syllables/word
 * - French, Kandel–Moles (1958): 207 − 1.015 × words/sentence − 73.6 × syllables/word
 * - English, Flesch reading ease (1948): 206.835 − 1.015 × words/sentence − 84.6 × syllables/word
 *
 * Syllables: the larger of two counts per word. (1) The parts the `hyphen` package's TeX hyphenation
 * patterns cut a word into (a maintained library with Dutch, French and English patterns; patterns
 * never cut inside a syllable, but skip cuts near a word's ends, so they can count too few). (2)
 * Groups of vowels (y counts as a vowel; a final silent e in French and English, and an English
 * final "-es"/"-ed" after a consonant, do not count; an English final "-le" after a consonant
 * does). No readability library for Dutch or French exists on the registry; the English-only
 * `flesch` and `syllable` packages would give a third way of counting for one language only.
 *
 * The rules of plain language (words a sentence, questions a message, long words, the names that
 * may be long, the minimum score) live in `plainLanguage.json`; the test of the simplified locales
 * and `npm run bench:readability` read them there.
 */

/** A language the formulas know. */
export type ReadingLanguage = 'nl' | 'fr' | 'en';

/** What a text is made of. */
export interface TextCounts {
  readonly sentences: number;
  readonly words: number;
  readonly syllables: number;
}

/** The plain-language rules (`plainLanguage.json`). */
export interface PlainLanguageRules {
  readonly maxWordsPerSentence: number;
  readonly maxQuestionsPerMessage: number;
  /** Letters a word may have (per language); longer words must be listed names. */
  readonly maxWordLetters: Readonly<Record<ReadingLanguage, number>>;
  /** The lowest reading ease of all simplified texts of a language together. */
  readonly minReadingEase: Readonly<Record<ReadingLanguage, number>>;
  /** Names, addresses and established words that may be long: itsme, Tax-on-web, MyMinfin.be … */
  readonly names: readonly string[];
}

/** The rules of plain language. */
export const PLAIN_LANGUAGE: PlainLanguageRules = rules;

type Hyphenator = { hyphenateSync(text: string, options: { hyphenChar: string; minWordLength: number }): string };

const loadModule = createRequire(__filename);
const HYPHENATORS: Readonly<Record<ReadingLanguage, string>> = { nl: 'hyphen/nl', fr: 'hyphen/fr', en: 'hyphen/en-gb' };
const hyphenators = new Map<ReadingLanguage, Hyphenator>();

function hyphenator(language: ReadingLanguage): Hyphenator {
  let found = hyphenators.get(language);
  if (!found) hyphenators.set(language, (found = loadModule(HYPHENATORS[language]) as Hyphenator));
  return found;
}

const VOWELS: Readonly<Record<ReadingLanguage, RegExp>> = {
  nl: /[aeiouyáéíóúàèëïöüâêîôû]+/gu,
  fr: /[aeiouyàâäéèêëîïôöùûüœæ]+/gu,
  en: /[aeiouy]+/gu,
};

/** Syllables by groups of vowels, with the silent endings of French and English left out. */
function vowelGroups(word: string, language: ReadingLanguage): number {
  let w = word.toLowerCase();
  if (language === 'fr' && w.length > 3) w = w.replace(/(?<=[^aeiouy])(es?|ent)$/u, '');
  if (language === 'en' && w.length > 3) {
    const consonantLe = /[^aeiouy]le$/u.test(w);
    w = w.replace(/(?<=[^aeiouy])(e|es|ed)$/u, '');
    if (consonantLe) w += 'a';
  }
  return Math.max(1, (w.match(VOWELS[language]) ?? []).length);
}

/** Syllables of a word (see the module comment). */
export function syllables(word: string, language: ReadingLanguage): number {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters === '') return word.trim() === '' ? 0 : 1;
  const parts = hyphenator(language).hyphenateSync(letters, { hyphenChar: '|', minWordLength: 1 }).split('|').length;
  return Math.max(parts, vowelGroups(letters, language));
}

/** `{{placeholders}}` stand for one short word (a name, a date, a number). */
const PLACEHOLDER = /\{\{[^}]*\}\}/g;
/** An enumerator inside a text ("1. Leg de telefoon neer. 2. …"): it starts a sentence of its own. */
const ENUMERATOR = /(^|\s)\d{1,2}\.(?=\s)/gu;

/** The sentences of a text: each line, cut after . ! ? (a list line without one is a sentence too). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(PLACEHOLDER, 'X')
    .replace(ENUMERATOR, '$1\n')
    .split(/\n|(?<=[.!?])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => wordsOf(sentence).length > 0);
}

/** The words of a text: runs without spaces holding a letter or digit, their outer punctuation removed. */
export function wordsOf(text: string): string[] {
  return text
    .replace(PLACEHOLDER, 'X')
    .split(/\s+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Questions a text asks: its question marks. */
export function questionsOf(text: string): number {
  return (text.match(/\?/g) ?? []).length;
}

/** Sentences, words and syllables of texts together. */
export function countsOf(texts: readonly string[], language: ReadingLanguage): TextCounts {
  let sentences = 0;
  let words = 0;
  let syllableCount = 0;
  for (const text of texts) {
    const all = wordsOf(text);
    sentences += sentencesOf(text).length;
    words += all.length;
    syllableCount += all.reduce((sum, word) => sum + syllables(word, language), 0);
  }
  return { sentences, words, syllables: syllableCount };
}

/** The reading ease of the language's formula (Flesch–Douma, Kandel–Moles, Flesch); 0 for no words. */
export function readingEase(counts: TextCounts, language: ReadingLanguage): number {
  if (counts.words === 0 || counts.sentences === 0) return 0;
  const perSentence = counts.words / counts.sentences;
  const perWord = counts.syllables / counts.words;
  switch (language) {
    case 'nl':
      return 206.835 - 0.93 * perSentence - 77 * perWord;
    case 'fr':
      return 207 - 1.015 * perSentence - 73.6 * perWord;
    case 'en':
      return 206.835 - 1.015 * perSentence - 84.6 * perWord;
  }
}

/** The name of the formula of a language, for reports. */
export const FORMULA: Readonly<Record<ReadingLanguage, string>> = { nl: 'Flesch–Douma', fr: 'Kandel–Moles', en: 'Flesch reading ease' };

/** Words of a text longer than the language allows that are not listed names. */
export function longWordsOf(text: string, language: ReadingLanguage, rules: PlainLanguageRules = PLAIN_LANGUAGE): string[] {
  const names = new Set(rules.names.map((name) => name.toLowerCase()));
  return wordsOf(text.replace(PLACEHOLDER, ' ')).filter((word) => [...word].length > rules.maxWordLetters[language] && !names.has(word.toLowerCase()));
}

/** Sentences of a text longer than the rules allow. */
export function longSentencesOf(text: string, rules: PlainLanguageRules = PLAIN_LANGUAGE): string[] {
  return sentencesOf(text).filter((sentence) => wordsOf(sentence).length > rules.maxWordsPerSentence);
}

/**
 * Namespaces no citizen reads: the volunteers' console (except its quick replies, which a volunteer
 * sends to the citizen) and the emoji cues of choices.
 */
export const NOT_FOR_CITIZENS: readonly string[] = ['console', 'cues'];
/** Texts of the console a citizen receives. */
const CONSOLE_FOR_CITIZENS = /^console\.quickReplies\./;
/** Lists of words to recognise, not texts to read. */
const WORD_LIST = /\.(words|synonyms)\.|Words$/;

/** A text of the locales: its key (`namespace.path`) and text. */
export interface LocaleText {
  readonly key: string;
  readonly text: string;
}

/** Every text a citizen can receive in a language (word lists left out), from `locales/`. */
export function citizenTexts(language: Language, resources: Resource = loadResources()): LocaleText[] {
  const out = [...flatTexts(resources[language] ?? {})].map(([key, text]) => ({ key, text }));
  return out.filter(({ key }) => !WORD_LIST.test(key) && (!NOT_FOR_CITIZENS.includes(key.split('.')[0]) || CONSOLE_FOR_CITIZENS.test(key)));
}

/** Keys of titles and fragments (choices, kinds, items, weekdays, calendar lines), not messages. */
const FRAGMENT = /\.(choices|kinds|purposes|items|ics|weekdays)\.|\.(and|title|privacy|privacyTitle|back|forgetMe|listButton)$/;

/**
 * True for a message (what the assistant says), false for a title or a fragment of one (a choice,
 * a list item): reading ease is measured over messages, where sentences are.
 */
export function isMessage({ key, text }: LocaleText): boolean {
  return !FRAGMENT.test(key) && wordsOf(text).length >= 4;
}
