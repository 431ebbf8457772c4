/**
 * Sub-question benchmark (`triage/subQuestions.ts`):
 * - 5-fold cross-validation on the training data (`triage/data/subquestions.json`), per language,
 *   for a few thresholds (how the shipped threshold was chosen);
 * - the held-out set (`subquestions.heldout.json`, written before the training data, never trained
 *   or tuned on): with the true topic given, and through the real triage (its topic, its threshold),
 *   per language and per style.
 *
 *   npm run bench:subquestions
 *
 * A script, not a test: it prints figures and always exits 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../triage/softmaxClassifier';
import {
  loadSubQuestionExamples,
  SUB_QUESTION_THRESHOLD,
  SUB_QUESTIONS_HELD_OUT_FILE,
  SubQuestionClassifier,
  type SubQuestion,
  type SubQuestionExample,
} from '../../triage/subQuestions';
import { normalizeText } from '../../triage/textNormalizer';
import { DATA_DIR } from '../../triage/trainingData';
import { Triage } from '../../triage/triage';

const THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.6, 0.7];
const FOLDS = 5;

const pct = (a: number, b: number): string => (b === 0 ? '  -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

/** The answer at a threshold: the sub-question, or null (generic help). */
function decided(reading: { id: SubQuestion | null; confidence: number }, threshold: number): SubQuestion | null {
  return reading.id !== null && reading.confidence >= threshold ? reading.id : null;
}

function crossValidate(examples: readonly SubQuestionExample[]): void {
  const random = seededRandom(7);
  const fold = examples.map(() => Math.floor(random() * FOLDS));
  const rows: Array<{ example: SubQuestionExample; reading: { id: SubQuestion | null; confidence: number } }> = [];
  for (let f = 0; f < FOLDS; f++) {
    const model = SubQuestionClassifier.train(examples.filter((_, i) => fold[i] !== f));
    for (const [i, example] of examples.entries()) {
      if (fold[i] === f) rows.push({ example, reading: model.rank(normalizeText(example.text), example.topic) });
    }
  }
  console.log(`\n== 5-fold cross-validation on the training data (${rows.length} messages, true topic given)`);
  console.log(`threshold   ${['all', 'nl', 'fr', 'en'].map((g) => g.padStart(7)).join('')}   specific→generic   wrong specific`);
  for (const threshold of THRESHOLDS) {
    const groups = ['all', 'nl', 'fr', 'en'].map((g) => rows.filter((r) => g === 'all' || r.example.language === g));
    const accuracy = groups.map((g) => pct(g.filter((r) => decided(r.reading, threshold) === r.example.subQuestion).length, g.length).padStart(7));
    const toGeneric = rows.filter((r) => r.example.subQuestion !== null && decided(r.reading, threshold) === null).length;
    const wrong = rows.filter((r) => decided(r.reading, threshold) !== null && decided(r.reading, threshold) !== r.example.subQuestion).length;
    const mark = threshold === SUB_QUESTION_THRESHOLD ? ' (shipped)' : '';
    console.log(`${threshold.toFixed(2).padEnd(11)} ${accuracy.join('')}   ${pct(toGeneric, rows.length).padStart(16)}   ${pct(wrong, rows.length).padStart(14)}${mark}`);
  }
}

interface HeldOut extends SubQuestionExample {
  readonly style: string;
}

async function heldOut(): Promise<void> {
  const styles = JSON.parse(readFileSync(join(DATA_DIR, SUB_QUESTIONS_HELD_OUT_FILE), 'utf8')) as Array<{ style: string }>;
  const examples: HeldOut[] = loadSubQuestionExamples(SUB_QUESTIONS_HELD_OUT_FILE).map((e, i) => ({ ...e, style: styles[i].style }));
  const model = SubQuestionClassifier.train(loadSubQuestionExamples());
  const triage = await Triage.load();
  const rows = examples.map((example) => {
    const result = triage.classify(example.text);
    return {
      example,
      givenTopic: decided(model.rank(normalizeText(example.text), example.topic), SUB_QUESTION_THRESHOLD),
      throughTriage: result.subQuestion?.id ?? null,
      topicRight: result.topic === example.topic,
    };
  });
  console.log(`\n== held-out set (${rows.length} messages, never trained or tuned on)`);
  console.log('group              n   sub-question (true topic)   sub-question (real triage)   triage topic');
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    for (const key of ['all', `lang=${r.example.language}`, `style=${r.example.style}`]) groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, g] of groups) {
    const given = g.filter((r) => r.givenTopic === r.example.subQuestion).length;
    const real = g.filter((r) => r.throughTriage === r.example.subQuestion).length;
    const topic = g.filter((r) => r.topicRight).length;
    console.log(`${key.padEnd(15)} ${String(g.length).padStart(4)}   ${pct(given, g.length).padStart(25)}   ${pct(real, g.length).padStart(26)}   ${pct(topic, g.length).padStart(12)}`);
  }
  const misses = rows.filter((r) => r.throughTriage !== r.example.subQuestion);
  if (misses.length > 0) console.log('\nmisses through the real triage (expected → got):');
  for (const r of misses) console.log(`  [${r.example.language}] ${r.example.text}  ${r.example.subQuestion ?? 'generic'} → ${r.throughTriage ?? 'generic'}`);
}

async function main(): Promise<void> {
  crossValidate(loadSubQuestionExamples());
  await heldOut();
}

void main();
