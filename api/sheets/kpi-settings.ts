import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';

/**
 * Weights and thresholds of the province's KPI criteria. Versioned like calendars: a new version
 * is added, none is edited, and a sheet names the version it was computed with.
 */
export const kpiSettingsSchema = z
  .object({
    weights: z
      .object({ onTime: z.number().min(0).max(1), withinAllotment: z.number().min(0).max(1), noFlags: z.number().min(0).max(1) })
      .strict(),
    thresholds: z.object({ onTimeTarget: z.number().min(0).max(1) }).strict(),
    /** Working days the official has to comment on a sheet before the unit head may sign it unseen. */
    commentWorkingDays: z.number().int().min(0).max(60),
  })
  .strict()
  .refine(
    (s) => Math.abs(s.weights.onTime + s.weights.withinAllotment + s.weights.noFlags - 1) < 1e-9,
    'trọng số cộng lại bằng 1 / weights sum to 1',
  );
export type KpiSettings = z.infer<typeof kpiSettingsSchema>;

export async function kpiSettings(db: Db, version?: number): Promise<{ version: number; settings: KpiSettings }> {
  let q = db.selectFrom('kpi_settings').selectAll().orderBy('version', 'desc').limit(1);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  if (!row) throw new ApiFailure(404, 'not_found', 'Không có phiên bản tiêu chí KPI này / No such KPI settings version');
  return { version: Number(row.version), settings: kpiSettingsSchema.parse(JSON.parse(row.body)) };
}

export async function addKpiSettings(
  db: Db,
  settings: KpiSettings,
  by: string,
  now: number,
): Promise<{ version: number; settings: KpiSettings }> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('kpi_settings')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('kpi_settings')
      .values({ version, body: JSON.stringify(settings), created_at: now, created_by: by })
      .execute();
    return { version, settings };
  });
}
