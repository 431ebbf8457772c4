import { contrastRatio } from '../../../../adapters/webchat/colourContrast';

describe('colour contrast (WCAG 2.1, as axe-core computes it)', () => {
  test.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#004f9f', '#ffffff', 8.02],
    ['#767676', '#ffffff', 4.54],
    ['#ffbf47', '#ffffff', 1.66],
  ])('%s on %s: %s:1', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
    expect(contrastRatio(b, a)).toBeCloseTo(ratio, 1);
  });
});
