import { createHash } from 'node:crypto';
import type { CheckpointTable } from '../db/tables.ts';
import type { CheckpointBody } from './checkpoints.repository.ts';

/**
 * A checkpoint as inspections show it: what identifies it (number, time, key, digest and
 * signature of the signed text, where to download it) and the heads of the chains of the
 * officials the inspection names, which an auditor can compare with their own saved copy.
 */
export function checkpointSummary(row: CheckpointTable, officials: readonly string[]) {
  const body = JSON.parse(row.body) as CheckpointBody;
  const wanted = new Set(officials);
  return {
    seq: Number(row.seq),
    issuedAt: body.issuedAt,
    keyId: body.keyId,
    chainCount: body.chainCount,
    eventCount: body.eventCount,
    log: body.log,
    sha256: createHash('sha256').update(row.body, 'utf8').digest('hex'),
    signature: row.signature,
    download: `/v1/checkpoints/${Number(row.seq)}`,
    chains: body.chains.filter((c) => wanted.has(c.officialId)),
  };
}
