import type { Kysely, Transaction } from 'kysely';
import type { Database, DossierTable, FlagTable, SegmentTable } from '../db/tables.ts';
import { diffFlags } from '../../shared/rules/index.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { computeBatch, groupBy, responsibleUnit, type ComputedBatch, type ComputeLookups } from './compute-batch.ts';
import type { DeriveContext } from './derive-context.ts';
import type { DossierEvent } from './dossier-events.ts';
import { flagRow } from './flags.writer.ts';
import { rollupDelta, type RollupDelta } from './rollup-delta.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Every official's unit and last event, as a bulk rebuild reads them once (loadAllOfficials). */
export type OfficialFacts = { units: ReadonlyMap<string, string>; lastSeen: ReadonlyMap<string, number> };

/** Lookups answered from tables read once: the calendars, procedures and settings through a context kept for the whole run. */
export function bulkLookups(ctx: DeriveContext, db: Executor, officials: OfficialFacts): ComputeLookups {
  return {
    calendarFor: (unitId) => ctx.calendarFor(db, unitId),
    procedure: (code) => ctx.procedure(db, code),
    settingsFor: (unitId, code) => ctx.settingsFor(db, unitId, code),
    related: (a, b) => ctx.related(db, a, b),
    officialUnits: async (ids) => new Map(ids.flatMap((h) => (officials.units.has(h) ? [[h, officials.units.get(h)!] as const] : []))),
    coverage: async (list) =>
      Object.fromEntries(list.flatMap((o) => (officials.lastSeen.has(o.id) ? [[o.id, officials.lastSeen.get(o.id)!]] : []))),
  };
}

export type FreshRows = { dossiers: DossierTable[]; segments: SegmentTable[]; flags: FlagTable[] };

/**
 * The rows incremental derivation would store for these dossiers if nothing were stored for them
 * yet (writeFlags against no open flags, upsertDossiers); their rollup contribution is
 * rollupDelta([], segments).
 */
export function freshRows(batch: ComputedBatch, now: number): FreshRows {
  const unitOf = responsibleUnit(batch.officialUnits);
  const out: FreshRows = { dossiers: [], segments: [], flags: [] };
  for (const { k, c } of batch.dossiers) {
    const opened = diffFlags([], c.flags, now).opened;
    for (const f of opened) out.flags.push(flagRow(k, f, unitOf, now));
    for (const s of c.segments) out.segments.push(s);
    out.dossiers.push({ ...c.dossier, open_flags: opened.length, derived_at: now });
  }
  return out;
}

/** Events of whole dossiers → their fresh rows, in the order of their codes. */
export async function deriveEvents(events: readonly DossierEvent[], now: number, lookups: ComputeLookups): Promise<FreshRows> {
  const byCode = groupBy(events, (e) => e.dossierCode);
  const keys = [...byCode.keys()].map((code) => ({ unitId: unitOfDossier(code), code }));
  return freshRows(await computeBatch(keys, byCode, now, lookups), now);
}

/** The whole of derivation but reading and writing: fresh rows and their daily rollup contribution (the benchmark's in-memory limit). */
export type InMemoryRows = FreshRows & { daily: RollupDelta };
export async function deriveInMemory(events: readonly DossierEvent[], now: number, lookups: ComputeLookups): Promise<InMemoryRows> {
  const rows = await deriveEvents(events, now, lookups);
  return { ...rows, daily: rollupDelta([], rows.segments) };
}
