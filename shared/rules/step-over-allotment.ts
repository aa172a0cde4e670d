import { dossierEvents } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import { measureStint, stintsOf } from './stints.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * A stint (current or finished) whose working time exceeds its step's allotted hours plus the
 * tolerance. Measured from where blame may start, with supplement pauses left out. When a coverage
 * gap covers most of the overrun, the flag stays (the step did run over) but says the holder is not
 * blamed and stays at info.
 */
export function stepOverAllotmentRule(input: RuleInput): Flag[] {
  const cfg = input.settings.step_over_allotment;
  if (!cfg.enabled) return [];
  const events = dossierEvents(input);
  const flags: Flag[] = [];
  for (const stint of stintsOf(input, events)) {
    const m = measureStint(input, stint, events);
    if (m.allottedSeconds === null || m.overSeconds <= 0 || m.overAt === null || stint.step === null) continue;
    flags.push(
      createFlag(input, {
        rule: 'step_over_allotment',
        variant: `step:${stint.step.code}`,
        since: m.overAt,
        officialId: stint.holderId,
        severity: m.blamed ? escalate(m.workedSeconds / m.allottedSeconds, cfg.severity) : 'info',
        hoursOver: toHours(m.overSeconds),
        evidence: stint.segments.flatMap((s) => s.eventIds),
        details: {
          step: stint.step.code,
          stepName: stint.step.name,
          allottedHours: toHours(m.allottedSeconds),
          workedHours: toHours(m.workedSeconds),
          current: stint.current,
          pausedInBetween: stint.segments.length - 1,
          blamed: m.blamed,
          ...(m.blamed ? {} : { reason: 'coverage_gap', coverageGapHours: toHours(m.gapSeconds) }),
        },
      }),
    );
  }
  return flags;
}
