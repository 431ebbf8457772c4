/**
 * Multinomial logistic regression over sparse vectors, trained with AdaGrad and L2 regularisation.
 * Small, dependency-free and deterministic (seeded shuffling), trains on a few thousand examples in
 * well under a second.
 */
import type { SparseVector } from './featureExtractor';

// Math's functions held locally: in a vm context (jest) every `Math.x` in a hot loop is a slow global
// lookup (training took 10× longer under jest than under Node).
const { exp, floor, imul, pow, sqrt } = Math;

/** Training settings. */
export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty applied to the weights touched by each example. */
  readonly l2: number;
  /** 0 = no class balancing, 1 = full inverse-frequency weights. */
  readonly balance: number;
  readonly seed: number;
  /** Gradients smaller than this are not applied (speed; 0 = exact). */
  readonly skipBelow: number;
}

/** Defaults chosen by cross-validation on the training data (see README). */
export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = {
  epochs: 12,
  learningRate: 0.5,
  l2: 6e-4,
  balance: 0.5,
  seed: 42,
  skipBelow: 2e-3,
};

/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a trained {@link SoftmaxClassifier} is made of (the model cache). */
export interface SoftmaxSnapshot {
  readonly classCount: number;
  /** Row-major, `dimension × classCount`. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** A trained softmax classifier over `classCount` classes. */
export class SoftmaxClassifier {
  private constructor(
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    readonly classCount: number,
  ) {}

  /** Trains on vectors `xs` with class indices `ys`. */
  static train(
    xs: readonly SparseVector[],
    ys: readonly number[],
    dimension: number,
    classCount: number,
    options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS,
  ): SoftmaxClassifier {
    const weights = new Float64Array(dimension * classCount);
    const bias = new Float64Array(classCount);
    const g2 = new Float64Array(dimension * classCount).fill(1e-8);
    const g2b = new Float64Array(classCount).fill(1e-8);
    const counts = new Float64Array(classCount);
    for (const y of ys) counts[y]++;
    const classWeight = Array.from(counts, (c) => (c > 0 ? pow(xs.length / (classCount * c), options.balance) : 0));
    const order = Array.from(xs.keys());
    const random = seededRandom(options.seed);
    const probs = new Float64Array(classCount);
    const model = new SoftmaxClassifier(weights, bias, classCount);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const n of order) {
        const x = xs[n];
        model.logitsInto(x, probs);
        softmaxInPlace(probs, 1);
        const cw = classWeight[ys[n]];
        for (let c = 0; c < classCount; c++) {
          const grad = (probs[c] - (c === ys[n] ? 1 : 0)) * cw;
          // a class already (almost) right for this example: skip its update (most of them after a few epochs)
          if (grad < options.skipBelow && grad > -options.skipBelow) continue;
          g2b[c] += grad * grad;
          bias[c] -= (options.learningRate * grad) / sqrt(g2b[c]);
          for (let k = 0; k < x.indices.length; k++) {
            const w = x.indices[k] * classCount + c;
            const g = grad * x.values[k] + options.l2 * weights[w];
            g2[w] += g * g;
            weights[w] -= (options.learningRate * g) / sqrt(g2[w]);
          }
        }
      }
    }
    return model;
  }

  /**
   * Rebuilds a classifier over `dimension` features from a snapshot.
   * @throws when the arrays do not have the sizes `dimension` and its class count call for.
   */
  static fromSnapshot(snapshot: SoftmaxSnapshot, dimension: number): SoftmaxClassifier {
    const { weights, bias, classCount } = snapshot;
    if (bias.length !== classCount || weights.length !== dimension * classCount) throw new Error('softmax snapshot: wrong sizes');
    return new SoftmaxClassifier(weights, bias, classCount);
  }

  /** The trained parameters (shared, not copied). */
  toSnapshot(): SoftmaxSnapshot {
    return { classCount: this.classCount, weights: this.weights, bias: this.bias };
  }

  /** Raw class scores of `x` written into `out`. */
  logitsInto(x: SparseVector, out: Float64Array): void {
    const k = this.classCount;
    for (let c = 0; c < k; c++) out[c] = this.bias[c];
    for (let i = 0; i < x.indices.length; i++) {
      const base = x.indices[i] * k;
      const v = x.values[i];
      for (let c = 0; c < k; c++) out[c] += this.weights[base + c] * v;
    }
  }

  /** Class probabilities of `x`; `temperature` > 1 softens them (calibration). */
  predict(x: SparseVector, temperature = 1): Float64Array {
    const out = new Float64Array(this.classCount);
    this.logitsInto(x, out);
    softmaxInPlace(out, temperature);
    return out;
  }
}

/** Softmax of `v` / `temperature`, in place. */
export function softmaxInPlace(v: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = exp((v[i] - max) / temperature);
    sum += v[i];
  }
  for (let i = 0; i < v.length; i++) v[i] /= sum;
}
