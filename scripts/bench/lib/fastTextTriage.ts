/**
 * fastText (Facebook's subword n-gram classifier, compiled to WebAssembly in the npm package
 * `@echogarden/fasttext-wasm`) trained on the triage data: one model for the intent and one for the
 * topic, or one flat model on "intent + topic" labels. For `npm run bench:triage -- --compare` only;
 * the shipped triage does not use it (see triage/README.md for why).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeText } from '../../../triage/textNormalizer';
import type { TriageExample } from '../../../triage/trainingData';

interface FastTextPredictions {
  size(): number;
  get(i: number): [number, string];
}
interface FastTextModel {
  predict(text: string, k: number, threshold: number): FastTextPredictions;
}
interface FastTextModule {
  FastText: new () => { trainSupervised(url: string, args: Record<string, unknown>, callback: () => void): Promise<FastTextModel> };
  addOnPostRun(fn: () => void): void;
  fetch?: (url: string) => Promise<{ arrayBuffer(): Promise<ArrayBufferLike> }>;
}

/** Training arguments: subword 2–5-grams and word pairs, like the shipped model's features. */
const FASTTEXT_ARGS = { epoch: 40, lr: 0.5, wordNgrams: 2, minn: 2, maxn: 5, dim: 50, loss: 'softmax', bucket: 200_000, verbose: 0, seed: 1 };

let loaded: Promise<FastTextModule> | undefined;

/** Loads the WebAssembly module once. */
function fastText(): Promise<FastTextModule> {
  loaded ??= new Promise((resolve) => {
    // The Emscripten loader prefers WebAssembly.instantiateStreaming(fetch(path)) whenever both exist,
    // which fails on a file path in Node; hidden while it loads, it reads the .wasm file with fs.
    // https://emscripten.org/docs/compiling/WebAssembly.html#web-server-setup
    const streaming = WebAssembly.instantiateStreaming;
    (WebAssembly as { instantiateStreaming?: unknown }).instantiateStreaming = undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('@echogarden/fasttext-wasm') as FastTextModule;
    WebAssembly.instantiateStreaming = streaming;
    // trainSupervised fetches its training file from a URL; `module.fetch` (read first) reads a local file instead.
    module.fetch = async (file) => ({ arrayBuffer: async () => readFileSync(file).buffer });
    module.addOnPostRun(() => resolve(module));
  });
  return loaded;
}

async function train(lines: readonly string[]): Promise<FastTextModel> {
  const module = await fastText();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fasttext-'));
  const file = path.join(dir, 'train.txt');
  writeFileSync(file, lines.join('\n'));
  try {
    return await new module.FastText().trainSupervised(file, FASTTEXT_ARGS, () => undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const best = (model: FastTextModel, text: string): string => {
  const predictions = model.predict(normalizeText(text), 1, 0);
  return predictions.size() > 0 ? predictions.get(0)[1].replace(/^__label__/, '') : '';
};

/** What a fastText reading gives: intent and topic (`null` for none). */
export interface FastTextReading {
  readonly intent: string;
  readonly topic: string | null;
}

/** Trains fastText on the examples: two heads (intent, topic) or one flat "intent|topic" label. */
export async function trainFastText(examples: readonly TriageExample[], heads: 'two' | 'flat'): Promise<(text: string) => FastTextReading> {
  const label = (value: string): string => `__label__${value}`;
  const line = (value: string, e: TriageExample): string => `${label(value)} ${normalizeText(e.text)}`;
  if (heads === 'flat') {
    const model = await train(examples.map((e) => line(`${e.intent}|${e.topic ?? 'none'}`, e)));
    return (text) => {
      const [intent, topic] = best(model, text).split('|');
      return { intent, topic: topic === 'none' ? null : topic };
    };
  }
  const intents = await train(examples.map((e) => line(e.intent, e)));
  const topics = await train(examples.map((e) => line(e.topic ?? 'none', e)));
  return (text) => {
    const topic = best(topics, text);
    return { intent: best(intents, text), topic: topic === 'none' ? null : topic };
  };
}
