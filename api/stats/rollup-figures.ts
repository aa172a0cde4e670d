import { quantilesFromBuckets, type BucketRow } from '../../shared/sketch/index.ts';

/** Hours to three decimals (3.6 s): stable in JSON, finer than any reading needs. */
export const hours = (ms: number): number => Math.round(ms / 3600) / 1000;
export const hoursOfSeconds = (s: number | null): number | null => (s === null ? null : Math.round(s / 3.6) / 1000);

export type Totals = { segments: number; handled: number; workingMs: number; activeMs: number };
export const zeroTotals = (): Totals => ({ segments: 0, handled: 0, workingMs: 0, activeMs: 0 });

export function addTotals(into: Totals, r: { segments: unknown; handled: unknown; working_ms: unknown; active_ms: unknown }): Totals {
  into.segments += Number(r.segments);
  into.handled += Number(r.handled);
  into.workingMs += Number(r.working_ms);
  into.activeMs += Number(r.active_ms);
  return into;
}

/** Figures of a group of ended segments: p50/p90 come from the summed sketch buckets. */
export function figures(t: Totals, buckets: readonly BucketRow[]) {
  const [p50, p90] = quantilesFromBuckets(buckets, [0.5, 0.9]);
  return {
    segments: t.segments,
    handled: t.handled,
    workingHours: hours(t.workingMs),
    activeHours: hours(t.activeMs),
    p50Hours: hoursOfSeconds(p50 ?? null),
    p90Hours: hoursOfSeconds(p90 ?? null),
  };
}

/** Groups SQL rows of `SUM(count) … GROUP BY key, bucket` by key. */
export function bucketsByKey<T>(rows: readonly T[], keyOf: (r: T) => string, bucketOf: (r: T) => BucketRow): Map<string, BucketRow[]> {
  const out = new Map<string, BucketRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(bucketOf(r));
    else out.set(k, [bucketOf(r)]);
  }
  return out;
}

export const bucketRow = (r: { bucket: unknown; n: unknown }): BucketRow => ({ bucket: Number(r.bucket), count: Number(r.n) });
