import type { Db } from '../db/connect.ts';
import type { ChainHeadTable, EventRow } from '../db/tables.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import type { CheckpointBody } from '../integrity/checkpoints.repository.ts';
import { chainHashV1, chainHashV2, fieldsDigest, GENESIS_HASH, headTag, REDACTED_VALUE, rowTag } from '../ingest/hash-chain.ts';
import type { RedactionIndex } from './verify-log.ts';

/**
 * What a chain's check found. `seq` is a position in the chain as the server wrote it
 * (`foundAt`: where the row sits now, when that differs).
 * - edited: the row at `seq` is not what the server wrote there (`what`: its fields, or only its
 *   chain hash columns);
 * - inserted: a row the server never wrote;
 * - deleted: positions whose rows are gone (`atEnd`: the chain was cut short);
 * - reordered: a genuine row found at another position than the one it was written at;
 * - chain_deleted: every row of a chain the checkpoint lists is gone;
 * - head: the chain head row was rewritten or is missing;
 * - diverged: the chain no longer ends at the checkpoint's head and no row can be named (rows
 *   without a tag, or no key to check tags with).
 */
export type Tamper =
  | { kind: 'edited'; officialId: string; seq: number; eventId: string; what: 'fields' | 'chain hash'; foundAt?: number }
  | { kind: 'inserted'; officialId: string; seq: number; eventId: string }
  | { kind: 'deleted'; officialId: string; seqFrom: number; seqTo: number; atEnd: boolean; after: string | null; before: string | null }
  | { kind: 'reordered'; officialId: string; seq: number; eventId: string; foundAt: number }
  | { kind: 'chain_deleted'; officialId: string; length: number }
  | { kind: 'head'; officialId: string; seq: number; detail: string }
  | { kind: 'diverged'; officialId: string; seq: number; detail: string };

export type ChainReport = {
  tampers: Tamper[];
  renumbered: number;
  rows: number;
  officials: number;
  taggedRows: number;
  untaggedRows: number;
};

const PAGE = 5000;
const MAX_SEARCH = 2000;
/** Where a finding sits in the chain; a head finding is reported after the rows. */
const at = (t: Tamper) => (t.kind === 'head' ? Number.MAX_SAFE_INTEGER : 'seq' in t ? t.seq : 'seqFrom' in t ? t.seqFrom : 0);
/** How many of the sorted numbers are below `x`. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Prepared = {
  row: EventRow;
  stored: number;
  v2: boolean;
  /** F at a position (null: not computable, e.g. a broken salt). */
  fieldsAt(seq: number): string | null;
  /** The row's hash recomputed from its own prev_hash and fields. */
  selfOK: boolean;
  /** Redacted fields hold the placeholder, as a redaction leaves them. */
  redactionOK: boolean;
};

function prepare(row: EventRow, redactions: RedactionIndex): Prepared {
  const red = redactions.get(`${row.unit_id}|${row.id}`);
  const redactedDigests = red ? new Map([...red].map(([f, r]) => [f, r.digest])) : undefined;
  const redactionOK = !red || [...red.keys()].every((f) => (row as Record<string, unknown>)[f] === REDACTED_VALUE);
  const v2 = row.salt !== null;
  const cache = new Map<number, string | null>();
  const fieldsAt = (seq: number) => {
    if (!v2) return null;
    if (!cache.has(seq)) {
      try {
        cache.set(seq, fieldsDigest({ ...row, chain_seq: seq }, row.salt!, redactedDigests));
      } catch {
        cache.set(seq, null);
      }
    }
    return cache.get(seq)!;
  };
  const stored = Number(row.chain_seq);
  const own = fieldsAt(stored);
  const selfOK = v2 ? own !== null && chainHashV2(row.prev_hash, own) === row.hash : chainHashV1(row.prev_hash, row) === row.hash;
  return { row, stored, v2, fieldsAt, selfOK, redactionOK };
}

