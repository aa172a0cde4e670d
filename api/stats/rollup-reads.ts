import type { Db } from '../db/connect.ts';
import { addDays } from '../derive/local-day.ts';
import { ROLLUP_LEVELS } from '../derive/rollup-delta.ts';
import type { DayPeriod } from './day-period.ts';
import { justifiedMsByGroup } from '../explanations/justified.ts';

type Range = { from: string; to: string };
/** Which stored level answers which days of a period: whole years, then whole months, then days. */
export type PeriodParts = { years: Range | null; months: Range[]; days: Range[] };

const monthOf = (day: string) => day.slice(0, 7);
const nextMonth = (month: string) => addDays(`${month}-28`, 4).slice(0, 7);
const lastDayOf = (month: string) => addDays(`${nextMonth(month)}-01`, -1);

/** Days from `from` to `to` (inclusive) as whole months and the days around them. */
function monthsAndDays(from: string, to: string): { months: Range | null; days: Range[] } {
  if (from > to) return { months: null, days: [] };
  const first = from.endsWith('-01') ? monthOf(from) : nextMonth(monthOf(from));
  const last = lastDayOf(monthOf(to)) === to ? monthOf(to) : monthOf(addDays(`${monthOf(to)}-01`, -1));
  if (first > last) return { months: null, days: [{ from, to }] };
  const days: Range[] = [];
  if (from < `${first}-01`) days.push({ from, to: addDays(`${first}-01`, -1) });
  if (lastDayOf(last) < to) days.push({ from: addDays(lastDayOf(last), 1), to });
  return { months: { from: first, to: last }, days };
}

export function splitPeriod(p: DayPeriod): PeriodParts {
  const year = (day: string) => Number(day.slice(0, 4));
  const first = p.from.endsWith('-01-01') ? year(p.from) : year(p.from) + 1;
  const last = p.to.endsWith('-12-31') ? year(p.to) : year(p.to) - 1;
  if (first > last) {
    const { months, days } = monthsAndDays(p.from, p.to);
    return { years: null, months: months ? [months] : [], days };
  }
  const before = monthsAndDays(p.from, `${first - 1}-12-31`);
  const after = monthsAndDays(`${last + 1}-01-01`, p.to);
  return {
    years: { from: String(first), to: String(last) },
    months: [before.months, after.months].filter((m): m is Range => m !== null),
    days: [...before.days, ...after.days],
  };
}

export type RollupFilter = { units?: readonly string[]; officialId?: string };
type Group = 'unit_id' | 'official_id' | 'step';
export type SummedTotals = { segments: number; handled: number; working_ms: number; active_ms: number };
export type SummedBucket = { bucket: number; n: number };

type Source = { totals: string; buckets: string; time: 'day' | 'month' | 'year'; from: string; to: string };

function sourcesOf(p: DayPeriod): Source[] {
  const parts = splitPeriod(p);
  const [days, months, years] = ROLLUP_LEVELS;
  return [
    ...parts.days.map((r) => ({ ...days!, ...r })),
    ...parts.months.map((r) => ({ ...months!, ...r })),
    ...(parts.years ? [{ ...years!, ...parts.years }] : []),
  ];
}

// Every level has the same columns but its time column; Kysely's typed builder cannot take
// the table as a parameter, so the queries are typed by hand here.
type Loose = Db & { selectFrom(t: string): any };

function filtered(q: any, s: Source, f: RollupFilter) {
  q = q.where(s.time, '>=', s.from).where(s.time, '<=', s.to);
  if (f.units) q = q.where('unit_id', 'in', f.units.length ? f.units : ['']);
  if (f.officialId) q = q.where('official_id', '=', f.officialId);
  return q;
}

/**
 * Sums of ended custody segments over a period, grouped by `group`: the period's whole years
 * come from the yearly rollups, its other whole months from the monthly ones and its ragged
 * edges from the daily ones, read in parallel and added up here (integer sums, so the result is
 * the same as summing the daily rows alone). Working time that accepted explanations justify is
 * taken out here, the one place every figure is read from (api/explanations/justified.ts).
 */
export async function sumRollups<G extends Group>(
  db: Db,
  filter: RollupFilter,
  group: readonly G[],
  p: DayPeriod,
): Promise<(Record<G, string> & SummedTotals)[]> {
  const parts = await Promise.all(
    sourcesOf(p).map(
      (s) =>
        filtered((db as Loose).selectFrom(s.totals), s, filter)
          .select((eb: any) => [
            ...group,
            eb.fn.sum('segments').as('segments'),
            eb.fn.sum('handled').as('handled'),
            eb.fn.sum('working_ms').as('working_ms'),
            eb.fn.sum('active_ms').as('active_ms'),
          ])
          .$if(group.length > 0, (q: any) => q.groupBy([...group]))
          .execute() as Promise<Record<string, unknown>[]>,
    ),
  );
  const out = new Map<string, Record<string, unknown> & SummedTotals>();
  for (const rows of parts) {
    for (const r of rows) {
      const key = group.map((g) => r[g]).join('\u0000');
      const into = out.get(key) ?? {
        ...Object.fromEntries(group.map((g) => [g, r[g]])),
        segments: 0,
        handled: 0,
        working_ms: 0,
        active_ms: 0,
      };
      into.segments += Number(r.segments);
      into.handled += Number(r.handled);
      into.working_ms += Number(r.working_ms);
      into.active_ms += Number(r.active_ms);
      out.set(key, into);
    }
  }
  for (const [key, ms] of await justifiedMsByGroup(db, filter, group, p)) {
    const into = out.get(key);
    if (into) into.working_ms -= ms;
  }
  return [...out.values()] as (Record<G, string> & SummedTotals)[];
}

/** Sketch bucket counts over a period grouped by `group`; a bucket may repeat across parts (readers normalise). */
export async function sumBuckets<G extends Group>(
  db: Db,
  filter: RollupFilter,
  group: readonly G[],
  p: DayPeriod,
): Promise<(Record<G, string> & SummedBucket)[]> {
  const parts = await Promise.all(
    sourcesOf(p).map(
      (s) =>
        filtered((db as Loose).selectFrom(s.buckets), s, filter)
          .select((eb: any) => [...group, 'bucket', eb.fn.sum('count').as('n')])
          .groupBy([...group, 'bucket'])
          .execute() as Promise<Record<string, unknown>[]>,
    ),
  );
  return parts.flat().map((r) => ({ ...r, bucket: Number(r.bucket), n: Number(r.n) })) as (Record<G, string> & SummedBucket)[];
}
