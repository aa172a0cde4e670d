import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import { corroborate, DEFAULT_TOLERANCE_MS, importedEvent, type LoggedAction } from '../../shared/custody/corroborate.ts';
import type { StoredEvent } from '../../shared/custody/types.ts';
import type { ActionKind } from '../../shared/schemas/dossier-code.ts';
import { unitOfDossier } from '../../shared/schemas/dossier-code.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type LogRow = LoggedAction & { unitId: string; actorAccount: string; receiverAccount: string | null };
export type Span = { from: number; to: number };

export async function loggedActions(db: Executor, codes: readonly string[]): Promise<Map<string, LogRow[]>> {
  const out = new Map<string, LogRow[]>();
  for (let i = 0; i < codes.length; i += 1000) {
    const part = codes.slice(i, i + 1000);
    const rows = await db
      .selectFrom('backoffice_log')
      .selectAll()
      .where('unit_id', 'in', [...new Set(part.map(unitOfDossier))])
      .where('dossier_code', 'in', part)
      .execute();
    for (const r of rows) {
      const l = toLogRow(r);
      const list = out.get(l.dossierCode);
      if (list) list.push(l);
      else out.set(l.dossierCode, [l]);
    }
  }
  return out;
}

export function toLogRow(r: Database['backoffice_log']): LogRow {
  return {
    key: r.row_key,
    unitId: r.unit_id,
    dossierCode: r.dossier_code,
    officialId: r.actor_id,
    toOfficialId: r.receiver_id,
    action: r.action as ActionKind,
    at: Number(r.at),
    step: r.step,
    procedureCode: r.procedure_code,
    actorAccount: r.actor_account,
    receiverAccount: r.receiver_account,
  };
}

/**
 * Dossiers the back-office's log knows that no captured event names: a rebuild walks the events,
 * so these are derived again from the log alone afterwards (queued like any dirty dossier).
 */
export async function logOnlyDossiers(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('backoffice_log')
    .select('dossier_code')
    .distinct()
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('events').select('events.id').whereRef('events.dossier_code', '=', 'backoffice_log.dossier_code'))),
    )
    .execute();
  return rows.map((r) => r.dossier_code);
}

/** The periods imports covered, per unit. */
export async function coveredSpans(db: Executor, units: readonly string[]): Promise<Map<string, Span[]>> {
  const out = new Map<string, Span[]>();
  if (units.length === 0) return out;
  const rows = await db
    .selectFrom('backoffice_imports')
    .select(['unit_id', 'period_from', 'period_to'])
    .where('unit_id', 'in', [...units])
    .execute();
  for (const r of rows) {
    const list = out.get(r.unit_id) ?? [];
    list.push({ from: Number(r.period_from), to: Number(r.period_to) });
    out.set(r.unit_id, list);
  }
  return out;
}

/** Inside a covered period; its edges widened by the matching tolerance, as a capture comes seconds after the minute the log prints. */
export const inSpans = (spans: readonly Span[] | undefined, at: number, marginMs = DEFAULT_TOLERANCE_MS) =>
  !!spans?.some((s) => at >= s.from - marginMs && at <= s.to + marginMs);

/**
 * Derivation's view of the dossiers' events with the back-office's log as a second witness
 * (shared/custody/corroborate.ts). Without imports for those units it returns the events as they are.
 */
export async function withBackofficeLog<E extends StoredEvent & { procedureCode: string | null }>(
  db: Executor,
  events: E[],
  codes: readonly string[],
): Promise<E[]> {
  if (codes.length === 0) return events;
  const spans = await coveredSpans(db, [...new Set(codes.map(unitOfDossier))]);
  if (spans.size === 0) return events;
  const logged = await loggedActions(db, codes);
  const byCode = new Map<string, E[]>();
  for (const e of events) {
    const list = byCode.get(e.dossierCode);
    if (list) list.push(e);
    else byCode.set(e.dossierCode, [e]);
  }
  const out: E[] = [];
  for (const code of new Set([...byCode.keys(), ...logged.keys()])) {
    const unitSpans = spans.get(unitOfDossier(code));
    const mine = byCode.get(code) ?? [];
    if (!unitSpans) {
      out.push(...mine);
      continue;
    }
    out.push(
      ...corroborate(
        mine,
        logged.get(code) ?? [],
        (at) => inSpans(unitSpans, at),
        DEFAULT_TOLERANCE_MS,
        (l) => ({ ...importedEvent(l), procedureCode: l.procedureCode }) as E,
      ),
    );
  }
  return out;
}
