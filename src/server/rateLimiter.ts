/**
 * A token bucket per caller: `perSecond` requests a second on average, bursts of
 * twice that. Answers how long to wait when the bucket is empty.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from `who`'s bucket: 0 when allowed, else the seconds to wait. */
  take(who: string): number {
    const capacity = this.perSecond * 2;
    const t = this.now();
    const b = this.buckets.get(who) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(who, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
