import { NaiveBayes } from '../../../triage/naiveBayes';
import { softmaxInPlace } from '../../../triage/softmaxClassifier';

const features = (...names: string[]): Map<string, number> => new Map(names.map((n) => [n, 1]));

describe('NaiveBayes', () => {
  const model = NaiveBayes.train(
    [features('ik', 'niet'), features('nie', 'ik'), features('je', 'pas'), features('pas', 'ne')],
    [0, 0, 1, 1],
    2,
    0.1,
  );

  test.each<[string[], number]>([
    [['niet'], 0],
    [['ik', 'zzz'], 0],
    [['pas'], 1],
    [['je', 'ne', 'ik'], 1],
  ])('%j → class %d', (names, expected) => {
    const p = model.scores(features(...names));
    softmaxInPlace(p, 1);
    expect(p[expected]).toBeGreaterThan(0.5);
  });

  test('unknown features only: no preference', () => {
    expect(Array.from(model.scores(features('xyz')))).toEqual([0, 0]);
  });
});
