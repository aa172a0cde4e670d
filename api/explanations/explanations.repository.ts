import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { ExplanationTable } from '../db/tables.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { appendAudit } from '../integrity/audit-log.repository.ts';
import { ApiFailure } from '../http/errors.ts';
import { unitOfDossier } from '../../shared/schemas/dossier-code.ts';
import { personalDataIn } from './personal-data-check.ts';
import { justifiedSegments } from './justified.ts';
import type { ExplanationCreate, ExplanationDecision, ExplanationListQuery, ExplanationView } from './explanations.schemas.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const hoursOf = (seconds: number) => Math.round(seconds / 3.6) / 1000;

export async function listReasons(db: Db) {
  const rows = await db.selectFrom('explanation_reasons').selectAll().orderBy('created_at').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, labelVi: r.label_vi, labelEn: r.label_en }));
}

export async function addReason(db: Db, me: SessionOfficial, r: { code: string; labelVi: string; labelEn: string }, now: number) {
  const exists = await db.selectFrom('explanation_reasons').select('code').where('code', '=', r.code).executeTakeFirst();
  if (exists) throw new ApiFailure(409, 'reason_exists', `Lý do ${r.code} đã có / Reason already exists`);
  await db
    .insertInto('explanation_reasons')
    .values({ code: r.code, label_vi: r.labelVi, label_en: r.labelEn, created_at: now, created_by: me.id })
    .execute();
  return { code: r.code, labelVi: r.labelVi, labelEn: r.labelEn };
}

/** The dossier and stretch an explanation answers, after checking it is the caller's to explain. */
async function resolveSubject(db: Db, me: SessionOfficial, subject: ExplanationCreate['subject']) {
  if (subject.kind === 'flag') {
    // A flag's key is `rule|dossier code|official|since…`: its dossier names the unit it is filed under.
    const code = subject.key.split('|')[1] ?? '';
    const flag = await db
      .selectFrom('flags')
      .select(['unit_id', 'dossier_code', 'official_id', 'since'])
      .where('unit_id', '=', unitOfDossier(code))
      .where('key', '=', subject.key)
      .executeTakeFirst();
    if (!flag) throw new ApiFailure(404, 'not_found', 'Không tìm thấy cảnh báo / Flag not found');
    if (flag.official_id !== me.id)
      throw new ApiFailure(403, 'not_yours', 'Chỉ giải trình được cảnh báo nêu tên mình / You can only explain flags that name you');
    // The stretch the flag is about: the official's segment holding the dossier at the flag's start.
    const segments = await db
      .selectFrom('segments')
      .select(['from_at', 'to_at'])
      .where('unit_id', '=', flag.unit_id)
      .where('dossier_code', '=', flag.dossier_code)
      .where('holder_id', '=', me.id)
      .where('evidence', '=', 'confirmed')
      .orderBy('from_at')
      .execute();
    const since = Number(flag.since);
    const held = segments.filter((s) => Number(s.from_at) <= since).at(-1) ?? segments[0];
    return {
      key: subject.key,
      dossierUnitId: flag.unit_id,
      dossierCode: flag.dossier_code,
      segmentFrom: held ? Number(held.from_at) : null,
    };
  }
  const unitId = unitOfDossier(subject.code);
  const dossier = await db
    .selectFrom('dossiers')
    .select(['timeliness'])
    .where('unit_id', '=', unitId)
    .where('code', '=', subject.code)
    .executeTakeFirst();
  const held = await db
    .selectFrom('segments')
    .select('seq')
    .where('unit_id', '=', unitId)
    .where('dossier_code', '=', subject.code)
    .where('holder_id', '=', me.id)
    .where('evidence', '=', 'confirmed')
    .executeTakeFirst();
  if (!dossier || !held)
    throw new ApiFailure(404, 'not_found', `Không tìm thấy hồ sơ ${subject.code} của bạn / No dossier of yours with this code`);
  if (dossier.timeliness !== 'late') throw new ApiFailure(409, 'not_late', 'Hồ sơ không quá hạn / The dossier is not late');
  return { key: subject.code, dossierUnitId: unitId, dossierCode: subject.code, segmentFrom: null };
}

