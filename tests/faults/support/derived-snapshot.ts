import type { Db } from '../../../api/db/connect.ts';

/**
 * The derived rows that must not depend on when derivation ran: daily and monthly rollups, their
 * buckets and the custody segments (flags and `derived_at` legitimately follow the clock).
 */
export async function derivedSnapshot(db: Db): Promise<Record<string, string[]>> {
  const rows = async (table: 'rollups' | 'rollup_buckets' | 'rollup_months' | 'rollup_month_buckets' | 'segments') =>
    ((await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[])
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, typeof r[k] === 'bigint' ? Number(r[k]) : r[k]]),
        ),
      )
      .sort();
  return {
    rollups: await rows('rollups'),
    rollup_buckets: await rows('rollup_buckets'),
    rollup_months: await rows('rollup_months'),
    rollup_month_buckets: await rows('rollup_month_buckets'),
    segments: await rows('segments'),
  };
}
