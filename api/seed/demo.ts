import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { hashPassword } from '../auth/password.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD, DEMO_UNITS } from '../../shared/demo/roster.ts';
import { seedDemoCatalog } from '../admin/demo-catalog.ts';

export { DEMO_PASSWORD };

/** Seeds the demo units and accounts on an empty database; does nothing on one that has data. */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  const any = await db.selectFrom('officials').select('id').limit(1).executeTakeFirst();
  if (any) return { seeded: false };
  const now = Date.now();
  const hash = await hashPassword(DEMO_PASSWORD);
  // Parents first so the unit tree's references hold.
  const depth = (id: string): number => {
    const u = DEMO_UNITS.find((x) => x.id === id);
    return u?.parentId ? 1 + depth(u.parentId) : 0;
  };
  const units = [...DEMO_UNITS].sort((a, b) => depth(a.id) - depth(b.id));
  await db.transaction().execute(async (trx) => {
    for (const u of units)
      await trx
        .insertInto('units')
        .values({ id: u.id, name: u.name, parent_id: u.parentId ?? null, created_at: now })
        .execute();
    for (const o of DEMO_OFFICIALS) {
      await trx
        .insertInto('officials')
        .values({
          id: randomUUID(),
          username: o.username,
          display_name: o.displayName,
          unit_id: o.unitId,
          role: o.apiRole,
          backoffice_account: o.backofficeRole ? o.username : null,
          password_hash: hash,
          active: 1,
          created_at: now,
        })
        .execute();
    }
    await seedDemoCatalog(trx, now);
  });
  return { seeded: true };
}
