import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS, LANGUAGES, TOPICS } from '../../../triage/labels';
import { DATA_DIR, loadDevExamples, loadFreshExamples, loadLanguageWords, loadTrainingExamples, loadUnseenExamples } from '../../../triage/trainingData';
import { normalizeText } from '../../../triage/textNormalizer';

const train = LANGUAGES.flatMap((l) => loadTrainingExamples(l));
const dev = loadDevExamples();
const unseen = loadUnseenExamples();
const fresh = loadFreshExamples();

describe('triage data', () => {
  test.each(LANGUAGES)('%s: at least 40 training examples per intent', (language) => {
    for (const intent of INTENTS) {
      const n = train.filter((e) => e.language === language && e.intent === intent).length;
      expect({ intent, n: n >= 40 }).toEqual({ intent, n: true });
    }
  });

  test.each(LANGUAGES)('%s: at least 40 training examples per topic', (language) => {
    for (const topic of TOPICS) {
      const n = train.filter((e) => e.language === language && e.topic === topic).length;
      expect({ topic, n: n >= 40 }).toEqual({ topic, n: true });
    }
  });

  test.each(LANGUAGES)('%s: at least 15 dev examples per intent, simple and noisy styles', (language) => {
    for (const intent of INTENTS) {
      const rows = dev.filter((e) => e.language === language && e.intent === intent);
      expect({ intent, n: rows.length >= 15 }).toEqual({ intent, n: true });
      expect(rows.some((e) => e.style === 'simple')).toBe(true);
      expect(rows.some((e) => e.style === 'noisy')).toBe(true);
    }
  });

  test.each(LANGUAGES)('%s: at least 60 unseen examples, every intent, three styles', (language) => {
    const rows = unseen.filter((e) => e.language === language);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((e) => e.intent))).toEqual(new Set(INTENTS));
    expect(new Set(rows.map((e) => e.style))).toEqual(new Set(['story', 'dictated', 'terse']));
  });

  test.each([
    ['dev', dev],
    ['unseen', unseen],
    ['fresh', fresh],
  ] as const)('no %s example is in the training data (exact or after normalisation)', (_name, heldOut) => {
    const trained = new Set(train.map((e) => normalizeText(e.text)));
    const leaked = heldOut.filter((e) => trained.has(normalizeText(e.text))).map((e) => e.text);
    expect(leaked).toEqual([]);
  });

  test('no duplicate training examples within a language', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const e of train) {
      const key = `${e.language}:${e.text.toLowerCase()}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });

  test('only taxonomy labels and the documented fields occur in every data file', () => {
    // the sub-question files have their own fields and test (tests/unit/triage/subQuestions.test.ts)
    const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json') && !f.startsWith('subquestions'));
    expect(files.sort()).toEqual(['concepts.json', 'dev.json', 'language-words.json', 'train.en.json', 'train.fr.json', 'train.nl.json', 'unseen.json', 'fresh.json'].sort());
    for (const file of files.filter((f) => f !== 'language-words.json' && f !== 'concepts.json')) {
      const rows = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as Array<Record<string, unknown>>;
      for (const row of rows) {
        const keys = Object.keys(row).sort();
        expect(keys).toEqual(['dev.json', 'unseen.json', 'fresh.json'].includes(file) ? ['intent', 'language', 'style', 'text', 'topic'] : ['intent', 'language', 'text', 'topic']);
        expect(LANGUAGES).toContain(row.language);
        expect(INTENTS).toContain(row.intent);
        if (row.topic !== null) expect(TOPICS).toContain(row.topic);
      }
    }
  });

  test.each(LANGUAGES)('%s: at least 300 distinct common words for language identification', (language) => {
    const words = loadLanguageWords()[language];
    expect(new Set(words).size).toBe(words.length);
    expect(words.length).toBeGreaterThanOrEqual(300);
  });

  test('the concept lexicon lists each name once, under one concept', () => {
    const lexicon = JSON.parse(readFileSync(join(DATA_DIR, 'concepts.json'), 'utf8')) as Record<string, unknown>;
    const names = Object.entries(lexicon)
      .filter(([concept]) => !concept.startsWith('_'))
      .flatMap(([, list]) => list as string[]);
    expect(names.every((name) => typeof name === 'string' && name.trim() === name && name.split(' ').length <= 3)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  test('ask_help examples always carry a topic', () => {
    expect([...train, ...dev, ...unseen, ...fresh].filter((e) => e.intent === 'ask_help' && e.topic === null)).toEqual([]);
  });
});
