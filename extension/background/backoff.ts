/** Exponential backoff with full jitter around the mean, capped: 1 s, 2 s, 4 s … 5 min. */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
