import type { Kysely, Transaction } from 'kysely';
import type { Database, EventTable } from '../db/tables.ts';
import type { StoredEvent } from '../../shared/custody/index.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { MAX_YEAR, MIN_YEAR } from '../../shared/calendar/civil-date.ts';
import { withBackofficeLog } from '../reconcile/backoffice-log.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const CUSTODY_KINDS = ['open', 'close', 'active', 'action'] as const;

/** A dossier's stored events as custody reads them, plus what only the rows carry. */
export type DossierEvent = StoredEvent & { procedureCode: string | null };

const FIRST_MS = Date.UTC(MIN_YEAR, 0, 2);
const LAST_MS = Date.UTC(MAX_YEAR, 11, 30);
/** Within the calendar's years (rows stored before ingest refused such instants may still hold them). */
const inRange = (ms: number | null) => ms === null || (ms >= FIRST_MS && ms <= LAST_MS);

const EVENT_COLUMNS = [
  'id',
  'kind',
  'official_id',
  'at',
  'dossier_code',
  'action',
  'to_official_id',
  'step',
  'status',
  'appointment_at',
  'start_at',
  'end_at',
  'procedure_code',
] as const;
type EventColumns = Pick<EventTable, (typeof EVENT_COLUMNS)[number]>;

/** Events that count for someone: events from a back-office signed in as someone else count for nobody. */
const countedEvents = (db: Executor) =>
  db.selectFrom('events').select(EVENT_COLUMNS).where('kind', 'in', CUSTODY_KINDS).where('identity_mismatch', '=', 0);

/**
 * Every event of the dossiers that counts for someone, from officials of every unit (the
 * events_dossier_code index), with the pages' readings of the current handler attached (list
 * rows become readings of their own). Instants the calendar cannot place are left out rather
 * than stopping derivation.
 */
export async function loadDossierEvents(db: Executor, codes: string | readonly string[]): Promise<DossierEvent[]> {
  const list = typeof codes === 'string' ? [codes] : [...codes];
  if (list.length === 0) return [];
  return withReadings(db, await countedEvents(db).where('dossier_code', 'in', list).execute(), list);
}

/** Dossier codes from `from` (inclusive; '' for the first) up to `before` (exclusive; null for no end). */
export type CodeRange = { from: string; before: string | null };

/**
 * What loadDossierEvents gives for the dossiers in `range`, up to about `limit` events, read in
 * code order (one walk of the events_dossier_code index), and only whole dossiers: the last
 * dossier of a full page is left for the next page. `rest` is the range still to read; null when
 * the range is done.
 */
export async function loadEventRange(
  db: Executor,
  range: CodeRange,
  limit: number,
): Promise<{ events: DossierEvent[]; rest: CodeRange | null }> {
  let q = countedEvents(db).where('dossier_code', '>=', range.from);
  if (range.before !== null) q = q.where('dossier_code', '<', range.before);
  const rows = await q.orderBy('dossier_code').orderBy('at').limit(limit).execute();
  const codesOf = (rs: readonly EventColumns[]) => [...new Set(rs.map((r) => r.dossier_code!))];
  if (rows.length < limit) return { events: await withReadings(db, rows, codesOf(rows)), rest: null };
  const lastCode = rows.at(-1)!.dossier_code!;
  const whole = rows.filter((r) => r.dossier_code !== lastCode);
  const rest = { from: lastCode, before: range.before };
  if (whole.length > 0) return { events: await withReadings(db, whole, codesOf(whole)), rest };
  // One dossier with more events than a page: read it whole on its own, then go past it.
  let following = db.selectFrom('events').select('dossier_code').where('dossier_code', '>', lastCode);
  if (range.before !== null) following = following.where('dossier_code', '<', range.before);
  const next = (await following.orderBy('dossier_code').limit(1).executeTakeFirst())?.dossier_code ?? null;
  return { events: await loadDossierEvents(db, lastCode), rest: next === null ? null : { from: next, before: range.before } };
}

/** The dossiers' event rows as custody reads them, with the readings of those dossiers attached. */
async function withReadings(db: Executor, rows: readonly EventColumns[], codes: readonly string[]): Promise<DossierEvent[]> {
  const readings = [];
  for (let i = 0; i < codes.length; i += 1000) {
    const part = codes.slice(i, i + 1000);
    readings.push(
      ...(await db
        .selectFrom('readings')
        .select(['dossier_code', 'event_id', 'official_id', 'at', 'handler_official_id'])
        .where('unit_id', 'in', [...new Set(part.map((c) => c.slice(0, c.indexOf('-'))))])
        .where('dossier_code', 'in', part)
        .where('identity_mismatch', '=', 0)
        .execute()),
    );
  }
  const byEvent = new Map(readings.map((r) => [`${r.dossier_code}|${r.event_id}`, r]));
  const events = rows
    .filter(
      (r) =>
        inRange(Number(r.at)) &&
        inRange(r.appointment_at === null ? null : Number(r.appointment_at)) &&
        inRange(r.start_at === null ? null : Number(r.start_at)),
    )
    .map((r) => {
      const e = toDossierEvent(r);
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
  // The back-office's own log, where imported, corroborates or disputes the captured actions.
  return withBackofficeLog(db, events, codes);
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
  return db.selectFrom('officials as o').select((eb) => [
    'o.id',
    'o.unit_id',
    eb
      .selectFrom('events as e')
      .select((e) => e.fn.max('e.at').as('m'))
      .whereRef('e.unit_id', '=', 'o.unit_id')
      .whereRef('e.official_id', '=', 'o.id')
      .as('last_at'),
  ]);
}

/** officialId → the last instant of their events, for officials whose units the caller read from the officials table. */
export async function loadCoverage(db: Executor, officials: readonly { id: string; unitId: string }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const ids = [...new Set(officials.map((o) => o.id))];
  for (let i = 0; i < ids.length; i += 200) {
    for (const r of await officialsLastSeen(db)
      .where('o.id', 'in', ids.slice(i, i + 200))
      .execute())
      if (r.last_at !== null && r.last_at !== undefined) out[r.id] = Number(r.last_at);
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
  const rows = await db
    .selectFrom('officials')
    .select(['id', 'unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.unit_id]));
}
