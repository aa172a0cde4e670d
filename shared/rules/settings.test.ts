import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETTINGS, resolveSettings, ruleOverridesSchema, ruleSettingsSchema } from './settings.ts';

describe('rule settings', () => {
  it('has valid defaults', () => {
    expect(ruleSettingsSchema.parse(DEFAULT_RULE_SETTINGS)).toEqual(DEFAULT_RULE_SETTINGS);
  });

  it('applies unit overrides, then procedure overrides, at any depth', () => {
    const s = resolveSettings(
      DEFAULT_RULE_SETTINGS,
      { idle_at_holder: { idleHours: 16, severity: { critical: 40 } }, ping_pong: { enabled: false } },
      { idle_at_holder: { idleHours: 24 } },
    );
    expect(s.idle_at_holder).toEqual({ enabled: true, idleHours: 24, activeCountsAsAction: true, severity: { warning: 8, critical: 40 } });
    expect(s.ping_pong.enabled).toBe(false);
    expect(s.overdue).toEqual(DEFAULT_RULE_SETTINGS.overdue);
  });

  it('never edits the defaults it was given', () => {
    const s = resolveSettings(DEFAULT_RULE_SETTINGS, null, undefined);
    s.overdue.severity.critical = 1;
    expect(DEFAULT_RULE_SETTINGS.overdue.severity.critical).toBe(16);
  });

  it('validates stored overrides: partial is fine, unknown or wrong fields are not', () => {
    expect(ruleOverridesSchema.safeParse({ due_soon: { severity: { warning: 0.15 } } }).success).toBe(true);
    expect(ruleOverridesSchema.safeParse({ overdue: { enabeld: false } }).success).toBe(false);
    expect(ruleOverridesSchema.safeParse({ due_soon: { remainingShare: 2 } }).success).toBe(false);
    expect(ruleOverridesSchema.safeParse({ stall: {} }).success).toBe(false);
  });
});
