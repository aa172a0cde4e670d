import type { Db } from '../db/connect.ts';
import type { InspectionDossierTable, InspectionTable } from '../db/tables.ts';
import type { FrozenEvidence } from './evidence.ts';
import type { Risk } from './risk-weights.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export type Person = { id: string; username: string | null; displayName: string | null };
export type People = (id: string | null) => Person | null;

/** Names of the officials an inspection mentions, read now (evidence carries its own frozen names). */
export async function loadPeople(db: Db, ids: Iterable<string | null>): Promise<People> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))];
  const rows = wanted.length
    ? await db.selectFrom('officials').select(['id', 'username', 'display_name']).where('id', 'in', wanted).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id) => (id === null ? null : { id, username: byId.get(id)?.username ?? null, displayName: byId.get(id)?.display_name ?? null });
}

export function summaryView(r: InspectionTable, unitName: string | null, counts: { drawn: number; found: number }, people: People) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName,
    status: r.status,
    inspector: people(r.inspector_id)!,
    seed: r.seed,
    sampleSize: Number(r.sample_size),
    drawnSize: counts.drawn,
    findingsRecorded: counts.found,
    period: { from: r.period_from, to: r.period_to },
    drawnAt: iso(Number(r.drawn_at))!,
    closedAt: iso(r.closed_at === null ? null : Number(r.closed_at)),
    closedBy: people(r.closed_by),
    conclusion: r.conclusion,
  };
}

export function dossierView(d: InspectionDossierTable, people: People) {
  return {
    position: Number(d.position),
    dossierCode: d.dossier_code,
    unitId: d.dossier_unit_id,
    weight: Number(d.weight),
    risk: JSON.parse(d.risk) as Omit<Risk, 'weight'>,
    drawKey: Number(d.draw_key),
    evidence: JSON.parse(d.evidence) as FrozenEvidence,
    evidenceSha256: d.evidence_sha256,
    finding:
      d.delay_justified === null
        ? null
        : {
            delayJustified: Number(d.delay_justified) === 1,
            responsibleOfficial: people(d.responsible_official_id),
            note: d.note ?? '',
            recordedBy: people(d.found_by),
            recordedAt: iso(d.found_at === null ? null : Number(d.found_at))!,
          },
  };
}
export type SampledDossier = ReturnType<typeof dossierView>;

export const reportLinks = (id: string) => ({ html: `/v1/inspections/${id}/report.html`, csv: `/v1/inspections/${id}/report.csv` });
