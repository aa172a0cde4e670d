import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { StoredEvent } from '../../shared/custody/index.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const CUSTODY_KINDS = ['open', 'close', 'active', 'action'] as const;

/** A dossier's stored events as custody reads them, plus what only the rows carry. */
export type DossierEvent = StoredEvent & { procedureCode: string | null };

/** Every event of the dossiers, from officials of every unit (the events_dossier_code index). */
export async function loadDossierEvents(db: Executor, codes: string | readonly string[]): Promise<DossierEvent[]> {
  const list = typeof codes === 'string' ? [codes] : [...codes];
  if (list.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(['id', 'kind', 'official_id', 'at', 'dossier_code', 'action', 'to_official_id', 'step', 'status', 'appointment_at', 'start_at', 'end_at', 'procedure_code'])
    .where('dossier_code', 'in', list)
    .where('kind', 'in', CUSTODY_KINDS)
    .execute();
  return rows.map((r) => {
    const e: DossierEvent = {
      id: r.id,
      kind: r.kind as StoredEvent['kind'],
      officialId: r.official_id,
      at: Number(r.at),
      dossierCode: r.dossier_code!,
      toOfficialId: r.to_official_id,
      step: r.step,
      status: r.status,
      appointmentAt: r.appointment_at === null ? null : Number(r.appointment_at),
      procedureCode: r.procedure_code,
    };
    if (r.action) e.action = r.action as ActionKind;
    if (r.kind === 'active' && r.start_at !== null && r.end_at !== null) {
      e.start = Number(r.start_at);
      e.end = Number(r.end_at);
    }
    return e;
  });
}

/** officialId → the last instant any of their events happened, anywhere: the rules' coverage. */
export async function loadCoverage(db: Executor, officials: readonly { id: string; unitId: string }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  // One index seek per official on (unit_id, official_id, at): a grouped query over all of them
  // lets planners scan every event those officials ever sent, which grows without bound.
  for (const o of new Map(officials.map((x) => [x.id, x])).values()) {
    const row = await db
      .selectFrom('events')
      .select('at')
      .where('unit_id', '=', o.unitId)
      .where('official_id', '=', o.id)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) out[o.id] = Number(row.at);
  }
  return out;
}

export async function loadOfficialUnits(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('officials').select(['id', 'unit_id']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.unit_id]));
}