/**
 * One official's chain against what the server wrote. With the key, each row's tag says whether
 * its fields and position are genuine, so the first changed row is named exactly even when every
 * later hash and the head were recomputed; genuine rows found elsewhere are looked for at nearby
 * and vacant positions (a shift after an insertion or deletion, or a swap). Without the key (or
 * for rows chained before tags existed) the hash links and the checkpoint say what they can.
 */
export function analyzeChain(
  officialId: string,
  rows: readonly EventRow[],
  head: ChainHeadTable | undefined,
  cp: { length: number; head: string } | undefined,
  key: IntegrityKey | null,
  redactions: RedactionIndex,
): { tampers: Tamper[]; renumbered: number } {
  const tampers: Tamper[] = [];
  if (rows.length === 0) {
    if (cp && cp.length > 0) tampers.push({ kind: 'chain_deleted', officialId, length: cp.length });
    else if (head && Number(head.seq) > 0)
      tampers.push({ kind: 'deleted', officialId, seqFrom: 1, seqTo: Number(head.seq), atEnd: true, after: null, before: null });
    return { tampers, renumbered: 0 };
  }
  const info = rows.map((r) => prepare(r, redactions));
  const tagged = (p: Prepared, seq: number) => {
    if (!key || !p.v2 || !p.row.tag) return false;
    const f = p.fieldsAt(seq);
    return f !== null && rowTag(key, f) === p.row.tag;
  };
  // With the key every row written since tags exist must carry a valid one; rows without (chained
  // before migration 0007) can only come before the first tagged row of the chain.
  const checkable = (p: Prepared) => !!key && p.v2;
  const firstV2 = Math.min(Number.POSITIVE_INFINITY, ...info.filter((p) => p.v2).map((p) => p.stored));
  const genuineInPlace = (p: Prepared) => (checkable(p) ? tagged(p, p.stored) : p.selfOK && (!key || p.stored < firstV2));

  // 1. Rows genuine where they stand.
  const owner = new Map<number, number>();
  const placed = new Array<number | null>(info.length).fill(null);
  info.forEach((p, i) => {
    const genuine = genuineInPlace(p);
    if (genuine && p.redactionOK && !owner.has(p.stored)) {
      owner.set(p.stored, i);
      placed[i] = p.stored;
    }
  });
  const headOK = !!head && (!key || head.tag === headTag(key, officialId, Number(head.seq), head.hash));
  const maxStored = Math.max(...info.map((p) => p.stored));
  let length = Math.max(cp?.length ?? 0, headOK ? Number(head!.seq) : 0, ...owner.keys());

  // 2. Genuine rows that moved: nearby offsets first, then vacant positions.
  const unplaced = info.map((_, i) => i).filter((i) => placed[i] === null && checkable(info[i]!));
  if (unplaced.length) {
    const limit = Math.max(length, maxStored);
    const vacant = () => {
      const out: number[] = [];
      for (let s = 1; s <= limit && out.length <= MAX_SEARCH; s++) if (!owner.has(s)) out.push(s);
      return out.length <= MAX_SEARCH ? out : [];
    };
    let holes: number[] | null = null;
    let lastDelta = 0;
    for (const i of unplaced) {
      const p = info[i]!;
      if (!p.redactionOK) continue;
      const near = [p.stored - lastDelta, ...[1, 2, 3, 4].flatMap((d) => [p.stored - d, p.stored + d])];
      const tryAt = (s: number) => s >= 1 && !owner.has(s) && tagged(p, s);
      let found = near.find(tryAt);
      if (found === undefined) found = (holes ??= vacant()).find(tryAt);
      if (found !== undefined) {
        owner.set(found, i);
        placed[i] = found;
        lastDelta = p.stored - found;
        holes = null;
      }
    }
    length = Math.max(length, ...owner.keys());
  }

  // 3. Rows no position claims: edited in place, or inserted.
  const editedAt = new Map<number, number>();
  info.forEach((p, i) => {
    if (placed[i] !== null) return;
    const s = p.stored;
    if (!owner.has(s) && !editedAt.has(s) && s <= length) {
      editedAt.set(s, i);
      tampers.push({ kind: 'edited', officialId, seq: s, eventId: p.row.id, what: 'fields' });
    } else tampers.push({ kind: 'inserted', officialId, seq: s, eventId: p.row.id });
  });

  // 4. Positions nobody holds any more.
  const idAt = (s: number) => {
    const i = owner.get(s) ?? editedAt.get(s);
    return i === undefined ? null : info[i]!.row.id;
  };
  for (let s = 1; s <= length; s++) {
    if (owner.has(s) || editedAt.has(s)) continue;
    let e = s;
    while (e + 1 <= length && !owner.has(e + 1) && !editedAt.has(e + 1)) e++;
    const atEnd = e === length;
    tampers.push({ kind: 'deleted', officialId, seqFrom: s, seqTo: e, atEnd, after: idAt(s - 1), before: atEnd ? null : idAt(e + 1) });
    s = e;
  }

  // 5. Moved rows: a shift explained by the insertions and deletions before them is a renumbering;
  //    anything else is a reordering.
  const inserted = tampers
    .filter((t) => t.kind === 'inserted')
    .map((t) => at(t))
    .sort((a, b) => a - b);
  const deleted = tampers
    .flatMap((t) => (t.kind === 'deleted' ? Array.from({ length: t.seqTo - t.seqFrom + 1 }, (_, k) => t.seqFrom + k) : []))
    .sort((a, b) => a - b);
  let renumbered = 0;
  info.forEach((p, i) => {
    const orig = placed[i] ?? null;
    if (orig === null || orig === p.stored) return;
    const shift = countBelow(inserted, p.stored) - countBelow(deleted, orig);
    if (orig + shift === p.stored) renumbered++;
    else tampers.push({ kind: 'reordered', officialId, seq: orig, eventId: p.row.id, foundAt: p.stored });
  });

  // 6. Links between genuine neighbours: a genuine row whose stored hashes were rewritten.
  const firstFinding = () => Math.min(Number.POSITIVE_INFINITY, ...tampers.map(at));
  for (let s = 1; s <= length; s++) {
    const i = owner.get(s);
    if (i === undefined) continue;
    const p = info[i]!;
    const prevI = owner.get(s - 1);
    const prevHash = s === 1 ? GENESIS_HASH : prevI === undefined ? null : info[prevI]!.row.hash;
    const linked = prevHash === null || p.row.prev_hash === prevHash;
    if (!p.selfOK || !linked) {
      // After an earlier change, later hashes are rewritten as a matter of course; only a rewrite
      // with nothing before it is a finding of its own.
      if (s < firstFinding() && p.stored === s) {
        if (!p.selfOK && checkable(p)) tampers.push({ kind: 'edited', officialId, seq: s, eventId: p.row.id, what: 'chain hash' });
        else if (!checkable(p) && !linked && prevI !== undefined) {
          // Without tags a broken link means the row before was rewritten with a matching hash.
          tampers.push({ kind: 'edited', officialId, seq: s - 1, eventId: info[prevI]!.row.id, what: 'fields' });
        }
      }
    }
  }

  // 7. The checkpoint's head: recomputed over the genuine rows in their original order.
  if (cp && cp.length > 0 && !tampers.some((t) => at(t) <= cp.length)) {
    let hash = GENESIS_HASH;
    let complete = true;
    for (let s = 1; s <= cp.length && complete; s++) {
      const i = owner.get(s);
      if (i === undefined) {
        complete = false;
        break;
      }
      const p = info[i]!;
      if (p.v2) {
        const f = p.fieldsAt(s);
        if (f === null) complete = false;
        else hash = chainHashV2(hash, f);
      } else hash = p.selfOK && p.row.prev_hash === hash ? p.row.hash : 'x';
    }
    if (!complete || hash !== cp.head) {
      tampers.push({
        kind: 'diverged',
        officialId,
        seq: cp.length,
        detail: 'the rows up to the checkpoint no longer hash to its head / không còn khớp điểm kiểm chứng',
      });
    }
  }

  // 8. The head row.
  if (!head) tampers.push({ kind: 'head', officialId, seq: length, detail: 'chain head row missing / mất dòng đầu chuỗi' });
  else if (!headOK)
    tampers.push({ kind: 'head', officialId, seq: Number(head.seq), detail: 'chain head rewritten (tag invalid) / dòng đầu chuỗi bị sửa' });
  else if (Number(head.seq) < Math.max(...owner.keys()))
    tampers.push({ kind: 'head', officialId, seq: Number(head.seq), detail: 'chain head behind its genuine rows / dòng đầu chuỗi bị lùi' });

  tampers.sort((a, b) => at(a) - at(b));
  return { tampers, renumbered };
}

