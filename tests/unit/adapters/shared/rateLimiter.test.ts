import { RateLimiter } from '../../../../adapters/shared/rateLimiter';

describe('RateLimiter', () => {
  test('allows the limit per window, refuses the rest with the seconds to wait, says the first refusal once', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    const decisions = Array.from({ length: 5 }, () => {
      now += 1000;
      return limiter.take('a');
    });
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.map((d) => d.firstRefusal)).toEqual([false, false, false, true, false]);
    expect(decisions[3].retryAfterSeconds).toBe(57);
    expect(limiter.take('b').allowed).toBe(true);
  });

  test('the window slides: once the oldest leaves it, one more is allowed, and a later flood is told again', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 10_000, () => now);
    expect([limiter.take('a').allowed, limiter.take('a').allowed, limiter.take('a').allowed]).toEqual([true, true, false]);
    now = 10_001;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    const again = limiter.take('a');
    expect([again.allowed, again.firstRefusal]).toEqual([false, true]);
  });

  test('memory stays bounded under a flood of new keys', () => {
    const limiter = new RateLimiter(1);
    for (let i = 0; i < 60_000; i += 1) limiter.take(`k${i}`);
    expect((limiter as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThanOrEqual(50_000);
  });
});
