import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { AuditLogTable } from '../db/tables.ts';
import type { IntegrityKey } from './signing-key.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH } from '../ingest/hash-chain.ts';
import { isPostgres } from '../derive/dialect.ts';

/**
 * The audit log: an append-only hash chain, like an official's events, of what changes a record
 * after the fact — a redacted field, a closed inspection — each entry tagged under the integrity
 * key and covered by every checkpoint. `body` is canonical JSON of what the entry commits to.
 */
export type AuditKind = 'redaction' | 'inspection_closed' | 'explanation' | 'explanation_decision' | 'sheet_issued' | 'sheet_signed';
export const AUDIT_HEAD = 'log';

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

export function auditEntryDigest(e: Pick<AuditLogTable, 'seq' | 'kind' | 'subject' | 'body' | 'at' | 'actor'>): string {
  return sha256(JSON.stringify([Number(e.seq), e.kind, e.subject, e.body, Number(e.at), e.actor ?? null]));
}
export const auditHash = (prevHash: string, digest: string) => sha256(`dp-log-v1\u0000${prevHash}\u0000${digest}`);
export const auditTag = (key: IntegrityKey, digest: string) => key.tag('log-v1', digest);
export const auditHeadTag = (key: IntegrityKey, seq: number, hash: string) => key.tag('log-head-v1', `${seq}\u0000${hash}`);

/** Appends inside the caller's transaction (the head row is locked: entries are numbered in commit order). */
export async function appendAudit(
  trx: Db,
  key: IntegrityKey,
  entry: { kind: AuditKind; subject: string; body: unknown; at: number; actor: string | null },
): Promise<{ seq: number; hash: string }> {
  await trx
    .insertInto('audit_head')
    .values({ name: AUDIT_HEAD, seq: 0, hash: GENESIS_HASH, tag: auditHeadTag(key, 0, GENESIS_HASH) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  let q = trx.selectFrom('audit_head').selectAll().where('name', '=', AUDIT_HEAD);
  if (isPostgres(trx)) q = q.forUpdate();
  const head = await q.executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.seq) + 1,
    kind: entry.kind,
    subject: entry.subject,
    body: canonicalJson(entry.body),
    at: entry.at,
    actor: entry.actor,
  };
  const digest = auditEntryDigest(row);
  const hash = auditHash(head.hash, digest);
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.hash, hash, tag: auditTag(key, digest) })
    .execute();
  await trx
    .updateTable('audit_head')
    .set({ seq: row.seq, hash, tag: auditHeadTag(key, row.seq, hash) })
    .where('name', '=', AUDIT_HEAD)
    .execute();
  return { seq: row.seq, hash };
}
