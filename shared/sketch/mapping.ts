/**
 * Log-bucket mapping of a DDSketch-style histogram: bucket i holds (gamma^(i-1), gamma^i], and its
 * representative value is within `alpha` of every value in it. Bucket ids depend only on `alpha`,
 * so sketches with the same `alpha` and `minValue` merge by adding counts bucket by bucket.
 */

/**
 * Values below `minValue` share one bucket. Its id is the lowest 32-bit integer so that it fits any
 * SQL integer column and sorts before every real bucket (a sort by id is a sort by value).
 */
export const ZERO_BUCKET = -2147483648;
const MAX_BUCKET = 2147483647;

export const DEFAULT_ALPHA = 0.01;
/** Durations are in seconds: anything under one second is "instant" for a dossier. */
export const DEFAULT_MIN_VALUE = 1;

export interface SketchOptions {
  /** Relative accuracy of quantiles, 0 < alpha < 1. */
  alpha?: number;
  /** Values below this (but not negative) go to the zero bucket and read back as 0. */
  minValue?: number;
}

export interface SketchMapping {
  readonly alpha: number;
  readonly gamma: number;
  readonly minValue: number;
  bucketOf(value: number): number;
  /** The value a bucket stands for: 2·gamma^i/(gamma+1), which splits its relative error evenly. */
  valueOf(bucket: number): number;
}

export function createMapping(options: SketchOptions = {}): SketchMapping {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const minValue = options.minValue ?? DEFAULT_MIN_VALUE;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`sketch alpha must be in (0, 1), got ${alpha}`);
  if (!(minValue > 0 && Number.isFinite(minValue))) {
    throw new RangeError(`sketch minValue must be a positive finite number, got ${minValue}`);
  }
  const gamma = (1 + alpha) / (1 - alpha);
  const logGamma = Math.log(gamma);
  const indexOf = (value: number): number => Math.ceil(Math.log(value) / logGamma);
  // Bucket ids are stored as SQL integers: refuse settings whose ids would not fit in 32 bits.
  if (indexOf(minValue) <= ZERO_BUCKET || indexOf(Number.MAX_VALUE) > MAX_BUCKET) {
    throw new RangeError('sketch alpha/minValue give bucket ids outside the 32-bit range');
  }
  const representativeFactor = 2 / (gamma + 1);

  return {
    alpha,
    gamma,
    minValue,
    bucketOf(value) {
      if (!(value >= 0) || value === Infinity) {
        throw new RangeError(`sketch values must be finite and not negative, got ${value}`);
      }
      return value < minValue ? ZERO_BUCKET : indexOf(value);
    },
    valueOf(bucket) {
      return bucket === ZERO_BUCKET ? 0 : Math.exp(bucket * logGamma) * representativeFactor;
    },
  };
}

export function isBucketId(bucket: number): boolean {
  return Number.isInteger(bucket) && bucket >= ZERO_BUCKET && bucket <= MAX_BUCKET;
}
