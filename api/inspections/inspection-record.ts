import type { Db } from '../db/connect.ts';
import { canonicalJson } from '../integrity/canonical-json.ts';
import { sha256 } from './evidence.ts';

/**
 * What a closed inspection's audit-log entry commits to: a digest of each part that must not
 * change after closing (the draw and conclusion, each sampled dossier's place, weight, frozen
 * evidence and finding, and each stored report), so a rewritten part is named, not just noticed.
 */
export type InspectionRecord = {
  inspectionId: string;
  unitId: string;
  inspection: string;
  dossiers: { code: string; sample: string; evidence: string; finding: string }[];
  reports: Record<string, string>;
};

export async function inspectionRecord(db: Db, unitId: string, id: string): Promise<InspectionRecord | null> {
  const i = await db.selectFrom('inspections').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
  if (!i) return null;
  const dossiers = await db
    .selectFrom('inspection_dossiers')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('inspection_id', '=', id)
    .orderBy('dossier_code')
    .execute();
  const reports = await db
    .selectFrom('inspection_reports')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('inspection_id', '=', id)
    .orderBy('format')
    .execute();
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    inspectionId: id,
    unitId,
    inspection: sha256(
      canonicalJson({
        inspector: i.inspector_id,
        status: i.status,
        seed: i.seed,
        sampleSize: n(i.sample_size),
        from: i.period_from,
        to: i.period_to,
        algorithm: i.algorithm,
        weighting: i.weighting,
        population: i.population,
        populationSize: n(i.population_size),
        drawnAt: n(i.drawn_at),
        closedAt: n(i.closed_at),
        closedBy: i.closed_by,
        conclusion: i.conclusion,
        checkpoint: n(i.checkpoint_seq),
      }),
    ),
    dossiers: dossiers.map((d) => ({
      code: d.dossier_code,
      sample: sha256(
        canonicalJson({
          position: n(d.position),
          unit: d.dossier_unit_id,
          weight: n(d.weight),
          risk: d.risk,
          drawKey: n(d.draw_key),
          evidenceSha256: d.evidence_sha256,
        }),
      ),
      evidence: sha256(d.evidence),
      finding: sha256(
        canonicalJson({
          justified: n(d.delay_justified),
          responsible: d.responsible_official_id,
          note: d.note,
          by: d.found_by,
          at: n(d.found_at),
        }),
      ),
    })),
    reports: Object.fromEntries(
      reports.flatMap((r) => [
        [r.format, sha256(r.body)],
        [`${r.format}.stored`, r.sha256],
      ]),
    ),
  };
}

/** What differs between the record logged at closing and the one read now, in words. */
export function compareInspectionRecords(logged: InspectionRecord, now: InspectionRecord | null): string[] {
  if (!now) return ['inspection deleted / cuộc kiểm tra bị xóa'];
  const out: string[] = [];
  if (logged.inspection !== now.inspection) out.push('draw, status or conclusion changed / thông tin rút mẫu hoặc kết luận chung bị sửa');
  const was = new Map(logged.dossiers.map((d) => [d.code, d]));
  const is = new Map(now.dossiers.map((d) => [d.code, d]));
  for (const [code, d] of was) {
    const x = is.get(code);
    if (!x) out.push(`dossier ${code} removed from the sample / bị bỏ khỏi mẫu`);
    else {
      if (x.sample !== d.sample) out.push(`dossier ${code}: sample position or weight changed / vị trí hoặc trọng số mẫu bị sửa`);
      if (x.evidence !== d.evidence) out.push(`dossier ${code}: frozen evidence changed / bằng chứng cố định bị sửa`);
      if (x.finding !== d.finding) out.push(`dossier ${code}: finding changed after closing / kết luận bị sửa sau khi kết thúc`);
    }
  }
  for (const code of is.keys()) if (!was.has(code)) out.push(`dossier ${code} added to the sample / bị thêm vào mẫu`);
  for (const format of new Set([...Object.keys(logged.reports), ...Object.keys(now.reports)])) {
    if (format.endsWith('.stored')) continue;
    if (logged.reports[format] !== now.reports[format]) out.push(`report.${format} body rewritten / nội dung biên bản bị sửa`);
    else if (logged.reports[`${format}.stored`] !== now.reports[`${format}.stored`])
      out.push(`report.${format} digest column rewritten / mã băm biên bản bị sửa`);
  }
  return out;
}
