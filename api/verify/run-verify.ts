import type { Db } from '../db/connect.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { publicKeyFromPem } from '../integrity/signing-key.ts';
import { readCheckpointFile, toCheckpointFile, type CheckpointBody } from '../integrity/checkpoints.repository.ts';
import { describeTamper, verifyChains, type ChainReport } from './verify-chain.ts';
import { describeLogFinding, verifyAuditLog, type LogFinding } from './verify-log.ts';
import { describeDifference, verifyDerived, type DerivedDifference } from './verify-derived.ts';

export type VerifyResult = {
  checkpoint: { seq: number; issuedAt: string; source: 'file' | 'database'; keyId: string } | null;
  notes: string[];
  chains: ChainReport;
  log: LogFinding[];
  redactions: {
    unitId: string;
    eventId: string;
    field: string;
    officialId: string;
    seq: number;
    at: number;
    by: string | null;
    reason: string;
    logSeq: number;
  }[];
  derived: {
    differences: DerivedDifference[];
    counts: Record<string, number>;
    dossiers: number;
    pending: number;
    settingsChangedAt: number | null;
  } | null;
  ok: boolean;
};

/**
 * Everything `npm run verify` checks, as data: the audit log and closed inspections, every
 * official's chain against the checkpoint (an auditor's saved file, or the newest stored one
 * whose signature verifies), redactions the log vouches for, and the derived tables against a
 * replay of the raw events.
 */
export async function runVerify(
  db: Db,
  opts: {
    key: IntegrityKey | null;
    checkpointFile?: unknown;
    trustedPublicKeyPem?: string;
    derived?: boolean;
    onProgress?: (what: string, done: number, total: number) => void;
  },
): Promise<VerifyResult> {
  const notes: string[] = [];
  if (!opts.key)
    notes.push(
      'Không có khóa: không kiểm tra thẻ của từng dòng / no key: row tags not checked, a fully rehashed chain is caught only by the checkpoint',
    );
  const trusted = opts.trustedPublicKeyPem ?? opts.key?.publicKeyPem;
  let body: CheckpointBody | null = null;
  let checkpoint: VerifyResult['checkpoint'] = null;
  if (opts.checkpointFile !== undefined) {
    const read = readCheckpointFile(opts.checkpointFile, trusted);
    if (!read.ok) throw new Error(`Điểm kiểm chứng không hợp lệ / checkpoint rejected: ${read.reason}`);
    body = read.body;
    checkpoint = { seq: body.seq, issuedAt: body.issuedAt, source: 'file', keyId: read.keyId };
  } else if (trusted) {
    const rows = await db.selectFrom('checkpoints').selectAll().orderBy('seq', 'desc').limit(50).execute();
    for (const row of rows) {
      const read = readCheckpointFile(toCheckpointFile(row, trusted), trusted);
      if (read.ok) {
        body = read.body;
        checkpoint = { seq: body.seq, issuedAt: body.issuedAt, source: 'database', keyId: read.keyId };
        break;
      }
      notes.push(`Điểm kiểm chứng ${row.seq} trong CSDL có chữ ký sai / stored checkpoint ${row.seq} has a bad signature: ignored`);
    }
    if (!body) notes.push('Chưa có điểm kiểm chứng hợp lệ / no valid checkpoint: truncation and whole-chain deletion cannot be detected');
  }
  if (trusted && opts.key && publicKeyFromPem(trusted).keyId !== opts.key.keyId)
    notes.push('Khóa công khai tin cậy khác khóa của máy chủ / the trusted public key is not the server key');

  const log = await verifyAuditLog(db, opts.key, body?.log ?? null);
  const chains = await verifyChains(db, {
    key: opts.key,
    checkpoint: body,
    redactions: log.redactions,
    onProgress: (o, r) => opts.onProgress?.('chains', o, r),
  });
  const derived = opts.derived === false ? null : await verifyDerived(db, { onProgress: (d, t) => opts.onProgress?.('derived', d, t) });
  if (derived?.pending) notes.push(`${derived.pending} hồ sơ đang chờ tính lại / dossiers wait for derivation (compared as last derived)`);
  if (derived?.differences.length && derived.settingsChangedAt) {
    notes.push(
      `Cấu hình (lịch, thủ tục, quy tắc) sửa lần cuối ${new Date(derived.settingsChangedAt).toISOString()}: nếu sau lần tính cuối, chạy \`npm run derive -- --rebuild\` / settings last changed then: differences after such a change call for a rebuild`,
    );
  }
  const ok = chains.tampers.length === 0 && log.findings.length === 0 && (derived?.differences.length ?? 0) === 0;
  return {
    checkpoint,
    notes,
    chains,
    log: log.findings,
    redactions: log.redactionList,
    derived,
    ok,
  };
}

export function describeVerify(r: VerifyResult): string[] {
  const lines: string[] = [];
  if (r.checkpoint)
    lines.push(
      `Điểm kiểm chứng / checkpoint ${r.checkpoint.seq} (${r.checkpoint.issuedAt}, ${r.checkpoint.source}, key ${r.checkpoint.keyId})`,
    );
  for (const n of r.notes) lines.push(`! ${n}`);
  let official = '';
  for (const t of r.chains.tampers) {
    // The first finding of each chain is the first row that differs.
    const first = t.officialId !== official;
    official = t.officialId;
    lines.push(`${first ? '→' : ' '} ${describeTamper(t)}`);
  }
  for (const f of r.log) lines.push(`  ${describeLogFinding(f)}`);
  for (const x of r.redactions) {
    lines.push(
      `  ẨN / REDACTED      official ${x.officialId} seq ${x.seq}: event ${x.eventId} field ${x.field}, ${new Date(x.at).toISOString()} by ${x.by ?? '?'} (log entry ${x.logSeq}): ${x.reason}`,
    );
  }
  for (const d of r.derived?.differences ?? []) lines.push(`  ${describeDifference(d)}`);
  if (r.derived) {
    const shown = r.derived.differences.length;
    const total = Object.values(r.derived.counts).reduce((a, b) => a + b, 0);
    if (total > shown)
      lines.push(
        `  … ${total - shown} more derived differences (${Object.entries(r.derived.counts)
          .filter(([, n]) => n)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')})`,
      );
  }
  const c = r.chains;
  lines.push(
    r.ok
      ? `✓ ${c.rows} events of ${c.officials} officials intact${r.checkpoint ? ` against checkpoint ${r.checkpoint.seq}` : ''}; audit log intact; ${r.redactions.length} redactions${r.derived ? `; derived tables equal a replay of ${r.derived.dossiers} dossiers` : ''} / dữ liệu nguyên vẹn`
      : `✗ ${c.tampers.length} chain findings, ${r.log.length} log findings${r.derived ? `, ${Object.values(r.derived.counts).reduce((a, b) => a + b, 0)} derived differences` : ''} / phát hiện can thiệp`,
  );
  return lines;
}
