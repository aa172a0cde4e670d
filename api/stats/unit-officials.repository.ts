import type { Db } from '../db/connect.ts';
import type { DayPeriod } from './day-period.ts';
import { addTotals, bucketRow, bucketsByKey, figures, zeroTotals } from './rollup-figures.ts';

/**
 * Per official of one unit: their ended custody segments in the period (rollups keyed by the
 * holder's unit), p50/p90 working hours from the summed buckets, and their open flags now.
 * `onlyOfficial` narrows it to one person (a clerk sees only their own row).
 */
export async function unitOfficialStats(db: Db, unitId: string, period: DayPeriod, onlyOfficial: string | null) {
  let totalsQ = db
    .selectFrom('rollups')
    .select((eb) => [
      'official_id',
      eb.fn.sum<number>('segments').as('segments'),
      eb.fn.sum<number>('handled').as('handled'),
      eb.fn.sum<number>('working_ms').as('working_ms'),
      eb.fn.sum<number>('active_ms').as('active_ms'),
    ])
    .where('unit_id', '=', unitId)
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy('official_id');
  let bucketsQ = db
    .selectFrom('rollup_buckets')
    .select((eb) => ['official_id', 'bucket', eb.fn.sum<number>('count').as('n')])
    .where('unit_id', '=', unitId)
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy(['official_id', 'bucket']);
  let officialsQ = db.selectFrom('officials').select(['id', 'username', 'display_name', 'unit_id', 'active']);
  if (onlyOfficial) {
    totalsQ = totalsQ.where('official_id', '=', onlyOfficial);
    bucketsQ = bucketsQ.where('official_id', '=', onlyOfficial);
  }
  const totals = await totalsQ.execute();
  const buckets = bucketsByKey(await bucketsQ.execute(), (r) => r.official_id, bucketRow);

  // Everyone now in the unit, plus anyone who held dossiers for it in the period and has moved.
  const ids = new Set(totals.map((t) => t.official_id));
  officialsQ = onlyOfficial
    ? officialsQ.where('id', '=', onlyOfficial)
    : officialsQ.where((eb) => eb.or([eb.and([eb('unit_id', '=', unitId), eb('active', '=', 1)]), eb('id', 'in', [...ids, ''])]));
  const officials = await officialsQ.orderBy('username').execute();

  const flagRows = officials.length
    ? await db
        .selectFrom('flags')
        .select((eb) => ['official_id', 'rule', eb.fn.countAll<number>().as('n')])
        .where('closed_at', 'is', null)
        .where('official_id', 'in', officials.map((o) => o.id))
        .groupBy(['official_id', 'rule'])
        .execute()
    : [];

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
