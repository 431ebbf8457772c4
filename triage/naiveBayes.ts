/**
 * Multinomial naive Bayes over named sparse features (additive smoothing). Complements the softmax
 * model in language identification: it counts every character n-gram and so keeps more of the evidence
 * of one- and two-word messages.
 */

/** What a trained {@link NaiveBayes} is made of (the model cache). */
export interface NaiveBayesSnapshot {
  readonly classCount: number;
  readonly names: readonly string[];
  /** Row-major, `names.length × classCount`: the log-likelihoods of each feature. */
  readonly logLikelihood: Float64Array;
}

/** A trained naive Bayes classifier over `classCount` classes. */
export class NaiveBayes {
  private constructor(
    private readonly logLikelihood: Map<string, Float64Array>,
    readonly classCount: number,
  ) {}

  /** Trains on feature maps (name → weight) with class indices `ys`; `alpha` is the smoothing. */
  static train(xs: readonly ReadonlyMap<string, number>[], ys: readonly number[], classCount: number, alpha: number): NaiveBayes {
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(classCount);
    xs.forEach((x, n) => {
      for (const [name, weight] of x) {
        let row = counts.get(name);
        if (row === undefined) counts.set(name, (row = new Float64Array(classCount)));
        row[ys[n]] += weight;
        totals[ys[n]] += weight;
      }
    });
    const logLikelihood = new Map<string, Float64Array>();
    for (const [name, row] of counts) {
      logLikelihood.set(name, row.map((c, k) => Math.log((c + alpha) / (totals[k] + alpha * counts.size))));
    }
    return new NaiveBayes(logLikelihood, classCount);
  }

  /**
   * Rebuilds a classifier from a snapshot.
   * @throws when the log-likelihoods do not have `names.length × classCount` entries.
   */
  static fromSnapshot({ classCount, names, logLikelihood }: NaiveBayesSnapshot): NaiveBayes {
    if (logLikelihood.length !== names.length * classCount) throw new Error('naive Bayes snapshot: wrong sizes');
    return new NaiveBayes(new Map(names.map((name, i) => [name, logLikelihood.subarray(i * classCount, (i + 1) * classCount)])), classCount);
  }

  /** The trained log-likelihoods, one row per feature. */
  toSnapshot(): NaiveBayesSnapshot {
    const logLikelihood = new Float64Array(this.logLikelihood.size * this.classCount);
    let row = 0;
    for (const values of this.logLikelihood.values()) logLikelihood.set(values, this.classCount * row++);
    return { classCount: this.classCount, names: [...this.logLikelihood.keys()], logLikelihood };
  }

  /**
   * Class scores of `x` (unknown features ignored), divided by the square root of the evidence so that
   * long messages do not make the posterior absurdly sharp; turn into probabilities with a softmax.
   */
  scores(x: ReadonlyMap<string, number>): Float64Array {
    const out = new Float64Array(this.classCount);
    let evidence = 0;
    for (const [name, weight] of x) {
      const row = this.logLikelihood.get(name);
      if (row === undefined) continue;
      evidence += weight;
      for (let k = 0; k < this.classCount; k++) out[k] += weight * row[k];
    }
    const scale = Math.sqrt(Math.max(1, evidence));
    for (let k = 0; k < this.classCount; k++) out[k] /= scale;
    return out;
  }
}
