/**
 * The triage examples in `triage/data/`: `train.<lang>.json` (trained on), `dev.json` and
 * `unseen.json` (never trained on; measured by `npm run bench:triage`). `unseen.json` is written in
 * other styles than the training data (stories, voice dictation, terse keywords) and was never looked
 * at while tuning. Every example is validated against the taxonomy when loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONCEPTS_FILE } from './featureExtractor';
import { isIntent, isTopic, isTriageLanguage, LANGUAGES, type Intent, type Topic, type TriageLanguage } from './labels';

/** One labelled message. */
export interface TriageExample {
  readonly text: string;
  readonly language: TriageLanguage;
  readonly intent: Intent;
  readonly topic: Topic | null;
}

/** Writing styles of the dev set. */
export const DEV_STYLES = ['simple', 'noisy', 'standard'] as const;
/** Writing styles of the unseen set: context-first stories, voice dictation, terse keywords. */
export const UNSEEN_STYLES = ['story', 'dictated', 'terse'] as const;

/** Writing style of a held-out example. */
export type ExampleStyle = (typeof DEV_STYLES)[number] | (typeof UNSEEN_STYLES)[number];

/** One held-out message with its writing style. */
export interface DevExample extends TriageExample {
  readonly style: ExampleStyle;
}

/** Folder holding the data files. */
export const DATA_DIR = join(__dirname, 'data');

function parseExample(value: unknown, where: string): TriageExample {
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: not an object`);
  const record = value as Record<string, unknown>;
  const { text, language, intent, topic } = record;
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`${where}: bad text`);
  if (!isTriageLanguage(language)) throw new Error(`${where}: bad language ${String(language)}`);
  if (!isIntent(intent)) throw new Error(`${where}: bad intent ${String(intent)}`);
  if (topic !== null && !isTopic(topic)) throw new Error(`${where}: bad topic ${String(topic)}`);
  return { text, language, intent, topic };
}

function readArray(file: string): unknown[] {
  const parsed: unknown = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: not a JSON array`);
  return parsed;
}

/** The common words of each language (see {@link loadLanguageWords}). */
const LANGUAGE_WORDS_FILE = 'language-words.json';

/** The sub-question examples (read by `./subQuestions.ts`; one of the {@link TRAINING_FILES}). */
export const SUB_QUESTIONS_FILE = 'subquestions.json';

/** The data files the model is trained on, in {@link DATA_DIR}. */
export const TRAINING_FILES: readonly string[] = [...LANGUAGES.map(trainingFile), LANGUAGE_WORDS_FILE, CONCEPTS_FILE, SUB_QUESTIONS_FILE];

function trainingFile(language: TriageLanguage): string {
  return `train.${language}.json`;
}

/** Training examples of one language (`train.<language>.json`). */
export function loadTrainingExamples(language: TriageLanguage): TriageExample[] {
  const file = trainingFile(language);
  return readArray(file).map((v, i) => {
    const example = parseExample(v, `${file}[${i}]`);
    if (example.language !== language) throw new Error(`${file}[${i}]: language ${example.language} in ${file}`);
    return example;
  });
}

/** All training examples, every language. */
export function loadAllTrainingExamples(): TriageExample[] {
  return LANGUAGES.flatMap((language) => loadTrainingExamples(language));
}

/** A held-out file whose rows also carry one of `styles`. */
function loadHeldOut(file: string, styles: readonly ExampleStyle[]): DevExample[] {
  return readArray(file).map((v, i) => {
    const example = parseExample(v, `${file}[${i}]`);
    const style = (v as Record<string, unknown>).style;
    const known = styles.find((s) => s === style);
    if (known === undefined) throw new Error(`${file}[${i}]: bad style`);
    return { ...example, style: known };
  });
}

/** The dev set (`dev.json`). */
export function loadDevExamples(): DevExample[] {
  return loadHeldOut('dev.json', DEV_STYLES);
}

/** The unseen set (`unseen.json`): other writing styles, never trained or tuned on. */
export function loadUnseenExamples(): DevExample[] {
  return loadHeldOut('unseen.json', UNSEEN_STYLES);
}

/**
 * The fourth set (`fresh.json`): written by another hand after the model was frozen, in the dev
 * set's styles; never trained or tuned on, measured once per model change.
 */
export function loadFreshExamples(): DevExample[] {
  return loadHeldOut('fresh.json', DEV_STYLES);
}

/**
 * Common words of each language (`language-words.json`): function words, everyday verbs, chat
 * abbreviations and Flemish/Brussels forms. Extra evidence for language identification only, so that
 * two-word messages made of such words are recognised even when no training sentence contains them.
 */
export function loadLanguageWords(): Record<TriageLanguage, string[]> {
  const parsed: unknown = JSON.parse(readFileSync(join(DATA_DIR, LANGUAGE_WORDS_FILE), 'utf8'));
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const words = {} as Record<TriageLanguage, string[]>;
  for (const language of LANGUAGES) {
    const list = record[language];
    if (!Array.isArray(list) || !list.every((w): w is string => typeof w === 'string' && w.trim() !== '')) {
      throw new Error(`language-words.json: bad list for ${language}`);
    }
    words[language] = list;
  }
  return words;
}
