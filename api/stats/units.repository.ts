import type { Db } from '../db/connect.ts';
import { TIMELINESS_STATES } from '../../shared/timeliness/index.ts';
import type { DayPeriod } from './day-period.ts';
import { addTotals, bucketRow, bucketsByKey, figures, zeroTotals, type Totals } from './rollup-figures.ts';
import { sumBuckets, sumRollups } from './rollup-reads.ts';

const SEP = '\u0000';

/** Open flags per unit (responsible unit: the flagged official's, else the dossier's) and rule. */
export async function openFlagsByUnit(db: Db, units: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .selectFrom('flags')
    .select((eb) => ['responsible_unit_id', 'rule', eb.fn.countAll<number>().as('n')])
    .where('closed_at', 'is', null)
    .where('responsible_unit_id', 'in', units)
    .groupBy(['responsible_unit_id', 'rule'])
    .execute();
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const byRule = out.get(r.responsible_unit_id) ?? {};
    byRule[r.rule] = Number(r.n);
    out.set(r.responsible_unit_id, byRule);
  }
  return out;
}

/**
 * Per unit of the list: dossiers received and finished there (the receiving unit, from the
 * code), their timeliness as classified by shared/timeliness, and the ended custody segments of
 * the unit's officials (rollups by the holder's unit) with p50/p90 working hours per step.
 */
export async function unitStats(db: Db, units: readonly string[], period: DayPeriod) {
  if (units.length === 0) return [];
  // Independent reads, in parallel: on PostgreSQL each takes its own pooled connection.
  const [names, received, finished, totals, bucketRows, flags] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where('id', 'in', units).execute(),
    db
      .selectFrom('dossiers')
      .select((eb) => ['unit_id', eb.fn.countAll<number>().as('n')])
      .where('unit_id', 'in', units)
      .where('received_at', '>=', period.fromMs)
      .where('received_at', '<', period.toMs)
      .groupBy('unit_id')
      .execute(),
    db
      .selectFrom('dossiers')
      .select((eb) => ['unit_id', 'timeliness', eb.fn.countAll<number>().as('n')])
      .where('unit_id', 'in', units)
      .where('finished_at', '>=', period.fromMs)
      .where('finished_at', '<', period.toMs)
      .groupBy(['unit_id', 'timeliness'])
      .execute(),
    sumRollups(db, { units }, ['unit_id', 'step'], period),
    sumBuckets(db, { units }, ['unit_id', 'step'], period),
    openFlagsByUnit(db, units),
  ]);

  const stepBuckets = bucketsByKey(bucketRows, (r) => r.unit_id + SEP + r.step, bucketRow);
  // A unit's quantile over all steps adds the steps' bucket counts: still a sum of buckets.
  const unitBuckets = bucketsByKey(bucketRows, (r) => r.unit_id, bucketRow);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));

  return [...units].sort().map((unitId) => {
    const states = Object.fromEntries(TIMELINESS_STATES.map((s) => [s, 0])) as Record<string, number>;
    let finishedCount = 0;
    for (const r of finished) {
      if (r.unit_id !== unitId) continue;
      finishedCount += Number(r.n);
      if (r.timeliness) states[r.timeliness] = (states[r.timeliness] ?? 0) + Number(r.n);
    }
    // Shares over finished dossiers with an appointment, as summarizeTimeliness counts them.
    const judged = states.early! + states.on_time! + states.late!;
    const share = (n: number) => Math.round((n / judged) * 10_000) / 10_000;
    const unitTotals = zeroTotals();
    const steps = totals
      .filter((r) => r.unit_id === unitId)
      .map((r) => {
        const t: Totals = addTotals(zeroTotals(), r);
        addTotals(unitTotals, r);
        return { step: r.step, ...figures(t, stepBuckets.get(unitId + SEP + r.step) ?? []) };
      })
      .sort((a, b) => (a.step < b.step ? -1 : a.step > b.step ? 1 : 0));
    const byRule = flags.get(unitId) ?? {};
    return {
      unitId,
      name: nameOf.get(unitId) ?? null,
      received: Number(received.find((r) => r.unit_id === unitId)?.n ?? 0),
      finished: finishedCount,
      timeliness: {
        early: states.early!,
        onTime: states.on_time!,
        late: states.late!,
        unknown: finishedCount - judged,
        shares:
          judged === 0
            ? null
            : {
                early: share(states.early!),
                onTime: share(states.on_time!),
                late: share(states.late!),
                earlyOrOnTime: share(states.early! + states.on_time!),
              },
      },
      ...figures(unitTotals, unitBuckets.get(unitId) ?? []),
      steps,
      openFlags: { total: Object.values(byRule).reduce((a, b) => a + b, 0), byRule },
    };
  });
}
