import { normalizeBuckets, quantileOfSorted } from './buckets.ts';
import type { BucketRow } from './buckets.ts';
import { createMapping } from './mapping.ts';
import type { SketchMapping, SketchOptions } from './mapping.ts';

/**
 * The sum is kept as an integer number of thousandths: float addition depends on its order, and the
 * same durations must give the same sum however they were added or merged.
 */
const SUM_SCALE = 1000;

/** A mergeable duration histogram with quantiles of bounded relative error. */
export class Sketch {
  readonly #mapping: SketchMapping;
  readonly #counts = new Map<number, number>();
  #count = 0;
  #sumScaled = 0;

  constructor(options: SketchOptions = {}) {
    this.#mapping = createMapping(options);
  }

  get alpha(): number {
    return this.#mapping.alpha;
  }

  get minValue(): number {
    return this.#mapping.minValue;
  }

  get count(): number {
    return this.#count;
  }

  /** Exact to a thousandth of the value unit. */
  get sum(): number {
    return this.#sumScaled / SUM_SCALE;
  }

  add(value: number, count = 1): this {
    checkCount(count);
    const bucket = this.#mapping.bucketOf(value);
    if (count === 0) return this;
    this.#addToBucket(bucket, count);
    this.#sumScaled += Math.round(value * SUM_SCALE) * count;
    return this;
  }

  /** Adds `other` into this sketch; both must share alpha and minValue or buckets would not line up. */
  merge(other: Sketch): this {
    if (other.alpha !== this.alpha || other.minValue !== this.minValue) {
      throw new RangeError('cannot merge sketches with different alpha or minValue');
    }
    // Snapshot first: merging a sketch into itself must not read counts it is writing.
    for (const [bucket, count] of [...other.#counts]) this.#addToBucket(bucket, count);
    this.#sumScaled += other.#sumScaled;
    return this;
  }

  quantile(q: number): number | null {
    return quantileOfSorted(this.toBuckets(), q, this.#mapping.valueOf);
  }

  /** Rows sorted by bucket, zero counts left out: the storage form. */
  toBuckets(): BucketRow[] {
    return [...this.#counts].sort((a, b) => a[0] - b[0]).map(([bucket, count]) => ({ bucket, count }));
  }

  #addToBucket(bucket: number, count: number): void {
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + count);
    this.#count += count;
  }

  /** Restores rows read from storage; the sum is not in the rows, so it comes separately. */
  static fromBuckets(rows: Iterable<BucketRow>, options: SketchOptions & { sum?: number } = {}): Sketch {
    const sketch = new Sketch(options);
    let estimate = 0;
    for (const { bucket, count } of normalizeBuckets(rows)) {
      sketch.#addToBucket(bucket, count);
      estimate += Math.round(sketch.#mapping.valueOf(bucket) * SUM_SCALE) * count;
    }
    // Without a stored sum, the representatives' sum is within alpha of it (values >= minValue).
    sketch.#sumScaled = options.sum === undefined ? estimate : Math.round(options.sum * SUM_SCALE);
    return sketch;
  }
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
}

export function createSketch(options: SketchOptions = {}): Sketch {
  return new Sketch(options);
}

export function sketchFromBuckets(rows: Iterable<BucketRow>, options: SketchOptions & { sum?: number } = {}): Sketch {
  return Sketch.fromBuckets(rows, options);
}
