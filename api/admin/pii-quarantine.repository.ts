import type { Db } from '../db/connect.ts';
import type { PiiQuarantineTable } from '../db/tables.ts';
import type { PersonalDataSuspect } from '../../shared/privacy/screen-event.ts';

/** One event's held-back values, as ingest saw them. */
export type QuarantineEntry = {
  unitId: string;
  officialId: string;
  eventId: string;
  profileId: string;
  profileVersion: number;
  at: number;
  suspects: readonly PersonalDataSuspect[];
};

const KEY = ['unit_id', 'profile_id', 'profile_version', 'field', 'kind'] as const;

/**
 * Counts what ingest held back, one atomic upsert per (unit, profile version, field, kind) so
 * concurrent API processes add up. Keyed in a fixed order so two batches lock rows alike.
 */
export async function recordQuarantine(db: Db, entries: readonly QuarantineEntry[]): Promise<void> {
  const groups = new Map<string, PiiQuarantineTable>();
  for (const e of entries) {
    for (const s of e.suspects) {
      const row = { unit_id: e.unitId, profile_id: e.profileId, profile_version: e.profileVersion, field: s.field, kind: s.kind };
      const key = JSON.stringify(KEY.map((k) => row[k]));
      const g = groups.get(key) ?? {
        ...row,
        first_at: e.at,
        last_at: e.at,
        count: 0,
        last_official_id: e.officialId,
        last_event_id: e.eventId,
      };
      g.count += 1;
      if (e.at < g.first_at) g.first_at = e.at;
      if (e.at >= g.last_at) [g.last_at, g.last_official_id, g.last_event_id] = [e.at, e.officialId, e.eventId];
      groups.set(key, g);
    }
  }
  for (const [, g] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    await db
      .insertInto('pii_quarantine')
      .values(g)
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          count: eb('pii_quarantine.count', '+', eb.ref('excluded.count')),
          first_at: eb
            .case()
            .when('excluded.first_at', '<', eb.ref('pii_quarantine.first_at'))
            .then(eb.ref('excluded.first_at'))
            .else(eb.ref('pii_quarantine.first_at'))
            .end(),
          last_at: eb
            .case()
            .when('excluded.last_at', '>=', eb.ref('pii_quarantine.last_at'))
            .then(eb.ref('excluded.last_at'))
            .else(eb.ref('pii_quarantine.last_at'))
            .end(),
          last_official_id: eb
            .case()
            .when('excluded.last_at', '>=', eb.ref('pii_quarantine.last_at'))
            .then(eb.ref('excluded.last_official_id'))
            .else(eb.ref('pii_quarantine.last_official_id'))
            .end(),
          last_event_id: eb
            .case()
            .when('excluded.last_at', '>=', eb.ref('pii_quarantine.last_at'))
            .then(eb.ref('excluded.last_event_id'))
            .else(eb.ref('pii_quarantine.last_event_id'))
            .end(),
        })),
      )
      .execute();
  }
}

/** Held-back values over the given units (null: all), per profile version, field and kind, newest first. */
export async function listQuarantine(db: Db, units: string[] | null, limit = 100) {
  let q = db.selectFrom('pii_quarantine');
  if (units) q = q.where('unit_id', 'in', units.length ? units : ['']);
  const rows = await q
    .select((eb) => [
      'profile_id',
      'profile_version',
      'field',
      'kind',
      eb.fn.sum<number>('count').as('count'),
      eb.fn.min<number>('first_at').as('first_at'),
      eb.fn.max<number>('last_at').as('last_at'),
      eb.fn.count<number>('unit_id').distinct().as('units'),
    ])
    .groupBy(['profile_id', 'profile_version', 'field', 'kind'])
    .orderBy('last_at', 'desc')
    .orderBy('profile_id')
    .orderBy('profile_version')
    .orderBy('field')
    .orderBy('kind')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    profileId: r.profile_id,
    profileVersion: Number(r.profile_version),
    field: r.field,
    kind: r.kind,
    count: Number(r.count),
    firstAt: new Date(Number(r.first_at)).toISOString(),
    lastAt: new Date(Number(r.last_at)).toISOString(),
    units: Number(r.units),
  }));
}
