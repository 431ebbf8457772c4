import { DEFAULT_WAIT_MINUTES, estimateWaitMinutes, MIN_WAIT_MINUTES } from '../../../../services/handoff/waitEstimate';

describe('estimateWaitMinutes', () => {
  test.each([
    [[], 1, DEFAULT_WAIT_MINUTES],
    [[], 3, 3 * DEFAULT_WAIT_MINUTES],
    [[2, 4, 30], 1, 4],
    [[2, 4, 30], 2, 8],
    [[3, 4], 1, 4], // median 3.5, rounded up
    [[0, 0.2], 1, MIN_WAIT_MINUTES],
    [[6], 0, 6], // a position below 1 counts as first
  ] as [number[], number, number][])('recent waits %j, place %i → %i minutes', (waits, position, expected) => {
    expect(estimateWaitMinutes(waits, position)).toBe(expected);
  });
});
