import type { Flag, FlagDetails, RuleInput, RuleName, Severity } from './types.ts';

/**
 * rule | dossier | official | since [| variant]. The variant tells apart flags of one rule that
 * could share the rest (a dossier's and a step's due_soon, a pair's and the returns' ping-pong).
 */
export function flagKey(rule: RuleName, dossierCode: string, officialId: string | null, since: number, variant?: string): string {
  const parts = [rule, dossierCode, officialId ?? '-', String(since)];
  if (variant) parts.push(variant);
  return parts.join('|');
}

export interface Levels {
  warning: number;
  critical: number;
}

/** Higher is worse: critical at or above `critical`, warning at or above `warning`, else info. */
export function escalate(value: number, levels: Levels): Severity {
  if (value >= levels.critical) return 'critical';
  if (value >= levels.warning) return 'warning';
  return 'info';
}

/** Lower is worse (a share of time left). */
export function escalateDown(value: number, levels: Levels): Severity {
  if (value <= levels.critical) return 'critical';
  if (value <= levels.warning) return 'warning';
  return 'info';
}

/** Working hours to two decimals: enough to sort and read, and stable in JSON. */
export function toHours(seconds: number): number {
  return Math.round((seconds / 3600) * 100) / 100;
}

export interface FlagParts {
  rule: RuleName;
  since: number;
  officialId: string | null;
  severity: Severity;
  hoursOver: number;
  evidence: readonly (string | null | undefined)[];
  details: FlagDetails;
  variant?: string;
}

export function createFlag(input: RuleInput, parts: FlagParts): Flag {
  const evidence = [...new Set(parts.evidence.filter((id): id is string => typeof id === 'string'))];
  return {
    key: flagKey(parts.rule, input.dossierCode, parts.officialId, parts.since, parts.variant),
    rule: parts.rule,
    dossierCode: input.dossierCode,
    unitId: input.unitId,
    severity: parts.severity,
    since: parts.since,
    officialId: parts.officialId,
    hoursOver: parts.hoursOver,
    evidence,
    details: parts.details,
  };
}
