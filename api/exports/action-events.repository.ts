import type { Db } from '../db/connect.ts';

/** What an event-log export may carry: the action, who took it, where and when; nothing from the page. */
export type ActionEventRow = {
  unitId: string;
  id: string;
  dossierCode: string;
  action: string;
  at: number;
  officialId: string;
  username: string | null;
  toOfficialId: string | null;
  step: string | null;
  status: string | null;
  procedureCode: string | null;
};

export type ActionEventFilter = {
  /** Units the acting officials' events are stored under (the official's unit at capture); null: any. */
  units: readonly string[] | null;
  /** A clerk's export: only their own actions. */
  officialId: string | null;
  from: number | null;
  to: number | null;
  /**
   * Only events the server had received by this instant. Events are append-only, so the export
   * is a consistent snapshot even while ingest goes on during a long download.
   */
  receivedBy: number;
};

const PAGE = 2000;

/**
 * Action events ordered by dossier, time, unit and id: every dossier's events arrive together, in
 * order, which is what a trace-per-dossier writer needs. Read in keyset pages (row-value
 * comparison works on both dialects), so memory stays flat however large the log.
 */
export async function* actionEvents(db: Db, f: ActionEventFilter): AsyncGenerator<ActionEventRow> {
  if (f.units !== null && f.units.length === 0) return;
  let after: [string, number, string, string] | null = null;
  for (;;) {
    let q = db
      .selectFrom('events')
      .leftJoin('officials', 'officials.id', 'events.official_id')
      .select([
        'events.unit_id',
        'events.id',
        'events.dossier_code',
        'events.action',
        'events.at',
        'events.official_id',
        'officials.username',
        'events.to_official_id',
        'events.step',
        'events.status',
        'events.procedure_code',
      ])
      .where('events.kind', '=', 'action')
      .where('events.dossier_code', 'is not', null)
      .where('events.action', 'is not', null)
      .where('events.received_at', '<=', f.receivedBy);
    if (f.units !== null) q = q.where('events.unit_id', 'in', [...f.units]);
    if (f.officialId) q = q.where('events.official_id', '=', f.officialId);
    if (f.from !== null) q = q.where('events.at', '>=', f.from);
    if (f.to !== null) q = q.where('events.at', '<', f.to);
    if (after) {
      const [code, at, unit, id] = after;
      q = q.where((eb) =>
        eb(eb.refTuple('events.dossier_code', 'events.at', 'events.unit_id', 'events.id'), '>', eb.tuple(code, at, unit, id)),
      );
    }
    const rows = await q
      .orderBy('events.dossier_code')
      .orderBy('events.at')
      .orderBy('events.unit_id')
      .orderBy('events.id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      yield {
        unitId: r.unit_id,
        id: r.id,
        dossierCode: r.dossier_code!,
        action: r.action!,
        at: Number(r.at),
        officialId: r.official_id,
        username: r.username,
        toOfficialId: r.to_official_id,
        step: r.step,
        status: r.status,
        procedureCode: r.procedure_code,
      };
    }
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = [last.dossier_code!, Number(last.at), last.unit_id, last.id];
  }
}

/**
 * The officials and units an export names, for the OCEL objects. Both tables are small (people
 * and offices, not events), so they are read whole and filtered here rather than through an
 * `in (…)` list that could outgrow a dialect's parameter limit.
 */
export async function exportDirectory(db: Db, officialIds: ReadonlySet<string>, unitIds: ReadonlySet<string>) {
  const officials = (await db.selectFrom('officials').select(['id', 'username', 'role', 'unit_id']).execute()).filter((o) =>
    officialIds.has(o.id),
  );
  const wanted = new Set([...unitIds, ...officials.map((o) => o.unit_id)]);
  const units = (await db.selectFrom('units').select(['id', 'name', 'parent_id']).execute()).filter((u) => wanted.has(u.id));
  return { officials, units, unitIds: [...wanted].sort() };
}
