import { z } from 'zod';
import { ruleOverridesSchema } from '../../rules/index.ts';

/**
 * Stall-rule settings are validated by a pluggable schema: by default the overrides schema of
 * shared/rules (what derivation reads back; a stored object it rejects would be silently
 * ignored there), otherwise anything passed as `ruleSettingsSchema` to createAdminRoutes.
 * The OpenAPI document shows this default.
 */
export type RuleSettingsSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;
export const ruleSettingsSchema: RuleSettingsSchema = ruleOverridesSchema;

export const RULE_SCOPE_KINDS = ['default', 'unit', 'procedure'] as const;
export type RuleScope = { kind: 'default'; id: '' } | { kind: 'unit' | 'procedure'; id: string };

export const ruleSettingsResponseSchema = z.object({
  scope: z.object({ kind: z.enum(RULE_SCOPE_KINDS), id: z.string() }),
  /** Null when nothing is set at this scope (the wider scope applies). */
  settings: z.record(z.string(), z.unknown()).nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type RuleSettingsView = z.infer<typeof ruleSettingsResponseSchema>;

/** `default`, `unit:<unit id>` or `procedure:<code>`, as the CLI writes a scope. */
export function parseRuleScope(text: string): RuleScope | null {
  if (text === 'default') return { kind: 'default', id: '' };
  const m = /^(unit|procedure):(.+)$/.exec(text);
  return m ? { kind: m[1] as 'unit' | 'procedure', id: m[2]! } : null;
}
