/**
 * Slows password guessing: after 5 failures for a username (or an address) within 15 minutes,
 * further attempts wait until the window passes. Kept per process; several API processes each
 * keep their own window, which still bounds guesses to a small multiple.
 */
export type LoginThrottle = { check(keys: string[], now: number): number; fail(keys: string[], now: number): void; reset(keys: string[]): void };

export function createLoginThrottle(limit = 5, windowMs = 15 * 60_000): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < windowMs);
  return {
    /** Seconds to wait before another attempt, 0 if allowed. */
    check(keys, now) {
      let wait = 0;
      for (const k of keys) {
        const r = recent(k, now);
        if (r.length >= limit) wait = Math.max(wait, Math.ceil((r[0]! + windowMs - now) / 1000));
      }
      return wait;
    },
    fail(keys, now) {
      for (const k of keys) failures.set(k, [...recent(k, now), now]);
      if (failures.size > 100_000) failures.clear();
    },
    reset(keys) {
      for (const k of keys) failures.delete(k);
    },
  };
}
