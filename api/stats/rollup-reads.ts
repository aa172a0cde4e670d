import type { Db } from '../db/connect.ts';
import { addDays } from '../derive/local-day.ts';
import type { DayPeriod } from './day-period.ts';

/** Which stored level answers which days of a period: whole months from the monthly rollups. */
export type PeriodParts = { months: { from: string; to: string } | null; days: { from: string; to: string }[] };

const monthOf = (day: string) => day.slice(0, 7);
const nextMonth = (month: string) => addDays(`${month}-28`, 4).slice(0, 7);
const lastDayOf = (month: string) => addDays(`${nextMonth(month)}-01`, -1);

export function splitPeriod(p: DayPeriod): PeriodParts {
  const first = p.from.endsWith('-01') ? monthOf(p.from) : nextMonth(monthOf(p.from));
  const last = lastDayOf(monthOf(p.to)) === p.to ? monthOf(p.to) : monthOf(addDays(`${monthOf(p.to)}-01`, -1));
  if (first > last) return { months: null, days: [{ from: p.from, to: p.to }] };
  const days: PeriodParts['days'] = [];
  if (p.from < `${first}-01`) days.push({ from: p.from, to: addDays(`${first}-01`, -1) });
  if (lastDayOf(last) < p.to) days.push({ from: addDays(lastDayOf(last), 1), to: p.to });
  return { months: { from: first, to: last }, days };
}

export type RollupFilter = { units?: readonly string[]; officialId?: string };
type Group = 'unit_id' | 'official_id' | 'step';
export type SummedTotals = { segments: number; handled: number; working_ms: number; active_ms: number };
export type SummedBucket = { bucket: number; n: number };

type Source = { totals: 'rollups' | 'rollup_months'; buckets: 'rollup_buckets' | 'rollup_month_buckets'; time: 'day' | 'month'; from: string; to: string };

function sourcesOf(p: DayPeriod): Source[] {
  const parts = splitPeriod(p);
  const out: Source[] = parts.days.map((d) => ({ totals: 'rollups', buckets: 'rollup_buckets', time: 'day', ...d }));
  if (parts.months) out.push({ totals: 'rollup_months', buckets: 'rollup_month_buckets', time: 'month', ...parts.months });
  return out;
}

// Both levels have the same columns but their time column; Kysely's typed builder cannot take
// the table as a parameter, so the queries are typed by hand here.
type Loose = Db & { selectFrom(t: string): any };

function filtered(q: any, s: Source, f: RollupFilter) {
  q = q.where(s.time, '>=', s.from).where(s.time, '<=', s.to);
  if (f.units) q = q.where('unit_id', 'in', f.units.length ? f.units : ['']);
  if (f.officialId) q = q.where('official_id', '=', f.officialId);
  return q;
}

/**
 * Sums of ended custody segments over a period, grouped by `group`: the period's whole months
 * come from the monthly rollups and its ragged edges from the daily ones, read in parallel and
 * added up here (integer sums, so the result is the same as summing the daily rows alone).
 */
export async function sumRollups<G extends Group>(db: Db, filter: RollupFilter, group: readonly G[], p: DayPeriod): Promise<(Record<G, string> & SummedTotals)[]> {
  const parts = await Promise.all(
    sourcesOf(p).map((s) =>
      filtered((db as Loose).selectFrom(s.totals), s, filter)
        .select((eb: any) => [...group, eb.fn.sum('segments').as('segments'), eb.fn.sum('handled').as('handled'), eb.fn.sum('working_ms').as('working_ms'), eb.fn.sum('active_ms').as('active_ms')])
        .$if(group.length > 0, (q: any) => q.groupBy([...group]))
        .execute() as Promise<Record<string, unknown>[]>,
    ),
  );
  const out = new Map<string, Record<string, unknown> & SummedTotals>();
  for (const rows of parts) {
    for (const r of rows) {
      const key = group.map((g) => r[g]).join('\u0000');
      const into = out.get(key) ?? { ...Object.fromEntries(group.map((g) => [g, r[g]])), segments: 0, handled: 0, working_ms: 0, active_ms: 0 };
      into.segments += Number(r.segments);
      into.handled += Number(r.handled);
      into.working_ms += Number(r.working_ms);
      into.active_ms += Number(r.active_ms);
      out.set(key, into);
    }
  }
  return [...out.values()] as (Record<G, string> & SummedTotals)[];
}

/** Sketch bucket counts over a period grouped by `group`; a bucket may repeat across parts (readers normalise). */
export async function sumBuckets<G extends Group>(db: Db, filter: RollupFilter, group: readonly G[], p: DayPeriod): Promise<(Record<G, string> & SummedBucket)[]> {
  const parts = await Promise.all(
    sourcesOf(p).map((s) =>
      filtered((db as Loose).selectFrom(s.buckets), s, filter)
        .select((eb: any) => [...group, 'bucket', eb.fn.sum('count').as('n')])
        .groupBy([...group, 'bucket'])
        .execute() as Promise<Record<string, unknown>[]>,
    ),
  );
  return parts.flat().map((r) => ({ ...r, bucket: Number(r.bucket), n: Number(r.n) })) as (Record<G, string> & SummedBucket)[];
}
