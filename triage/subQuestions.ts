/**
 * The common sub-question of a digital question, once its topic is known ("itsme on a new phone",
 * "a phishing SMS from the bank", "my phone is full"): each has its own short self-help text
 * (`locales/<lang>/selfHelp.json`). A small softmax classifier over the same features as the triage,
 * trained on `triage/data/subquestions.json`; one "none" class per topic keeps a generic question on
 * the topic's generic help. Only the sub-questions that belong to the triage's topic compete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEATURE_OPTIONS, FeatureExtractor, type FeatureOptions } from './featureExtractor';
import { isTopic, isTriageLanguage, TOPICS, type Topic, type TriageLanguage } from './labels';
import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxClassifier, type SoftmaxOptions, type SoftmaxSnapshot } from './softmaxClassifier';
import { normalizeText } from './textNormalizer';
import { DATA_DIR, SUB_QUESTIONS_FILE } from './trainingData';

export { SUB_QUESTIONS_FILE };

/**
 * Every sub-question with the topics it can come with, its own topic first: a phishing SMS "from the
 * bank" is `scam_security`, but the triage may read the message as `banking`.
 */
export const SUB_QUESTION_TOPICS = {
  itsme_new_phone: ['eid_itsme', 'smartphone_basics'],
  itsme_code_forgotten: ['eid_itsme'],
  itsme_not_working: ['eid_itsme'],
  eid_reader_pin: ['eid_itsme'],
  tax_deadline_proposal: ['tax'],
  myminfin: ['tax', 'government_services'],
  bank_app_new_phone: ['banking', 'smartphone_basics'],
  bank_app_broken: ['banking', 'smartphone_basics'],
  phishing_message: ['scam_security', 'banking', 'email_accounts', 'smartphone_basics'],
  scam_call: ['scam_security', 'banking'],
  email_hacked: ['email_accounts', 'scam_security'],
  email_password_forgotten: ['email_accounts'],
  burgerprofiel: ['government_services'],
  mypension: ['government_services'],
  myhealth: ['health', 'government_services'],
  smartschool: ['work_school'],
  social_internet_tariff: ['internet_access'],
  whatsapp_install: ['smartphone_basics'],
  send_photo: ['smartphone_basics', 'email_accounts'],
  storage_full: ['smartphone_basics'],
  print_pdf: ['printing_scanning'],
} as const satisfies Record<string, readonly [Topic, ...Topic[]]>;

/** A sub-question id; its help is `selfHelp.<id>` in the locales. */
export type SubQuestion = keyof typeof SUB_QUESTION_TOPICS;

/** All sub-question ids. */
export const SUB_QUESTIONS = Object.keys(SUB_QUESTION_TOPICS) as SubQuestion[];

/** True when `value` is a sub-question id. */
export function isSubQuestion(value: unknown): value is SubQuestion {
  return typeof value === 'string' && Object.hasOwn(SUB_QUESTION_TOPICS, value);
}

/** The topic a sub-question belongs to (its first). */
export function topicOfSubQuestion(subQuestion: SubQuestion): Topic {
  return SUB_QUESTION_TOPICS[subQuestion][0];
}

/**
 * Below this probability (among the sub-questions of the topic and its "none") the generic topic help
 * is shown: a wrong specific answer helps less than the generic one. Chosen by 5-fold
 * cross-validation on the training data (`npm run bench:subquestions`).
 */
export const SUB_QUESTION_THRESHOLD = 0.5;

/** The sub-question understood in a message, with its probability among those of its topic. */
export interface SubQuestionReading {
  readonly id: SubQuestion;
  readonly confidence: number;
}

/** One labelled message of `subquestions.json`; `subQuestion: null` is a generic question on `topic`. */
export interface SubQuestionExample {
  readonly text: string;
  readonly language: TriageLanguage;
  readonly topic: Topic;
  readonly subQuestion: SubQuestion | null;
}

/** The held-out file: written before the training data, never trained or tuned on. */
export const SUB_QUESTIONS_HELD_OUT_FILE = 'subquestions.heldout.json';

