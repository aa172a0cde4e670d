import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import type { RuleOverrides } from './settings.ts';
import { stepOverAllotmentRule } from './step-over-allotment.ts';
import { PROCEDURE, ruleInput } from './test-support.ts';
import type { ProcedureSpec } from './types.ts';

const received = [
  action('r', 'desk', at(0, 8), 'receive', { step: 'Tiếp nhận' }),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o', 'spec', at(0, 10), { step: 'Thụ lý' }),
];
const handedAt = (when: number) => [...received, action('g', 'spec', when, 'forward', { toOfficialId: 'head' })];
const run = (
  events: StoredEvent[],
  now = at(5, 0),
  settings: RuleOverrides = {},
  extra: { coverage?: Record<string, number>; procedure?: ProcedureSpec } = {},
) => stepOverAllotmentRule(ruleInput(events, { now, settings, ...extra })).filter((f) => f.officialId === 'spec');

describe('step_over_allotment', () => {
  it('fires for a finished stint over its 24 h, from the instant it crossed', () => {
    const [flag] = run(handedAt(at(1, 10)));
    expect(flag).toMatchObject({ since: at(1, 9), hoursOver: 1, severity: 'info', evidence: ['f', 'o', 'g'] });
    expect(flag!.key.endsWith('|step:THU_LY')).toBe(true);
    expect(flag!.details).toMatchObject({ step: 'THU_LY', allottedHours: 24, workedHours: 25, current: false, blamed: true });
  });

  it('does not fire at exactly the allotment', () => {
    expect(run(handedAt(at(1, 9)))).toEqual([]);
  });

  it('fires for the current holder and escalates with the ratio worked / allotted', () => {
    expect(run(received, at(1, 12))[0]?.severity).toBe('info');
    expect(run(received, at(1, 21))[0]?.severity).toBe('warning'); // 36 h = 1.5 ×
    expect(run(received, at(2, 9))[0]).toMatchObject({ severity: 'critical', details: { current: true } });
  });

  it('follows tolerance, per-procedure allotments and disabling', () => {
    expect(run(handedAt(at(1, 10)), at(5, 0), { step_over_allotment: { toleranceHours: 1 } })).toEqual([]);
    const flags = run(handedAt(at(1, 12)), at(5, 0), { step_over_allotment: { toleranceHours: 1 } });
    expect(flags[0]).toMatchObject({ since: at(1, 10), hoursOver: 2 });
    const roomy = { ...PROCEDURE, steps: PROCEDURE.steps.map((s) => (s.code === 'THU_LY' ? { ...s, allottedHours: 40 } : s)) };
    expect(run(handedAt(at(1, 12)), at(5, 0), {}, { procedure: roomy })).toEqual([]);
    expect(run(handedAt(at(1, 12)), at(5, 0), { step_over_allotment: { enabled: false } })).toEqual([]);
  });

  it('needs a known step: an unlabelled segment is not measured', () => {
    const unlabelled = [action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })];
    expect(run(unlabelled, at(3, 0))).toEqual([]);
  });

  it('does not count a supplement pause: the time on either side is one stint', () => {
    // 10 h, then the citizen has it for a day, then 4 h more: 14 h of 24.
    const paused = [
      ...received,
      action('s', 'spec', at(0, 19), 'supplement_request'),
      action('d', 'desk', at(1, 19), 'supplement_done', { toOfficialId: 'spec' }),
      action('g', 'spec', at(1, 23), 'forward', { toOfficialId: 'head' }),
    ];
    expect(run(paused)).toEqual([]);
    const tight = { ...PROCEDURE, steps: PROCEDURE.steps.map((s) => (s.code === 'THU_LY' ? { ...s, allottedHours: 12 } : s)) };
    const [flag] = run(paused, at(5, 0), {}, { procedure: tight });
    expect(flag).toMatchObject({ since: at(1, 21), hoursOver: 2, details: { workedHours: 14, pausedInBetween: 1 } });
  });

  it('does not blame the holder when a coverage gap covers most of the overrun', () => {
    // spec's extension last sent anything at 10:00 on Monday; 48 h later the step is 23 h over.
    const [flag] = run(received, at(2, 9), {}, { coverage: { spec: at(0, 10) } });
    expect(flag).toMatchObject({ severity: 'info', officialId: 'spec' });
    expect(flag!.details).toMatchObject({ blamed: false, reason: 'coverage_gap', coverageGapHours: 47 });
    const covered = run(received, at(2, 9), {}, { coverage: { spec: at(2, 8) } });
    expect(covered[0]).toMatchObject({ severity: 'critical', details: { blamed: true } });
  });

  it('does not blame time before the holder’s known start', () => {
    // Handed over without a recipient on Monday 09:00; spec first opened it Tuesday 09:00.
    const inferred = [
      action('r', 'desk', at(0, 8), 'receive'),
      action('f', 'desk', at(0, 9), 'forward'),
      open('o', 'spec', at(1, 9), { step: 'Thụ lý' }),
      action('g', 'spec', at(2, 8), 'forward', { toOfficialId: 'head' }),
    ];
    expect(run(inferred)).toEqual([]);
  });
});
