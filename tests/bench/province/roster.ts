import type { Db } from '../../../api/db/connect.ts';
import type { OfficialTable, UnitTable } from '../../../api/db/tables.ts';
import type { Prng } from '../support/prng.ts';
import type { ProvinceScale } from './scale.ts';

export const ROOT_UNIT = '000.00.00.H32';

/** Who does what in a unit: desk clerks receive, specialists examine, heads and leaders approve. */
export type UnitStaff = { unitId: string; desk: string[]; specialists: string[]; heads: string[]; leaders: string[] };
export type Province = { units: UnitStaff[]; officials: OfficialTable[] };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function uuidFrom(rng: Prng): string {
  const hex = Array.from({ length: 4 }, () => rng.int(0, 0xffffffff).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function unitIdOf(i: number): string {
  return `000.${pad(1 + Math.floor(i / 99))}.${pad(1 + (i % 99))}.H32`;
}

/** Units under the provincial People's Committee, 25 officials each, with stable ids per seed. */
export function buildProvince(scale: ProvinceScale, rng: Prng, createdAt: number): Province {
  const officials: OfficialTable[] = [];
  const units: UnitStaff[] = [];
  const shape: [keyof Omit<UnitStaff, 'unitId'>, number][] = [
    ['desk', 4],
    ['specialists', 14],
    ['heads', 5],
    ['leaders', 2],
  ];
  for (let u = 0; u < scale.units; u++) {
    const unitId = unitIdOf(u);
    const staff: UnitStaff = { unitId, desk: [], specialists: [], heads: [], leaders: [] };
    for (const [role, count] of shape) {
      for (let j = 0; j < count; j++) {
        const id = uuidFrom(rng);
        const username = `u${pad(u, 3)}-${role.slice(0, 4)}${j}`;
        staff[role].push(id);
        officials.push({
          id,
          username,
          display_name: `Cán bộ ${username}`,
          unit_id: unitId,
          role: 'clerk',
          backoffice_account: username,
          password_hash: 'bench:not-a-password',
          active: 1,
          created_at: createdAt,
        });
      }
    }
    units.push(staff);
  }
  return { units, officials };
}

export async function insertProvince(db: Db, province: Province, createdAt: number): Promise<void> {
  const units: UnitTable[] = [
    { id: ROOT_UNIT, name: 'UBND tỉnh (bench)', parent_id: null, created_at: createdAt },
    ...province.units.map((u, i) => ({ id: u.unitId, name: `Đơn vị ${i + 1}`, parent_id: ROOT_UNIT, created_at: createdAt })),
  ];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < units.length; i += 500)
      await trx
        .insertInto('units')
        .values(units.slice(i, i + 500))
        .execute();
    for (let i = 0; i < province.officials.length; i += 500)
      await trx
        .insertInto('officials')
        .values(province.officials.slice(i, i + 500))
        .execute();
  });
}
