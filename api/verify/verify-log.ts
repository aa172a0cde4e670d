import type { Db } from '../db/connect.ts';
import type { AuditLogTable } from '../db/tables.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { AUDIT_HEAD, auditEntryDigest, auditHash, auditHeadTag, auditTag } from '../integrity/audit-log.repository.ts';
import { GENESIS_HASH } from '../ingest/hash-chain.ts';
import { compareInspectionRecords, inspectionRecord, type InspectionRecord } from '../inspections/inspection-record.ts';

/** Redactions the audit log vouches for: `unit|eventId` → field → what was recorded. */
export type Redaction = { digest: string; logSeq: number; at: number; by: string | null; reason: string; officialId: string; seq: number };
export type RedactionIndex = Map<string, Map<string, Redaction>>;

export type LogFinding =
  | { kind: 'log_edited'; seq: number; detail: string }
  | { kind: 'log_inserted'; seq: number }
  | { kind: 'log_deleted'; seqFrom: number; seqTo: number; atEnd: boolean }
  | { kind: 'log_head'; detail: string }
  | { kind: 'inspection'; inspectionId: string; logSeq: number | null; detail: string };

export type RedactionBody = {
  unitId: string;
  eventId: string;
  officialId: string;
  seq: number;
  field: string;
  digest: string;
  reason: string;
};

/**
 * The audit log against its own chain, tags and the checkpoint (as event chains are checked),
 * then every closed inspection against the record logged when it closed. Returns the redactions
 * that genuine entries vouch for, for the event chains' check.
 */
export async function verifyAuditLog(
  db: Db,
  key: IntegrityKey | null,
  cp: { length: number; head: string } | null,
): Promise<{
  findings: LogFinding[];
  redactions: RedactionIndex;
  entries: number;
  redactionList: (Redaction & { unitId: string; eventId: string; field: string })[];
}> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const head = await db.selectFrom('audit_head').selectAll().where('name', '=', AUDIT_HEAD).executeTakeFirst();
  const findings: LogFinding[] = [];
  const genuine: AuditLogTable[] = [];
  const bySeq = new Map<number, AuditLogTable[]>();
  for (const r of rows) bySeq.set(Number(r.seq), [...(bySeq.get(Number(r.seq)) ?? []), r]);
  const length = Math.max(cp?.length ?? 0, head ? Number(head.seq) : 0, ...rows.map((r) => Number(r.seq)));
  let prev = GENESIS_HASH;
  for (let s = 1; s <= length; s++) {
    const here = bySeq.get(s) ?? [];
    if (here.length === 0) {
      let e = s;
      while (e + 1 <= length && !bySeq.get(e + 1)?.length) e++;
      findings.push({ kind: 'log_deleted', seqFrom: s, seqTo: e, atEnd: e === length });
      s = e;
      prev = '';
      continue;
    }
    const ok = (r: AuditLogTable) => {
      const digest = auditEntryDigest(r);
      return key ? r.tag === auditTag(key, digest) : auditHash(r.prev_hash, digest) === r.hash && (prev === '' || r.prev_hash === prev);
    };
    const real = here.find(ok);
    for (const r of here)
      if (r !== real)
        findings.push(real ? { kind: 'log_inserted', seq: s } : { kind: 'log_edited', seq: s, detail: `${r.kind} ${r.subject}` });
    if (real) {
      genuine.push(real);
      prev = real.hash;
    } else prev = '';
  }
  if (head && key && head.tag !== auditHeadTag(key, Number(head.seq), head.hash))
    findings.push({ kind: 'log_head', detail: 'audit log head rewritten / đầu nhật ký bị sửa' });
  if (!head && rows.length) findings.push({ kind: 'log_head', detail: 'audit log head missing / mất đầu nhật ký' });
  if (cp && cp.length > 0 && !findings.length) {
    const atCp = genuine.find((r) => Number(r.seq) === cp.length);
    if (!atCp || atCp.hash !== cp.head)
      findings.push({
        kind: 'log_edited',
        seq: cp.length,
        detail: 'the log no longer ends at the checkpoint / nhật ký không khớp điểm kiểm chứng',
      });
  }

  const redactions: RedactionIndex = new Map();
  const redactionList = [];
  const logged = new Map<string, { seq: number; record: InspectionRecord }>();
  for (const r of genuine) {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    if (r.kind === 'redaction') {
      const b = body as RedactionBody;
      const entry: Redaction = {
        digest: b.digest,
        logSeq: Number(r.seq),
        at: Number(r.at),
        by: r.actor,
        reason: b.reason,
        officialId: b.officialId,
        seq: b.seq,
      };
      const k = `${b.unitId}|${b.eventId}`;
      if (!redactions.has(k)) redactions.set(k, new Map());
      redactions.get(k)!.set(b.field, entry);
      redactionList.push({ ...entry, unitId: b.unitId, eventId: b.eventId, field: b.field });
    } else if (r.kind === 'inspection_closed') {
      const rec = body as unknown as InspectionRecord;
      logged.set(`${rec.unitId}|${rec.inspectionId}`, { seq: Number(r.seq), record: rec });
    }
  }
  for (const [k, { seq, record }] of logged) {
    for (const detail of compareInspectionRecords(record, await inspectionRecord(db, record.unitId, record.inspectionId))) {
      findings.push({ kind: 'inspection', inspectionId: k.split('|')[1]!, logSeq: seq, detail });
    }
  }
  // A closed inspection the log does not know: its record was never logged, or its entry is gone.
  const closed = await db.selectFrom('inspections').select(['unit_id', 'id']).where('status', '=', 'closed').execute();
  for (const c of closed) {
    if (!logged.has(`${c.unit_id}|${c.id}`))
      findings.push({
        kind: 'inspection',
        inspectionId: c.id,
        logSeq: null,
        detail: 'closed inspection missing from the audit log / cuộc kiểm tra đã kết thúc không có trong nhật ký',
      });
  }
  return { findings, redactions, entries: rows.length, redactionList };
}

export function describeLogFinding(f: LogFinding): string {
  switch (f.kind) {
    case 'log_edited':
      return `NHẬT KÝ SỬA / LOG EDITED       entry ${f.seq}: ${f.detail}`;
    case 'log_inserted':
      return `NHẬT KÝ CHÈN / LOG INSERTED    entry ${f.seq}`;
    case 'log_deleted':
      return `NHẬT KÝ XÓA / LOG DELETED      entries ${f.seqFrom}${f.seqTo > f.seqFrom ? `–${f.seqTo}` : ''}${f.atEnd ? ' (end of log)' : ''}`;
    case 'log_head':
      return `NHẬT KÝ / LOG HEAD             ${f.detail}`;
    case 'inspection':
      return `KIỂM TRA / INSPECTION          ${f.inspectionId}${f.logSeq ? ` (log entry ${f.logSeq})` : ''}: ${f.detail}`;
  }
}
