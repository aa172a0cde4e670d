import type { Db } from '../db/connect.ts';
import type { EventTable, ProfileMissTable } from '../db/tables.ts';
import { isoAt } from './db-errors.ts';
import type { ProfileHealthRow } from './profile-health.schemas.ts';

/** The columns of a stored event that a miss needs; ingest passes its freshly accepted rows. */
export type MissSource = Pick<EventTable, 'kind' | 'unit_id' | 'official_id' | 'profile_id' | 'profile_version' | 'extra' | 'at'>;

const KEY = ['unit_id', 'profile_id', 'profile_version', 'page_kind', 'anchor'] as const;

function aggregate(rows: readonly MissSource[]): ProfileMissTable[] {
  const groups = new Map<string, ProfileMissTable>();
  for (const r of rows) {
    if (r.kind !== 'profile_miss' || !r.extra) continue;
    let extra: { pageKind?: unknown; anchor?: unknown };
    try {
      extra = JSON.parse(r.extra);
    } catch {
      continue;
    }
    if (typeof extra.pageKind !== 'string' || typeof extra.anchor !== 'string') continue;
    const at = Number(r.at);
    const row = { unit_id: r.unit_id, profile_id: r.profile_id, profile_version: Number(r.profile_version), page_kind: extra.pageKind, anchor: extra.anchor };
    const key = JSON.stringify(KEY.map((k) => row[k]));
    const g = groups.get(key) ?? { ...row, first_at: at, last_at: at, count: 0, last_official_id: r.official_id };
    g.count += 1;
    if (at < g.first_at) g.first_at = at;
    if (at >= g.last_at) [g.last_at, g.last_official_id] = [at, r.official_id];
    groups.set(key, g);
  }
  // Key order: concurrent ingest transactions then lock the rows in one order and cannot deadlock.
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Adds `profile_miss` events to the aggregated health table; other kinds are ignored, so ingest
 * can pass every newly stored row (inside its transaction, beside markDirty). Pass only new rows:
 * a redelivered duplicate would count twice. Each group is one atomic upsert, so concurrent API
 * processes add up instead of overwriting.
 */
export async function recordProfileMisses(db: Db, rows: readonly MissSource[]): Promise<number> {
  const groups = aggregate(rows);
  for (const g of groups) {
    await db
      .insertInto('profile_misses')
      .values(g)
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          count: eb('profile_misses.count', '+', eb.ref('excluded.count')),
          first_at: eb.case().when('excluded.first_at', '<', eb.ref('profile_misses.first_at')).then(eb.ref('excluded.first_at')).else(eb.ref('profile_misses.first_at')).end(),
          last_at: eb.case().when('excluded.last_at', '>=', eb.ref('profile_misses.last_at')).then(eb.ref('excluded.last_at')).else(eb.ref('profile_misses.last_at')).end(),
          last_official_id: eb
            .case()
            .when('excluded.last_at', '>=', eb.ref('profile_misses.last_at'))
            .then(eb.ref('excluded.last_official_id'))
            .else(eb.ref('profile_misses.last_official_id'))
            .end(),
        })),
      )
      .execute();
  }
  return groups.length;
}

/** Recomputes the table from the raw events (the source of truth), e.g. after a restore. */
export async function rebuildProfileMisses(db: Db, pageSize = 2000): Promise<number> {
  await db.deleteFrom('profile_misses').execute();
  let after: { unit_id: string; id: string } | null = null;
  let total = 0;
  for (;;) {
    let q = db
      .selectFrom('events')
      .select(['unit_id', 'id', 'kind', 'official_id', 'profile_id', 'profile_version', 'extra', 'at'])
      .where('kind', '=', 'profile_miss')
      .orderBy('unit_id')
      .orderBy('id')
      .limit(pageSize);
    if (after) {
      const { unit_id, id } = after;
      q = q.where((eb) => eb.or([eb('unit_id', '>', unit_id), eb.and([eb('unit_id', '=', unit_id), eb('id', '>', id)])]));
    }
    const page = await q.execute();
    if (!page.length) return total;
    await recordProfileMisses(db, page);
    total += page.length;
    after = page.at(-1)!;
  }
}

/** Health over the given units (null: all), summed per profile version and anchor, most recent first. */
export async function profileHealth(db: Db, units: string[] | null): Promise<ProfileHealthRow[]> {
  let q = db.selectFrom('profile_misses').selectAll();
  if (units) q = q.where('unit_id', 'in', units.length ? units : ['']);
  const rows = await q.execute();
  const merged = new Map<string, ProfileMissTable & { unitSet: Set<string> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.profile_id, Number(r.profile_version), r.page_kind, r.anchor]);
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...r, first_at: Number(r.first_at), last_at: Number(r.last_at), count: Number(r.count), unitSet: new Set([r.unit_id]) });
      continue;
    }
    m.count += Number(r.count);
    m.first_at = Math.min(m.first_at, Number(r.first_at));
    if (Number(r.last_at) >= m.last_at) [m.last_at, m.last_official_id] = [Number(r.last_at), r.last_official_id];
    m.unitSet.add(r.unit_id);
  }
  const list = [...merged.values()];
  const officialIds = [...new Set(list.map((m) => m.last_official_id))];
  const officials = officialIds.length ? await db.selectFrom('officials').select(['id', 'username']).where('id', 'in', officialIds).execute() : [];
  const usernames = new Map(officials.map((o) => [o.id, o.username]));
  const latest = await db.selectFrom('site_profiles').select((eb) => ['id', eb.fn.max('version').as('v')]).groupBy('id').execute();
  const latestById = new Map(latest.map((l) => [l.id, Number(l.v)]));
  return list
    .map((m) => {
      const latestVersion = latestById.get(m.profile_id) ?? null;
      return {
        profileId: m.profile_id,
        profileVersion: Number(m.profile_version),
        pageKind: m.page_kind,
        anchor: m.anchor,
        count: m.count,
        firstAt: isoAt(m.first_at),
        lastAt: isoAt(m.last_at),
        units: m.unitSet.size,
        lastOfficialId: m.last_official_id,
        lastOfficialUsername: usernames.get(m.last_official_id) ?? null,
        latestVersion,
        superseded: latestVersion !== null && latestVersion > Number(m.profile_version),
      };
    })
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt) || a.profileId.localeCompare(b.profileId));
}
