import type { Db } from '../db/connect.ts';
import { ACTION_EFFECTS } from '../../shared/custody/action-effects.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';

const MUST_NAME = (Object.keys(ACTION_EFFECTS) as ActionKind[]).filter((k) => ACTION_EFFECTS[k] === 'handover');
const MAY_NAME = (Object.keys(ACTION_EFFECTS) as ActionKind[]).filter((k) => ACTION_EFFECTS[k] === 'handover_if_named');

/**
 * Hand-overs whose receiver is not known as an official, per profile version, since `since`:
 * `not_read` (the profile read no receiver for a kind that always names one) or `unknown`
 * (a receiver was read but matches no official's back-office account). Either leaves custody
 * with the sender or unclaimed, so the profile's author needs to see it. Read from the raw
 * events of the units in view, so it needs no table of its own and cannot drift from them.
 */
export async function unresolvedReceivers(db: Db, units: string[] | null, since: number) {
  let q = db
    .selectFrom('events')
    .where('kind', '=', 'action')
    .where('at', '>=', since)
    .where('to_official_id', 'is', null)
    .where((eb) => eb.or([eb('action', 'in', MUST_NAME), eb.and([eb('action', 'in', MAY_NAME), eb('to_account', 'is not', null)])]));
  if (units) q = q.where('unit_id', 'in', units.length ? units : ['']);
  const rows = await q
    .select((eb) => [
      'profile_id',
      'profile_version',
      eb.case().when('to_account', 'is', null).then('not_read').else('unknown').end().as('receiver'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.max<number>('at').as('last_at'),
    ])
    .groupBy(['profile_id', 'profile_version', 'receiver'])
    .orderBy('last_at', 'desc')
    .orderBy('profile_id')
    .orderBy('profile_version')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    profileId: r.profile_id,
    profileVersion: Number(r.profile_version),
    receiver: r.receiver as 'not_read' | 'unknown',
    count: Number(r.count),
    lastAt: new Date(Number(r.last_at)).toISOString(),
  }));
}
