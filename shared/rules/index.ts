export { coverageGapRule } from './coverage-gap.ts';
export { diffFlags } from './diff-flags.ts';
export { dueSoonRule } from './due-soon.ts';
export { compareFlags, evaluateRules, RULES } from './evaluate-rules.ts';
export { flagKey } from './flag.ts';
export { idleAtHolderRule } from './idle-at-holder.ts';
export { overdueRule } from './overdue.ts';
export { handoversOf, pingPongRule } from './ping-pong.ts';
export { repeatedSupplementRule } from './repeated-supplement.ts';
export { DEFAULT_RULE_SETTINGS, resolveSettings, ruleOverridesSchema, ruleSettingsSchema } from './settings.ts';
export { stepOverAllotmentRule } from './step-over-allotment.ts';
export { RULE_NAMES, SEVERITIES, SEVERITY_RANK } from './types.ts';
export { unconfirmedCustodyRule } from './unconfirmed-custody.ts';
export { viewedNotActedRule } from './viewed-not-acted.ts';
export type { FlagDiff } from './diff-flags.ts';
export type { Handover } from './ping-pong.ts';
export type { RuleOverrides, RuleSettings } from './settings.ts';
export type {
  ClosedFlag,
  Flag,
  FlagDetails,
  JsonValue,
  ProcedureSpec,
  ProcedureStep,
  Rule,
  RuleInput,
  RuleName,
  Severity,
} from './types.ts';
