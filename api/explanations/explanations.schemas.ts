import { z } from 'zod';
import { safeText } from '../../shared/schemas/safe-text.ts';
import { dossierCodeSchema, unitIdSchema } from '../../shared/schemas/dossier.ts';

export const reasonCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'mã lý do: chữ thường, số, gạch dưới / reason code: lowercase letters, digits, underscores');

export const explanationCreateSchema = z
  .object({
    subject: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('flag'), key: safeText({ min: 1, max: 300 }) }).strict(),
      z.object({ kind: z.literal('dossier'), code: dossierCodeSchema }).strict(),
    ]),
    reason: reasonCodeSchema,
    text: safeText({ min: 3, max: 1000 }),
  })
  .strict();
export type ExplanationCreate = z.infer<typeof explanationCreateSchema>;

export const explanationDecisionSchema = z.object({ accept: z.boolean(), note: safeText({ min: 1, max: 1000 }) }).strict();
export type ExplanationDecision = z.infer<typeof explanationDecisionSchema>;

export const explanationListQuerySchema = z
  .object({
    unitId: unitIdSchema.optional(),
    officialId: z.string().min(1).max(100).optional(),
    status: z.enum(['pending', 'accepted', 'rejected']).optional(),
  })
  .strict();
export type ExplanationListQuery = z.infer<typeof explanationListQuerySchema>;

export const reasonCreateSchema = z
  .object({ code: reasonCodeSchema, labelVi: safeText({ min: 1, max: 200 }), labelEn: safeText({ min: 1, max: 200 }) })
  .strict();

export const explanationViewSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  officialId: z.string(),
  officialName: z.string(),
  subject: z.object({ kind: z.enum(['flag', 'dossier']), key: z.string() }),
  dossierCode: z.string(),
  reason: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Working hours of the stretch the explanation covers (blame removed when accepted). */
  stretchHours: z.number(),
});
export type ExplanationView = z.infer<typeof explanationViewSchema>;
export const reasonViewSchema = z.object({ code: z.string(), labelVi: z.string(), labelEn: z.string() });