/** Examples of a sub-question file (default: the training file), validated. */
export function loadSubQuestionExamples(file: string = SUB_QUESTIONS_FILE, dataDir: string = DATA_DIR): SubQuestionExample[] {
  const parsed: unknown = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: not a JSON array`);
  return parsed.map((value: unknown, i) => parseExample(value, `${file}[${i}]`));
}

function parseExample(value: unknown, where: string): SubQuestionExample {
  const { text, language, topic, subQuestion } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`${where}: bad text`);
  if (!isTriageLanguage(language)) throw new Error(`${where}: bad language`);
  if (!isTopic(topic)) throw new Error(`${where}: bad topic`);
  if (subQuestion !== null && !isSubQuestion(subQuestion)) throw new Error(`${where}: bad sub-question`);
  if (subQuestion !== null && topicOfSubQuestion(subQuestion) !== topic) throw new Error(`${where}: ${subQuestion} is not of ${topic}`);
  return { text, language, topic, subQuestion };
}

/** What a trained {@link SubQuestionClassifier} is made of (the model cache). */
export interface SubQuestionSnapshot {
  readonly vocabulary: readonly string[];
  readonly model: SoftmaxSnapshot;
}

/** Settings of the sub-question model. */
export interface SubQuestionOptions {
  readonly features: FeatureOptions;
  readonly training: SoftmaxOptions;
}

/** The shipped settings: those of the triage. */
export const DEFAULT_SUB_QUESTION_OPTIONS: SubQuestionOptions = { features: DEFAULT_FEATURE_OPTIONS, training: DEFAULT_SOFTMAX_OPTIONS };

/** Class index of an example: the sub-questions, then one "none" class per topic. */
function classOf(example: Pick<SubQuestionExample, 'topic' | 'subQuestion'>): number {
  return example.subQuestion === null ? SUB_QUESTIONS.length + TOPICS.indexOf(example.topic) : SUB_QUESTIONS.indexOf(example.subQuestion);
}

/** The classes that compete for a topic: its sub-questions and its "none". */
const CANDIDATES: ReadonlyMap<Topic, readonly number[]> = new Map(
  TOPICS.map((topic) => [
    topic,
    [...SUB_QUESTIONS.flatMap((id, i) => ((SUB_QUESTION_TOPICS[id] as readonly Topic[]).includes(topic) ? [i] : [])), classOf({ topic, subQuestion: null })],
  ]),
);

/** Sub-question classifier: which common sub-question of its topic a message asks. */
export class SubQuestionClassifier {
  private constructor(
    private readonly extractor: FeatureExtractor,
    private readonly model: SoftmaxClassifier,
  ) {}

  /** Trains on labelled examples. */
  static train(examples: readonly SubQuestionExample[], options: SubQuestionOptions = DEFAULT_SUB_QUESTION_OPTIONS): SubQuestionClassifier {
    const texts = examples.map((e) => normalizeText(e.text));
    const extractor = FeatureExtractor.fit(texts, options.features);
    const classCount = SUB_QUESTIONS.length + TOPICS.length;
    const model = SoftmaxClassifier.train(texts.map((t) => extractor.vectorize(t)), examples.map(classOf), extractor.size, classCount, options.training);
    return new SubQuestionClassifier(extractor, model);
  }

  /**
   * Rebuilds a classifier from a snapshot.
   * @throws when the snapshot does not have this taxonomy's classes.
   */
  static fromSnapshot(snapshot: SubQuestionSnapshot, options: SubQuestionOptions = DEFAULT_SUB_QUESTION_OPTIONS): SubQuestionClassifier {
    if (snapshot.model.classCount !== SUB_QUESTIONS.length + TOPICS.length) throw new Error('sub-question snapshot: wrong labels');
    const extractor = FeatureExtractor.fromVocabulary(snapshot.vocabulary, options.features);
    return new SubQuestionClassifier(extractor, SoftmaxClassifier.fromSnapshot(snapshot.model, extractor.size));
  }

  /** The trained parts (for the model cache). */
  toSnapshot(): SubQuestionSnapshot {
    return { vocabulary: this.extractor.vocabularyNames(), model: this.model.toSnapshot() };
  }

  /**
   * The likeliest reading of a normalised message among the sub-questions of `topic` and its "none"
   * (probabilities renormalised over those): `id: null` for a generic question on the topic.
   */
  rank(normalized: string, topic: Topic): { id: SubQuestion | null; confidence: number } {
    const probs = this.model.predict(this.extractor.vectorize(normalized));
    const candidates = CANDIDATES.get(topic) ?? [];
    let total = 0;
    let best = candidates[candidates.length - 1];
    for (const c of candidates) {
      total += probs[c];
      if (probs[c] > probs[best]) best = c;
    }
    return { id: best < SUB_QUESTIONS.length ? SUB_QUESTIONS[best] : null, confidence: total > 0 ? probs[best] / total : 0 };
  }

  /** The sub-question of a normalised message on `topic`, or null (generic, or below {@link SUB_QUESTION_THRESHOLD}). */
  classify(normalized: string, topic: Topic): SubQuestionReading | null {
    const { id, confidence } = this.rank(normalized, topic);
    return id !== null && confidence >= SUB_QUESTION_THRESHOLD ? { id, confidence: Math.round(confidence * 10000) / 10000 } : null;
  }
}
