import type { Db } from '../db/connect.ts';
import type { DayPeriod } from './day-period.ts';
import { addTotals, bucketRow, bucketsByKey, figures, zeroTotals } from './rollup-figures.ts';
import { sumBuckets, sumRollups } from './rollup-reads.ts';

/**
 * Per official of one unit: their ended custody segments in the period (rollups keyed by the
 * holder's unit), p50/p90 working hours from the summed buckets, and their open flags now.
 * `onlyOfficial` narrows it to one person (a clerk sees only their own row).
 */
export async function unitOfficialStats(db: Db, unitId: string, period: DayPeriod, onlyOfficial: string | null) {
  const filter = onlyOfficial ? { units: [unitId], officialId: onlyOfficial } : { units: [unitId] };
  const columns = ['id', 'username', 'display_name', 'unit_id', 'active'] as const;
  const openFlagsOf = (ids: readonly string[] | 'members') =>
    db
      .selectFrom('flags')
      .select((eb) => ['official_id', 'rule', eb.fn.countAll<number>().as('n')])
      .where('closed_at', 'is', null)
      .where(
        'official_id',
        'in',
        ids === 'members'
          ? db.selectFrom('officials').select('id').where('unit_id', '=', unitId).where('active', '=', 1)
          : ids.length
            ? ids
            : [''],
      )
      .groupBy(['official_id', 'rule'])
      .execute();
  // One round of independent reads; a second only for officials who held dossiers here and moved.
  const [totals, bucketRows, members, memberFlags] = await Promise.all([
    sumRollups(db, filter, ['official_id'], period),
    sumBuckets(db, filter, ['official_id'], period),
    onlyOfficial
      ? db.selectFrom('officials').select(columns).where('id', '=', onlyOfficial).execute()
      : db.selectFrom('officials').select(columns).where('unit_id', '=', unitId).where('active', '=', 1).execute(),
    openFlagsOf(onlyOfficial ? [onlyOfficial] : 'members'),
  ]);
  const buckets = bucketsByKey(bucketRows, (r) => r.official_id, bucketRow);
  // Everyone now in the unit, plus anyone who held dossiers for it in the period and has moved.
  const known = new Set(members.map((o) => o.id));
  const moved = onlyOfficial ? [] : totals.map((t) => t.official_id).filter((id) => !known.has(id));
  const [others, movedFlags] = moved.length
    ? await Promise.all([db.selectFrom('officials').select(columns).where('id', 'in', moved).execute(), openFlagsOf(moved)])
    : [[], []];
  const officials = [...members, ...others].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const flagRows = [...memberFlags, ...movedFlags];

  return officials.map((o) => {
    const row = totals.find((t) => t.official_id === o.id);
    const byRule: Record<string, number> = {};
    for (const f of flagRows) if (f.official_id === o.id) byRule[f.rule] = Number(f.n);
    return {
      officialId: o.id,
      username: o.username,
      displayName: o.display_name,
      currentUnitId: o.unit_id,
      ...figures(row ? addTotals(zeroTotals(), row) : zeroTotals(), buckets.get(o.id) ?? []),
      openFlags: { total: Object.values(byRule).reduce((a, b) => a + b, 0), byRule },
    };
  });
}
