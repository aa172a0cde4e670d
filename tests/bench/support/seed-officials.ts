import { randomUUID } from 'node:crypto';
import { generateIdFromEntropySize } from 'lucia';
import type { Db } from '../../../api/db/connect.ts';
import { sessionIdOf, type SessionOfficial } from '../../../api/auth/lucia.ts';

export const BENCH_UNIT = '000.77.01.H32';

export type SeededOfficial = SessionOfficial & { token: string };

/**
 * Officials and live sessions written straight into the database: benchmarks need hundreds of
 * signed-in clients, and signing each in through the password hash would dominate the set-up.
 * Tokens are shaped as the session manager makes them, and stored as it stores them: hashed.
 */
export async function seedOfficials(db: Db, count: number, prefix: string, unitId = BENCH_UNIT): Promise<SeededOfficial[]> {
  const now = Date.now();
  const existing = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!existing)
    await db
      .insertInto('units')
      .values({ id: unitId, name: `Bench ${unitId}`, parent_id: null, created_at: now })
      .execute();
  const out: SeededOfficial[] = [];
  for (let i = 0; i < count; i++) {
    const username = `${prefix}${i}`;
    out.push({
      id: randomUUID(),
      username,
      displayName: `Bench ${username}`,
      role: 'clerk',
      unitId,
      backofficeAccount: username,
      token: generateIdFromEntropySize(25),
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < out.length; i += 200) {
      const part = out.slice(i, i + 200);
      await trx
        .insertInto('officials')
        .values(
          part.map((o) => ({
            id: o.id,
            username: o.username,
            display_name: o.displayName,
            unit_id: unitId,
            role: o.role,
            backoffice_account: o.backofficeAccount,
            password_hash: 'bench:none',
            active: 1,
            created_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('sessions')
        .values(part.map((o) => ({ id: sessionIdOf(o.token), official_id: o.id, expires_at: now + 7 * 86_400_000, created_at: now })))
        .execute();
    }
  });
  return out;
}
