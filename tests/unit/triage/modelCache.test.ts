import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { modelKey, triageCacheDir, TriageModelCache, DEFAULT_CACHE_DIR } from '../../../triage/modelCache';
import { DATA_DIR, loadDevExamples, TRAINING_FILES } from '../../../triage/trainingData';
import { DEFAULT_MODEL_OPTIONS, Triage, type TriageSnapshot } from '../../../triage/triage';

const SOURCE_DIR = resolve(__dirname, '../../../triage');

let root: string;
let fresh: Triage;
let snapshot: TriageSnapshot;
let dirs = 0;
const newDir = (): string => join(root, `cache-${++dirs}`);
const key = (): string => modelKey({ options: DEFAULT_MODEL_OPTIONS });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'triage-cache-'));
  fresh = await Triage.load({ cacheDir: newDir() });
  snapshot = fresh.toSnapshot();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

/** Loads from `cacheDir` with training replaced by the model trained once above; says whether it trained. */
async function loadCounting(cacheDir: string): Promise<{ triage: Triage; trained: boolean }> {
  const train = jest.spyOn(Triage, 'train').mockReturnValue(fresh);
  const triage = await Triage.load({ cacheDir });
  const trained = train.mock.calls.length > 0;
  train.mockRestore();
  return { triage, trained };
}

async function writtenCache(): Promise<TriageModelCache> {
  const cache = new TriageModelCache(newDir(), key());
  await cache.write(snapshot);
  return cache;
}

test('a cached model classifies the dev set exactly like a freshly trained one', async () => {
  const dir = newDir();
  const train = jest.spyOn(Triage, 'train');
  const trained = await Triage.load({ cacheDir: dir });
  const cached = await Triage.load({ cacheDir: dir });
  expect(train).toHaveBeenCalledTimes(1);
  const dev = loadDevExamples();
  expect(dev.length).toBeGreaterThan(500);
  for (const rememberedLanguage of [undefined, 'nl', 'fr', 'en'] as const) {
    const results = (triage: Triage) => dev.map((e) => triage.classify(e.text, { rememberedLanguage }));
    expect(results(cached)).toEqual(results(trained));
  }
});

test('a written cache is one file, no temporary left, even when written by several at once', async () => {
  const cache = new TriageModelCache(newDir(), key());
  await Promise.all([1, 2, 3, 4].map(() => cache.write(snapshot)));
  expect(readdirSync(cache.dir)).toEqual([`model-${key()}.bin`]);
  expect((await loadCounting(cache.dir)).trained).toBe(false);
});

describe('a cache file that cannot be used is ignored: the model is trained and the file rewritten', () => {
  const flipByte = (bytes: Buffer, at: number): Buffer => {
    const copy = Buffer.from(bytes);
    copy[at] ^= 0xff;
    return copy;
  };
  test.each<[string, (valid: Buffer) => Buffer]>([
    ['empty', () => Buffer.alloc(0)],
    ['not this format', () => Buffer.from('{"key":"x"}')],
    ['truncated', (valid) => valid.subarray(0, valid.length / 2)],
    ['one weight altered', (valid) => flipByte(valid, valid.length - 1000)],
    ['checksum altered', (valid) => flipByte(valid, 0)],
  ])('%s', async (_case, corrupt) => {
    const cache = await writtenCache();
    writeFileSync(cache.file, corrupt(readFileSync(cache.file)));
    const { triage, trained } = await loadCounting(cache.dir);
    expect(trained).toBe(true);
    expect(triage).toBe(fresh);
    expect((await loadCounting(cache.dir)).trained).toBe(false);
  });

  test('intact file whose model does not fit the code (wrong sizes)', async () => {
    const cache = new TriageModelCache(newDir(), key());
    await cache.write({ ...snapshot, intentModel: { ...snapshot.intentModel, weights: new Float64Array(3) } });
    expect((await loadCounting(cache.dir)).trained).toBe(true);
    expect((await loadCounting(cache.dir)).trained).toBe(false);
  });

  test('file of another key under this key’s name', async () => {
    const cache = await writtenCache();
    const other = new TriageModelCache(cache.dir, 'f'.repeat(64));
    await other.write(snapshot);
    writeFileSync(cache.file, readFileSync(other.file));
    expect((await loadCounting(cache.dir)).trained).toBe(true);
    expect((await loadCounting(cache.dir)).trained).toBe(false);
  });
});

