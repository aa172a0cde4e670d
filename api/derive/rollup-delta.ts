import type { Transaction } from 'kysely';
import type { Database, SegmentTable } from '../db/tables.ts';
import { createMapping } from '../../shared/sketch/index.ts';

/** Ends that mean the holder did their part: passed it on, or brought the dossier to an end. */
export const HANDLED_ENDS: ReadonlySet<string> = new Set(['forward', 'return', 'transfer', 'reject', 'stop', 'finish', 'return_result']);

// The default sketch (alpha 1 %, values in seconds): readers must use the same options.
const mapping = createMapping();

type Totals = { segments: number; handled: number; working_ms: number; active_ms: number };
type RollupSegment = Pick<SegmentTable, 'holder_unit_id' | 'holder_id' | 'step' | 'day' | 'working_seconds' | 'active_seconds' | 'ended_by'>;

export interface RollupDelta {
  totals: Map<string, Totals>;
  buckets: Map<string, number>;
}

const SEP = '\u0000';
const keyOf = (s: RollupSegment) => [s.holder_unit_id, s.day!, s.holder_id, s.step].join(SEP);

/** Only ended segments are counted: an open one is still growing, and rollups must not depend on now. */
function add(delta: RollupDelta, segments: readonly RollupSegment[], sign: 1 | -1): void {
  for (const s of segments) {
    if (s.day === null) continue;
    const key = keyOf(s);
    const t = delta.totals.get(key) ?? { segments: 0, handled: 0, working_ms: 0, active_ms: 0 };
    const seconds = Number(s.working_seconds);
    t.segments += sign;
    t.handled += sign * (HANDLED_ENDS.has(s.ended_by) ? 1 : 0);
    // Integer milliseconds: sums are exact in any order, so increments equal a rebuild.
    t.working_ms += sign * Math.round(seconds * 1000);
    t.active_ms += sign * Math.round(Number(s.active_seconds) * 1000);
    delta.totals.set(key, t);
    const bkey = key + SEP + mapping.bucketOf(Math.max(0, seconds));
    delta.buckets.set(bkey, (delta.buckets.get(bkey) ?? 0) + sign);
  }
}

/** New minus old contributions; keys whose contribution did not change are left out. */
export function rollupDelta(oldSegments: readonly RollupSegment[], newSegments: readonly RollupSegment[]): RollupDelta {
  const delta: RollupDelta = { totals: new Map(), buckets: new Map() };
  add(delta, oldSegments, -1);
  add(delta, newSegments, 1);
  for (const [k, t] of delta.totals) if (!t.segments && !t.handled && !t.working_ms && !t.active_ms) delta.totals.delete(k);
  for (const [k, n] of delta.buckets) if (n === 0) delta.buckets.delete(k);
  return delta;
}

export function bucketOfSeconds(seconds: number): number {
  return mapping.bucketOf(Math.max(0, seconds));
}

/**
 * Applies a delta inside the dossier's transaction. Keys are written in sorted order so two
 * workers touching the same rollup rows lock them in the same order and never deadlock. Rows
 * that drop to zero are deleted, so incremental tables hold exactly the rows a rebuild writes.
 */
export async function applyRollupDelta(trx: Transaction<Database>, delta: RollupDelta): Promise<void> {
  const totals = [...delta.totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (totals.length) {
    const values = totals.map(([key, t]) => {
      const [unit_id, day, official_id, step] = key.split(SEP) as [string, string, string, string];
      return { unit_id, day, official_id, step, ...t };
    });
    const written = await trx
      .insertInto('rollups')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['unit_id', 'day', 'official_id', 'step']).doUpdateSet((eb) => ({
          segments: eb('rollups.segments', '+', eb.ref('excluded.segments')),
          handled: eb('rollups.handled', '+', eb.ref('excluded.handled')),
          working_ms: eb('rollups.working_ms', '+', eb.ref('excluded.working_ms')),
          active_ms: eb('rollups.active_ms', '+', eb.ref('excluded.active_ms')),
        })),
      )
      .returning(['unit_id', 'day', 'official_id', 'step', 'segments'])
      .execute();
    for (const r of written) {
      if (Number(r.segments) !== 0) continue;
      await trx
        .deleteFrom('rollups')
        .where('unit_id', '=', r.unit_id)
        .where('day', '=', r.day)
        .where('official_id', '=', r.official_id)
        .where('step', '=', r.step)
        .execute();
    }
  }

  const buckets = [...delta.buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (buckets.length) {
    const values = buckets.map(([key, count]) => {
      const [unit_id, day, official_id, step, bucket] = key.split(SEP) as [string, string, string, string, string];
      return { unit_id, day, official_id, step, bucket: Number(bucket), count };
    });
    const written = await trx
      .insertInto('rollup_buckets')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['unit_id', 'day', 'official_id', 'step', 'bucket']).doUpdateSet((eb) => ({
          count: eb('rollup_buckets.count', '+', eb.ref('excluded.count')),
        })),
      )
      .returning(['unit_id', 'day', 'official_id', 'step', 'bucket', 'count'])
      .execute();
    for (const r of written) {
      if (Number(r.count) !== 0) continue;
      await trx
        .deleteFrom('rollup_buckets')
        .where('unit_id', '=', r.unit_id)
        .where('day', '=', r.day)
        .where('official_id', '=', r.official_id)
        .where('step', '=', r.step)
        .where('bucket', '=', r.bucket)
        .execute();
    }
  }
}
