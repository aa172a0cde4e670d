import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { CheckpointTable } from '../db/tables.ts';
import type { IntegrityKey } from './signing-key.ts';
import { publicKeyFromPem } from './signing-key.ts';
import { canonicalJson } from './canonical-json.ts';
import { takeAppLock } from '../db/app-lock.ts';
import { AUDIT_HEAD, auditHeadTag } from './audit-log.repository.ts';
import { GENESIS_HASH, headTag } from '../ingest/hash-chain.ts';
import { raiseAlert } from '../auth/security-alerts.repository.ts';
import { isPostgres } from '../derive/dialect.ts';
import { localDayOf } from '../../shared/calendar/civil-date.ts';

export const CHECKPOINT_FORMAT = 'dossier-pulse-checkpoint/1';

/** What a checkpoint states, signed as canonical JSON. */
export type CheckpointBody = {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  issuedAt: string;
  keyId: string;
  /** Chains with at least one event, and their events in all. */
  chainCount: number;
  eventCount: number;
  /** Every official's chain: its length (the last sequence number) and head hash, by official id. */
  chains: { officialId: string; length: number; head: string }[];
  /** The audit log (redactions, closed inspections). */
  log: { length: number; head: string };
  /** Heads whose tag did not verify when this was issued (should be empty; an alert was raised). */
  suspectHeads: string[];
  /** SHA-256 of the previous checkpoint's signed text: checkpoints form a chain of their own. */
  previous: string | null;
};

/** The downloadable file: the exact signed text, its signature and the key to check it with. */
export type CheckpointFile = { checkpoint: CheckpointBody; signed: string; signature: string; publicKey: string; sha256: string };

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

export function toCheckpointFile(row: CheckpointTable, publicKeyPem: string): CheckpointFile {
  return {
    checkpoint: JSON.parse(row.body) as CheckpointBody,
    signed: row.body,
    signature: row.signature,
    publicKey: publicKeyPem,
    sha256: sha256(row.body),
  };
}

/**
 * Checks a checkpoint file's signature. `trustedPem` is the key the auditor keeps; without it the
 * file's own key is used and the caller must compare its id with the one it trusts.
 */
export function readCheckpointFile(
  file: unknown,
  trustedPem?: string,
): { ok: true; body: CheckpointBody; keyId: string } | { ok: false; reason: string } {
  const f = file as Partial<CheckpointFile> | null;
  if (!f || typeof f.signed !== 'string' || typeof f.signature !== 'string' || typeof f.publicKey !== 'string')
    return { ok: false, reason: 'not a checkpoint file' };
  let key;
  try {
    key = publicKeyFromPem(trustedPem ?? f.publicKey);
  } catch (e) {
    return { ok: false, reason: `bad public key: ${(e as Error).message}` };
  }
  if (!key.verify(f.signed, f.signature)) return { ok: false, reason: `signature does not verify with key ${key.keyId}` };
  const body = JSON.parse(f.signed) as CheckpointBody;
  if (body.format !== CHECKPOINT_FORMAT) return { ok: false, reason: `unknown format ${String(body.format)}` };
  if (body.keyId !== key.keyId) return { ok: false, reason: `signed by key ${body.keyId}, checked with ${key.keyId}` };
  return { ok: true, body, keyId: key.keyId };
}

/**
 * Signs the present state of every chain. `ifChanged`: nothing is issued (null) when no chain and
 * not the log moved since the last checkpoint. Heads and the log head are read in one snapshot
 * (repeatable read on PostgreSQL; SQLite's one writer) and their tags checked before signing.
 */
export async function issueCheckpoint(
  db: Db,
  key: IntegrityKey,
  now: number,
  opts: { ifChanged?: boolean } = {},
): Promise<CheckpointTable | null> {
  const tx = isPostgres(db) ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  const issued = await tx.execute(async (trx) => {
    await takeAppLock(trx, 'checkpoints', now);
    const heads = await trx.selectFrom('chain_heads').selectAll().where('seq', '>', 0).orderBy('official_id').execute();
    const logHead = await trx.selectFrom('audit_head').selectAll().where('name', '=', AUDIT_HEAD).executeTakeFirst();
    const last = await trx.selectFrom('checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const chains = heads.map((h) => ({ officialId: h.official_id, length: Number(h.seq), head: h.hash }));
    const log = { length: Number(logHead?.seq ?? 0), head: logHead?.hash ?? GENESIS_HASH };
    if (opts.ifChanged && last) {
      const prev = JSON.parse(last.body) as CheckpointBody;
      if (JSON.stringify(prev.chains) === JSON.stringify(chains) && JSON.stringify(prev.log) === JSON.stringify(log)) return null;
    }
    const suspectHeads = heads.filter((h) => h.tag !== headTag(key, h.official_id, Number(h.seq), h.hash)).map((h) => h.official_id);
    if (logHead && logHead.tag !== auditHeadTag(key, Number(logHead.seq), logHead.hash)) suspectHeads.push('(audit log)');
    const body: CheckpointBody = {
      format: CHECKPOINT_FORMAT,
      seq: Number(last?.seq ?? 0) + 1,
      issuedAt: new Date(now).toISOString(),
      keyId: key.keyId,
      chainCount: chains.length,
      eventCount: chains.reduce((n, c) => n + c.length, 0),
      chains,
      log,
      suspectHeads,
      previous: last ? sha256(last.body) : null,
    };
    const text = canonicalJson(body);
    const row: CheckpointTable = { seq: body.seq, issued_at: now, key_id: key.keyId, body: text, signature: key.sign(text) };
    await trx.insertInto('checkpoints').values(row).execute();
    if (suspectHeads.length) {
      await raiseAlert(trx, {
        kind: 'chain_head_invalid',
        subject: `checkpoint ${body.seq}`,
        unitId: null,
        now,
        details: { officials: suspectHeads },
      });
    }
    return row;
  });
  return issued;
}

export async function getCheckpoint(db: Db, seq: number | 'latest'): Promise<CheckpointTable | null> {
  let q = db.selectFrom('checkpoints').selectAll();
  q = seq === 'latest' ? q.orderBy('seq', 'desc').limit(1) : q.where('seq', '=', seq);
  return (await q.executeTakeFirst()) ?? null;
}

/**
 * Keeps the newest `keep` checkpoints, the last of every local day before them and every one an
 * inspection report shows; auditors keep their own copies of what they rely on.
 */
export async function pruneCheckpoints(db: Db, keep = 48): Promise<void> {
  const newest = await db.selectFrom('checkpoints').select('seq').orderBy('seq', 'desc').offset(keep).limit(1).executeTakeFirst();
  if (!newest) return;
  const cutoff = Number(newest.seq);
  const rows = await db.selectFrom('checkpoints').select(['seq', 'issued_at']).where('seq', '<=', cutoff).orderBy('seq').execute();
  const lastOfDay = new Map<number, number>();
  for (const r of rows) lastOfDay.set(localDayOf(Number(r.issued_at)), Number(r.seq));
  const pinned = new Set(
    (await db.selectFrom('inspections').select('checkpoint_seq').where('checkpoint_seq', 'is not', null).execute()).map((r) =>
      Number(r.checkpoint_seq),
    ),
  );
  const drop = rows.map((r) => Number(r.seq)).filter((s) => !pinned.has(s) && ![...lastOfDay.values()].includes(s));
  for (let i = 0; i < drop.length; i += 500)
    await db
      .deleteFrom('checkpoints')
      .where('seq', 'in', drop.slice(i, i + 500))
      .execute();
}
