/**
 * Sparse features of a normalised message: words, word pairs and character n-grams inside words
 * (robust to typos, phonetic spelling and missing accents). Feature names are mapped to indices by a
 * vocabulary fixed at training time; unseen features are ignored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText, tokensOf } from './textNormalizer';

/** A sparse, L2-normalised feature vector. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** What to extract. */
export interface FeatureOptions {
  /** Smallest and largest character n-gram inside a word padded with `<` `>`. */
  readonly charMin: number;
  readonly charMax: number;
  /** Weight of one word feature relative to one character n-gram. */
  readonly wordWeight: number;
  /** Whether to add adjacent word pairs. */
  readonly bigrams: boolean;
  /** Features seen fewer times than this in training are dropped. */
  readonly minCount: number;
  /** Whether a listed name also gives its concept's feature (`data/concepts.json`). */
  readonly concepts: boolean;
}

/** The concept lexicon: a normalised name of one to three words → its concept. */
export const CONCEPTS_FILE = 'concepts.json';
let conceptLexicon: Map<string, string> | undefined;

/** The concept of each listed name (`data/concepts.json`), read once. */
function concepts(): Map<string, string> {
  if (conceptLexicon) return conceptLexicon;
  const raw = JSON.parse(readFileSync(join(__dirname, 'data', CONCEPTS_FILE), 'utf8')) as Record<string, unknown>;
  conceptLexicon = new Map();
  for (const [concept, names] of Object.entries(raw)) {
    if (concept.startsWith('_') || !Array.isArray(names)) continue;
    for (const name of names) conceptLexicon.set(normalizeText(String(name)), concept);
  }
  return conceptLexicon;
}

/** Longest listed name, in words. */
const CONCEPT_WORDS_MAX = 3;

/** The concepts of the names (one to three words) that start at token `i`. */
function conceptsAt(tokens: readonly string[], i: number): string[] {
  const lexicon = concepts();
  const found: string[] = [];
  for (let n = 1; n <= CONCEPT_WORDS_MAX && i + n <= tokens.length; n++) {
    const concept = lexicon.get(tokens.slice(i, i + n).join(' '));
    if (concept) found.push(concept);
  }
  return found;
}

/** Defaults chosen by cross-validation on the training data (see README). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charMin: 2,
  charMax: 5,
  wordWeight: 3,
  bigrams: true,
  minCount: 1,
  concepts: true,
};

/** Raw weighted feature names of a normalised text, before vocabulary lookup. */
export function rawFeatures(normalized: string, options: FeatureOptions): Map<string, number> {
  const feats = new Map<string, number>();
  const add = (name: string, w: number): void => {
    feats.set(name, (feats.get(name) ?? 0) + w);
  };
  const tokens = tokensOf(normalized);
  if (tokens.length === 0) add('#empty', 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    add(`w:${t}`, options.wordWeight);
    if (options.bigrams && i + 1 < tokens.length) add(`b:${t}_${tokens[i + 1]}`, options.wordWeight / 2);
    if (options.concepts) for (const concept of conceptsAt(tokens, i)) add(`c:${concept}`, options.wordWeight);
    if (t.startsWith('emo')) continue;
    const padded = `<${t}>`;
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let k = 0; k + n <= padded.length; k++) add(padded.slice(k, k + n), 1);
    }
  }
  return feats;
}

/** Maps feature names to indices and turns texts into normalised sparse vectors. */
export class FeatureExtractor {
  private readonly vocabulary: Map<string, number>;

  private constructor(vocabulary: Map<string, number>, readonly options: FeatureOptions) {
    this.vocabulary = vocabulary;
  }

  /** Builds the vocabulary from normalised training texts. */
  static fit(normalizedTexts: readonly string[], options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureExtractor {
    const counts = new Map<string, number>();
    for (const text of normalizedTexts) {
      for (const name of rawFeatures(text, options).keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const vocabulary = new Map<string, number>();
    for (const [name, count] of counts) if (count >= options.minCount) vocabulary.set(name, vocabulary.size);
    return new FeatureExtractor(vocabulary, options);
  }

  /** Rebuilds an extractor from {@link vocabulary} (the model cache). */
  static fromVocabulary(vocabulary: readonly string[], options: FeatureOptions): FeatureExtractor {
    return new FeatureExtractor(new Map(vocabulary.map((name, index) => [name, index])), options);
  }

  /** The feature names, in index order. */
  vocabularyNames(): string[] {
    return [...this.vocabulary.keys()];
  }

  /** Number of features (the vector dimension). */
  get size(): number {
    return this.vocabulary.size;
  }

  /** Vector of a normalised text (sublinear term weights, L2-normalised). */
  vectorize(normalized: string): SparseVector {
    const entries: Array<[number, number]> = [];
    for (const [name, weight] of rawFeatures(normalized, this.options)) {
      const index = this.vocabulary.get(name);
      if (index !== undefined) entries.push([index, 1 + Math.log(weight)]);
    }
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    entries.sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(entries, (e) => e[0]),
      values: Float64Array.from(entries, (e) => e[1] / norm),
    };
  }
}