/** The caller explains a flag naming them or a late dossier they held; the text must carry no citizen's personal data. */
export async function createExplanation(
  db: Db,
  key: IntegrityKey,
  me: SessionOfficial,
  input: ExplanationCreate,
  now: number,
): Promise<ExplanationView> {
  const found = personalDataIn(input.text);
  if (found.length) {
    throw new ApiFailure(
      400,
      'personal_data',
      `Nội dung có dữ liệu cá nhân của công dân (${found.join(', ')}); hãy bỏ đi / The text carries a citizen's personal data`,
      { kinds: found },
    );
  }
  const reason = await db.selectFrom('explanation_reasons').select('code').where('code', '=', input.reason).executeTakeFirst();
  if (!reason) throw new ApiFailure(400, 'unknown_reason', `Lý do không có trong danh sách: ${input.reason} / Unknown reason`);
  const subject = await resolveSubject(db, me, input.subject);
  const open = await db
    .selectFrom('explanations')
    .select('id')
    .where('official_id', '=', me.id)
    .where('subject_kind', '=', input.subject.kind)
    .where('subject_key', '=', subject.key)
    .where('status', 'in', ['pending', 'accepted'])
    .executeTakeFirst();
  if (open)
    throw new ApiFailure(
      409,
      'already_explained',
      'Đã có giải trình đang chờ hoặc đã chấp nhận / An explanation is already pending or accepted',
    );
  const row: ExplanationTable = {
    unit_id: me.unitId,
    id: randomUUID(),
    official_id: me.id,
    subject_kind: input.subject.kind,
    subject_key: subject.key,
    dossier_unit_id: subject.dossierUnitId,
    dossier_code: subject.dossierCode,
    segment_from: subject.segmentFrom,
    reason: input.reason,
    text: input.text,
    status: 'pending',
    created_at: now,
    decided_by: null,
    decided_at: null,
    decision_note: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('explanations').values(row).execute();
    await appendAudit(trx, key, { kind: 'explanation', subject: `${row.unit_id}|${row.id}`, body: auditBody(row), at: now, actor: me.id });
  });
  return (await views(db, [row]))[0]!;
}

const auditBody = (r: ExplanationTable) => ({
  id: r.id,
  officialId: r.official_id,
  subject: { kind: r.subject_kind, key: r.subject_key },
  dossier: r.dossier_code,
  segmentFrom: r.segment_from === null ? null : Number(r.segment_from),
  reason: r.reason,
  text: r.text,
  status: r.status,
  decidedBy: r.decided_by,
  decisionNote: r.decision_note,
});

/**
 * A unit head, inspector or admin whose scope covers the official's unit decides; nobody decides
 * their own. Addressed by id: out of scope is "not found".
 */
export async function decideExplanation(
  db: Db,
  key: IntegrityKey,
  scope: Set<string>,
  me: SessionOfficial,
  id: string,
  d: ExplanationDecision,
  now: number,
): Promise<ExplanationView> {
  const row = await db.selectFrom('explanations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !scope.has(row.unit_id)) throw new ApiFailure(404, 'not_found', 'Không tìm thấy giải trình / Explanation not found');
  if (row.official_id === me.id)
    throw new ApiFailure(403, 'own_explanation', 'Không tự quyết định giải trình của mình / You cannot decide your own explanation');
  if (row.status !== 'pending') throw new ApiFailure(409, 'already_decided', 'Giải trình đã được quyết định / Already decided');
  const decided: ExplanationTable = {
    ...row,
    status: d.accept ? 'accepted' : 'rejected',
    decided_by: me.id,
    decided_at: now,
    decision_note: d.note,
  };
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('explanations')
      .set({ status: decided.status, decided_by: me.id, decided_at: now, decision_note: d.note })
      .where('unit_id', '=', row.unit_id)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new ApiFailure(409, 'already_decided', 'Giải trình đã được quyết định / Already decided');
    await appendAudit(trx, key, {
      kind: 'explanation_decision',
      subject: `${row.unit_id}|${row.id}`,
      body: auditBody(decided),
      at: now,
      actor: me.id,
    });
  });
  return (await views(db, [decided]))[0]!;
}

export type ExplanationScope = { kind: 'official'; officialId: string } | { kind: 'units'; units: string[] };

export async function listExplanations(db: Db, scope: ExplanationScope, q: ExplanationListQuery): Promise<ExplanationView[]> {
  let query = db.selectFrom('explanations').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(500);
  if (scope.kind === 'official') query = query.where('official_id', '=', scope.officialId);
  else query = query.where('unit_id', 'in', scope.units.length ? scope.units : ['']);
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.officialId) query = query.where('official_id', '=', q.officialId);
  if (q.status) query = query.where('status', '=', q.status);
  return views(db, await query.execute());
}

async function views(db: Db, rows: ExplanationTable[]): Promise<ExplanationView[]> {
  const stretch = new Map<string, number>();
  const names = new Map<string, string>();
  if (rows.length) {
    const ids = [...new Set(rows.map((r) => r.official_id))];
    for (const o of await db.selectFrom('officials').select(['id', 'display_name']).where('id', 'in', ids).execute())
      names.set(o.id, o.display_name);
    for (const s of await justifiedSegments(db, { explanationIds: rows.map((r) => r.id), status: 'any' })) {
      stretch.set(s.explanationId, (stretch.get(s.explanationId) ?? 0) + s.blamedSeconds);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    officialId: r.official_id,
    officialName: names.get(r.official_id) ?? r.official_id,
    subject: { kind: r.subject_kind, key: r.subject_key },
    dossierCode: r.dossier_code,
    reason: r.reason,
    text: r.text,
    status: r.status,
    createdAt: iso(Number(r.created_at))!,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at === null ? null : Number(r.decided_at)),
    decisionNote: r.decision_note,
    stretchHours: hoursOf(stretch.get(r.id) ?? 0),
  }));
}
