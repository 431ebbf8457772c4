/**
 * Multinomial naive Bayes over named sparse features (additive smoothing). Complements the softmax
 * model in language identification: it counts every character n-gram and so keeps more of the evidence
 * of one- and two-word messages.
 */

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
