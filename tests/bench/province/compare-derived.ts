import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../../../api/db/connect.ts';
import type { DerivedRows } from './bulk-derive.ts';

const KEYS: Record<keyof DerivedRows, { table: string; key: string[] }> = {
  dossiers: { table: 'dossiers', key: ['unit_id', 'code'] },
  segments: { table: 'segments', key: ['unit_id', 'dossier_code', 'seq'] },
  flags: { table: 'flags', key: ['unit_id', 'key'] },
  rollups: { table: 'rollups', key: ['unit_id', 'day', 'official_id', 'step'] },
  buckets: { table: 'rollup_buckets', key: ['unit_id', 'day', 'official_id', 'step', 'bucket'] },
  months: { table: 'rollup_months', key: ['unit_id', 'month', 'official_id', 'step'] },
  monthBuckets: { table: 'rollup_month_buckets', key: ['unit_id', 'month', 'official_id', 'step', 'bucket'] },
  years: { table: 'rollup_years', key: ['unit_id', 'year', 'official_id', 'step'] },
  yearBuckets: { table: 'rollup_year_buckets', key: ['unit_id', 'year', 'official_id', 'step', 'bucket'] },
};

type Row = Record<string, unknown>;
const norm = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));

/**
 * Compares the in-memory derivation's rows with what a real rebuild left in the database, table
 * by table and row by row; returns the differences found (empty when the two paths agree).
 */
export async function compareDerived(db: Db, expected: DerivedRows): Promise<{ rows: number; differences: string[] }> {
  const differences: string[] = [];
  let rows = 0;
  for (const [name, { table, key }] of Object.entries(KEYS) as [keyof DerivedRows, (typeof KEYS)[keyof DerivedRows]][]) {
    const keyOf = (r: Row) => key.map((k) => String(r[k])).join('\u0000');
    const stored = new Map(((await db.selectFrom(table as never).selectAll().execute()) as Row[]).map((r) => [keyOf(r), norm(r)]));
    const wanted = new Map((expected[name] as unknown as Row[]).map((r) => [keyOf(r), norm(r)]));
    rows += wanted.size;
    if (stored.size !== wanted.size) differences.push(`${table}: ${stored.size} rows stored, ${wanted.size} expected`);
    let shown = 0;
    for (const [k, w] of wanted) {
      const s = stored.get(k);
      if (s && isDeepStrictEqual(s, w)) continue;
      if (shown++ < 3) differences.push(`${table} ${k.replaceAll('\u0000', '|')}: ${s ? `stored ${JSON.stringify(s)} ≠ expected ${JSON.stringify(w)}` : 'missing'}`);
    }
  }
  return { rows, differences };
}
