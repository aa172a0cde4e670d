import { coverageGapRule } from './coverage-gap.ts';
import { dueSoonRule } from './due-soon.ts';
import { idleAtHolderRule } from './idle-at-holder.ts';
import { overdueRule } from './overdue.ts';
import { pingPongRule } from './ping-pong.ts';
import { repeatedSupplementRule } from './repeated-supplement.ts';
import { stepOverAllotmentRule } from './step-over-allotment.ts';
import { SEVERITY_RANK, type Flag, type Rule, type RuleInput, type RuleName } from './types.ts';
import { unconfirmedCustodyRule } from './unconfirmed-custody.ts';
import { viewedNotActedRule } from './viewed-not-acted.ts';

export const RULES: Readonly<Record<RuleName, Rule>> = {
  overdue: overdueRule,
  due_soon: dueSoonRule,
  idle_at_holder: idleAtHolderRule,
  step_over_allotment: stepOverAllotmentRule,
  ping_pong: pingPongRule,
  repeated_supplement: repeatedSupplementRule,
  viewed_not_acted: viewedNotActedRule,
  coverage_gap: coverageGapRule,
  unconfirmed_custody: unconfirmedCustodyRule,
};

/** Compares flags worst first: severity, then hours over, then key so the order is total. */
export function compareFlags(a: Flag, b: Flag): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.hoursOver - a.hoursOver || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Every enabled rule on one dossier, worst first. */
export function evaluateRules(input: RuleInput, rules: Readonly<Partial<Record<RuleName, Rule>>> = RULES): Flag[] {
  return Object.values(rules)
    .flatMap((rule) => (rule ? rule(input) : []))
    .sort(compareFlags);
}
