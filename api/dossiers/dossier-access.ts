import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { unitsInScope } from '../auth/scope.ts';
import { ApiFailure } from '../http/errors.ts';

/**
 * Who may see a dossier: a clerk, one they held with confirmed custody that reached them through
 * someone else or their own unit's desk (posting events about a dossier opens nothing); an
 * inspector or admin, one received by a unit of their subtree or held by an official of it (a
 * dossier passes through several units).
 */
export type DossierScope = { kind: 'holder'; officialId: string } | { kind: 'units'; units: string[] };

export async function dossierScope(db: Db, me: SessionOfficial): Promise<DossierScope> {
  if (me.role === 'clerk') return { kind: 'holder', officialId: me.id };
  return { kind: 'units', units: [...(await unitsInScope(db, me))] };
}

type DossierEb = ExpressionBuilder<Database, 'dossiers'>;

/** Segments of the outer query's dossier (same unit and code). */
export function segmentsOf(eb: DossierEb) {
  return eb
    .selectFrom('segments')
    .select('segments.seq')
    .whereRef('segments.unit_id', '=', 'dossiers.unit_id')
    .whereRef('segments.dossier_code', '=', 'dossiers.code');
}

export function heldBy(eb: DossierEb, officialId: string) {
  return eb.exists(segmentsOf(eb).where('segments.holder_id', '=', officialId).where('segments.read_access', '=', 1));
}

export function inUnits(eb: DossierEb, units: readonly string[]) {
  const list = units.length ? [...units] : [''];
  return eb.or([eb('dossiers.unit_id', 'in', list), eb.exists(segmentsOf(eb).where('segments.holder_unit_id', 'in', list))]);
}

export function visibleTo(eb: DossierEb, scope: DossierScope) {
  return scope.kind === 'holder' ? heldBy(eb, scope.officialId) : inUnits(eb, scope.units);
}

export const dossierNotFound = (code: string) => new ApiFailure(404, 'not_found', `Không tìm thấy hồ sơ ${code} / Dossier not found`);
