import { describe, expect, it } from 'vitest';
import { ZERO_BUCKET, createMapping, createSketch, quantileFromBuckets, quantilesFromBuckets, sketchFromBuckets } from './index.ts';
import type { BucketRow, Sketch } from './index.ts';

/** mulberry32: a tiny seeded PRNG so the random data is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Handling times in seconds, heavy-tailed like real ones: minutes to weeks. */
function durations(seed: number, n: number): number[] {
  const random = seeded(seed);
  return Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.exp(8 + 2.5 * normal);
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function sketchOf(values: readonly number[], alpha?: number): Sketch {
  const sketch = createSketch({ alpha });
  for (const v of values) sketch.add(v);
  return sketch;
}

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

describe('mapping', () => {
  it('puts x in bucket ceil(log x / log gamma) and represents it within alpha', () => {
    const m = createMapping({ alpha: 0.01 });
    expect(m.gamma).toBeCloseTo(1.01 / 0.99, 12);
    expect(m.bucketOf(1)).toBe(0);
    expect(m.bucketOf(m.gamma * 1.0000001)).toBe(2);
    expect(m.valueOf(3)).toBeCloseTo((2 * m.gamma ** 3) / (m.gamma + 1), 9);
    for (let x = 1; x < 1e7; x *= 1.37) {
      expect(Math.abs(m.valueOf(m.bucketOf(x)) - x) / x).toBeLessThanOrEqual(0.01 + 1e-12);
    }
  });

  it('sends values under minValue to the zero bucket, read back as 0', () => {
    const m = createMapping();
    expect(m.bucketOf(0)).toBe(ZERO_BUCKET);
    expect(m.bucketOf(0.999)).toBe(ZERO_BUCKET);
    expect(m.valueOf(ZERO_BUCKET)).toBe(0);
    expect(createMapping({ minValue: 0.001 }).bucketOf(0.5)).toBeLessThan(0);
  });

  it('refuses bad settings and bad values', () => {
    expect(() => createMapping({ alpha: 0 })).toThrow(RangeError);
    expect(() => createMapping({ alpha: 1 })).toThrow(RangeError);
    expect(() => createMapping({ minValue: 0 })).toThrow(RangeError);
    expect(() => createMapping({ alpha: 1e-12, minValue: 1e-300 })).toThrow(/32-bit/);
    const m = createMapping();
    for (const bad of [-1, Number.NaN, Infinity]) expect(() => m.bucketOf(bad)).toThrow(RangeError);
  });
});

describe('sketch quantiles', () => {
  for (const alpha of [0.01, 0.05]) {
    it(`stay within relative error ${alpha} of the exact quantiles`, () => {
      const values = durations(42, 20_000);
      const sorted = [...values].sort((a, b) => a - b);
      const sketch = sketchOf(values, alpha);
      expect(sorted[0]).toBeLessThan(1); // the data reach into the zero bucket too
      expect(sketch.count).toBe(values.length);
      for (const q of QS) {
        const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
        const estimate = sketch.quantile(q)!;
        // Below minValue the sketch promises only "about nothing": it reads back as 0.
        if (exact < sketch.minValue) {
          expect(estimate, `q=${q}`).toBe(0);
          continue;
        }
        expect(Math.abs(estimate - exact) / exact, `q=${q}`).toBeLessThanOrEqual(alpha + 1e-12);
      }
    });
  }

  it('returns null when empty and refuses q outside [0, 1]', () => {
    const sketch = createSketch();
    expect(sketch.quantile(0.5)).toBeNull();
    expect(() => sketch.add(5).quantile(1.5)).toThrow(RangeError);
    expect(() => sketch.quantile(Number.NaN)).toThrow(RangeError);
  });

  it('counts repeated values with add(value, count) and reads sub-second values as 0', () => {
    const sketch = createSketch().add(0.2, 3).add(100, 2).add(50, 0);
    expect(sketch.count).toBe(5);
    expect(sketch.sum).toBe(200.6);
    expect(sketch.quantile(0.5)).toBe(0);
    expect(sketch.quantile(1)).toBeCloseTo(100, -0.3);
    expect(() => sketch.add(1, 1.5)).toThrow(RangeError);
    expect(() => sketch.add(1, -1)).toThrow(RangeError);
  });

  it('gives the same buckets, sum and quantiles whatever the insertion order', () => {
    const values = durations(7, 5_000).map((v) => v + 0.1234567);
    const a = sketchOf(values);
    const b = sketchOf(shuffled(values, 99));
    expect(b.toBuckets()).toEqual(a.toBuckets());
    expect(b.sum).toBe(a.sum);
    expect(QS.map((q) => b.quantile(q))).toEqual(QS.map((q) => a.quantile(q)));
  });
});

describe('merge', () => {
  const [x, y, z] = [durations(1, 3000), durations(2, 2000), durations(3, 1000)];
  const state = (s: Sketch) => ({ buckets: s.toBuckets(), count: s.count, sum: s.sum });

  it('is commutative and associative, and equals the sketch of all the data', () => {
    const ab = sketchOf(x).merge(sketchOf(y));
    const ba = sketchOf(y).merge(sketchOf(x));
    expect(state(ab)).toEqual(state(ba));
    const left = sketchOf(x).merge(sketchOf(y)).merge(sketchOf(z));
    const right = sketchOf(x).merge(sketchOf(y).merge(sketchOf(z)));
    expect(state(left)).toEqual(state(right));
    expect(state(left)).toEqual(state(sketchOf([...z, ...x, ...y])));
  });

  it('doubles a sketch merged into itself', () => {
    const s = sketchOf([1, 2, 3]);
    s.merge(s);
    expect(s.count).toBe(6);
    expect(s.sum).toBe(12);
  });

  it('refuses sketches with other settings', () => {
    expect(() => createSketch().merge(createSketch({ alpha: 0.02 }))).toThrow(RangeError);
    expect(() => createSketch().merge(createSketch({ minValue: 0.5 }))).toThrow(RangeError);
  });
});

describe('bucket rows', () => {
  it('round-trip: rows are integers, sorted, and restore the same sketch', () => {
    const original = sketchOf([0.5, ...durations(5, 2000)]);
    const rows = original.toBuckets();
    for (const row of rows) {
      expect(Number.isInteger(row.bucket) && Number.isInteger(row.count)).toBe(true);
    }
    expect(rows.map((r) => r.bucket)).toEqual([...rows.map((r) => r.bucket)].sort((a, b) => a - b));
    expect(rows[0]?.bucket).toBe(ZERO_BUCKET);
    const restored = sketchFromBuckets(JSON.parse(JSON.stringify(rows)) as BucketRow[], { sum: original.sum });
    expect(restored.toBuckets()).toEqual(rows);
    expect(restored.sum).toBe(original.sum);
    expect(QS.map((q) => restored.quantile(q))).toEqual(QS.map((q) => original.quantile(q)));
  });

  it('estimates the sum within alpha when it was not stored', () => {
    const values = durations(6, 2000);
    const original = sketchOf(values);
    const restored = sketchFromBuckets(original.toBuckets());
    expect(Math.abs(restored.sum - original.sum) / original.sum).toBeLessThanOrEqual(0.01);
  });

  it('answers quantiles over rows summed by a GROUP BY exactly like the merged sketch', () => {
    const parts = [durations(11, 1500), durations(12, 700), durations(13, 300)].map((v) => sketchOf(v));
    // What SQL returns for SUM(count) GROUP BY bucket, in no particular order, plus raw duplicates.
    const allRows = shuffled(
      parts.flatMap((p) => p.toBuckets()),
      3,
    );
    const merged = parts.reduce((acc, p) => acc.merge(p), createSketch());
    for (const q of QS) expect(quantileFromBuckets(allRows, q)).toBe(merged.quantile(q));
    expect(quantilesFromBuckets(allRows, QS)).toEqual(QS.map((q) => merged.quantile(q)));
    expect(quantileFromBuckets([], 0.5)).toBeNull();
    expect(quantilesFromBuckets([], [0.5, 0.9])).toEqual([null, null]);
    expect(quantileFromBuckets([{ bucket: 10, count: 0 }], 0.5)).toBeNull();
  });

  it('refuses rows that are not integers (e.g. a bigint SUM read as a string)', () => {
    const asString = { bucket: 3, count: '12' } as unknown as BucketRow;
    expect(() => quantileFromBuckets([asString], 0.5)).toThrow(RangeError);
    expect(() => quantileFromBuckets([{ bucket: 1.5, count: 1 }], 0.5)).toThrow(RangeError);
    expect(() => sketchFromBuckets([{ bucket: 1, count: -1 }])).toThrow(RangeError);
  });
});
