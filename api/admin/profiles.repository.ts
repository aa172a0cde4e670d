import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { siteProfileSchema, type SiteProfile } from '../../shared/schemas/profile.ts';
import { isoAt, isUniqueViolation } from './db-errors.ts';
import type { StoredProfile } from './profiles.schemas.ts';

type Row = { id: string; version: number; body: string; created_at: number; created_by: string | null };

const toStored = (r: Row): StoredProfile => {
  const profile = siteProfileSchema.parse(JSON.parse(r.body));
  return { id: r.id, version: Number(r.version), name: profile.name, createdAt: isoAt(r.created_at), createdBy: r.created_by, profile };
};

/** The newest version of every profile, by id. */
export async function latestProfiles(db: Db): Promise<StoredProfile[]> {
  const rows = await db
    .selectFrom('site_profiles as p')
    .selectAll('p')
    .where(({ eb, selectFrom }) =>
      eb(
        'p.version',
        '=',
        selectFrom('site_profiles as q')
          .select((q) => q.fn.max('q.version').as('v'))
          .whereRef('q.id', '=', 'p.id'),
      ),
    )
    .orderBy('p.id')
    .execute();
  return rows.map(toStored);
}

export async function profileVersions(db: Db, id: string): Promise<StoredProfile[]> {
  const rows = await db.selectFrom('site_profiles').selectAll().where('id', '=', id).orderBy('version', 'desc').execute();
  return rows.map(toStored);
}

/**
 * Versions are append-only and consecutive: the body must carry the next version number, so an
 * admin editing a stale copy is told instead of silently replacing someone else's change.
 */
export async function addProfileVersion(db: Db, profile: SiteProfile, by: string | null, now: number): Promise<StoredProfile> {
  const latest = await db
    .selectFrom('site_profiles')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('id', '=', profile.id)
    .executeTakeFirst();
  const expected = Number(latest?.v ?? 0) + 1;
  const conflict = () =>
    new ApiFailure(
      409,
      'version_conflict',
      `Hồ sơ trang ${profile.id}: phiên bản tiếp theo phải là ${expected} / Next version of ${profile.id} must be ${expected}`,
    );
  if (profile.version !== expected) throw conflict();
  try {
    await db
      .insertInto('site_profiles')
      .values({ id: profile.id, version: profile.version, body: JSON.stringify(profile), created_at: now, created_by: by })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict();
    throw e;
  }
  return toStored({ id: profile.id, version: profile.version, body: JSON.stringify(profile), created_at: now, created_by: by });
}
