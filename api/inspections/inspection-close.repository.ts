import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { ApiFailure } from '../http/errors.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { issueCheckpoint } from '../integrity/checkpoints.repository.ts';
import { appendAudit } from '../integrity/audit-log.repository.ts';
import { inspectionRecord } from './inspection-record.ts';
import { indexUnits, preorder } from '../admin/unit-tree.ts';
import { sha256 } from './evidence.ts';
import { findInspection, inspectionDetail } from './inspections.repository.ts';
import { dossierView, loadPeople } from './inspection-view.ts';
import type { CloseInspection, FindingInput } from './inspections.schemas.ts';
import { renderReportHtml } from './report-html.ts';
import { renderReportCsv } from './report-csv.ts';

const closed = () =>
  new ApiFailure(409, 'inspection_closed', 'Cuộc kiểm tra đã kết thúc, không thể sửa / The inspection is closed and cannot change');

type Key = { unit_id: string; id: string };

/**
 * Takes the inspection's row lock while it is open, portably: a no-op update blocks a concurrent
 * close on PostgreSQL (and takes SQLite's writer lock), and after that close commits it matches
 * no row. So a finding can never land after the report was rendered without being in it.
 */
async function lockOpen(trx: Db, key: Key): Promise<void> {
  const r = await trx
    .updateTable('inspections')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('unit_id', '=', key.unit_id)
    .where('id', '=', key.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw closed();
}

/**
 * A finding may name an official of the inspected unit's subtree, or one the sampled dossier's
 * frozen evidence names (a holder from another unit who had it).
 */
async function officialInInspectionScope(db: Db, unitId: string, id: string, code: string, officialId: string): Promise<boolean> {
  const official = await db.selectFrom('officials').select('unit_id').where('id', '=', officialId).executeTakeFirst();
  if (!official) return false;
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  if (preorder(indexUnits(units), unitId).some((u) => u.id === official.unit_id)) return true;
  const sampled = await db
    .selectFrom('inspection_dossiers')
    .select('evidence')
    .where('unit_id', '=', unitId)
    .where('inspection_id', '=', id)
    .where('dossier_code', '=', code)
    .executeTakeFirst();
  if (!sampled) return false;
  const evidence = JSON.parse(sampled.evidence) as { officials?: Record<string, unknown> };
  return Object.hasOwn(evidence.officials ?? {}, officialId);
}

export async function recordFinding(
  db: Db,
  scope: ReadonlySet<string>,
  me: SessionOfficial,
  id: string,
  code: string,
  input: FindingInput,
  now: number,
) {
  const row = await findInspection(db, scope, id);
  if (row.status !== 'open') throw closed();
  const responsible = input.responsibleOfficialId ?? null;
  if (responsible && !(await officialInInspectionScope(db, row.unit_id, id, code, responsible))) {
    // The same answer whether the id exists or not: a finding is no way to probe for officials.
    throw new ApiFailure(
      400,
      'official_out_of_scope',
      "Cán bộ không thuộc phạm vi cuộc kiểm tra / The official is not within this inspection's scope",
    );
  }
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, row);
    const r = await trx
      .updateTable('inspection_dossiers')
      .set({
        delay_justified: input.delayJustified ? 1 : 0,
        responsible_official_id: responsible,
        note: input.note,
        found_by: me.id,
        found_at: now,
      })
      .where('unit_id', '=', row.unit_id)
      .where('inspection_id', '=', id)
      .where('dossier_code', '=', code)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      throw new ApiFailure(404, 'not_found', `Hồ sơ ${code} không thuộc mẫu kiểm tra / Dossier not in this sample`);
  });
  const d = await db
    .selectFrom('inspection_dossiers')
    .selectAll()
    .where('unit_id', '=', row.unit_id)
    .where('inspection_id', '=', id)
    .where('dossier_code', '=', code)
    .executeTakeFirstOrThrow();
  return { dossier: dossierView(d, await loadPeople(db, [d.responsible_official_id, d.found_by])) };
}

/**
 * Closes an inspection once every sampled dossier has a finding, and renders and stores its
 * report (HTML for print, CSV for spreadsheets) in the same transaction: a closed inspection
 * always has exactly the report of its final state, and nothing about it changes afterwards.
 * The report shows a checkpoint signed just before (the chains its evidence rests on), and the
 * closed record (draw, evidence, findings, report bodies) is hashed into the audit log, so a
 * later rewrite of any of them is named by `npm run verify`.
 */
export async function closeInspection(
  db: Db,
  key: IntegrityKey,
  scope: ReadonlySet<string>,
  me: SessionOfficial,
  id: string,
  input: CloseInspection,
  now: number,
) {
  const row = await findInspection(db, scope, id);
  if (row.status !== 'open') throw closed();
  const missing = async (trx: Db) => {
    const rows = await trx
      .selectFrom('inspection_dossiers')
      .select('dossier_code')
      .where('unit_id', '=', row.unit_id)
      .where('inspection_id', '=', id)
      .where('delay_justified', 'is', null)
      .orderBy('position')
      .execute();
    if (rows.length) {
      const codes = rows.map((m) => m.dossier_code);
      throw new ApiFailure(
        409,
        'findings_missing',
        `Còn ${codes.length} hồ sơ chưa có kết luận / ${codes.length} dossiers have no finding yet`,
        { dossierCodes: codes },
      );
    }
  };
  await missing(db);
  const checkpoint = await issueCheckpoint(db, key, now);
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, row);
    await missing(trx);
    await trx
      .updateTable('inspections')
      .set({
        status: 'closed',
        closed_at: now,
        closed_by: me.id,
        conclusion: input.conclusion ?? null,
        checkpoint_seq: checkpoint ? Number(checkpoint.seq) : null,
      })
      .where('unit_id', '=', row.unit_id)
      .where('id', '=', id)
      .execute();
    const detail = await inspectionDetail(trx, scope, id);
    for (const [format, body] of [
      ['html', renderReportHtml(detail)],
      ['csv', renderReportCsv(detail)],
    ] as const) {
      await trx
        .insertInto('inspection_reports')
        .values({ unit_id: row.unit_id, inspection_id: id, format, body, sha256: sha256(body), created_at: now })
        .execute();
    }
    const record = await inspectionRecord(trx, row.unit_id, id);
    await appendAudit(trx, key, { kind: 'inspection_closed', subject: `${row.unit_id}|${id}`, body: record, at: now, actor: me.id });
  });
  return inspectionDetail(db, scope, id);
}

/** A closed inspection's stored report, exactly as rendered when it closed. */
export async function storedReport(db: Db, scope: ReadonlySet<string>, id: string, format: 'html' | 'csv') {
  const row = await findInspection(db, scope, id);
  if (row.status !== 'closed')
    throw new ApiFailure(
      409,
      'inspection_open',
      'Cuộc kiểm tra chưa kết thúc, chưa có biên bản / The inspection is still open: no report yet',
    );
  return db
    .selectFrom('inspection_reports')
    .select(['body', 'sha256'])
    .where('unit_id', '=', row.unit_id)
    .where('inspection_id', '=', id)
    .where('format', '=', format)
    .executeTakeFirstOrThrow();
}
