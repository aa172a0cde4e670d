import { z } from 'zod';

/**
 * Thresholds for severity. What they measure is each rule's own (documented on its schema); for
 * due_soon they are remaining shares, so lower is worse there.
 */
const levelsSchema = z.object({ warning: z.number().min(0), critical: z.number().min(0) }).strict();
const hours = z.number().min(0);
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

const overdueSchema = z
  .object({
    enabled: z.boolean(),
    /** Working hours past the appointment. */
    severity: levelsSchema,
  })
  .strict();
const dueSoonSchema = z
  .object({
    enabled: z.boolean(),
    /** Fire when this share of the allotted time or less is left. */
    remainingShare: share,
    dossier: z.boolean(),
    step: z.boolean(),
    /** Remaining share at or below which the flag is a warning / critical. */
    severity: levelsSchema,
  })
  .strict();
const idleSchema = z
  .object({
    enabled: z.boolean(),
    idleHours: hours,
    /** Active handling on the page (visible, focused, not idle) counts as acting: examining is work. */
    activeCountsAsAction: z.boolean(),
    /** Working hours beyond idleHours. */
    severity: levelsSchema,
  })
  .strict();
const stepSchema = z
  .object({
    enabled: z.boolean(),
    /** Working hours over the allotment tolerated before flagging. */
    toleranceHours: hours,
    /** Ratio worked / allotted. */
    severity: levelsSchema,
  })
  .strict();
const pingPongSchema = z
  .object({
    enabled: z.boolean(),
    /** Hand-overs between the same two officials, either direction. */
    pairHandovers: z.number().int().min(2),
    returns: z.number().int().min(1),
    /** Hand-overs (or returns) beyond the threshold. */
    severity: levelsSchema,
  })
  .strict();
const supplementSchema = z
  .object({
    enabled: z.boolean(),
    maxRequests: count,
    /** Number of requests. */
    severity: levelsSchema,
  })
  .strict();
const viewedSchema = z
  .object({
    enabled: z.boolean(),
    minOpens: z.number().int().min(1),
    minDays: z.number().int().min(1),
    /** Distinct working days with an open. */
    severity: levelsSchema,
  })
  .strict();
const unconfirmedSchema = z
  .object({
    enabled: z.boolean(),
    /** Working hours a claimed or inferred custody may wait for confirmation before review. */
    afterHours: hours,
    /** Working hours of unconfirmed custody. */
    severity: levelsSchema,
  })
  .strict();
const coverageSchema = z
  .object({
    enabled: z.boolean(),
    /** Silence longer than this is a coverage gap; it also excuses other rules when disabled. */
    silentHours: hours,
    /** A holder is not blamed for an overrun when a gap covers at least this share of it. */
    excuseShare: share,
    /** Working hours beyond silentHours. */
    severity: levelsSchema,
  })
  .strict();

export const ruleSettingsSchema = z
  .object({
    /** For "distinct working days"; Vietnam is UTC+7. */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    /** Converts a procedure's total days to hours (DOMAIN.md: 1 working day = 8 working hours). */
    hoursPerWorkingDay: z.number().positive(),
    overdue: overdueSchema,
    due_soon: dueSoonSchema,
    idle_at_holder: idleSchema,
    step_over_allotment: stepSchema,
    ping_pong: pingPongSchema,
    repeated_supplement: supplementSchema,
    viewed_not_acted: viewedSchema,
    coverage_gap: coverageSchema,
    unconfirmed_custody: unconfirmedSchema,
  })
  .strict();
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

const partialLevels = levelsSchema.partial();
/** What a unit or a procedure may override: any subset, at any depth. Validate stored overrides with it. */
export const ruleOverridesSchema = z
  .object({
    utcOffsetMinutes: ruleSettingsSchema.shape.utcOffsetMinutes,
    hoursPerWorkingDay: ruleSettingsSchema.shape.hoursPerWorkingDay,
    overdue: overdueSchema.extend({ severity: partialLevels }).partial(),
    due_soon: dueSoonSchema.extend({ severity: partialLevels }).partial(),
    idle_at_holder: idleSchema.extend({ severity: partialLevels }).partial(),
    step_over_allotment: stepSchema.extend({ severity: partialLevels }).partial(),
    ping_pong: pingPongSchema.extend({ severity: partialLevels }).partial(),
    repeated_supplement: supplementSchema.extend({ severity: partialLevels }).partial(),
    viewed_not_acted: viewedSchema.extend({ severity: partialLevels }).partial(),
    coverage_gap: coverageSchema.extend({ severity: partialLevels }).partial(),
    unconfirmed_custody: unconfirmedSchema.extend({ severity: partialLevels }).partial(),
  })
  .strict()
  .partial();
export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  utcOffsetMinutes: 420,
  hoursPerWorkingDay: 8,
  overdue: { enabled: true, severity: { warning: 0, critical: 16 } },
  due_soon: { enabled: true, remainingShare: 0.2, dossier: true, step: true, severity: { warning: 0.1, critical: 0.05 } },
  idle_at_holder: { enabled: true, idleHours: 8, activeCountsAsAction: true, severity: { warning: 8, critical: 24 } },
  step_over_allotment: { enabled: true, toleranceHours: 0, severity: { warning: 1.5, critical: 2 } },
  ping_pong: { enabled: true, pairHandovers: 3, returns: 2, severity: { warning: 1, critical: 3 } },
  repeated_supplement: { enabled: true, maxRequests: 1, severity: { warning: 2, critical: 3 } },
  viewed_not_acted: { enabled: true, minOpens: 3, minDays: 2, severity: { warning: 3, critical: 5 } },
  coverage_gap: { enabled: true, silentHours: 8, excuseShare: 0.5, severity: { warning: 16, critical: 40 } },
  unconfirmed_custody: { enabled: true, afterHours: 4, severity: { warning: 16, critical: 40 } },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
  return out;
}

/**
 * Defaults, then the unit's overrides, then the procedure's: the most specific wins, because a
 * procedure's nature (a land survey that legitimately sits for days) outweighs a unit's habits.
 * Overrides are trusted here; validate them with ruleOverridesSchema where they are read.
 */
export function resolveSettings(
  defaults: RuleSettings,
  unitOverrides?: RuleOverrides | null,
  procedureOverrides?: RuleOverrides | null,
): RuleSettings {
  // A copy, so a caller editing the result never edits the shared defaults.
  return merge(merge(structuredClone(defaults), unitOverrides ?? undefined), procedureOverrides ?? undefined) as RuleSettings;
}
