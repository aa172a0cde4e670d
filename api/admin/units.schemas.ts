import { z } from 'zod';
import { safeText } from '../../shared/schemas/safe-text.ts';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';

const unitName = safeText({ min: 1, max: 200 });

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Depth below the listing's root (0 for the root itself). */
  depth: z.number().int().min(0),
  createdAt: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListQuerySchema = z.object({
  /** List the subtree of this unit instead of the caller's whole scope. */
  unitId: unitIdSchema.optional(),
});
export const unitListResponseSchema = z.object({ units: z.array(unitSchema) });

export const createUnitSchema = z.object({ id: unitIdSchema, name: unitName, parentId: unitIdSchema }).strict();
export const updateUnitSchema = z
  .object({ name: unitName.optional(), parentId: unitIdSchema.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.parentId !== undefined, 'cần name hoặc parentId / name or parentId required');
export const unitResponseSchema = z.object({ unit: unitSchema });
