/**
 * The trained triage model on disk, so that a restart (and every test that starts the app) loads it
 * in a fraction of a second instead of training again. One file per key: the key hashes everything the
 * model is made from (training data, model options, labels, the triage source files, the V8 version),
 * so a change to any of them trains anew. A missing, unreadable, corrupt or mismatched file is ignored
 * (logged at debug) and replaced. A file is written under a temporary name, then renamed: a reader
 * (another process, a parallel jest worker) never sees half a file.
 *
 * File layout: SHA-256 of the rest (32 bytes) · header length (uint32 LE) · header JSON (key and model,
 * each Float64Array replaced by `{"$f64":[byteOffset,length]}`) · the arrays' bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { logger } from '../kernel/logger';
import { INTENTS, LANGUAGES, TOPICS } from './labels';
import { DATA_DIR, TRAINING_FILES } from './trainingData';
import type { LanguageIdentifierSnapshot } from './languageIdentifier';
import type { SoftmaxSnapshot } from './softmaxClassifier';
import type { SubQuestionSnapshot } from './subQuestions';

/** What a trained `Triage` is made of (the model cache). */
export interface TriageSnapshot {
  /** The feature names of intents and topics, in index order. */
  readonly vocabulary: readonly string[];
  readonly intentModel: SoftmaxSnapshot;
  readonly topicModel: SoftmaxSnapshot;
  readonly languageIdentifier: LanguageIdentifierSnapshot;
  /** The sub-question model (`./subQuestions.ts`), when trained. */
  readonly subQuestions?: SubQuestionSnapshot;
}

/** Default folder of the cache, beside the installed packages (like babel's and eslint's caches). */
export const DEFAULT_CACHE_DIR = join(__dirname, '..', 'node_modules', '.cache', 'digibank-triage');

/** The cache folder: `TRIAGE_CACHE_DIR` when set, else {@link DEFAULT_CACHE_DIR}. */
export function triageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRIAGE_CACHE_DIR || DEFAULT_CACHE_DIR;
}

/** What a model is made from. */
export interface ModelSources {
  /** Model settings. */
  readonly options: unknown;
  /** Folder holding the {@link TRAINING_FILES}; default: the committed data. */
  readonly dataDir?: string;
  /** Folder of the code that trains and runs the model; default: this one. */
  readonly sourceDir?: string;
}

/** Hash of everything the model is made from; reads the training data and the source files. */
export function modelKey({ options, dataDir = DATA_DIR, sourceDir = __dirname }: ModelSources): string {
  const hash = createHash('sha256');
  const add = (name: string, content: string | Buffer): void => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  };
  add('v8', process.versions.v8);
  add('options', JSON.stringify(options));
  add('labels', JSON.stringify([INTENTS, TOPICS, LANGUAGES]));
  for (const file of TRAINING_FILES) add(file, readFileSync(join(dataDir, file)));
  const sources = readdirSync(sourceDir).filter((file) => /\.(ts|js)$/.test(file)).sort();
  for (const file of sources) add(file, readFileSync(join(sourceDir, file)));
  return hash.digest('hex');
}

const float64 = z.custom<Float64Array>((value) => value instanceof Float64Array);
const softmaxSchema = z.object({ classCount: z.number().int().positive(), weights: float64, bias: float64 });
const cacheFileSchema = z.object({
  key: z.string(),
  model: z.object({
    vocabulary: z.array(z.string()),
    intentModel: softmaxSchema,
    topicModel: softmaxSchema,
    languageIdentifier: z.object({
      vocabulary: z.array(z.string()),
      model: softmaxSchema,
      naiveBayes: z.object({ classCount: z.number().int().positive(), names: z.array(z.string()), logLikelihood: float64 }),
    }),
    subQuestions: z.object({ vocabulary: z.array(z.string()), model: softmaxSchema }).optional(),
  }),
}) satisfies z.ZodType<{ key: string; model: TriageSnapshot }>;

/** The cached model of one key in one folder. */
export class TriageModelCache {
  constructor(
    readonly dir: string,
    readonly key: string,
  ) {}

  /** The cache file of this key. */
  get file(): string {
    return join(this.dir, `model-${this.key}.bin`);
  }

  /** The cached model rebuilt by `restore`, or undefined when there is none usable (never throws). */
  async read<T>(restore: (snapshot: TriageSnapshot) => T): Promise<T | undefined> {
    try {
      const { key, model } = cacheFileSchema.parse(decode(await readFile(this.file)));
      if (key !== this.key) throw new Error('key mismatch');
      return restore(model);
    } catch (error) {
      logger.debug({ reason: reasonOf(error) }, 'triage model cache not used; training');
      return undefined;
    }
  }

  /** Writes the model atomically and removes the files of other keys; a failure is logged at debug only. */
  async write(model: TriageSnapshot): Promise<void> {
    const temporary = join(this.dir, `.model-${this.key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temporary, encode(this.key, model));
      await rename(temporary, this.file);
      await this.removeOtherKeys();
    } catch (error) {
      logger.debug({ reason: reasonOf(error) }, 'triage model cache not written');
      await unlink(temporary).catch(() => undefined);
    }
  }

  private async removeOtherKeys(): Promise<void> {
    const stale = (await readdir(this.dir)).filter((name) => /^model-[0-9a-f]+\.bin$/.test(name) && join(this.dir, name) !== this.file);
    await Promise.all(stale.map((name) => unlink(join(this.dir, name)).catch(() => undefined)));
  }
}

function encode(key: string, model: TriageSnapshot): Buffer {
  const arrays: Buffer[] = [];
  let offset = 0;
  const header = JSON.stringify({ key, model }, (_name, value: unknown) => {
    if (!(value instanceof Float64Array)) return value;
    arrays.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    offset += value.byteLength;
    return { $f64: [offset - value.byteLength, value.length] };
  });
  const headerBytes = Buffer.from(header);
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);
  const body = Buffer.concat([headerLength, headerBytes, ...arrays]);
  return Buffer.concat([sha256(body), body]);
}

/** @throws when the file is truncated, altered or not of this format. */
function decode(file: Buffer): unknown {
  const body = file.subarray(32);
  if (file.length < 36 || !sha256(body).equals(file.subarray(0, 32))) throw new Error('checksum mismatch');
  const headerEnd = 4 + body.readUInt32LE(0);
  const data = body.subarray(headerEnd);
  return JSON.parse(body.toString('utf8', 4, headerEnd), (_name, value: unknown) =>
    typeof value === 'object' && value !== null && '$f64' in value ? float64At(data, arrayRefSchema.parse(value).$f64) : value,
  );
}

const arrayRefSchema = z.object({ $f64: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]) }).strict();

function float64At(data: Buffer, [byteOffset, length]: readonly [number, number]): Float64Array {
  if (byteOffset + length * 8 > data.length) throw new Error('array out of range');
  const array = new Float64Array(length);
  new Uint8Array(array.buffer).set(data.subarray(byteOffset, byteOffset + length * 8));
  return array;
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
