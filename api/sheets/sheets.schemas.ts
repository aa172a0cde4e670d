import { z } from 'zod';
import { safeText } from '../../shared/schemas/safe-text.ts';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';
import { sheetPeriodSchema } from './sheet-period.ts';
import { kpiSettingsSchema } from './kpi-settings.ts';

export const sheetIssueSchema = z
  .object({
    subject: z.object({ kind: z.enum(['official', 'unit']), id: safeText({ min: 1, max: 100 }) }).strict(),
    period: sheetPeriodSchema,
    /** The KPI settings version to compute with; the latest when left out. */
    settingsVersion: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const sheetSeenSchema = z.object({ comment: safeText({ min: 1, max: 2000 }).optional() }).strict();
/** The unit head's remark when signing, kept in the audit log entry. */
export const sheetSignSchema = z.object({ note: safeText({ min: 1, max: 2000 }).optional() }).strict();
export const sheetListQuerySchema = z
  .object({ unitId: unitIdSchema.optional(), officialId: z.string().min(1).max(100).optional() })
  .strict();
export const sheetIdSchema = z.uuid();
export { kpiSettingsSchema };

const body = z.looseObject({
  format: z.literal('dossier-pulse-kpi-sheet/1'),
  subject: z.looseObject({ kind: z.enum(['official', 'unit']), id: z.string(), name: z.string() }),
  period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
  settingsVersion: z.number().int(),
  received: z.number().int(),
  handled: z.number().int(),
  workingHours: z.number(),
  justifiedHours: z.number(),
  score: z.number(),
});
const meta = {
  id: z.string(),
  unitId: z.string(),
  subject: z.object({ kind: z.enum(['official', 'unit']), id: z.string() }),
  period: z.string(),
  settingsVersion: z.number().int(),
  status: z.enum(['issued', 'seen', 'signed']),
  issuedBy: z.string(),
  issuedAt: z.string(),
  checkpointSeq: z.number().int().nullable(),
  sha256: z.string(),
  commentUntil: z.string(),
  seenAt: z.string().nullable(),
  comment: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
};
export const sheetViewSchema = z.object({ ...meta, body });
export const sheetListSchema = z.object({ sheets: z.array(z.object({ ...meta, subjectName: z.string() })) });
export const sheetRecomputeSchema = z.object({
  id: z.string(),
  identical: z.boolean(),
  sha256: z.string(),
  issuedSha256: z.string(),
  body,
});
export const kpiSettingsViewSchema = z.object({ version: z.number().int(), settings: kpiSettingsSchema });
