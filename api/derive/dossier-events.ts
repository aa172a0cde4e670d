import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { StoredEvent } from '../../shared/custody/index.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { MAX_YEAR, MIN_YEAR } from '../../shared/calendar/civil-date.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const CUSTODY_KINDS = ['open', 'close', 'active', 'action'] as const;

/** A dossier's stored events as custody reads them, plus what only the rows carry. */
export type DossierEvent = StoredEvent & { procedureCode: string | null };

const FIRST_MS = Date.UTC(MIN_YEAR, 0, 2);
const LAST_MS = Date.UTC(MAX_YEAR, 11, 30);
/** Within the calendar's years (rows stored before ingest refused such instants may still hold them). */
const inRange = (ms: number | null) => ms === null || (ms >= FIRST_MS && ms <= LAST_MS);

/**
 * Every event of the dossiers that counts for someone, from officials of every unit (the
 * events_dossier_code index), with the pages' readings of the current handler attached (list
 * rows become readings of their own). Events from a back-office signed in as someone else count
 * for nobody; instants the calendar cannot place are left out rather than stopping derivation.
 */
export async function loadDossierEvents(db: Executor, codes: string | readonly string[]): Promise<DossierEvent[]> {
  const list = typeof codes === 'string' ? [codes] : [...codes];
  if (list.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(['id', 'kind', 'official_id', 'at', 'dossier_code', 'action', 'to_official_id', 'step', 'status', 'appointment_at', 'start_at', 'end_at', 'procedure_code'])
    .where('dossier_code', 'in', list)
    .where('kind', 'in', CUSTODY_KINDS)
    .where('identity_mismatch', '=', 0)
    .execute();
  const readings = await db
    .selectFrom('readings')
    .select(['dossier_code', 'event_id', 'official_id', 'at', 'handler_official_id'])
    .where('unit_id', 'in', [...new Set(list.map((c) => c.slice(0, c.indexOf('-'))))])
    .where('dossier_code', 'in', list)
    .where('identity_mismatch', '=', 0)
    .execute();
  const byEvent = new Map(readings.map((r) => [`${r.dossier_code}|${r.event_id}`, r]));
  const events = rows
    .filter((r) => inRange(Number(r.at)) && inRange(r.appointment_at === null ? null : Number(r.appointment_at)) && inRange(r.start_at === null ? null : Number(r.start_at)))
    .map((r) => {
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
    const reading = byEvent.get(`${e.dossierCode}|${e.id}`);
    if (reading) {
      byEvent.delete(`${e.dossierCode}|${e.id}`);
      e.handlerId = reading.handler_official_id;
      if (reading.handler_official_id === null) e.handlerUnresolved = true;
    }
    return e;
  });
  // What is left are list rows: a reading each, on its own.
  for (const r of byEvent.values()) {
    if (!inRange(Number(r.at))) continue;
    events.push({
      id: r.event_id,
      kind: 'list_seen',
      officialId: r.official_id,
      at: Number(r.at),
      dossierCode: r.dossier_code,
      procedureCode: null,
      handlerId: r.handler_official_id,
      ...(r.handler_official_id === null ? { handlerUnresolved: true } : {}),
    });
  }
  return events;
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
