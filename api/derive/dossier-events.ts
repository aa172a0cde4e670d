import type { Kysely, Transaction } from 'kysely';
import type { Database, EventTable } from '../db/tables.ts';
import type { StoredEvent } from '../../shared/custody/index.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const CUSTODY_KINDS = ['open', 'close', 'active', 'action'] as const;

/** A dossier's stored events as custody reads them, plus what only the rows carry. */
export type DossierEvent = StoredEvent & { procedureCode: string | null };

const EVENT_COLUMNS = ['id', 'kind', 'official_id', 'at', 'dossier_code', 'action', 'to_official_id', 'step', 'status', 'appointment_at', 'start_at', 'end_at', 'procedure_code'] as const;
type EventColumns = Pick<EventTable, (typeof EVENT_COLUMNS)[number]>;

/** Every event of the dossiers, from officials of every unit (the events_dossier_code index). */
export async function loadDossierEvents(db: Executor, codes: string | readonly string[]): Promise<DossierEvent[]> {
  const list = typeof codes === 'string' ? [codes] : [...codes];
  if (list.length === 0) return [];
  const rows = await db.selectFrom('events').select(EVENT_COLUMNS).where('dossier_code', 'in', list).where('kind', 'in', CUSTODY_KINDS).execute();
  return rows.map(toDossierEvent);
}

/** Dossier codes from `from` (inclusive; '' for the first) up to `before` (exclusive; null for no end). */
export type CodeRange = { from: string; before: string | null };

/**
 * Up to about `limit` events of the dossiers in `range`, in code order (one walk of the
 * events_dossier_code index), and only whole dossiers: the last dossier of a full page is left for
 * the next page. `rest` is the range still to read; null when the range is done.
 */
export async function loadEventRange(db: Executor, range: CodeRange, limit: number): Promise<{ events: DossierEvent[]; rest: CodeRange | null }> {
  let q = db.selectFrom('events').select(EVENT_COLUMNS).where('dossier_code', '>=', range.from).where('kind', 'in', CUSTODY_KINDS);
  if (range.before !== null) q = q.where('dossier_code', '<', range.before);
  const rows = await q.orderBy('dossier_code').orderBy('at').limit(limit).execute();
  if (rows.length < limit) return { events: rows.map(toDossierEvent), rest: null };
  const lastCode = rows.at(-1)!.dossier_code!;
  const whole = rows.filter((r) => r.dossier_code !== lastCode);
  const rest = { from: lastCode, before: range.before };
  if (whole.length > 0) return { events: whole.map(toDossierEvent), rest };
  // One dossier with more events than a page: read it whole on its own, then go past it.
  let following = db.selectFrom('events').select('dossier_code').where('dossier_code', '>', lastCode);
  if (range.before !== null) following = following.where('dossier_code', '<', range.before);
  const next = (await following.orderBy('dossier_code').limit(1).executeTakeFirst())?.dossier_code ?? null;
  return { events: await loadDossierEvents(db, lastCode), rest: next === null ? null : { from: next, before: range.before } };
}

export function toDossierEvent(r: EventColumns): DossierEvent {
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
}

/**
 * Officials with their unit and the last instant any of their events happened, anywhere (the
 * rules' coverage): one index seek per official on (unit_id, official_id, at), all in one
 * statement. A grouped query over many officials lets planners scan every event they ever sent,
 * which grows without bound; a statement per official cost a round trip each.
 */
function officialsLastSeen(db: Executor) {
  return db
    .selectFrom('officials as o')
    .select((eb) => ['o.id', 'o.unit_id', eb.selectFrom('events as e').select((e) => e.fn.max('e.at').as('m')).whereRef('e.unit_id', '=', 'o.unit_id').whereRef('e.official_id', '=', 'o.id').as('last_at')]);
}

/** officialId → the last instant of their events, for officials whose units the caller read from the officials table. */
export async function loadCoverage(db: Executor, officials: readonly { id: string; unitId: string }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const ids = [...new Set(officials.map((o) => o.id))];
  for (let i = 0; i < ids.length; i += 200) {
    for (const r of await officialsLastSeen(db).where('o.id', 'in', ids.slice(i, i + 200)).execute()) if (r.last_at !== null && r.last_at !== undefined) out[r.id] = Number(r.last_at);
  }
  return out;
}

/** Every official's unit and last event, read once for a bulk rebuild. */
export async function loadAllOfficials(db: Executor): Promise<{ units: Map<string, string>; lastSeen: Map<string, number> }> {
  const rows = await officialsLastSeen(db).execute();
  const units = new Map(rows.map((r) => [r.id, r.unit_id]));
  const lastSeen = new Map<string, number>();
  for (const r of rows) if (r.last_at !== null && r.last_at !== undefined) lastSeen.set(r.id, Number(r.last_at));
  return { units, lastSeen };
}

export async function loadOfficialUnits(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('officials').select(['id', 'unit_id']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.unit_id]));
}