test('a model of other inputs (another key) is not used, and is replaced by the new one', async () => {
  const dir = newDir();
  const stale = new TriageModelCache(dir, 'a'.repeat(64));
  await stale.write(snapshot);
  expect((await loadCounting(dir)).trained).toBe(true);
  expect(readdirSync(dir)).toEqual([`model-${key()}.bin`]);
});

test('an unreadable and unwritable cache only costs the training', async () => {
  const blocker = join(root, 'a-file');
  writeFileSync(blocker, 'not a folder');
  const { triage, trained } = await loadCounting(join(blocker, 'cache'));
  expect(trained).toBe(true);
  expect(triage).toBe(fresh);

  const dir = newDir();
  mkdirSync(join(dir, `model-${key()}.bin`), { recursive: true });
  expect((await loadCounting(dir)).trained).toBe(true);
});

describe('the key', () => {
  const copyInputs = (): { dataDir: string; sourceDir: string } => {
    const base = newDir();
    const dataDir = join(base, 'data');
    const sourceDir = join(base, 'src');
    cpSync(DATA_DIR, dataDir, { recursive: true });
    cpSync(SOURCE_DIR, sourceDir, { recursive: true });
    return { dataDir, sourceDir };
  };

  test('is that of the committed inputs by default, and stable', () => {
    const inputs = copyInputs();
    expect(key()).toBe(modelKey({ options: DEFAULT_MODEL_OPTIONS, ...inputs }));
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each<[string, (inputs: { dataDir: string; sourceDir: string }) => void]>([
    ...TRAINING_FILES.map((file): [string, (inputs: { dataDir: string }) => void] => [
      `training file ${file}`,
      ({ dataDir }) => appendFileSync(join(dataDir, file), '\n'),
    ]),
    ['the feature extractor', ({ sourceDir }) => appendFileSync(join(sourceDir, 'featureExtractor.ts'), '\n')],
    ['the classifier', ({ sourceDir }) => appendFileSync(join(sourceDir, 'softmaxClassifier.ts'), '\n')],
    ['a new source file', ({ sourceDir }) => writeFileSync(join(sourceDir, 'extra.ts'), '')],
  ])('changes with %s', (_input, change) => {
    const inputs = copyInputs();
    const before = modelKey({ options: DEFAULT_MODEL_OPTIONS, ...inputs });
    change(inputs);
    expect(modelKey({ options: DEFAULT_MODEL_OPTIONS, ...inputs })).not.toBe(before);
  });

  test('changes with the model options, not with the held-out sets', () => {
    const inputs = copyInputs();
    const before = modelKey({ options: DEFAULT_MODEL_OPTIONS, ...inputs });
    appendFileSync(join(inputs.dataDir, 'dev.json'), '\n');
    expect(modelKey({ options: DEFAULT_MODEL_OPTIONS, ...inputs })).toBe(before);
    const options = { ...DEFAULT_MODEL_OPTIONS, intentTemperature: 0.71 };
    expect(modelKey({ options, ...inputs })).not.toBe(before);
  });
});

test('the cache folder: TRIAGE_CACHE_DIR, else node_modules/.cache/digibank-triage outside the sources', () => {
  expect(triageCacheDir({ TRIAGE_CACHE_DIR: '/var/cache/triage' })).toBe('/var/cache/triage');
  expect(triageCacheDir({})).toBe(DEFAULT_CACHE_DIR);
  expect(DEFAULT_CACHE_DIR).toBe(join(SOURCE_DIR, '..', 'node_modules', '.cache', 'digibank-triage'));
});
