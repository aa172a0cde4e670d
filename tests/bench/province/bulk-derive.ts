import type { Db } from '../../../api/db/connect.ts';
import type {
  DossierTable,
  FlagTable,
  RollupBucketTable,
  RollupMonthBucketTable,
  RollupMonthTable,
  RollupTable,
  RollupYearBucketTable,
  RollupYearTable,
  SegmentTable,
} from '../../../api/db/tables.ts';
import { createDeriveContext } from '../../../api/derive/derive-context.ts';
import { computeDossier, dossierFacts, timelineOf } from '../../../api/derive/compute-dossier.ts';
import type { DossierEvent } from '../../../api/derive/dossier-events.ts';
import { coarserDelta, rollupDelta, type RollupDelta } from '../../../api/derive/rollup-delta.ts';
import { SEVERITY_RANK } from '../../../api/derive/flags.writer.ts';
import { diffFlags } from '../../../shared/rules/index.ts';
import type { ActionKind } from '../../../shared/schemas/dossier.ts';
import type { GeneratedDossier, GeneratedEvent } from './generate-unit.ts';

export type DerivedRows = {
  dossiers: DossierTable[];
  segments: SegmentTable[];
  flags: FlagTable[];
  rollups: RollupTable[];
  buckets: RollupBucketTable[];
  months: RollupMonthTable[];
  monthBuckets: RollupMonthBucketTable[];
  years: RollupYearTable[];
  yearBuckets: RollupYearBucketTable[];
};

export const emptyDerivedRows = (): DerivedRows => ({ dossiers: [], segments: [], flags: [], rollups: [], buckets: [], months: [], monthBuckets: [], years: [], yearBuckets: [] });

const CUSTODY_KINDS = new Set(['open', 'close', 'active', 'action']);

/** The same mapping api/derive/dossier-events.ts applies to rows it reads back from the database. */
function toDossierEvent(r: GeneratedEvent): DossierEvent {
  const e: DossierEvent = {
    id: r.id, kind: r.kind as DossierEvent['kind'], officialId: r.official_id, at: r.at, dossierCode: r.dossier_code!,
    toOfficialId: r.to_official_id, step: r.step, status: r.status, appointmentAt: r.appointment_at, procedureCode: r.procedure_code,
  };
  if (r.action) e.action = r.action as ActionKind;
  if (r.kind === 'active' && r.start_at !== null && r.end_at !== null) {
    e.start = r.start_at;
    e.end = r.end_at;
  }
  return e;
}

/**
 * Derives one unit's dossiers in memory with the colleagues' derivation functions
 * (computeDossier, rollupDelta, diffFlags, the derive context), producing the rows a full
 * rebuild would write, but in bulk: at province scale a rebuild's per-dossier transactions take
 * hours, while the figures measured here only need the derived rows to exist. Which official
 * units and coverage the rules see mirrors deriveDossier; the quick benchmark compares these rows
 * with a real rebuild to keep the two paths equal.
 */
export async function deriveUnitInMemory(db: Db, unitId: string, dossiers: readonly GeneratedDossier[], officialUnits: ReadonlyMap<string, string>, now: number): Promise<DerivedRows> {
  const ctx = createDeriveContext();
  const clock = await ctx.calendarFor(db, unitId);
  // Settings depend only on the unit and the procedure: resolving them once per procedure is what
  // keeps this path fast (deriveDossier resolves them again for every dossier).
  const settingsByProcedure = new Map<string | null, ReturnType<typeof ctx.settingsFor>>();
  const settingsFor = (code: string | null) => {
    let s = settingsByProcedure.get(code);
    if (!s) settingsByProcedure.set(code, (s = ctx.settingsFor(db, unitId, code)));
    return s;
  };
  const coverage = new Map<string, number>();
  for (const d of dossiers) for (const e of d.events) coverage.set(e.official_id, Math.max(coverage.get(e.official_id) ?? -Infinity, e.at));

  const out = emptyDerivedRows();
  for (const d of dossiers) {
    const events = d.events.filter((e) => CUSTODY_KINDS.has(e.kind)).map(toDossierEvent);
    if (events.length === 0) continue;
    const facts = dossierFacts(events);
    const receivingDesk = (id: string) => officialUnits.get(id) === unitId;
    const timeline = timelineOf(d.code, events, now, clock, receivingDesk);
    const holders = [...new Set(timeline.segments.map((s) => s.holderId))].sort();
    const units = new Map(holders.filter((h) => officialUnits.has(h)).map((h) => [h, officialUnits.get(h)!]));
    const cover: Record<string, number> = {};
    for (const h of units.keys()) if (coverage.has(h)) cover[h] = coverage.get(h)!;
    const procedure = await ctx.procedure(db, facts.procedureCode);
    const settings = await settingsFor(facts.procedureCode);
    const computed = computeDossier({ code: d.code, unitId, events, facts, timeline, now, clock, procedure, settings, coverage: cover, officialUnits: units, receivingDesk });
    const opened = diffFlags([], computed.flags, now).opened;
    for (const f of opened) {
      out.flags.push({
        unit_id: unitId, key: f.key, dossier_code: d.code, rule: f.rule, severity: f.severity, severity_rank: SEVERITY_RANK[f.severity] ?? 3,
        official_id: f.officialId, responsible_unit_id: f.officialId ? (units.get(f.officialId) ?? unitId) : unitId, since: f.since,
        hours_over: f.hoursOver, evidence: JSON.stringify(f.evidence), details: JSON.stringify(f.details), opened_at: now, closed_at: null, updated_at: now,
      });
    }
    for (const seg of computed.segments) out.segments.push(seg);
    out.dossiers.push({ ...computed.dossier, open_flags: opened.length, derived_at: now });
  }

  // Rows in key order (unit, day, …), as a live database appends them day after day: in an
  // unsorted bulk load each row of a day would sit on its own page.
  const daily = rollupDelta([], out.segments);
  const rowsOf = <K extends string>(delta: RollupDelta, time: K) => {
    const sorted = <T,>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k.split('\u0000') as [string, string, string, string, string], v] as const);
    const key = ([unit_id, at, official_id, step]: readonly string[]) => ({ unit_id: unit_id!, [time]: at!, official_id: official_id!, step: step! }) as { unit_id: string; official_id: string; step: string } & Record<K, string>;
    return {
      totals: sorted(delta.totals).map(([k, t]) => ({ ...key(k), ...t })),
      buckets: sorted(delta.buckets).map(([k, count]) => ({ ...key(k), bucket: Number(k[4]), count })),
    };
  };
  ({ totals: out.rollups, buckets: out.buckets } = rowsOf(daily, 'day'));
  ({ totals: out.months, buckets: out.monthBuckets } = rowsOf(coarserDelta(daily, 7), 'month'));
  ({ totals: out.years, buckets: out.yearBuckets } = rowsOf(coarserDelta(daily, 4), 'year'));
  return out;
}
