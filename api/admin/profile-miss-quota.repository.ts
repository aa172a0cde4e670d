import type { Db } from '../db/connect.ts';
import type { UnchainedRow } from '../ingest/event-row.ts';
import { localDate } from '../derive/local-day.ts';
import { BUNDLED_PROFILE_IDS } from '../../shared/schemas/bundled-profile-ids.ts';

/**
 * Profile-miss reports stored per official per local day. One page without its anchors sends a
 * handful; more than this is a broken profile (already visible) or someone filling the health
 * screen, so the rest are counted, not stored one by one.
 */
export const PROFILE_MISS_DAILY_CAP = 50;

/**
 * Decides, inside the ingest transaction (the official's chain head is locked, so the official's
 * batches come here one at a time), which of the batch's profile misses are only counted: those
 * naming a profile the server does not know (neither stored nor bundled) and those beyond the
 * official's daily cap. Returns their indexes in `rows`.
 */
export async function admitProfileMisses(
  trx: Db,
  official: { id: string; unitId: string },
  rows: readonly UnchainedRow[],
  now: number,
): Promise<Set<number>> {
  const counted = new Set<number>();
  const misses = rows.flatMap((r, i) => (r.kind === 'profile_miss' ? [i] : []));
  if (misses.length === 0) return counted;
  const named = [...new Set(misses.map((i) => rows[i]!.profile_id))];
  const stored = await trx.selectFrom('site_profiles').select('id').distinct().where('id', 'in', named).execute();
  const known = new Set([...BUNDLED_PROFILE_IDS, ...stored.map((s) => s.id)]);
  const day = localDate(now);
  await trx
    .insertInto('profile_miss_quota')
    .values({ official_id: official.id, day, unit_id: official.unitId, stored: 0, over_cap: 0, unknown_profile: 0 })
    .onConflict((oc) => oc.columns(['official_id', 'day']).doNothing())
    .execute();
  const quota = await trx
    .selectFrom('profile_miss_quota')
    .selectAll()
    .where('official_id', '=', official.id)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  let kept = Number(quota.stored);
  let overCap = 0;
  let unknown = 0;
  for (const i of misses) {
    if (!known.has(rows[i]!.profile_id)) {
      unknown++;
      counted.add(i);
    } else if (kept >= PROFILE_MISS_DAILY_CAP) {
      overCap++;
      counted.add(i);
    } else kept++;
  }
  await trx
    .updateTable('profile_miss_quota')
    .set((eb) => ({ stored: kept, over_cap: eb('over_cap', '+', overCap), unknown_profile: eb('unknown_profile', '+', unknown) }))
    .where('official_id', '=', official.id)
    .where('day', '=', day)
    .execute();
  return counted;
}

/** Reports counted without being stored, over the given units (null: all) since `sinceDay`. */
export async function countedMisses(db: Db, units: readonly string[] | null, sinceDay: string) {
  let q = db
    .selectFrom('profile_miss_quota')
    .select((eb) => [
      eb.fn.sum<number>('over_cap').as('over_cap'),
      eb.fn.sum<number>('unknown_profile').as('unknown_profile'),
      eb.fn.count<number>('official_id').distinct().as('officials'),
    ])
    .where('day', '>=', sinceDay)
    .where((eb) => eb.or([eb('over_cap', '>', 0), eb('unknown_profile', '>', 0)]));
  if (units) q = q.where('unit_id', 'in', units.length ? [...units] : ['']);
  const r = await q.executeTakeFirst();
  return { overCap: Number(r?.over_cap ?? 0), unknownProfile: Number(r?.unknown_profile ?? 0), officials: Number(r?.officials ?? 0) };
}
