/** What a {@link RateLimiter} says of one more message. */
export interface RateDecision {
  /** Under the limit: handle it as usual. */
  readonly allowed: boolean;
  /** The first refusal of this window: the moment to say "slow down" once. */
  readonly firstRefusal: boolean;
  /** Seconds until one more would be allowed (for `Retry-After`). */
  readonly retryAfterSeconds: number;
}

/** Keys kept at most (a flood of new keys must not grow memory without bound). */
const MAX_KEYS = 50_000;

/**
 * At most `limit` messages per key (a conversation, a client address) in any sliding window of
 * `windowMs`, in this process's memory. Channels without a provider-side limit use it (web chat,
 * WhatsApp); SMS counts its stored messages instead. Several processes each keep their own count:
 * the limit then holds per process, which is what it is for (one person or script flooding one
 * server), not an exact quota.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  /** Keys refused in their current window (told once). */
  private readonly refused = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message of `key` and says whether it may be handled. */
  take(key: string): RateDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const firstRefusal = !this.refused.has(key);
      this.refused.add(key);
      return { allowed: false, firstRefusal, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    this.refused.delete(key);
    recent.push(now);
    this.hits.delete(key); // re-inserted last: the map's order is the order of last use
    this.hits.set(key, recent);
    this.forgetOldest();
    return { allowed: true, firstRefusal: false, retryAfterSeconds: 0 };
  }

  private forgetOldest(): void {
    while (this.hits.size > MAX_KEYS) {
      const oldest = this.hits.keys().next().value as string;
      this.hits.delete(oldest);
      this.refused.delete(oldest);
    }
  }
}
