import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { inUnits } from '../dossiers/dossier-access.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import type { DayPeriod } from '../stats/day-period.ts';
import { riskWeight, type Risk } from './risk-weights.ts';

export type PopulationMember = { code: string; unitId: string; risk: Risk };

/** Beyond this the stored population (needed to replay the draw) gets unwieldy: narrow the period. */
export const MAX_POPULATION = 100_000;
const CHUNK = 500;

/**
 * The dossiers an inspection of these units draws from: received by one of them or held by one of
 * their officials (the same reach as the dossier routes), optionally received in the period,
 * each with its risk now. Sorted by code, so the stored population is stable.
 */
export async function loadPopulation(db: Db, units: readonly string[], period: DayPeriod | null, now: number): Promise<PopulationMember[]> {
  let q = db
    .selectFrom('dossiers')
    .select(['unit_id', 'code', 'timeliness', 'effective_appointment_at', 'finished_at', 'open_flags'])
    .where((eb) => inUnits(eb, units));
  if (period) q = q.where('received_at', '>=', period.fromMs).where('received_at', '<', period.toMs);
  const rows = await q
    .orderBy('code')
    .limit(MAX_POPULATION + 1)
    .execute();
  if (rows.length > MAX_POPULATION) {
    throw new ApiFailure(
      400,
      'population_too_large',
      `Quá ${MAX_POPULATION} hồ sơ: hãy chọn khoảng thời gian / More than ${MAX_POPULATION} dossiers: choose a period`,
    );
  }

  // Only dossiers with open flags need their severities (most have none).
  const flagged = rows.filter((r) => Number(r.open_flags) > 0).map((r) => r.code);
  const bySeverity = new Map<string, Record<string, number>>();
  for (let i = 0; i < flagged.length; i += CHUNK) {
    const chunk = flagged.slice(i, i + CHUNK);
    const counts = await db
      .selectFrom('flags')
      .select((eb) => ['dossier_code', 'severity', eb.fn.countAll<number>().as('n')])
      .where('closed_at', 'is', null)
      .where('unit_id', 'in', [...new Set(chunk.map(unitOfDossier))])
      .where('dossier_code', 'in', chunk)
      .groupBy(['dossier_code', 'severity'])
      .execute();
    for (const c of counts) bySeverity.set(c.dossier_code, { ...bySeverity.get(c.dossier_code), [c.severity]: Number(c.n) });
  }

  return rows.map((r) => ({
    code: r.code,
    unitId: r.unit_id,
    risk: riskWeight(
      {
        timeliness: r.timeliness,
        effectiveAppointmentAt: r.effective_appointment_at === null ? null : Number(r.effective_appointment_at),
        finishedAt: r.finished_at === null ? null : Number(r.finished_at),
        openFlags: bySeverity.get(r.code) ?? {},
      },
      now,
    ),
  }));
}
