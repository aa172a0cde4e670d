import { sql, type Transaction } from 'kysely';
import type { Database, SegmentTable } from '../db/tables.ts';
import { createMapping } from '../../shared/sketch/index.ts';
import { isHandledEnd } from '../../shared/custody/action-effects.ts';

// The default sketch (alpha 1 %, values in seconds): readers must use the same options.
const mapping = createMapping();

type Totals = { segments: number; handled: number; working_ms: number; active_ms: number };
type RollupSegment = Pick<
  SegmentTable,
  'holder_unit_id' | 'holder_id' | 'step' | 'day' | 'blamed_seconds' | 'active_seconds' | 'ended_by' | 'evidence' | 'contested'
>;
/** What the derivation reads back of stored segments to subtract their old contribution. */
export const ROLLUP_SEGMENT_COLUMNS = [
  'holder_unit_id',
  'holder_id',
  'step',
  'day',
  'blamed_seconds',
  'active_seconds',
  'ended_by',
  'evidence',
  'contested',
] as const;

export interface RollupDelta {
  totals: Map<string, Totals>;
  buckets: Map<string, number>;
}

const SEP = '\u0000';
const keyOf = (s: RollupSegment) => [s.holder_unit_id, s.day!, s.holder_id, s.step].join(SEP);

/**
 * Only ended segments of confirmed custody are counted, with their blamed seconds: an open one is
 * still growing (rollups must not depend on now), and claimed, inferred or contested custody is
 * never anyone's figure.
 */
function add(delta: RollupDelta, segments: readonly RollupSegment[], sign: 1 | -1): void {
  for (const s of segments) {
    if (s.day === null || s.evidence !== 'confirmed' || Number(s.contested) === 1) continue;
    const key = keyOf(s);
    const t = delta.totals.get(key) ?? { segments: 0, handled: 0, working_ms: 0, active_ms: 0 };
    const seconds = Number(s.blamed_seconds);
    t.segments += sign;
    t.handled += sign * (isHandledEnd(s.ended_by) ? 1 : 0);
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

const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The daily delta summed per coarser period: the day key's first `length` characters, 7 for the
 * local month (`YYYY-MM`), 4 for the local year.
 */
export function coarserDelta(daily: RollupDelta, length: 7 | 4): RollupDelta {
  const coarser = (key: string) => {
    const [unit, day, ...rest] = key.split(SEP);
    return [unit, day!.slice(0, length), ...rest].join(SEP);
  };
  const out: RollupDelta = { totals: new Map(), buckets: new Map() };
  for (const [k, t] of daily.totals) {
    const c = coarser(k);
    const into = out.totals.get(c) ?? { segments: 0, handled: 0, working_ms: 0, active_ms: 0 };
    into.segments += t.segments;
    into.handled += t.handled;
    into.working_ms += t.working_ms;
    into.active_ms += t.active_ms;
    out.totals.set(c, into);
  }
  for (const [k, n] of daily.buckets) out.buckets.set(coarser(k), (out.buckets.get(coarser(k)) ?? 0) + n);
  for (const [k, t] of out.totals) if (!t.segments && !t.handled && !t.working_ms && !t.active_ms) out.totals.delete(k);
  for (const [k, n] of out.buckets) if (n === 0) out.buckets.delete(k);
  return out;
}

export type Level = { totals: string; buckets: string; time: 'day' | 'month' | 'year'; length: 10 | 7 | 4 };
/** Every stored level, finest first (the order rows are locked in, the same in every transaction). */
export const ROLLUP_LEVELS: readonly Level[] = [
  { totals: 'rollups', buckets: 'rollup_buckets', time: 'day', length: 10 },
  { totals: 'rollup_months', buckets: 'rollup_month_buckets', time: 'month', length: 7 },
  { totals: 'rollup_years', buckets: 'rollup_year_buckets', time: 'year', length: 4 },
];

/**
 * Adds signed amounts to rows keyed by `keys`, inserting missing rows, then deletes the rows the
 * `zero` column brought to 0 (so incremental tables hold exactly the rows a rebuild writes).
 * Rows are written in sorted key order so two workers lock shared rows in the same order.
 */
async function addToRows(
  trx: Transaction<Database>,
  table: string,
  keys: readonly string[],
  amounts: readonly string[],
  zero: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  // Kysely's typed builder cannot take the table as a parameter; the names here are constants.
  const t = trx as unknown as Transaction<Record<string, Record<string, unknown>>>;
  const written = await t
    .insertInto(table)
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(keys as string[])
        .doUpdateSet(Object.fromEntries(amounts.map((a) => [a, sql`${sql.ref(`${table}.${a}`)} + ${sql.ref(`excluded.${a}`)}`]))),
    )
    .returning([...keys, zero])
    .execute();
  for (const r of written) {
    if (Number(r[zero]) !== 0) continue;
    let del = t.deleteFrom(table);
    for (const k of keys) del = del.where(k, '=', r[k]);
    await del.execute();
  }
}

/** The amounts every rollup row carries beside its key. */
export const ROLLUP_AMOUNTS = ['segments', 'handled', 'working_ms', 'active_ms'] as const;

/** A level's key columns: holder's unit, period, official, step. */
export const levelKeys = (level: Level): string[] => ['unit_id', level.time, 'official_id', 'step'];

/** A delta as rows of one level's two tables, in key order. */
export function deltaRows(delta: RollupDelta, level: Level): { totals: Record<string, unknown>[]; buckets: Record<string, unknown>[] } {
  const keys = levelKeys(level);
  const totals = [...delta.totals]
    .sort(byKey)
    .map(([key, t]) => ({ ...Object.fromEntries(key.split(SEP).map((v, i) => [keys[i], v])), ...t }));
  const bucketKeys = [...keys, 'bucket'];
  const buckets = [...delta.buckets].sort(byKey).map(([key, count]) => {
    const row: Record<string, unknown> = Object.fromEntries(key.split(SEP).map((v, i) => [bucketKeys[i], v]));
    row.bucket = Number(row.bucket);
    row.count = count;
    return row;
  });
  return { totals, buckets };
}

/** Adds `from` into `into` (both daily deltas of fresh contributions). */
export function mergeDelta(into: RollupDelta, from: RollupDelta): void {
  for (const [k, t] of from.totals) {
    const a = into.totals.get(k);
    if (!a) into.totals.set(k, { ...t });
    else {
      a.segments += t.segments;
      a.handled += t.handled;
      a.working_ms += t.working_ms;
      a.active_ms += t.active_ms;
    }
  }
  for (const [k, n] of from.buckets) into.buckets.set(k, (into.buckets.get(k) ?? 0) + n);
}

async function applyLevel(trx: Transaction<Database>, delta: RollupDelta, level: Level): Promise<void> {
  const keys = levelKeys(level);
  const { totals, buckets } = deltaRows(delta, level);
  await addToRows(trx, level.totals, keys, [...ROLLUP_AMOUNTS], 'segments', totals);
  await addToRows(trx, level.buckets, [...keys, 'bucket'], ['count'], 'count', buckets);
}

/** Applies a daily delta, and the same delta per month and per year, inside the dossier's transaction. */
export async function applyRollupDelta(trx: Transaction<Database>, delta: RollupDelta): Promise<void> {
  for (const level of ROLLUP_LEVELS) await applyLevel(trx, level.length === 10 ? delta : coarserDelta(delta, level.length), level);
}
