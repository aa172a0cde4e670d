import type { Db } from '../db/connect.ts';
import type { IntegrityKey } from './signing-key.ts';
import { ApiFailure } from '../http/errors.ts';
import { takeAppLock } from '../db/app-lock.ts';
import { appendAudit } from './audit-log.repository.ts';
import {
  fieldDigest,
  fieldSaltOf,
  fieldsDigest,
  isRedactable,
  REDACTABLE_FIELDS,
  REDACTED_VALUE,
  rowTag,
  type RedactableField,
} from '../ingest/hash-chain.ts';
import { enqueue } from '../derive/queue.repository.ts';
import type { RedactionBody } from '../verify/verify-log.ts';

/**
 * Removes a stored field value of one event (a citizen's personal data a careless profile read
 * into a status or step) without breaking its chain: the row keeps committing to the field's
 * original salted digest, which the audit log records with who redacted it, when and why; the
 * field's salt is dropped, so the removed value can be neither read back nor confirmed by
 * guessing. The row must still be genuine (its tag verifies) so a redaction cannot launder an
 * edit. Its dossier is marked for derivation, which replaces the value in derived rows too.
 */
export async function redactEventField(
  db: Db,
  key: IntegrityKey,
  input: { eventId: string; unitId?: string; field: string; reason: string; by: string; now: number },
): Promise<{
  unitId: string;
  eventId: string;
  officialId: string;
  seq: number;
  field: RedactableField;
  logSeq: number;
  dossierCodes: string[];
  inspections: string[];
}> {
  if (!isRedactable(input.field)) {
    throw new ApiFailure(400, 'not_redactable', `Chỉ ẩn được / only these fields can be redacted: ${REDACTABLE_FIELDS.join(', ')}`);
  }
  const field = input.field;
  return db.transaction().execute(async (trx) => {
    await takeAppLock(trx, 'redaction', input.now);
    let q = trx.selectFrom('events').selectAll().where('id', '=', input.eventId);
    if (input.unitId) q = q.where('unit_id', '=', input.unitId);
    const rows = await q.execute();
    if (rows.length === 0) throw new ApiFailure(404, 'not_found', `Không có sự kiện ${input.eventId} / No such event`);
    if (rows.length > 1)
      throw new ApiFailure(400, 'ambiguous', 'Mã sự kiện có ở nhiều đơn vị: cần --unit / The id exists in several units: give --unit');
    const row = rows[0]!;
    if (row.salt === null || row.tag === null) {
      throw new ApiFailure(
        409,
        'not_redactable',
        'Sự kiện ghi trước khi có cam kết từng trường (0007): không ẩn được mà không phá chuỗi / Chained before per-field commitments: cannot be redacted without breaking its chain',
      );
    }
    const earlier = await trx
      .selectFrom('audit_log')
      .select(['subject', 'body'])
      .where('kind', '=', 'redaction')
      .where('subject', 'like', `${row.unit_id}|${row.id}|%`)
      .execute();
    const redacted = new Map(
      earlier.map((e) => {
        const b = JSON.parse(e.body) as RedactionBody;
        return [b.field, b.digest] as const;
      }),
    );
    if (redacted.has(field)) throw new ApiFailure(409, 'already_redacted', `Trường ${field} đã được ẩn / already redacted`);
    if (rowTag(key, fieldsDigest(row, row.salt, redacted)) !== row.tag) {
      throw new ApiFailure(
        409,
        'not_genuine',
        'Dòng này không còn như máy chủ đã ghi (chạy npm run verify) / This row is not as the server wrote it: run npm run verify',
      );
    }
    const value = (row as Record<string, unknown>)[field];
    if (value === null || value === undefined) throw new ApiFailure(409, 'nothing_to_redact', `Trường ${field} trống / The field is empty`);
    const digest = fieldDigest(field, value, fieldSaltOf(row.salt, field));
    // The remaining fields keep their own salts; the redacted one's is gone.
    const salts: Record<string, string> = {};
    for (const f of REDACTABLE_FIELDS) {
      if (f === field || redacted.has(f)) continue;
      const s = fieldSaltOf(row.salt, f);
      if (s) salts[f] = s;
    }
    await trx
      .updateTable('events')
      .set({ [field]: REDACTED_VALUE, salt: JSON.stringify(salts) })
      .where('unit_id', '=', row.unit_id)
      .where('id', '=', row.id)
      .execute();
    const body: RedactionBody = {
      unitId: row.unit_id,
      eventId: row.id,
      officialId: row.official_id,
      seq: Number(row.chain_seq),
      field,
      digest,
      reason: input.reason,
    };
    const logged = await appendAudit(trx, key, {
      kind: 'redaction',
      subject: `${row.unit_id}|${row.id}|${field}`,
      body,
      at: input.now,
      actor: input.by,
    });
    // `extra` carries the handler a page named; its reading goes with it.
    const touched = new Set(row.dossier_code ? [row.dossier_code] : []);
    if (field === 'extra') {
      for (const r of await trx.selectFrom('readings').select('dossier_code').where('event_id', '=', row.id).execute())
        touched.add(r.dossier_code);
      await trx.deleteFrom('readings').where('event_id', '=', row.id).execute();
    }
    await enqueue(trx, [...touched].sort(), input.now);
    // Frozen inspection evidence is a record and keeps what it froze: say where the value remains.
    const frozen = await trx
      .selectFrom('inspection_dossiers')
      .select('inspection_id')
      .distinct()
      .where('evidence', 'like', `%${row.id}%`)
      .execute();
    return {
      unitId: row.unit_id,
      eventId: row.id,
      officialId: row.official_id,
      seq: Number(row.chain_seq),
      field,
      logSeq: logged.seq,
      dossierCodes: [...touched].sort(),
      inspections: frozen.map((f) => f.inspection_id),
    };
  });
}
