/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export function createRateLimiter(perSecond: number, burst: number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** 0 when the request may go ahead, otherwise the seconds to wait. */
    take(key: string, now: number): number {
      const b = buckets.get(key) ?? { tokens: burst, at: now };
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
      b.at = now;
      if (b.tokens < 1) {
        buckets.set(key, b);
        return Math.ceil((1 - b.tokens) / perSecond);
      }
      b.tokens -= 1;
      buckets.set(key, b);
      if (buckets.size > 50_000) buckets.clear();
      return 0;
    },
  };
}
