import type { Db } from '../db/connect.ts';
import type { DayPeriod } from '../stats/day-period.ts';

/**
 * The stretches accepted explanations justify: the explaining official's confirmed custody
 * segments of the dossier (one segment when the explanation names its start, else all of
 * theirs), with the working seconds held against them. Figures subtract exactly these seconds
 * from the rollups they were counted in (same holder unit, day, official and step); the time
 * itself still shows, as segments and handled counts, to whoever reviews.
 */
export type JustifiedSegment = {
  explanationId: string;
  reason: string;
  dossierUnitId: string;
  dossierCode: string;
  seq: number;
  holderUnitId: string;
  holderId: string;
  step: string;
  day: string | null;
  blamedSeconds: number;
};

export type JustifiedFilter = {
  dossier?: { unitId: string; code: string };
  units?: readonly string[];
  officialId?: string;
  period?: DayPeriod;
  explanationIds?: readonly string[];
  status?: 'accepted' | 'any';
};

export async function justifiedSegments(db: Db, f: JustifiedFilter): Promise<JustifiedSegment[]> {
  let q = db
    .selectFrom('explanations as e')
    .innerJoin('segments as s', (j) =>
      j
        .onRef('s.unit_id', '=', 'e.dossier_unit_id')
        .onRef('s.dossier_code', '=', 'e.dossier_code')
        .onRef('s.holder_id', '=', 'e.official_id'),
    )
    .where((eb) => eb.or([eb('e.segment_from', 'is', null), eb('s.from_at', '=', eb.ref('e.segment_from'))]))
    .where('s.evidence', '=', 'confirmed')
    .where('s.contested', '=', 0)
    .select([
      'e.id',
      'e.reason',
      's.unit_id',
      's.dossier_code',
      's.seq',
      's.holder_unit_id',
      's.holder_id',
      's.step',
      's.day',
      's.blamed_seconds',
    ]);
  if ((f.status ?? 'accepted') === 'accepted') q = q.where('e.status', '=', 'accepted');
  if (f.dossier) q = q.where('e.dossier_unit_id', '=', f.dossier.unitId).where('e.dossier_code', '=', f.dossier.code);
  if (f.units) q = q.where('s.holder_unit_id', 'in', f.units.length ? [...f.units] : ['']);
  if (f.officialId) q = q.where('s.holder_id', '=', f.officialId);
  if (f.period) q = q.where('s.day', '>=', f.period.from).where('s.day', '<=', f.period.to);
  if (f.explanationIds) q = q.where('e.id', 'in', f.explanationIds.length ? [...f.explanationIds] : ['']);
  const rows = await q.execute();
  // Two accepted explanations of one stretch (a flag and the late dossier) justify it once.
  const seen = new Set<string>();
  const out: JustifiedSegment[] = [];
  for (const r of rows) {
    const key = f.explanationIds
      ? `${r.id}\u0000${r.unit_id}\u0000${r.dossier_code}\u0000${r.seq}`
      : `${r.unit_id}\u0000${r.dossier_code}\u0000${r.seq}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      explanationId: r.id,
      reason: r.reason,
      dossierUnitId: r.unit_id,
      dossierCode: r.dossier_code,
      seq: Number(r.seq),
      holderUnitId: r.holder_unit_id,
      holderId: r.holder_id,
      step: r.step,
      day: r.day,
      blamedSeconds: Number(r.blamed_seconds),
    });
  }
  return out;
}

type Group = 'unit_id' | 'official_id' | 'step';
const columnOf = (g: Group, s: JustifiedSegment) => (g === 'unit_id' ? s.holderUnitId : g === 'official_id' ? s.holderId : s.step);

/**
 * Justified milliseconds per rollup group over a period, rounded per segment exactly as the
 * rollups round them, keyed like the rollup reader keys its groups. Only ended segments (a day)
 * were counted in rollups, so only they are subtracted.
 */
export async function justifiedMsByGroup(
  db: Db,
  filter: { units?: readonly string[]; officialId?: string },
  group: readonly Group[],
  p: DayPeriod,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const s of await justifiedSegments(db, { ...filter, period: p })) {
    if (s.day === null) continue;
    const key = group.map((g) => columnOf(g, s)).join('\u0000');
    out.set(key, (out.get(key) ?? 0) + Math.round(s.blamedSeconds * 1000));
  }
  return out;
}

/** Of these flag keys, those an accepted explanation answered: the flag still shows, marked justified. */
export async function justifiedFlagKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .selectFrom('explanations')
    .select('subject_key')
    .where('subject_kind', '=', 'flag')
    .where('status', '=', 'accepted')
    .where('subject_key', 'in', [...keys])
    .execute();
  return new Set(rows.map((r) => r.subject_key));
}
