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
    const row = {
      unit_id: r.unit_id,
      profile_id: r.profile_id,
      profile_version: Number(r.profile_version),
      page_kind: extra.pageKind,
      anchor: extra.anchor,
    };
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
          first_at: eb
            .case()
            .when('excluded.first_at', '<', eb.ref('profile_misses.first_at'))
            .then(eb.ref('excluded.first_at'))
            .else(eb.ref('profile_misses.first_at'))
            .end(),
          last_at: eb
            .case()
            .when('excluded.last_at', '>=', eb.ref('profile_misses.last_at'))
            .then(eb.ref('excluded.last_at'))
            .else(eb.ref('profile_misses.last_at'))
            .end(),
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

/**
 * Health over the given units (null: all), summed per profile version, page kind and anchor in
 * SQL, most recent first, a page at a time: the answer stays small however many reports arrive.
 */
export async function profileHealth(db: Db, units: string[] | null, page: { limit: number; offset: number } = { limit: 50, offset: 0 }) {
  const inUnits = units ? (units.length ? units : ['']) : null;
  let base = db.selectFrom('profile_misses as m');
  if (inUnits) base = base.where('m.unit_id', 'in', inUnits);
  const groups = base.select(['m.profile_id', 'm.profile_version', 'm.page_kind', 'm.anchor']).distinct().as('g');
  const total = Number(
    (
      await db
        .selectFrom(groups)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const rows = await base
    .select((eb) => [
      'm.profile_id',
      'm.profile_version',
      'm.page_kind',
      'm.anchor',
      eb.fn.sum<number>('m.count').as('count'),
      eb.fn.min<number>('m.first_at').as('first_at'),
      eb.fn.max<number>('m.last_at').as('last_at'),
      eb.fn.count<number>('m.unit_id').distinct().as('units'),
    ])
    .groupBy(['m.profile_id', 'm.profile_version', 'm.page_kind', 'm.anchor'])
    .orderBy('last_at', 'desc')
    .orderBy('m.profile_id')
    .orderBy('m.profile_version')
    .orderBy('m.page_kind')
    .orderBy('m.anchor')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const lastOfficial = new Map<string, string>();
  for (const r of rows) {
    let q = db
      .selectFrom('profile_misses')
      .select('last_official_id')
      .where('profile_id', '=', r.profile_id)
      .where('profile_version', '=', r.profile_version)
      .where('page_kind', '=', r.page_kind)
      .where('anchor', '=', r.anchor);
    if (inUnits) q = q.where('unit_id', 'in', inUnits);
    const o = await q.orderBy('last_at', 'desc').limit(1).executeTakeFirst();
    if (o) lastOfficial.set(JSON.stringify([r.profile_id, Number(r.profile_version), r.page_kind, r.anchor]), o.last_official_id);
  }
  const officialIds = [...new Set(lastOfficial.values())];
  const officials = officialIds.length
    ? await db.selectFrom('officials').select(['id', 'username']).where('id', 'in', officialIds).execute()
    : [];
  const usernames = new Map(officials.map((o) => [o.id, o.username]));
  const profileIds = [...new Set(rows.map((r) => r.profile_id))];
  const latest = profileIds.length
    ? await db
        .selectFrom('site_profiles')
        .select((eb) => ['id', eb.fn.max('version').as('v')])
        .where('id', 'in', profileIds)
        .groupBy('id')
        .execute()
    : [];
  const latestById = new Map(latest.map((l) => [l.id, Number(l.v)]));
  const misses: ProfileHealthRow[] = rows.map((r) => {
    const latestVersion = latestById.get(r.profile_id) ?? null;
    const last = lastOfficial.get(JSON.stringify([r.profile_id, Number(r.profile_version), r.page_kind, r.anchor])) ?? '';
    return {
      profileId: r.profile_id,
      profileVersion: Number(r.profile_version),
      pageKind: r.page_kind,
      anchor: r.anchor,
      count: Number(r.count),
      firstAt: isoAt(Number(r.first_at)),
      lastAt: isoAt(Number(r.last_at)),
      units: Number(r.units),
      lastOfficialId: last,
      lastOfficialUsername: usernames.get(last) ?? null,
      latestVersion,
      superseded: latestVersion !== null && latestVersion > Number(r.profile_version),
    };
  });
  return {
    misses,
    page: {
      limit: page.limit,
      offset: page.offset,
      total,
      nextOffset: page.offset + rows.length < total ? page.offset + rows.length : null,
    },
  };
}
