import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { KpiSheetTable } from '../db/tables.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { appendAudit } from '../integrity/audit-log.repository.ts';
import { canonicalJson } from '../integrity/canonical-json.ts';
import { issueCheckpoint } from '../integrity/checkpoints.repository.ts';
import { sha256 } from '../inspections/evidence.ts';
import { ApiFailure } from '../http/errors.ts';
import { DEFAULT_CALENDAR } from '../../shared/calendar/index.ts';
import { recordReads } from '../access-log/access-log.repository.ts';
import { computeSheet, type SheetBody, type SheetSubject } from './compute-sheet.ts';
import { kpiSettings } from './kpi-settings.ts';
import { sheetPeriod } from './sheet-period.ts';

const notFound = () => new ApiFailure(404, 'not_found', 'Không tìm thấy phiếu đánh giá / Sheet not found');
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export type SheetAccess = { me: SessionOfficial; scope: Set<string> };

/** The unit a subject's sheet is filed under: the official's unit, or the unit itself. */
async function subjectUnit(db: Db, s: SheetSubject): Promise<string | null> {
  if (s.kind === 'unit') return (await db.selectFrom('units').select('id').where('id', '=', s.id).executeTakeFirst())?.id ?? null;
  return (await db.selectFrom('officials').select('unit_id').where('id', '=', s.id).executeTakeFirst())?.unit_id ?? null;
}

/** When the official's time to comment ends: working days of the calendar after issue. */
export const commentDeadline = (row: Pick<KpiSheetTable, 'issued_at'>, body: SheetBody) =>
  DEFAULT_CALENDAR.addWorkingDays(Number(row.issued_at), body.settings.commentWorkingDays);

export function sheetView(row: KpiSheetTable) {
  const body = JSON.parse(row.body) as SheetBody;
  return {
    id: row.id,
    unitId: row.unit_id,
    subject: { kind: row.subject_kind, id: row.subject_id },
    period: row.period,
    settingsVersion: Number(row.settings_version),
    status: row.status,
    issuedBy: row.issued_by,
    issuedAt: iso(Number(row.issued_at))!,
    checkpointSeq: row.checkpoint_seq === null ? null : Number(row.checkpoint_seq),
    sha256: row.body_sha256,
    commentUntil: iso(commentDeadline(row, body))!,
    seenAt: iso(row.seen_at === null ? null : Number(row.seen_at)),
    comment: row.comment,
    signedBy: row.signed_by,
    signedAt: iso(row.signed_at === null ? null : Number(row.signed_at)),
    body,
  };
}
export type SheetView = ReturnType<typeof sheetView>;

/** Issued by a unit head, inspector or admin whose scope covers the subject; never one's own. */
export async function issueSheet(
  db: Db,
  key: IntegrityKey,
  a: SheetAccess,
  subject: SheetSubject,
  periodKey: string,
  version: number | undefined,
  now: number,
): Promise<SheetView> {
  const unitId = await subjectUnit(db, subject);
  if (!unitId || !a.scope.has(unitId))
    throw new ApiFailure(404, 'not_found', 'Không tìm thấy cán bộ hoặc đơn vị trong phạm vi / No such official or unit in your scope');
  if (subject.kind === 'official' && subject.id === a.me.id)
    throw new ApiFailure(403, 'own_sheet', 'Không tự lập phiếu đánh giá của mình / You cannot issue your own sheet');
  const { version: v, settings } = await kpiSettings(db, version);
  // The sheet names the signed checkpoint of the logs it was computed from: one is signed now
  // unless nothing moved since the last.
  await issueCheckpoint(db, key, now, { ifChanged: true });
  const checkpoint = await db
    .selectFrom('checkpoints')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const body = await computeSheet(db, subject, sheetPeriod(periodKey), v, settings);
  const text = canonicalJson(body);
  const row: KpiSheetTable = {
    unit_id: unitId,
    id: randomUUID(),
    subject_kind: subject.kind,
    subject_id: subject.id,
    period: periodKey,
    settings_version: v,
    body: text,
    body_sha256: sha256(text),
    checkpoint_seq: checkpoint?.seq === null || checkpoint?.seq === undefined ? null : Number(checkpoint.seq),
    status: 'issued',
    issued_by: a.me.id,
    issued_at: now,
    seen_at: null,
    comment: null,
    signed_by: null,
    signed_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('kpi_sheets').values(row).execute();
    await appendAudit(trx, key, {
      kind: 'sheet_issued',
      subject: `${row.unit_id}|${row.id}`,
      body: { id: row.id, subject, period: periodKey, settingsVersion: v, sha256: row.body_sha256 },
      at: now,
      actor: a.me.id,
    });
  });
  return sheetView(row);
}

