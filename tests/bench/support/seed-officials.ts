import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../api/db/connect.ts';
import type { SessionOfficial } from '../../../api/auth/lucia.ts';

export const BENCH_UNIT = '000.77.01.H32';

export type SeededOfficial = SessionOfficial & { token: string };

/**
 * Officials and live sessions written straight into the database: benchmarks need hundreds of
 * signed-in clients, and signing each in through the password hash would dominate the set-up.
 * The session id is the bearer token, as lucia stores it.
 */
export async function seedOfficials(db: Db, count: number, prefix: string, unitId = BENCH_UNIT): Promise<SeededOfficial[]> {
  const now = Date.now();
  const existing = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!existing) await db.insertInto('units').values({ id: unitId, name: `Bench ${unitId}`, parent_id: null, created_at: now }).execute();
  const out: SeededOfficial[] = [];
  for (let i = 0; i < count; i++) {
    const username = `${prefix}${i}`;
    out.push({ id: randomUUID(), username, displayName: `Bench ${username}`, role: 'clerk', unitId, backofficeAccount: username, token: randomBytes(20).toString('hex') });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < out.length; i += 200) {
      const part = out.slice(i, i + 200);
      await trx
        .insertInto('officials')
        .values(part.map((o) => ({ id: o.id, username: o.username, display_name: o.displayName, unit_id: unitId, role: o.role, backoffice_account: o.backofficeAccount, password_hash: 'bench:none', active: 1, created_at: now })))
        .execute();
      await trx.insertInto('sessions').values(part.map((o) => ({ id: o.token, official_id: o.id, expires_at: now + 30 * 86_400_000, created_at: now }))).execute();
    }
  });
  return out;
}