export async function verifyChains(
  db: Db,
  opts: {
    key?: IntegrityKey | null;
    checkpoint?: CheckpointBody | null;
    redactions?: RedactionIndex;
    onProgress?: (officials: number, rows: number) => void;
  } = {},
): Promise<ChainReport> {
  const key = opts.key ?? null;
  const redactions = opts.redactions ?? new Map();
  const heads = new Map((await db.selectFrom('chain_heads').selectAll().execute()).map((h) => [h.official_id, h]));
  const cp = new Map((opts.checkpoint?.chains ?? []).map((c) => [c.officialId, c]));
  const withRows = (await db.selectFrom('events').select('official_id').distinct().execute()).map((r) => r.official_id);
  const officials = [
    ...new Set([...withRows, ...[...heads.values()].filter((h) => Number(h.seq) > 0).map((h) => h.official_id), ...cp.keys()]),
  ].sort();
  const report: ChainReport = { tampers: [], renumbered: 0, rows: 0, officials: officials.length, taggedRows: 0, untaggedRows: 0 };
  let done = 0;
  for (const officialId of officials) {
    const chain: EventRow[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await db
        .selectFrom('events')
        .selectAll()
        .where('official_id', '=', officialId)
        .orderBy('chain_seq')
        .orderBy('id')
        .limit(PAGE)
        .offset(offset)
        .execute();
      chain.push(...page);
      if (page.length < PAGE) break;
    }
    report.rows += chain.length;
    for (const r of chain)
      if (r.tag) report.taggedRows++;
      else report.untaggedRows++;
    const { tampers, renumbered } = analyzeChain(officialId, chain, heads.get(officialId), cp.get(officialId), key, redactions);
    report.tampers.push(...tampers);
    report.renumbered += renumbered;
    opts.onProgress?.(++done, report.rows);
  }
  return report;
}

