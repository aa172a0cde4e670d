import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { OfficialRow } from '../db/tables.ts';
import type { SessionManager } from '../auth/lucia.ts';
import { hashPassword } from '../auth/password.ts';
import { ApiFailure } from '../http/errors.ts';
import { isoAt, isUniqueViolation } from './db-errors.ts';
import type { CreateOfficial, Official, UpdateOfficial } from './officials.schemas.ts';
import { forgetDirectory } from '../ingest/official-directory.ts';

type Sessions = Pick<SessionManager, 'invalidateAll'>;

const toOfficial = (r: OfficialRow, others: readonly string[] = []): Official => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  unitId: r.unit_id,
  role: r.role,
  backofficeAccount: r.backoffice_account,
  otherBackofficeAccounts: [...others],
  active: Number(r.active) === 1,
  createdAt: isoAt(r.created_at),
});

const conflict = (e: unknown): never => {
  if (isUniqueViolation(e)) {
    throw new ApiFailure(
      409,
      'official_exists',
      'Tên đăng nhập hoặc tài khoản một cửa đã được dùng / Username or back-office account already taken',
    );
  }
  throw e;
};

/** `units: null` lists everyone (the CLI); otherwise only officials of those units. */
export async function listOfficials(db: Db, units: string[] | null): Promise<Official[]> {
  let q = db.selectFrom('officials').selectAll().orderBy('unit_id').orderBy('username');
  if (units) q = q.where('unit_id', 'in', units.length ? units : ['']);
  const rows = await q.execute();
  const others = await otherAccounts(db, null);
  return rows.map((r) => toOfficial(r, others.get(r.id)));
}

async function otherAccounts(db: Db, officialId: string | null): Promise<Map<string, string[]>> {
  let q = db.selectFrom('official_accounts').select(['account', 'official_id']).orderBy('account');
  if (officialId) q = q.where('official_id', '=', officialId);
  const out = new Map<string, string[]>();
  for (const r of await q.execute()) out.set(r.official_id, [...(out.get(r.official_id) ?? []), r.account]);
  return out;
}

/** An account is one official's: on officials.backoffice_account or here, never both. */
async function setOtherAccounts(db: Db, officialId: string, unitId: string, accounts: readonly string[]): Promise<void> {
  const unique = [...new Set(accounts)];
  if (unique.length) {
    const taken = await db
      .selectFrom('officials')
      .select('id')
      .where('backoffice_account', 'in', unique)
      .where('id', '!=', officialId)
      .executeTakeFirst();
    if (taken) throw new ApiFailure(409, 'official_exists', 'Tài khoản một cửa đã được dùng / Back-office account already taken');
  }
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('official_accounts').where('official_id', '=', officialId).execute();
      if (unique.length)
        await trx
          .insertInto('official_accounts')
          .values(unique.map((account) => ({ account, official_id: officialId, unit_id: unitId })))
          .execute();
    })
    .catch(conflict);
}

export async function getOfficial(db: Db, by: { id: string } | { username: string }): Promise<Official | null> {
  const q = db.selectFrom('officials').selectAll();
  const row = await ('id' in by ? q.where('id', '=', by.id) : q.where('username', '=', by.username)).executeTakeFirst();
  return row ? toOfficial(row, (await otherAccounts(db, row.id)).get(row.id)) : null;
}

async function assertUnitExists(db: Db, unitId: string): Promise<void> {
  const unit = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new ApiFailure(400, 'unknown_unit', `Không có đơn vị ${unitId} / Unit does not exist`);
}

export async function createOfficial(db: Db, input: CreateOfficial, now: number): Promise<Official> {
  await assertUnitExists(db, input.unitId);
  const id = randomUUID();
  const password_hash = await hashPassword(input.password);
  await db
    .insertInto('officials')
    .values({
      id,
      username: input.username,
      display_name: input.displayName,
      unit_id: input.unitId,
      role: input.role,
      backoffice_account: input.backofficeAccount ?? null,
      password_hash,
      active: 1,
      created_at: now,
    })
    .execute()
    .catch(conflict);
  if (input.otherBackofficeAccounts?.length) await setOtherAccounts(db, id, input.unitId, input.otherBackofficeAccounts);
  forgetDirectory(db);
  return (await getOfficial(db, { id }))!;
}

/** Role and unit are read from the database on every request, so changes apply at once; deactivation also ends sessions. */
export async function updateOfficial(db: Db, sessions: Sessions, id: string, patch: UpdateOfficial): Promise<Official> {
  if (!(await getOfficial(db, { id }))) throw new ApiFailure(404, 'not_found', 'Không tìm thấy cán bộ / Official not found');
  if (patch.unitId !== undefined) await assertUnitExists(db, patch.unitId);
  const set = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    ...(patch.backofficeAccount !== undefined ? { backoffice_account: patch.backofficeAccount } : {}),
  };
  if (Object.keys(set).length) await db.updateTable('officials').set(set).where('id', '=', id).execute().catch(conflict);
  if (patch.otherBackofficeAccounts !== undefined) {
    const unitId = patch.unitId ?? (await getOfficial(db, { id }))!.unitId;
    await setOtherAccounts(db, id, unitId, patch.otherBackofficeAccounts);
  }
  if (patch.active === false) await sessions.invalidateAll(id);
  forgetDirectory(db);
  return (await getOfficial(db, { id }))!;
}

/** A reset usually follows a leak, so every open session of the official ends too. */
export async function resetPassword(db: Db, sessions: Sessions, id: string, password: string): Promise<void> {
  const password_hash = await hashPassword(password);
  const r = await db.updateTable('officials').set({ password_hash }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new ApiFailure(404, 'not_found', 'Không tìm thấy cán bộ / Official not found');
  await sessions.invalidateAll(id);
}
