import { Activity, ActivityTypes } from 'botbuilder';
import { LANGUAGES, translator as defaultTranslator, Translator } from '../i18n/translator';
import { choiceId, isTap, normalizeUtterance, tappedChoice } from './prompts';

/**
 * How the assistant understands an answer to one of its own questions, on every channel and in
 * every language: a tap (the opaque id of the choice it offered), the choice's number in any form
 * ("2", "2️⃣", "nummer 2", "de tweede", "deux", "the second one"), the choice's own words (exact,
 * without accents, or shortened: "afzeggen" for "Ja, afzeggen") and yes / no words for the choice
 * that says yes or no ("ja", "ok", "👍", "oui", "d'accord", "nee dank u", "non merci").
 *
 * A tap is a choice, not text: channels deliver it as `value.choice` (the id sent with the
 * choice), and the language is never read from it.
 */

/** The words of every language that answer a question (`locales/<language>/answers.json`). */
export interface AnswerWords {
  readonly yes: ReadonlySet<string>;
  readonly no: ReadonlySet<string>;
  readonly back: ReadonlySet<string>;
  /** Number words and ordinals → the number (1-based). */
  readonly numbers: ReadonlyMap<string, number>;
  /** Words that only surround a number ("nummer", "optie", "la", "the", "one"). */
  readonly numberFillers: ReadonlySet<string>;
  /** Folded words of courtesy that change nothing in an answer ("graag", "svp", "please"). */
  readonly polite: ReadonlySet<string>;
}

const wordsByTranslator = new WeakMap<Translator, AnswerWords>();

