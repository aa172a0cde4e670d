import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { ApiFailure } from '../http/errors.ts';
import { enqueue } from '../derive/index.ts';
import { officialDirectory } from '../ingest/official-directory.ts';
import { localDayStart, addDays } from '../derive/local-day.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { findMapping } from './mappings.repository.ts';
import { DEFAULT_COLUMNS } from './reconcile.schemas.ts';
import { readLog, rowKey, type LogFacts } from './log-rows.ts';
import { readCsv, readXlsx, UnreadableFile, type Table } from './table-reader.ts';
import type { ImportBody, ImportResult } from './reconcile.schemas.ts';

const PREVIEW_ROWS = 5;
const MAX_ERRORS = 200;
const MAX_ROWS = 100_000;

async function readTable(body: ImportBody): Promise<Table> {
  try {
    if (body.format === 'csv') return readCsv(body.content);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(body.content))
      throw new UnreadableFile('content phải là base64 của tệp xlsx / content must be the xlsx file in base64');
    return await readXlsx(Buffer.from(body.content, 'base64'));
  } catch (err) {
    if (err instanceof UnreadableFile) throw new ApiFailure(400, 'unreadable_file', err.message);
    throw err;
  }
}

/**
 * Reads a back-office's handling log through its mapping and, unless it is a dry run, keeps the
 * whitelisted facts of its valid rows in the caller's scope. A row already known (same facts)
 * is not stored twice. Touched dossiers, and those with captured actions in the covered
 * period, are queued for derivation: the log may corroborate or dispute their custody.
 */
export async function importLog(
  db: Db,
  me: SessionOfficial,
  scope: ReadonlySet<string>,
  body: ImportBody,
  now: number,
): Promise<ImportResult> {
  if (body.columns && !body.dryRun)
    throw new ApiFailure(
      400,
      'invalid_body',
      'columns chỉ dùng để xem trước (dryRun); hãy lưu ánh xạ trước / save the mapping before importing with it',
    );
  const mapping = await findMapping(db, body.backoffice, body.mappingVersion);
  if (!mapping && !body.dryRun)
    throw new ApiFailure(409, 'no_mapping', `Chưa có ánh xạ cột cho ${body.backoffice} / No column mapping saved for this back-office`);
  const columns = body.columns ?? mapping?.columns ?? DEFAULT_COLUMNS;
  const table = await readTable(body);
  if (table.length > MAX_ROWS)
    throw new ApiFailure(413, 'too_many_rows', `Tối đa ${MAX_ROWS} dòng mỗi lần / At most ${MAX_ROWS} rows per import`);
  const read = readLog(table, { columns, ...(mapping?.actions ? { actions: mapping.actions } : {}) });
  if ('error' in read) throw new ApiFailure(400, 'no_header', read.error, { headers: read.headers });

  const directory = await officialDirectory(db, now);
  const errors: { row: number; message: string }[] = [];
  const valid: { facts: LogFacts; unitId: string; key: string }[] = [];
  for (const r of read.rows) {
    if (r.error !== null) {
      errors.push({ row: r.row, message: r.error });
      continue;
    }
    const unitId = unitOfDossier(r.facts.dossierCode);
    if (!scope.has(unitId)) {
      errors.push({ row: r.row, message: `Hồ sơ của đơn vị ngoài phạm vi / Dossier of a unit outside your scope: ${unitId}` });
      continue;
    }
    valid.push({ facts: r.facts, unitId, key: rowKey(r.facts) });
  }
  // The period each unit's rows cover: the export's own when given, else first to last row.
  const units = new Map<string, { from: number; to: number }>();
  for (const v of valid) {
    const u = units.get(v.unitId);
    if (!u) units.set(v.unitId, { from: v.facts.at, to: v.facts.at });
    else units.set(v.unitId, { from: Math.min(u.from, v.facts.at), to: Math.max(u.to, v.facts.at) });
  }
  if (body.period) {
    if (body.period.from > body.period.to)
      throw new ApiFailure(400, 'invalid_body', 'period.from sau period.to / period.from is after period.to');
    const p = { from: localDayStart(body.period.from), to: localDayStart(addDays(body.period.to, 1)) - 1 };
    for (const [u, span] of units) units.set(u, { from: Math.min(p.from, span.from), to: Math.max(p.to, span.to) });
  }
  const preview = read.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, facts: r.facts, error: r.error }));
  const result: ImportResult = {
    importId: null,
    dryRun: body.dryRun === true,
    mapping: { backoffice: body.backoffice, version: body.columns ? null : (mapping?.version ?? null) },
    headers: read.headers,
    usedColumns: read.usedColumns,
    droppedColumns: read.droppedColumns,
    preview,
    rows: { read: read.rows.length, valid: valid.length, stored: 0, alreadyKnown: 0, rejected: errors.length },
    errors: errors.slice(0, MAX_ERRORS),
    units: [...units].map(([unitId, s]) => ({ unitId, ...s })).sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
  };
  if (body.dryRun || valid.length === 0) return result;

  const importId = randomUUID();
  const sha = createHash('sha256').update(body.content).digest('hex');
  const unique = new Map(valid.map((v) => [`${v.unitId}|${v.key}`, v]));
  let stored = 0;
  await db.transaction().execute(async (trx) => {
    const list = [...unique.values()];
    for (let i = 0; i < list.length; i += 200) {
      const part = list.slice(i, i + 200);
      const res = await trx
        .insertInto('backoffice_log')
        .values(
          part.map(({ facts: f, unitId, key }) => ({
            unit_id: unitId,
            row_key: key,
            dossier_code: f.dossierCode,
            procedure_code: f.procedureCode,
            step: f.step,
            action: f.action,
            actor_account: f.actor,
            receiver_account: f.receiver,
            actor_id: directory.byAccount(f.actor),
            receiver_id: f.receiver === null ? null : directory.byAccount(f.receiver),
            at: f.at,
            import_id: importId,
          })),
        )
        .onConflict((oc) => oc.columns(['unit_id', 'row_key']).doNothing())
        .executeTakeFirst();
      stored += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    for (const [unitId, span] of units) {
      await trx
        .insertInto('backoffice_imports')
        .values({
          unit_id: unitId,
          id: importId,
          backoffice: body.backoffice,
          mapping_version: mapping!.version,
          file_sha256: sha,
          period_from: span.from,
          period_to: span.to,
          rows_read: read.rows.length,
          rows_stored: stored,
          dropped_columns: JSON.stringify(read.droppedColumns),
          imported_at: now,
          imported_by: me.id,
        })
        .execute();
    }
    const codes = new Set(list.map((v) => v.facts.dossierCode));
    for (const [unitId, span] of units) {
      const captured = await trx
        .selectFrom('events')
        .select('dossier_code')
        .distinct()
        .where('kind', '=', 'action')
        .where('dossier_code', '>=', `${unitId}-`)
        .where('dossier_code', '<', `${unitId}.`)
        .where('at', '>=', span.from - 3600_000)
        .where('at', '<=', span.to + 3600_000)
        .execute();
      for (const c of captured) if (c.dossier_code) codes.add(c.dossier_code);
    }
    await enqueue(trx, [...codes].sort(), now);
  });
  result.importId = importId;
  result.rows.stored = stored;
  result.rows.alreadyKnown = valid.length - stored;
  return result;
}
