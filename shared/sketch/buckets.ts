import { createMapping, isBucketId } from './mapping.ts';
import type { SketchOptions } from './mapping.ts';

/**
 * One stored bucket. Both fields are integers so a SQL table can hold them as they are, and a
 * grouping over any dimension is `SELECT bucket, SUM(count) … GROUP BY bucket`.
 */
export interface BucketRow {
  bucket: number;
  count: number;
}

/**
 * Adds up rows that share a bucket and sorts them by bucket (which is value order). Rows straight
 * from SQL may repeat buckets, come in any order, or carry a count of 0.
 * Throws on a non-integer field: a bigint SUM read back as a string would otherwise concatenate.
 */
export function normalizeBuckets(rows: Iterable<BucketRow>): BucketRow[] {
  const counts = new Map<number, number>();
  for (const row of rows) {
    if (!isBucketId(row.bucket)) throw new RangeError(`bucket id must be a 32-bit integer, got ${row.bucket}`);
    if (!Number.isSafeInteger(row.count) || row.count < 0) {
      throw new RangeError(`bucket count must be a non-negative integer, got ${row.count}`);
    }
    counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.count);
  }
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, count]) => ({ bucket, count }));
}

/**
 * The q-quantile of normalized rows: the representative of the bucket holding the element of rank
 * floor(q·(n−1)) in sorted order, so it is within alpha of that exact element. Null when empty.
 */
export function quantileOfSorted(sorted: readonly BucketRow[], q: number, valueOf: (bucket: number) => number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  let total = 0;
  for (const row of sorted) total += row.count;
  if (total === 0) return null;
  const rank = Math.floor(q * (total - 1));
  let seen = 0;
  for (const row of sorted) {
    seen += row.count;
    if (seen > rank) return valueOf(row.bucket);
  }
  throw new Error('unreachable: the last row brings the running count to the total');
}

/**
 * The quantile of rows summed in SQL, without building a sketch. Only `alpha` matters here: it
 * must be the one the rows were written with.
 */
export function quantileFromBuckets(rows: Iterable<BucketRow>, q: number, options: SketchOptions = {}): number | null {
  const mapping = createMapping(options);
  return quantileOfSorted(normalizeBuckets(rows), q, mapping.valueOf);
}

/** Several quantiles of the same rows, normalising them once. */
export function quantilesFromBuckets(rows: Iterable<BucketRow>, qs: readonly number[], options: SketchOptions = {}): (number | null)[] {
  const mapping = createMapping(options);
  const sorted = normalizeBuckets(rows);
  return qs.map((q) => quantileOfSorted(sorted, q, mapping.valueOf));
}
