import { describe, expect, it } from 'vitest';
import { action, active, CODE, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { vn, vnOfficeClock } from '../timeliness/test-support.ts';
import { evaluateRules, RULES } from './evaluate-rules.ts';
import { ruleInput } from './test-support.ts';

/**
 * On office hours (UTC+7): received Monday 08:00, due Friday 17:00. The specialist examines on
 * Monday and Tuesday, asks for a supplement Tuesday 10:00; the citizen brings it Thursday 10:00.
 */
const events: StoredEvent[] = [
  action('r', 'desk', vn(0, 8), 'receive', { step: 'Tiếp nhận', appointmentAt: vn(4, 17) }),
  action('f', 'desk', vn(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o1', 'spec', vn(0, 10), { step: 'Thụ lý' }),
  active('a1', 'spec', vn(0, 10), vn(0, 11)),
  action('s', 'spec', vn(1, 10), 'supplement_request'),
  action('d', 'desk', vn(3, 10), 'supplement_done', { toOfficialId: 'spec' }),
  // spec's own queue lists it, naming spec: the completion's hand-over is confirmed.
  { id: 'l1', kind: 'list_seen', officialId: 'spec', at: vn(3, 11), dossierCode: CODE, handlerId: 'spec' },
];
const evaluate = (now: number, coverage?: Record<string, number>) =>
  evaluateRules(ruleInput(events, { now, clock: vnOfficeClock, appointmentAt: vn(4, 17), ...(coverage ? { coverage } : {}) }));

describe('evaluateRules', () => {
  it('blames nobody while the citizen has the dossier', () => {
    expect(evaluate(vn(3, 9), { spec: vn(3, 9), desk: vn(3, 9) })).toEqual([]);
  });

  it('shifts the appointment by the pause and measures the step across it, worst first', () => {
    const flags = evaluate(vn(9, 9), { spec: vn(9, 8), desk: vn(9, 8) });
    expect(flags.map((f) => [f.rule, f.severity, f.officialId, f.hoursOver])).toEqual([
      // Thursday 10:00 to Wednesday 09:00 without an action: 29 h, 21 over the 8 allowed.
      ['idle_at_holder', 'warning', 'spec', 21],
      // 8.5 h before the pause and 29 h after: 37.5 h of the 24 allotted; the 15 h pause is nobody's.
      ['step_over_allotment', 'warning', 'spec', 13.5],
      // The pause's 15 working hours move Friday 17:00 to Tuesday 17:00.
      ['overdue', 'warning', 'spec', 1.5],
    ]);
    expect(flags[1]).toMatchObject({ since: vn(7, 10, 30), details: { workedHours: 37.5, pausedInBetween: 1 } });
    expect(flags[2]).toMatchObject({ since: vn(8, 17), details: { pausedHours: 15 } });
    expect(flags[2]!.details.contributors).toEqual([{ officialId: 'spec', step: 'THU_LY', hoursOver: 13.5 }]);
  });

  it('sorts worst first and can run a subset of rules', () => {
    const all = evaluate(vn(9, 9), { spec: vn(9, 8), desk: vn(9, 8) });
    const ranks = all.map((f) => ['critical', 'warning', 'info'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(
      evaluateRules(ruleInput(events, { now: vn(9, 9), clock: vnOfficeClock, appointmentAt: vn(4, 17) }), { overdue: RULES.overdue }).map(
        (f) => f.rule,
      ),
    ).toEqual(['overdue']);
  });
});
