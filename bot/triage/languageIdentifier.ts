/**
 * Language identification for short, noisy messages in nl/fr/en, trained on the triage examples
 * (character 1–4-grams and words, so Flemish and Brussels forms count for nl/fr). A remembered
 * language acts as a prior: short or ambiguous messages ("ok", "laptop", "merci" from a Flemish
 * speaker) keep it, clear messages in another language override it.
 */
import { FeatureExtractor, type FeatureOptions } from './featureExtractor';
import { LANGUAGES, type TriageLanguage } from './labels';
import { SoftmaxClassifier, type SoftmaxOptions } from './softmaxClassifier';

const LANGUAGE_FEATURES: FeatureOptions = { charMin: 1, charMax: 4, wordWeight: 2, bigrams: false, minCount: 1 };
const LANGUAGE_TRAINING: SoftmaxOptions = { epochs: 8, learningRate: 0.5, l2: 1e-4, balance: 0, seed: 7, skipBelow: 2e-3 };
/** Softening of the raw probabilities, fitted by cross-validation (README). */
const LANGUAGE_TEMPERATURE = 1.5;
/** Prior weight of the remembered language, by message length in tokens. */
const REMEMBERED_PRIOR_SHORT = 0.9;
const REMEMBERED_PRIOR_LONG = 0.7;

/** Detected language with its probability. */
export interface LanguageGuess {
  readonly language: TriageLanguage;
  readonly confidence: number;
  readonly probabilities: Readonly<Record<TriageLanguage, number>>;
}

/** Identifies nl/fr/en. */
export class LanguageIdentifier {
  private constructor(
    private readonly extractor: FeatureExtractor,
    private readonly model: SoftmaxClassifier,
  ) {}

  /** Trains on normalised texts with their languages. */
  static train(normalizedTexts: readonly string[], languages: readonly TriageLanguage[]): LanguageIdentifier {
    const extractor = FeatureExtractor.fit(normalizedTexts, LANGUAGE_FEATURES);
    const xs = normalizedTexts.map((t) => extractor.vectorize(t));
    const ys = languages.map((l) => LANGUAGES.indexOf(l));
    const model = SoftmaxClassifier.train(xs, ys, extractor.size, LANGUAGES.length, LANGUAGE_TRAINING);
    return new LanguageIdentifier(extractor, model);
  }

  /** Language of a normalised text, optionally biased towards the remembered language. */
  identify(normalized: string, rememberedLanguage?: TriageLanguage): LanguageGuess {
    const p = this.model.predict(this.extractor.vectorize(normalized), LANGUAGE_TEMPERATURE);
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
