import type { Db } from '../db/connect.ts';
import type { EventRow } from '../db/tables.ts';
import { chainHash, GENESIS_HASH } from '../ingest/hash-chain.ts';

export type Tamper =
  | { kind: 'edited'; officialId: string; eventId: string; seq: number }
  | { kind: 'inserted'; officialId: string; eventId: string; seq: number }
  | { kind: 'deleted'; officialId: string; seqFrom: number; seqTo: number; before: string | null };

const PAGE = 5000;

/**
 * Walks every official's hash chain and names each row that was edited (its hash no longer
 * matches its contents), inserted (a sequence number taken twice, a broken link, or rows beyond
 * the chain head) or deleted (a gap in the sequence, or a chain shorter than its head).
 */
export async function verifyChains(db: Db, onProgress?: (officials: number, rows: number) => void): Promise<{ tampers: Tamper[]; rows: number; officials: number }> {
  const heads = new Map((await db.selectFrom('chain_heads').selectAll().execute()).map((h) => [h.official_id, h]));
  const officials = (await db.selectFrom('events').select('official_id').distinct().execute()).map((r) => r.official_id);
  const tampers: Tamper[] = [];
  let rows = 0;
  let done = 0;
  for (const officialId of officials) {
    const head = heads.get(officialId);
    const chain: EventRow[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await db.selectFrom('events').selectAll().where('official_id', '=', officialId).orderBy('chain_seq').orderBy('id').limit(PAGE).offset(offset).execute();
      chain.push(...page);
      if (page.length < PAGE) break;
    }
    rows += chain.length;
    if (!head) {
      for (const row of chain) tampers.push({ kind: 'inserted', officialId, eventId: row.id, seq: Number(row.chain_seq) });
      onProgress?.(++done, rows);
      continue;
    }
    let expected = 1;
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < chain.length; ) {
      const seq = Number(chain[i]!.chain_seq);
      let j = i;
      while (j < chain.length && Number(chain[j]!.chain_seq) === seq) j++;
      const group = chain.slice(i, j);
      i = j;
      // Of rows sharing a number, the genuine one links to its predecessor and hashes right.
      const consistent = (r: EventRow) => chainHash(r.prev_hash, r) === r.hash;
      const genuine = group.find((r) => r.prev_hash === prevHash && consistent(r)) ?? group.find((r) => r.prev_hash === prevHash) ?? group[0]!;
      for (const r of group) if (r !== genuine) tampers.push({ kind: 'inserted', officialId, eventId: r.id, seq });
      if (seq > expected) tampers.push({ kind: 'deleted', officialId, seqFrom: expected, seqTo: seq - 1, before: genuine.id });
      else if (genuine.prev_hash !== prevHash && consistent(genuine)) tampers.push({ kind: 'inserted', officialId, eventId: genuine.id, seq });
      if (!consistent(genuine)) tampers.push({ kind: 'edited', officialId, eventId: genuine.id, seq });
      expected = seq + 1;
      prevHash = genuine.hash;
    }
    const lastSeq = expected - 1;
    const headSeq = Number(head.seq);
    if (headSeq > lastSeq) tampers.push({ kind: 'deleted', officialId, seqFrom: lastSeq + 1, seqTo: headSeq, before: null });
    else if (headSeq < lastSeq) {
      for (const r of chain) if (Number(r.chain_seq) > headSeq) tampers.push({ kind: 'inserted', officialId, eventId: r.id, seq: Number(r.chain_seq) });
    } else if (head.hash !== prevHash && lastSeq > 0) tampers.push({ kind: 'edited', officialId, eventId: '(chain head)', seq: headSeq });
    onProgress?.(++done, rows);
  }
  return { tampers, rows, officials: officials.length };
}

export function describeTamper(t: Tamper): string {
  switch (t.kind) {
    case 'edited':
      return `SỬA / EDITED    official ${t.officialId} seq ${t.seq}: event ${t.eventId}`;
    case 'inserted':
      return `CHÈN / INSERTED official ${t.officialId} seq ${t.seq}: event ${t.eventId}`;
    case 'deleted':
      return `XÓA / DELETED   official ${t.officialId} seq ${t.seqFrom}${t.seqTo > t.seqFrom ? `–${t.seqTo}` : ''}${t.before ? ` (before event ${t.before})` : ' (end of chain)'}`;
  }
}
