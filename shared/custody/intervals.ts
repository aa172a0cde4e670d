/** Half-open-agnostic time intervals in ms; only their total length matters here. */
export type Interval = readonly [start: number, end: number];

/** Sorts and merges overlapping or touching intervals, so two tabs open at once count once. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Length in ms of merged intervals inside [from, to]. */
export function overlapMs(merged: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const [start, end] of merged) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) total += e - s;
  }
  return total;
}

export function totalMs(merged: readonly Interval[]): number {
  let total = 0;
  for (const [start, end] of merged) total += end - start;
  return total;
}
