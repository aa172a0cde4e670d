import type { Kysely, Transaction } from 'kysely';
import type { Database, DossierTable } from '../db/tables.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import type { DeriveContext } from './derive-context.ts';
import { loadCoverage, loadDossierEvents, loadOfficialUnits, type DossierEvent } from './dossier-events.ts';
import { computeBatch, groupBy as group, responsibleUnit } from './compute-batch.ts';
import { holdRebuildShared } from './rebuild-lock.ts';
import { applyRollupDelta, ROLLUP_SEGMENT_COLUMNS, rollupDelta } from './rollup-delta.ts';
import { writeFlags } from './flags.writer.ts';
import { queueSeqs, releaseDone } from './queue.repository.ts';

export type DeriveOutcome = 'derived' | 'removed';

type Key = { unitId: string; code: string };
type OldSegment = Parameters<typeof rollupDelta>[0][number];

/**
 * Recomputes dossiers from all their raw events, a batch per transaction (one commit and one
 * rollup update for many dossiers: round trips, not computation, bound derivation speed).
 *
 * The dossiers' rows are locked first (one upsert, in sorted order), so whoever derives one of
 * them next reads the segments this run wrote: the old contribution subtracted from the rollups is
 * always exactly the one that was added. That invariant (rollups = sum over stored segments) keeps
 * concurrent workers from double counting, even when a lease ran out and two derive the same one.
 */
export async function deriveBatch(
  db: Kysely<Database>,
  ctx: DeriveContext,
  codes: readonly string[],
  now: number,
): Promise<Map<string, DeriveOutcome>> {
  const keys: Key[] = [...new Set(codes)].sort().map((code) => ({ unitId: unitOfDossier(code), code }));
  const outcome = new Map<string, DeriveOutcome>();
  if (keys.length === 0) return outcome;
  const units = [...new Set(keys.map((k) => k.unitId))];
  const codeList = keys.map((k) => k.code);
  await db.transaction().execute(async (trx) => {
    // A bulk rebuild writes derived rows without these per-dossier locks: wait while one runs.
    await holdRebuildShared(trx);
    await trx
      .insertInto('dossiers')
      .values(
        keys.map((k) => ({
          unit_id: k.unitId,
          code: k.code,
          received_known: 0,
          supplement_requests: 0,
          pauses: '[]',
          anomalies: 0,
          open_flags: 0,
          event_count: 0,
          derived_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['unit_id', 'code']).doUpdateSet({ derived_at: now }))
      .execute();
    // Read under the locks: a mark that lands after this keeps its queue row for another round.
    const seqs = await queueSeqs(trx, keys);
    const events = group(await loadDossierEvents(trx, codeList), (e) => e.dossierCode);
    const oldSegments = group(
      await trx
        .selectFrom('segments')
        .select(['dossier_code', ...ROLLUP_SEGMENT_COLUMNS])
        .where('unit_id', 'in', units)
        .where('dossier_code', 'in', codeList)
        .execute(),
      (s) => s.dossier_code,
    );

    const { dossiers: computed, officialUnits } = await computeBatch(keys, events, now, {
      calendarFor: (unitId) => ctx.calendarFor(trx, unitId),
      procedure: (code) => ctx.procedure(trx, code),
      settingsFor: (unitId, code) => ctx.settingsFor(trx, unitId, code),
      related: (a, b) => ctx.related(trx, a, b),
      officialUnits: (ids) => loadOfficialUnits(trx, ids),
      coverage: (officials) => loadCoverage(trx, officials),
    });

    const allOld: OldSegment[] = [...oldSegments.values()].flat();
    await applyRollupDelta(
      trx,
      rollupDelta(
        allOld,
        computed.flatMap((x) => x.c.segments),
      ),
    );
    await trx.deleteFrom('segments').where('unit_id', 'in', units).where('dossier_code', 'in', codeList).execute();
    const newSegments = computed.flatMap((x) => x.c.segments);
    for (let i = 0; i < newSegments.length; i += 200)
      await trx
        .insertInto('segments')
        .values(newSegments.slice(i, i + 200))
        .execute();

    const openFlags = await writeFlags(
      trx,
      computed.map((x) => ({ unitId: x.k.unitId, code: x.k.code, flags: x.c.flags })),
      responsibleUnit(officialUnits),
      now,
    );
    if (computed.length)
      await upsertDossiers(
        trx,
        computed.map((x) => ({ ...x.c.dossier, open_flags: openFlags.get(x.k.code) ?? 0, derived_at: now })),
      );

    const derived = new Set(computed.map((x) => x.k.code));
    const gone = keys.filter((k) => !derived.has(k.code));
    if (gone.length) {
      // No events at all (never from ingest; possible when asked for an unknown code): nothing derived may remain.
      await trx
        .deleteFrom('flags')
        .where('unit_id', 'in', units)
        .where(
          'dossier_code',
          'in',
          gone.map((k) => k.code),
        )
        .execute();
      await trx
        .deleteFrom('dossiers')
        .where('unit_id', 'in', units)
        .where(
          'code',
          'in',
          gone.map((k) => k.code),
        )
        .execute();
    }
    // One statement per row in sorted order: ingest locks queue rows in the same order.
    for (const k of keys) await releaseDone(trx, k, seqs.get(k.code) ?? null);
    for (const k of keys) outcome.set(k.code, derived.has(k.code) ? 'derived' : 'removed');
  });
  return outcome;
}

/** One dossier in its own transaction (tests, and isolating a failure within a batch). */
export async function deriveDossier(db: Kysely<Database>, ctx: DeriveContext, code: string, now: number): Promise<DeriveOutcome> {
  return (await deriveBatch(db, ctx, [code], now)).get(code)!;
}

const DOSSIER_COLUMNS = [
  'procedure_code',
  'received_at',
  'received_known',
  'appointment_at',
  'effective_appointment_at',
  'finished_at',
  'finished_action',
  'timeliness',
  'late_reason',
  'supplement_requests',
  'handling_seconds',
  'holder_state',
  'current_holder_id',
  'current_holder_unit_id',
  'current_step',
  'holder_evidence',
  'unconfirmed_finish',
  'pauses',
  'anomalies',
  'open_flags',
  'event_count',
  'last_event_at',
  'derived_at',
] as const satisfies readonly Exclude<keyof DossierTable, 'unit_id' | 'code'>[];

async function upsertDossiers(trx: Transaction<Database>, rows: DossierTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await trx
      .insertInto('dossiers')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc
          .columns(['unit_id', 'code'])
          .doUpdateSet((eb) => Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never),
      )
      .execute();
  }
}

export type { DossierEvent };