/** A clerk reads only their own sheets; others, sheets filed in their scope. Out of reach is "not found". */
async function readable(db: Db, a: SheetAccess, id: string): Promise<KpiSheetTable> {
  const row = await db.selectFrom('kpi_sheets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const own = row.subject_kind === 'official' && row.subject_id === a.me.id;
  if (!own && (a.me.role === 'clerk' || !a.scope.has(row.unit_id))) throw notFound();
  return row;
}

export async function getSheet(db: Db, a: SheetAccess, id: string, now: number, how: 'sheet' | 'export' = 'sheet'): Promise<SheetView> {
  const row = await readable(db, a, id);
  if (row.subject_kind === 'official') await recordReads(db, a.me, [row.subject_id], how, `${row.period} ${row.id}`, now);
  return sheetView(row);
}

export async function listSheets(db: Db, a: SheetAccess, q: { unitId?: string; officialId?: string }) {
  let query = db.selectFrom('kpi_sheets').selectAll().orderBy('issued_at', 'desc').orderBy('id').limit(200);
  if (a.me.role === 'clerk') query = query.where('subject_kind', '=', 'official').where('subject_id', '=', a.me.id);
  else
    query = query.where((eb) =>
      eb.or([eb('unit_id', 'in', [...a.scope]), eb.and([eb('subject_kind', '=', 'official'), eb('subject_id', '=', a.me.id)])]),
    );
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.officialId) query = query.where('subject_kind', '=', 'official').where('subject_id', '=', q.officialId);
  return (await query.execute()).map((r) => {
    const { body, ...rest } = sheetView(r);
    return { ...rest, subjectName: body.subject.name };
  });
}

/** The sheet computed again now with the version it was issued with: identical unless its inputs changed. */
export async function recomputeSheet(db: Db, a: SheetAccess, id: string) {
  const row = await readable(db, a, id);
  const { version, settings } = await kpiSettings(db, Number(row.settings_version));
  const body = await computeSheet(db, { kind: row.subject_kind, id: row.subject_id }, sheetPeriod(row.period), version, settings);
  const text = canonicalJson(body);
  return { id: row.id, identical: text === row.body, sha256: sha256(text), issuedSha256: row.body_sha256, body };
}

/** The official acknowledges their sheet, with a comment if they wish, within the comment window. */
export async function markSeen(db: Db, a: SheetAccess, id: string, comment: string | undefined, now: number): Promise<SheetView> {
  const row = await readable(db, a, id);
  if (row.subject_kind !== 'official' || row.subject_id !== a.me.id)
    throw new ApiFailure(403, 'not_yours', 'Chỉ cán bộ được đánh giá xác nhận / Only the evaluated official');
  if (row.status !== 'issued') throw new ApiFailure(409, 'already_seen', 'Phiếu đã được xác nhận / Already seen');
  if (comment && now > commentDeadline(row, JSON.parse(row.body)))
    throw new ApiFailure(409, 'comment_closed', 'Đã hết hạn góp ý / The time to comment has passed');
  await db
    .updateTable('kpi_sheets')
    .set({ status: 'seen', seen_at: now, comment: comment ?? null })
    .where('unit_id', '=', row.unit_id)
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .execute();
  return sheetView({ ...row, status: 'seen', seen_at: now, comment: comment ?? null });
}

/** The unit head signs once the official has seen it or their time to comment has passed; never their own. */
export async function signSheet(
  db: Db,
  key: IntegrityKey,
  a: SheetAccess,
  id: string,
  note: string | null,
  now: number,
): Promise<SheetView> {
  const row = await readable(db, a, id);
  if (!a.scope.has(row.unit_id) || (row.subject_kind === 'official' && row.subject_id === a.me.id))
    throw new ApiFailure(403, 'own_sheet', 'Không tự ký phiếu của mình / You cannot sign your own sheet');
  if (row.status === 'signed') throw new ApiFailure(409, 'already_signed', 'Phiếu đã ký / Already signed');
  if (row.status === 'issued' && now <= commentDeadline(row, JSON.parse(row.body))) {
    throw new ApiFailure(
      409,
      'awaiting_official',
      'Cán bộ chưa xác nhận và còn hạn góp ý / The official has not seen it and may still comment',
    );
  }
  const signed: KpiSheetTable = { ...row, status: 'signed', signed_by: a.me.id, signed_at: now };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('kpi_sheets')
      .set({ status: 'signed', signed_by: a.me.id, signed_at: now })
      .where('unit_id', '=', row.unit_id)
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, key, {
      kind: 'sheet_signed',
      subject: `${row.unit_id}|${row.id}`,
      body: { id: row.id, sha256: row.body_sha256, comment: row.comment, note },
      at: now,
      actor: a.me.id,
    });
  });
  return sheetView(signed);
}
