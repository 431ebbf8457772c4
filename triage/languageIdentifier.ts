/**
 * Language identification for short, noisy messages in nl/fr/en, trained on the triage examples plus
 * a list of common words per language (character 1–4-grams and words, so Flemish and Brussels forms
 * count for nl/fr). Two models vote with equal weight: the softmax model and a naive Bayes model over
 * the same features (better on one- and two-word messages; cross-validation in the README). A remembered
 * language acts as a prior: short or ambiguous messages ("ok", "laptop", "merci" from a Flemish
 * speaker) keep it, clear messages in another language override it.
 */
import { FeatureExtractor, rawFeatures, type FeatureOptions } from './featureExtractor';
import { LANGUAGES, type TriageLanguage } from './labels';
import { NaiveBayes, type NaiveBayesSnapshot } from './naiveBayes';
import { SoftmaxClassifier, softmaxInPlace, type SoftmaxOptions, type SoftmaxSnapshot } from './softmaxClassifier';
import { normalizeText } from './textNormalizer';

const LANGUAGE_FEATURES: FeatureOptions = { charMin: 1, charMax: 4, wordWeight: 2, bigrams: false, minCount: 1, concepts: false };
const LANGUAGE_TRAINING: SoftmaxOptions = { epochs: 8, learningRate: 0.5, l2: 1e-4, balance: 0, seed: 7, skipBelow: 2e-3 };
/** Softening of the raw probabilities, fitted by cross-validation (README). */
const LANGUAGE_TEMPERATURE = 1.5;
/** Additive smoothing of the naive Bayes model. */
const NAIVE_BAYES_ALPHA = 0.1;
/** Prior weight of the remembered language, by message length in tokens. */
const REMEMBERED_PRIOR_SHORT = 0.9;
const REMEMBERED_PRIOR_LONG = 0.7;

/** Detected language with its probability. */
export interface LanguageGuess {
  readonly language: TriageLanguage;
  readonly confidence: number;
  readonly probabilities: Readonly<Record<TriageLanguage, number>>;
}

/** What a trained {@link LanguageIdentifier} is made of (the model cache). */
export interface LanguageIdentifierSnapshot {
  readonly vocabulary: readonly string[];
  readonly model: SoftmaxSnapshot;
  readonly naiveBayes: NaiveBayesSnapshot;
}

/** Identifies nl/fr/en. */
export class LanguageIdentifier {
  private constructor(
    private readonly extractor: FeatureExtractor,
    private readonly model: SoftmaxClassifier,
    private readonly naiveBayes: NaiveBayes,
  ) {}

  /** Trains on normalised texts with their languages, plus each language's common words. */
  static train(
    normalizedTexts: readonly string[],
    languages: readonly TriageLanguage[],
    words: Readonly<Record<TriageLanguage, readonly string[]>>,
  ): LanguageIdentifier {
    const texts = [...normalizedTexts];
    const ys = languages.map((l) => LANGUAGES.indexOf(l));
    LANGUAGES.forEach((language, y) => {
      for (const word of words[language]) {
        texts.push(normalizeText(word));
        ys.push(y);
      }
    });
    const extractor = FeatureExtractor.fit(texts, LANGUAGE_FEATURES);
    const xs = texts.map((t) => extractor.vectorize(t));
    const model = SoftmaxClassifier.train(xs, ys, extractor.size, LANGUAGES.length, LANGUAGE_TRAINING);
    const naiveBayes = NaiveBayes.train(
      texts.map((t) => rawFeatures(t, LANGUAGE_FEATURES)),
      ys,
      LANGUAGES.length,
      NAIVE_BAYES_ALPHA,
    );
    return new LanguageIdentifier(extractor, model, naiveBayes);
  }

  /**
   * Rebuilds an identifier from a snapshot.
   * @throws when its parts do not fit together or are not over nl/fr/en.
   */
  static fromSnapshot(snapshot: LanguageIdentifierSnapshot): LanguageIdentifier {
    if (snapshot.model.classCount !== LANGUAGES.length || snapshot.naiveBayes.classCount !== LANGUAGES.length) {
      throw new Error('language snapshot: wrong languages');
    }
    const extractor = FeatureExtractor.fromVocabulary(snapshot.vocabulary, LANGUAGE_FEATURES);
    return new LanguageIdentifier(extractor, SoftmaxClassifier.fromSnapshot(snapshot.model, extractor.size), NaiveBayes.fromSnapshot(snapshot.naiveBayes));
  }

  /** The trained parts. */
  toSnapshot(): LanguageIdentifierSnapshot {
    return { vocabulary: this.extractor.vocabularyNames(), model: this.model.toSnapshot(), naiveBayes: this.naiveBayes.toSnapshot() };
  }

  /** Language of a normalised text, optionally biased towards the remembered language. */
  identify(normalized: string, rememberedLanguage?: TriageLanguage): LanguageGuess {
    const p = this.model.predict(this.extractor.vectorize(normalized), LANGUAGE_TEMPERATURE);
    const bayes = this.naiveBayes.scores(rawFeatures(normalized, LANGUAGE_FEATURES));
    softmaxInPlace(bayes, 1);
    for (let i = 0; i < p.length; i++) p[i] = (p[i] + bayes[i]) / 2;
    if (rememberedLanguage !== undefined) {
      const tokenCount = normalized.split(' ').filter((t) => t.length > 0 && !t.startsWith('emo')).length;
      const weight = tokenCount <= 2 ? REMEMBERED_PRIOR_SHORT : REMEMBERED_PRIOR_LONG;
      let sum = 0;
      for (let i = 0; i < p.length; i++) {
        p[i] *= LANGUAGES[i] === rememberedLanguage ? weight : (1 - weight) / (LANGUAGES.length - 1);
        sum += p[i];
      }
      for (let i = 0; i < p.length; i++) p[i] /= sum;
    }
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    return {
      language: LANGUAGES[best],
      confidence: p[best],
      probabilities: { nl: p[0], fr: p[1], en: p[2] },
    };
  }
}