export function describeTamper(t: Tamper): string {
  const who = `official ${t.officialId}`;
  switch (t.kind) {
    case 'edited':
      return `SỬA / EDITED      ${who} seq ${t.seq}: event ${t.eventId} (${t.what === 'fields' ? 'nội dung / fields' : 'cột băm / chain hash columns'})`;
    case 'inserted':
      return `CHÈN / INSERTED   ${who} seq ${t.seq}: event ${t.eventId} was never written by the server`;
    case 'deleted':
      return `XÓA / DELETED     ${who} seq ${t.seqFrom}${t.seqTo > t.seqFrom ? `–${t.seqTo}` : ''}${t.atEnd ? ' (end of chain: truncated / cắt đuôi)' : ''}${t.after ? ` after event ${t.after}` : ''}${t.before ? ` before event ${t.before}` : ''}`;
    case 'reordered':
      return `ĐỔI CHỖ / REORDERED ${who}: event ${t.eventId} written at seq ${t.seq}, now at seq ${t.foundAt}`;
    case 'chain_deleted':
      return `XÓA CHUỖI / CHAIN DELETED ${who}: all ${t.length} events in the checkpoint are gone`;
    case 'head':
      return `ĐẦU CHUỖI / HEAD  ${who} seq ${t.seq}: ${t.detail}`;
    case 'diverged':
      return `LỆCH / DIVERGED   ${who} up to seq ${t.seq}: ${t.detail}`;
  }
}
