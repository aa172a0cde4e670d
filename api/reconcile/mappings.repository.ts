import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { mappingBodySchema, type Mapping, type MappingBody } from './reconcile.schemas.ts';

function toMapping(r: { backoffice: string; version: number; mapping: string; created_at: number | string }): Mapping {
  // Stored by this code after validation; read back through the schema all the same (a storage boundary).
  const body = mappingBodySchema.parse(JSON.parse(r.mapping));
  return { ...body, backoffice: r.backoffice, version: Number(r.version), createdAt: Number(r.created_at) };
}

/** A new version of the back-office's mapping: earlier versions stay, as imports name the one they used. */
export async function saveMapping(db: Db, body: MappingBody, by: string, now: number): Promise<Mapping> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('backoffice_mappings')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('backoffice', '=', body.backoffice)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('backoffice_mappings')
      .values({ backoffice: body.backoffice, version, mapping: JSON.stringify(body), created_at: now, created_by: by })
      .execute();
    return { ...body, version, createdAt: now };
  });
}

/** The given version, or the latest; null when the back-office has none. */
export async function findMapping(db: Db, backoffice: string, version?: number): Promise<Mapping | null> {
  let q = db.selectFrom('backoffice_mappings').selectAll().where('backoffice', '=', backoffice);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  if (!r && version !== undefined)
    throw new ApiFailure(404, 'not_found', `Không có phiên bản ${version} của ánh xạ ${backoffice} / No such mapping version`);
  return r ? toMapping(r) : null;
}

/** The latest version of each back-office's mapping. */
export async function listMappings(db: Db): Promise<Mapping[]> {
  const rows = await db.selectFrom('backoffice_mappings').selectAll().orderBy('backoffice').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.backoffice) && seen.add(r.backoffice)).map(toMapping);
}
