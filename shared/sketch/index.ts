export { Sketch, createSketch, sketchFromBuckets } from './sketch.ts';
export { normalizeBuckets, quantileFromBuckets, quantilesFromBuckets } from './buckets.ts';
export type { BucketRow } from './buckets.ts';
export { DEFAULT_ALPHA, DEFAULT_MIN_VALUE, ZERO_BUCKET, createMapping } from './mapping.ts';
export type { SketchMapping, SketchOptions } from './mapping.ts';
