import { z } from 'zod';
import { int32, safeText } from '../../schemas/safe-text.ts';
import { procedureCodeSchema, unitIdSchema } from '../../schemas/dossier.ts';

/** The back-office role that holds a step (DOMAIN.md: desk clerk, specialist, division head, agency head). */
export const STEP_ROLES = ['desk_clerk', 'specialist', 'division_head', 'agency_head'] as const;
export const TIME_TYPES = ['working_days', 'calendar_days'] as const;

/** "1 working day = 8 working hours"; a calendar day is 24 hours. */
export const HOURS_PER_DAY: Record<(typeof TIME_TYPES)[number], number> = { working_days: 8, calendar_days: 24 };

export const procedureStepSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,50}$/, 'mã bước: chữ, số, _ . - / step code: letters, digits, _ . -'),
    name: safeText({ min: 1, max: 200 }),
    role: z.enum(STEP_ROLES),
    /** In the procedure's time type: working hours or calendar hours. */
    allottedHours: z
      .number()
      .positive()
      .max(24 * 366),
  })
  .strict();

const definitionFields = {
  name: safeText({ min: 1, max: 500 }),
  /** Prescribed total, in days of `timeType` ("10 ngày làm việc"). */
  totalAmount: z.number().positive().max(366),
  timeType: z.enum(TIME_TYPES),
  steps: z.array(procedureStepSchema).min(1).max(50),
};

type Definition = { totalAmount: number; timeType: (typeof TIME_TYPES)[number]; steps: { code: string; allottedHours: number }[] };

/** Steps must be told apart, and together they cannot take longer than the procedure itself. */
function checkSteps(p: Definition, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  p.steps.forEach((s, i) => {
    if (seen.has(s.code))
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'code'], message: `mã bước ${s.code} bị trùng / duplicate step code` });
    seen.add(s.code);
  });
  const budget = p.totalAmount * HOURS_PER_DAY[p.timeType];
  const used = p.steps.reduce((sum, s) => sum + s.allottedHours, 0);
  if (used > budget + 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['steps'],
      message: `tổng thời gian các bước ${used} giờ vượt ${budget} giờ của thủ tục / steps take ${used} h, more than the procedure's ${budget} h`,
    });
  }
}

export const createProcedureSchema = z
  .object({ code: procedureCodeSchema, unitId: unitIdSchema.optional(), ...definitionFields })
  .strict()
  .superRefine(checkSteps);
export type CreateProcedure = z.infer<typeof createProcedureSchema>;

export const updateProcedureSchema = z
  .object({
    ...definitionFields,
    /** The version the editor started from: a stale edit is refused instead of overwriting another. */
    version: int32().min(1).optional(),
  })
  .strict()
  .superRefine(checkSteps);
export type UpdateProcedure = z.infer<typeof updateProcedureSchema>;

export const procedureSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitId: z.string(),
  totalAmount: z.number(),
  timeType: z.enum(TIME_TYPES),
  steps: z.array(procedureStepSchema),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Procedure = z.infer<typeof procedureSchema>;

export const procedureListQuerySchema = z.object({ unitId: unitIdSchema.optional() });
export const procedureListResponseSchema = z.object({ procedures: z.array(procedureSchema) });
export const procedureResponseSchema = z.object({ procedure: procedureSchema });
