import type { WorkingCalendar } from '../../shared/calendar/index.ts';
import type { ProcedureSpec, RuleSettings } from '../../shared/rules/index.ts';
import { computeDossier, dossierFacts, timelineOf, type Computed } from './compute-dossier.ts';
import type { DossierEvent } from './dossier-events.ts';

export type DossierKey = { unitId: string; code: string };

/**
 * What the computation reads besides the dossiers' events. Incremental derivation answers from
 * the database inside its transaction; a bulk rebuild from tables it loaded once. Both hand the
 * answers to the same computation below, so the two paths cannot drift apart.
 */
export interface ComputeLookups {
  calendarFor(unitId: string): Promise<WorkingCalendar>;
  procedure(code: string | null): Promise<ProcedureSpec | null>;
  settingsFor(unitId: string, procedureCode: string | null): Promise<RuleSettings>;
  /** Whether one unit is the other or above or below it in the unit tree. */
  related(unitA: string, unitB: string): Promise<boolean>;
  /** The units of those of `ids` who are known officials (others are absent). */
  officialUnits(ids: readonly string[]): Promise<Map<string, string>>;
  /** officialId → the last instant any of their events happened (the rules' coverage). */
  coverage(officials: readonly { id: string; unitId: string }[]): Promise<Record<string, number>>;
}

export type ComputedDossier = { k: DossierKey; c: Computed };
export type ComputedBatch = { dossiers: ComputedDossier[]; officialUnits: ReadonlyMap<string, string> };

/**
 * Derives dossiers from their events in memory: custody, facts, timeliness, flags and the rows
 * to store. Dossiers without events are left out (the caller removes what it stored for them).
 * `officialUnits` is the batch's actor → unit map, which flag rows also use.
 */
export async function computeBatch(
  keys: readonly DossierKey[],
  events: ReadonlyMap<string, readonly DossierEvent[]>,
  now: number,
  lookups: ComputeLookups,
): Promise<ComputedBatch> {
  // Everyone who acted or was named as the page's handler: whose unit decides whose desk is the
  // receiving one, and which unit a flag naming them is filed under.
  const actors = [
    ...new Set([...events.values()].flat().flatMap((e) => (e.handlerId ? [e.officialId, e.handlerId] : [e.officialId]))),
  ].sort();
  const officialUnits = await lookups.officialUnits(actors);
  const traced = [];
  for (const k of keys) {
    const own = events.get(k.code) ?? [];
    if (own.length === 0) continue;
    const clock = await lookups.calendarFor(k.unitId);
    const desks = new Set<string>();
    for (const id of new Set(own.map((e) => e.officialId))) {
      const unit = officialUnits.get(id);
      if (unit !== undefined && (await lookups.related(unit, k.unitId))) desks.add(id);
    }
    const receivingDesk = (id: string) => desks.has(id);
    traced.push({
      k,
      events: own,
      facts: dossierFacts(own),
      clock,
      receivingDesk,
      timeline: timelineOf(k.code, own, now, clock, receivingDesk),
    });
  }
  const holders = [...new Set(traced.flatMap((t) => t.timeline.segments.map((s) => s.holderId)))].sort();
  const lastSeen = await lookups.coverage(holders.flatMap((id) => (officialUnits.has(id) ? [{ id, unitId: officialUnits.get(id)! }] : [])));

  const computed: ComputedDossier[] = [];
  for (const t of traced) {
    const coverage: Record<string, number> = {};
    for (const s of t.timeline.segments) if (lastSeen[s.holderId] !== undefined) coverage[s.holderId] = lastSeen[s.holderId]!;
    const procedure = await lookups.procedure(t.facts.procedureCode);
    const settings = await lookups.settingsFor(t.k.unitId, t.facts.procedureCode);
    computed.push({
      k: t.k,
      c: computeDossier({
        code: t.k.code,
        unitId: t.k.unitId,
        events: t.events,
        facts: t.facts,
        timeline: t.timeline,
        now,
        clock: t.clock,
        procedure,
        settings,
        coverage,
        officialUnits,
        receivingDesk: t.receivingDesk,
      }),
    });
  }
  return { dossiers: computed, officialUnits };
}

/** The unit a flag is filed under: its official's, or the dossier's when nobody is named or known. */
export function responsibleUnit(officialUnits: ReadonlyMap<string, string>) {
  return (officialId: string | null, dossierUnit: string): string =>
    officialId ? (officialUnits.get(officialId) ?? dossierUnit) : dossierUnit;
}

export function groupBy<T>(rows: readonly T[], keyOf: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
