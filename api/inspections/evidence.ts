import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { dossierDetail } from '../dossiers/dossiers.repository.ts';

export type FrozenEvidence = Awaited<ReturnType<typeof freezeEvidence>>;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * What the inspector sees of a dossier at the draw, copied: the timeline exactly as the dossier
 * route shows it (segments measured up to now, pauses, every flag with its evidence event ids),
 * each raw event with its place in its official's hash chain, and the officials named, so the
 * printed report needs nothing that may change later. The chain hashes let anyone check, with
 * `npm run verify`, that the raw events behind the evidence were not altered since.
 */
export async function freezeEvidence(db: Db, code: string, units: readonly string[], now: number) {
  const detail = await dossierDetail(db, code, { kind: 'units', units: [...units] }, now);
  const ids = detail.events.map((e) => e.id);
  const chain = ids.length
    ? await db
        .selectFrom('events')
        .select(['id', 'unit_id', 'chain_seq', 'hash'])
        .where('dossier_code', '=', code)
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(chain.map((r) => [r.id, r]));
  const named = new Set<string>();
  for (const s of detail.segments) named.add(s.holder.id);
  for (const f of detail.flags) if (f.officialId) named.add(f.officialId);
  for (const e of detail.events) {
    named.add(e.officialId);
    if (e.toOfficialId) named.add(e.toOfficialId);
  }
  const officials = named.size
    ? await db
        .selectFrom('officials')
        .select(['id', 'username', 'display_name', 'unit_id'])
        .where('id', 'in', [...named])
        .orderBy('id')
        .execute()
    : [];
  return {
    frozenAt: new Date(now).toISOString(),
    dossier: detail.dossier,
    segments: detail.segments,
    pauses: detail.pauses,
    flags: detail.flags,
    events: detail.events.map((e) => {
      const row = byId.get(e.id);
      return { ...e, unitId: row?.unit_id ?? null, chainSeq: row ? Number(row.chain_seq) : null, hash: row?.hash ?? null };
    }),
    officials: Object.fromEntries(officials.map((o) => [o.id, { username: o.username, displayName: o.display_name, unitId: o.unit_id }])),
  };
}
