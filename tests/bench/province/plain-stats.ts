import { sql } from 'kysely';
import type { Db } from '../../../api/db/connect.ts';
import { bucketOfSeconds } from '../../../api/derive/rollup-delta.ts';
import { HANDLED_KINDS as HANDLED_ENDS } from '../../../shared/custody/action-effects.ts';
import type { DayPeriod } from '../../../api/stats/day-period.ts';
import { figures, zeroTotals, type Totals } from '../../../api/stats/rollup-figures.ts';
import { unitStats } from '../../../api/stats/units.repository.ts';
import { unitOfficialStats } from '../../../api/stats/unit-officials.repository.ts';
import type { BucketRow } from '../../../shared/sketch/index.ts';
import { WORK_TABLE } from './calendar-table.ts';

/** Actions with which a holder lets a dossier go (custody's release), as in the generated lifecycles. */
const ENDING = ['forward', 'return', 'transfer', 'reject', 'stop', 'finish', 'return_result', 'supplement_request'];

type SegmentGroup = { official_id: string; step: string; working_ms: number; n: number; active_ms: number; handled: number };

const workedBefore = (t: ReturnType<typeof sql.ref>) =>
  sql<number>`coalesce((select w.before_ms + least(${t}, w.end_ms) - w.start_ms from ${sql.table(WORK_TABLE)} w where w.start_ms <= ${t} order by w.start_ms desc limit 1), 0)`;

/**
 * Custody segments of a unit's officials that ended in the period, rebuilt from raw events only:
 * each ends at the holder's releasing action and starts at the dossier's previous action;
 * working time comes from the calendar table, active time from the holder's spans inside it.
 * This is the query a dashboard would run without derived tables.
 */
async function plainSegments(db: Db, unitId: string, p: DayPeriod): Promise<SegmentGroup[]> {
  const { rows } = await sql<SegmentGroup>`
    with ends as (
      select e.dossier_code, e.official_id, coalesce(e.step, '') as step, e.action, e.at as to_at
        from events e
       where e.unit_id = ${unitId} and e.kind = 'action' and e.action = any(${ENDING}::text[]) and e.at >= ${p.fromMs} and e.at < ${p.toMs}
    ), segs as (
      select x.*, (select max(q.at) from events q where q.dossier_code = x.dossier_code and q.kind = 'action' and q.at < x.to_at) as from_at
        from ends x
    ), timed as (
      select s.official_id, s.step, s.action,
             ${workedBefore(sql.ref('s.to_at'))} - ${workedBefore(sql.ref('s.from_at'))} as working_ms,
             (select coalesce(sum(a.active_ms), 0) from events a
               where a.dossier_code = s.dossier_code and a.kind = 'active' and a.official_id = s.official_id
                 and a.start_at >= s.from_at and a.end_at <= s.to_at) as active_ms
        from segs s
    )
    select official_id, step, working_ms, count(*) as n, sum(active_ms) as active_ms,
           sum(case when action = any(${[...HANDLED_ENDS]}::text[]) then 1 else 0 end) as handled
      from timed group by official_id, step, working_ms`.execute(db);
  return rows.map((r) => ({
    ...r,
    working_ms: Number(r.working_ms),
    n: Number(r.n),
    active_ms: Number(r.active_ms),
    handled: Number(r.handled),
  }));
}

type Group = { totals: Totals; buckets: Map<number, number> };
function groupBy(rows: readonly SegmentGroup[], key: (r: SegmentGroup) => string): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const r of rows) {
    const g = out.get(key(r)) ?? { totals: zeroTotals(), buckets: new Map() };
    g.totals.segments += r.n;
    g.totals.handled += r.handled;
    g.totals.workingMs += r.working_ms * r.n;
    g.totals.activeMs += r.active_ms;
    const b = bucketOfSeconds(r.working_ms / 1000);
    g.buckets.set(b, (g.buckets.get(b) ?? 0) + r.n);
    out.set(key(r), g);
  }
  return out;
}
const bucketRows = (g: Group): BucketRow[] => [...g.buckets].map(([bucket, count]) => ({ bucket, count }));
const byKey =
  <T extends Record<string, unknown>>(k: keyof T) =>
  (a: T, b: T) =>
    String(a[k]) < String(b[k]) ? -1 : String(a[k]) > String(b[k]) ? 1 : 0;

export type FigureSet = ReturnType<typeof figures>;
export type UnitAnswer = { total: FigureSet; steps: (FigureSet & { step: string })[] };
export type OfficialAnswer = (FigureSet & { officialId: string })[];

export async function plainUnitAnswer(db: Db, unitId: string, p: DayPeriod): Promise<UnitAnswer> {
  const rows = await plainSegments(db, unitId, p);
  const all = groupBy(rows, () => '');
  const total = all.get('') ?? { totals: zeroTotals(), buckets: new Map() };
  const steps = [...groupBy(rows, (r) => r.step)].map(([step, g]) => ({ step, ...figures(g.totals, bucketRows(g)) }));
  return { total: figures(total.totals, bucketRows(total)), steps: steps.sort(byKey('step')) };
}

export async function plainOfficialAnswer(db: Db, unitId: string, p: DayPeriod): Promise<OfficialAnswer> {
  const rows = await plainSegments(db, unitId, p);
  return [...groupBy(rows, (r) => r.official_id)]
    .map(([officialId, g]) => ({ officialId, ...figures(g.totals, bucketRows(g)) }))
    .sort(byKey('officialId'));
}

const pick = (f: FigureSet): FigureSet => ({
  segments: f.segments,
  handled: f.handled,
  workingHours: f.workingHours,
  activeHours: f.activeHours,
  p50Hours: f.p50Hours,
  p90Hours: f.p90Hours,
});

/** The colleagues' rollup-backed answers, reduced to the figures the plain query can also give. */
export async function rollupUnitAnswer(db: Db, unitId: string, p: DayPeriod): Promise<UnitAnswer> {
  const [u] = await unitStats(db, [unitId], p);
  if (!u) throw new Error(`no unit stats for ${unitId}`);
  return { total: pick(u), steps: u.steps.map((s) => ({ step: s.step, ...pick(s) })).sort(byKey('step')) };
}

export async function rollupOfficialAnswer(db: Db, unitId: string, p: DayPeriod): Promise<OfficialAnswer> {
  const rows = await unitOfficialStats(db, unitId, p, null);
  return rows
    .filter((r) => r.segments > 0)
    .map((r) => ({ officialId: r.officialId, ...pick(r) }))
    .sort(byKey('officialId'));
}