/** Lower case, no accents, no punctuation but apostrophes, single spaces. */
export function fold(text: unknown): string {
  return normalizeUtterance(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\p{Extended_Pictographic} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The answer words of every language, built once per translator. */
export function answerWords(i18n: Translator = defaultTranslator): AnswerWords {
  let words = wordsByTranslator.get(i18n);
  if (words) return words;
  const list = (key: string) => new Set(LANGUAGES.flatMap((language) => (i18n.has(language, key) ? i18n.list(language, key) : [])).map(fold).filter(Boolean));
  const numbers = new Map<string, number>();
  for (let n = 1; n <= 10; n += 1) for (const word of list(`answers.words.n${n}`)) numbers.set(word, n);
  const polite = new Set([...list('answers.words.polite')].flatMap((phrase) => phrase.split(' ')));
  words = { yes: list('answers.words.yes'), no: list('answers.words.no'), back: list('answers.words.back'), numbers, numberFillers: list('answers.words.numberFillers'), polite };
  wordsByTranslator.set(i18n, words);
  return words;
}

/** What a person answered to a question with choices: a tap, or typed text. */
export interface Answer {
  readonly text?: unknown;
  readonly value?: unknown;
}

/** Options of {@link recognizeChoice}. */
export interface RecognizeOptions {
  /** The choices are a yes / no question: yes words pick the first, no words the second. */
  readonly yesNo?: boolean;
  /** Other words of each choice, in order (in any language: "annuleren", "cancel" for "Call it off"). */
  readonly synonyms?: readonly (readonly string[])[];
}

/**
 * The index of the choice an answer selects, or undefined. A tap must carry the id of one of these
 * choices: a tap of an earlier question's button is not an answer here (undefined).
 */
export function recognizeChoice(answer: Answer, titles: readonly string[], words: AnswerWords = answerWords(), options: RecognizeOptions = {}): number | undefined {
  const tapped = tappedChoice(answer);
  if (tapped !== undefined) {
    const index = titles.findIndex((title, i) => choiceId(title, i) === tapped);
    return index >= 0 ? index : undefined;
  }
  return typedChoice(answer.text, titles, words, options);
}

/** {@link recognizeChoice} of typed text (no tap). */
export function typedChoice(text: unknown, titles: readonly string[], words: AnswerWords = answerWords(), options: RecognizeOptions = {}): number | undefined {
  const typed = fold(text);
  if (typed === '') return undefined;
  const inRange = (n: number | undefined) => (n !== undefined && n >= 1 && n <= titles.length ? n - 1 : undefined);
  const number = typedNumber(typed, words);
  if (number !== undefined) return inRange(number);
  const folded = titles.map(fold);
  const exact = folded.indexOf(typed);
  if (exact >= 0) return exact;
  const synonym = (options.synonyms ?? []).findIndex((words) => words.some((word) => fold(word) === typed));
  if (synonym >= 0 && synonym < titles.length) return synonym;
  const yesNo = yesNoOf(typed, words);
  if (yesNo) {
    const index = folded.findIndex((title) => words[yesNo].has(title.split(' ')[0]) || words[yesNo].has(title));
    if (index >= 0) return index;
    if (options.yesNo) return yesNo === 'yes' ? 0 : 1;
    return undefined;
  }
  return byWords(typed, folded);
}

/** "2", "nummer 2", "de tweede", "la deux", "the second one", "2e" → 2; else undefined. */
export function typedNumber(typed: string, words: AnswerWords = answerWords()): number | undefined {
  let tokens = fold(typed)
    .split(' ')
    .filter((token) => token !== '' && !words.numberFillers.has(token));
  if (tokens.length === 2 && tokens[1] === 'one') tokens = tokens.slice(0, 1); // "the first one"
  if (tokens.length !== 1) return undefined;
  const [token] = tokens;
  const digits = /^(\d{1,2})(?:e|de|ste|er|ere|eme|st|nd|rd|th)?$/.exec(token);
  if (digits) return Number(digits[1]);
  return words.numbers.get(token);
}

/** Whether typed text is a yes or a no ("ja graag", "👍", "non merci"), in any language. */
export function yesNoOf(text: unknown, words: AnswerWords = answerWords()): 'yes' | 'no' | undefined {
  const typed = fold(text);
  if (typed === '') return undefined;
  if (words.yes.has(typed)) return 'yes';
  if (words.no.has(typed)) return 'no';
  const first = typed.split(' ')[0];
  const rest = typed.split(' ').slice(1);
  const polite = rest.every((word) => words.yes.has(word) || words.no.has(word) || words.polite.has(word));
  if (polite && words.yes.has(first)) return 'yes';
  if (polite && words.no.has(first)) return 'no';
  return undefined;
}

/**
 * A typed text without the words of courtesy around it ("retour svp" → "retour", "graag terug" →
 * "terug"), folded; the text itself when nothing else is left.
 */
export function withoutCourtesy(text: unknown, words: AnswerWords = answerWords()): string {
  const tokens = fold(text).split(' ');
  let start = 0;
  let end = tokens.length;
  while (start < end && words.polite.has(tokens[start])) start += 1;
  while (end > start && words.polite.has(tokens[end - 1])) end -= 1;
  return start === end ? tokens.join(' ') : tokens.slice(start, end).join(' ');
}

/** The one title every typed word (of 3+ letters) starts a word of, if exactly one ("afzeggen" → "Ja, afzeggen"). */
function byWords(typed: string, titles: readonly string[]): number | undefined {
  const tokens = typed.split(' ').filter((token) => token.length >= 3);
  if (tokens.length === 0) return undefined;
  const fits = titles.map((title, index) => ({ index, words: title.split(' ') })).filter(({ words }) => tokens.every((token) => words.some((word) => word === token || (token.length >= 4 && word.startsWith(token)))));
  return fits.length === 1 ? fits[0].index : undefined;
}

/** True for a message activity whose text is empty and that is no tap (a location pin, a sticker answered elsewhere). */
export function isEmptyMessage(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && fold(activity.text) === '' && !isTap(activity);
}

/**
 * Patterns (`u` flag) every answer to a free-text question has, kept in the prompt's options
 * (`validations.shape`), e.g. an address has letters and a house number: a message without that
 * shape is no answer and may be another request.
 */
export interface AnswerShape {
  readonly shape?: readonly string[];
}

/** True when the text has every pattern of the question's shape (or the question sets none). */
export function fitsShape(text: unknown, validations: unknown): boolean {
  const shape = (validations as AnswerShape | undefined)?.shape ?? [];
  return shape.every((pattern) => new RegExp(pattern, 'u').test(typeof text === 'string' ? text : ''));
}
