import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../../../api/db/connect.ts';
import type { InMemoryRows } from '../../../api/derive/bulk-derive.ts';
import { coarserDelta, deltaRows, levelKeys, ROLLUP_LEVELS } from '../../../api/derive/rollup-delta.ts';

type Row = Record<string, unknown>;
const norm = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));

/** What the in-memory derivation says each derived table should hold, with its key columns. */
export function expectedTables(rows: InMemoryRows): { table: string; key: string[]; rows: Row[] }[] {
  const out = [
    { table: 'dossiers', key: ['unit_id', 'code'], rows: rows.dossiers as unknown as Row[] },
    { table: 'segments', key: ['unit_id', 'dossier_code', 'seq'], rows: rows.segments as unknown as Row[] },
    { table: 'flags', key: ['unit_id', 'key'], rows: rows.flags as unknown as Row[] },
  ];
  for (const level of ROLLUP_LEVELS) {
    const { totals, buckets } = deltaRows(level.length === 10 ? rows.daily : coarserDelta(rows.daily, level.length), level);
    out.push(
      { table: level.totals, key: levelKeys(level), rows: totals },
      { table: level.buckets, key: [...levelKeys(level), 'bucket'], rows: buckets },
    );
  }
  return out;
}

/**
 * Compares the in-memory derivation of some units' dossiers with what the rebuild left in the
 * database for those units, table by table and row by row; returns the differences found (empty
 * when the two agree). The generated holders all work in their dossier's unit, so every row of
 * those units comes from those dossiers.
 */
export async function compareDerived(
  db: Db,
  expected: InMemoryRows,
  unitIds: readonly string[],
): Promise<{ rows: number; differences: string[] }> {
  const differences: string[] = [];
  let rows = 0;
  for (const { table, key, rows: wantedRows } of expectedTables(expected)) {
    const keyOf = (r: Row) => key.map((k) => String(r[k])).join('\u0000');
    const stored = new Map(
      (
        (await db
          .selectFrom(table as never)
          .selectAll()
          .where('unit_id' as never, 'in', unitIds as never)
          .execute()) as Row[]
      ).map((r) => [keyOf(r), norm(r)]),
    );
    const wanted = new Map(wantedRows.map((r) => [keyOf(r), norm(r)]));
    rows += wanted.size;
    if (stored.size !== wanted.size) differences.push(`${table}: ${stored.size} rows stored, ${wanted.size} expected`);
    let shown = 0;
    for (const [k, w] of wanted) {
      const s = stored.get(k);
      if (s && isDeepStrictEqual(s, w)) continue;
      if (shown++ < 3)
        differences.push(
          `${table} ${k.replaceAll('\u0000', '|')}: ${s ? `stored ${JSON.stringify(s)} ≠ expected ${JSON.stringify(w)}` : 'missing'}`,
        );
    }
  }
  return { rows, differences };
}
