import type { Db } from '../db/connect.ts';
import type { OfficialStatsRow } from '../../shared/schemas/api.ts';

/** Per official: dossiers acted on, actions and active seconds, with the per-dossier breakdown. */
export async function officialStats(
  db: Db,
  filter: { units: string[] | null; officialId: string | null; from: number | null; to: number | null },
): Promise<OfficialStatsRow[]> {
  let q = db
    .selectFrom('events')
    .select((eb) => [
      'official_id',
      'dossier_code',
      eb.fn.sum<number>(eb.case().when('kind', '=', 'action').then(1).else(0).end()).as('actions'),
      eb.fn.sum<number>(eb.case().when('kind', '=', 'active').then(eb.ref('active_ms')).else(0).end()).as('active_ms'),
    ])
    .where('kind', 'in', ['action', 'active'])
    .where('dossier_code', 'is not', null)
    .groupBy(['official_id', 'dossier_code']);
  if (filter.units) q = q.where('unit_id', 'in', filter.units.length ? filter.units : ['']);
  if (filter.officialId) q = q.where('official_id', '=', filter.officialId);
  if (filter.from !== null) q = q.where('at', '>=', filter.from);
  if (filter.to !== null) q = q.where('at', '<', filter.to);
  const rows = await q.execute();

  const ids = [...new Set(rows.map((r) => r.official_id))];
  const officials = ids.length
    ? await db.selectFrom('officials').select(['id', 'username', 'display_name', 'unit_id']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(officials.map((o) => [o.id, o]));
  const out = new Map<string, OfficialStatsRow>();
  for (const r of rows) {
    const o = byId.get(r.official_id);
    if (!o) continue;
    const entry = out.get(o.id) ?? {
      officialId: o.id,
      username: o.username,
      displayName: o.display_name,
      unitId: o.unit_id,
      dossiersHandled: 0,
      actions: 0,
      activeSeconds: 0,
      dossiers: [],
    };
    const actions = Number(r.actions);
    const activeSeconds = Number(r.active_ms) / 1000;
    entry.dossiers.push({ dossierCode: r.dossier_code!, actions, activeSeconds });
    entry.actions += actions;
    entry.activeSeconds += activeSeconds;
    if (actions > 0) entry.dossiersHandled += 1;
    out.set(o.id, entry);
  }
  for (const e of out.values()) e.dossiers.sort((a, b) => a.dossierCode.localeCompare(b.dossierCode));
  return [...out.values()].sort((a, b) => a.username.localeCompare(b.username));
}
