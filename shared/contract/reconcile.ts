import { z } from 'zod';
import { actionKindSchema, unitIdSchema } from '../schemas/dossier.ts';
import { safeText } from '../schemas/safe-text.ts';
import { calendarDaySchema } from '../schemas/strict-dates.ts';

/** The facts an import may keep; every other column of the file is dropped on reading. */
export const LOG_FACTS = ['dossierCode', 'procedureCode', 'step', 'action', 'actor', 'receiver', 'at'] as const;
export type LogFact = (typeof LOG_FACTS)[number];

const header = safeText({ min: 1, max: 120, trim: true });
export const backofficeIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'chữ thường, số, gạch ngang / lower-case letters, digits, hyphens');

/** Which header holds each whitelisted fact; extra action labels beside the national ones. */
export const mappingBodySchema = z.object({
  backoffice: backofficeIdSchema,
  name: safeText({ min: 1, max: 200, trim: true }),
  columns: z.object({
    dossierCode: header,
    action: header,
    actor: header,
    at: header,
    procedureCode: header.optional(),
    step: header.optional(),
    receiver: header.optional(),
  }),
  actions: z.record(safeText({ min: 1, max: 100, trim: true }), actionKindSchema).optional(),
});
export type MappingBody = z.infer<typeof mappingBodySchema>;
export type Mapping = MappingBody & { version: number; createdAt: number };

/**
 * What the simulated back-offices (and many real ones) head their tracking book with: the
 * mapping a preview starts from before an admin saves one of their own.
 */
export const DEFAULT_COLUMNS: MappingBody['columns'] = {
  dossierCode: 'Mã hồ sơ',
  procedureCode: 'Mã thủ tục',
  step: 'Bước xử lý',
  action: 'Thao tác',
  actor: 'Cán bộ thực hiện',
  receiver: 'Cán bộ nhận',
  at: 'Thời gian thực hiện',
};

export const mappingSchema = mappingBodySchema.extend({ version: z.number().int(), createdAt: z.number() });
export const mappingListSchema = z.object({ mappings: z.array(mappingSchema) });

/** A whole file in the body: text for CSV, base64 for xlsx (the 4 MiB body limit of this route). */
export const importBodySchema = z.object({
  backoffice: backofficeIdSchema,
  mappingVersion: z.number().int().positive().optional(),
  /** An unsaved mapping, for a preview before saving it (only with dryRun). */
  columns: mappingBodySchema.shape.columns.optional(),
  format: z.enum(['csv', 'xlsx']),
  content: z.string().min(1).max(5_500_000),
  dryRun: z.boolean().optional(),
  /** The period the export covers (local days); the rows' own first and last days when absent. */
  period: z.object({ from: calendarDaySchema, to: calendarDaySchema }).optional(),
});
export type ImportBody = z.infer<typeof importBodySchema>;

const fact = z.object({
  dossierCode: z.string(),
  procedureCode: z.string().nullable(),
  step: z.string().nullable(),
  action: actionKindSchema,
  actor: z.string(),
  receiver: z.string().nullable(),
  at: z.number(),
});
export const importResultSchema = z.object({
  importId: z.string().nullable(),
  dryRun: z.boolean(),
  mapping: z.object({ backoffice: z.string(), version: z.number().int().nullable() }),
  headers: z.array(z.string()),
  usedColumns: z.array(z.string()),
  droppedColumns: z.array(z.string()),
  preview: z.array(z.object({ row: z.number().int(), facts: fact.nullable(), error: z.string().nullable() })),
  rows: z.object({
    read: z.number().int(),
    valid: z.number().int(),
    stored: z.number().int(),
    alreadyKnown: z.number().int(),
    rejected: z.number().int(),
  }),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  units: z.array(z.object({ unitId: z.string(), from: z.number(), to: z.number() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const reconcileQuerySchema = z.object({
  unitId: unitIdSchema,
  from: calendarDaySchema.optional(),
  to: calendarDaySchema.optional(),
  officialId: z.string().min(1).max(100).optional(),
  toleranceMinutes: z.coerce.number().int().min(0).max(240).optional(),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});

const listed = z.object({
  dossierCode: z.string(),
  action: actionKindSchema,
  officialId: z.string().nullable(),
  account: z.string().nullable(),
  at: z.number(),
  loggedAt: z.number().nullable(),
  eventId: z.string().nullable(),
  profile: z.string().nullable(),
});
export const reconcileResultSchema = z.object({
  unitId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  toleranceMinutes: z.number(),
  covered: z.array(z.object({ unitId: z.string(), from: z.number(), to: z.number() })),
  counts: z.object({ matched: z.number().int(), onlyInLog: z.number().int(), onlyCaptured: z.number().int() }),
  matched: z.array(listed),
  onlyInLog: z.array(listed),
  onlyCaptured: z.array(listed),
  coverage: z.array(
    z.object({
      officialId: z.string().nullable(),
      account: z.string().nullable(),
      displayName: z.string().nullable(),
      logActions: z.number().int(),
      seen: z.number().int(),
      coverage: z.number().nullable(),
      onlyCaptured: z.number().int(),
    }),
  ),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;

const slipLine = z.object({
  giverId: z.string().nullable(),
  giver: z.string().nullable(),
  receiverId: z.string().nullable(),
  receiver: z.string().nullable(),
  at: z.number(),
  action: z.string(),
  step: z.string().nullable(),
  workingHours: z.number().nullable(),
  allottedHours: z.number().nullable(),
  late: z.boolean().nullable(),
  source: z.enum(['captured', 'imported', 'both']),
});
export const slipSchema = z.object({
  dossierCode: z.string(),
  procedureCode: z.string().nullable(),
  lines: z.array(slipLine),
  checkpoint: z.object({ seq: z.number().int(), at: z.number() }).nullable(),
  derivedAt: z.number().nullable(),
});
export type Slip = z.infer<typeof slipSchema>;
export type SlipLine = z.infer<typeof slipLine>;
