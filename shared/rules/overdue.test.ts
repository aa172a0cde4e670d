import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import { vn, vnOfficeClock } from '../timeliness/test-support.ts';
import { diffFlags } from './diff-flags.ts';
import { overdueRule } from './overdue.ts';
import { ruleInput } from './test-support.ts';

const received = [
  action('r', 'desk', at(0, 8), 'receive', { step: 'Tiếp nhận', appointmentAt: at(1, 9) }),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o', 'spec', at(0, 10), { step: 'Thụ lý' }),
];
const run = (events = received, now = at(1, 12), appointmentAt: number | null = at(1, 9), settings = {}) =>
  overdueRule(ruleInput(events, { now, appointmentAt, settings }));

describe('overdue', () => {
  it('fires past the appointment, naming the holder and the contributors over their allotment', () => {
    const [flag, ...rest] = run();
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      rule: 'overdue',
      officialId: 'spec',
      since: at(1, 9),
      hoursOver: 3,
      severity: 'warning',
      key: `overdue|000.00.12.H32-251117-0007|spec|${at(1, 9)}`,
    });
    expect(flag!.evidence).toEqual(['r']);
    // spec has held "Thụ lý" (24 h) for 27 h; desk took 1 h of its 4.
    expect(flag!.details.contributors).toEqual([{ officialId: 'spec', step: 'THU_LY', hoursOver: 3 }]);
    expect(flag!.details.state).toBe('held');
  });

  it('does not fire at the appointment instant, nor without an appointment', () => {
    expect(run(received, at(1, 9))).toEqual([]);
    expect(run(received, at(3, 9), null)).toEqual([]);
  });

  it('escalates to critical after two working days over', () => {
    expect(run(received, at(2, 0, 59))[0]?.severity).toBe('warning');
    expect(run(received, at(2, 1))[0]?.severity).toBe('critical');
  });

  it('can be disabled or made stricter per unit or procedure', () => {
    expect(run(received, at(1, 12), at(1, 9), { overdue: { enabled: false } })).toEqual([]);
    expect(run(received, at(1, 12), at(1, 9), { overdue: { severity: { critical: 2 } } })[0]?.severity).toBe('critical');
  });

  it('keeps a finished late dossier as a record, with nobody holding it', () => {
    const [flag] = run([...received, action('x', 'spec', at(1, 10), 'finish')], at(3, 0));
    expect(flag).toMatchObject({ officialId: null, hoursOver: 1, evidence: ['r', 'x'] });
    expect(flag!.details).toMatchObject({ finishedAt: at(1, 10), state: 'finished' });
  });

  it('does not fire for a dossier finished in time, however late it is now', () => {
    expect(run([...received, action('x', 'spec', at(1, 8), 'finish')], at(5, 0))).toEqual([]);
  });

  describe('supplement pauses shift the appointment (nobody’s time)', () => {
    const paused = [
      ...received,
      action('s', 'spec', at(0, 10), 'supplement_request'),
      action('d', 'desk', at(0, 14), 'supplement_done', { toOfficialId: 'spec' }),
    ];
    it('by the pause’s working time', () => {
      expect(run(paused, at(1, 12))).toEqual([]);
      const [flag] = run(paused, at(1, 14));
      expect(flag).toMatchObject({ since: at(1, 13), hoursOver: 1, evidence: ['r', 's', 'd'] });
      expect(flag!.details.pausedHours).toBe(4);
    });

    it('and not while the citizen still has the dossier', () => {
      const open = paused.slice(0, -1);
      expect(run(open, at(4, 0))).toEqual([]);
    });

    it('but not when the pause began after the appointment', () => {
      const late = [...received, action('s', 'spec', at(1, 10), 'supplement_request')];
      expect(run(late, at(2, 0))[0]).toMatchObject({ since: at(1, 9), officialId: null, details: { state: 'paused' } });
    });
  });

  it('counts working time only on an office calendar', () => {
    // Appointment Friday 17:00 local; on Monday 09:00 it is 1.5 working hours late.
    const events = [action('r', 'desk', vn(0, 8), 'receive')];
    const [flag] = overdueRule(ruleInput(events, { now: vn(7, 9), appointmentAt: vn(4, 17), clock: vnOfficeClock }));
    expect(flag).toMatchObject({ hoursOver: 1.5, officialId: 'desk', since: vn(4, 17) });
  });

  it('closes the flag when an apology sets a new appointment that is not yet past', () => {
    const before = run();
    const after = run([...received, action('a', 'head', at(1, 11), 'apology', { appointmentAt: at(3, 9) })], at(1, 12), at(3, 9));
    const diff = diffFlags(before, after, at(1, 12));
    expect(diff.closed.map((f) => [f.key, f.closedAt])).toEqual([[before[0]!.key, at(1, 12)]]);
    expect(diff.opened).toEqual([]);
  });

  it('follows the holder: a hand-over closes one holder’s flag and opens the next one’s', () => {
    const before = run();
    const handed = [...received, action('g', 'spec', at(1, 13), 'forward', { toOfficialId: 'head' })];
    const after = run([...handed, open('h', 'head', at(1, 13, 30))], at(1, 14));
    const diff = diffFlags(before, after, at(1, 14));
    expect(diff.closed.map((f) => f.officialId)).toEqual(['spec']);
    expect(diff.opened.map((f) => [f.officialId, f.since])).toEqual([['head', at(1, 9)]]);
    // Until head takes it up, the hand-over is only spec's word: nobody is named.
    expect(run(handed, at(1, 14)).map((f) => [f.officialId, f.details.state])).toEqual([[null, 'held']]);
  });

  it('lists an overrun excused by a coverage gap as not measured, not as a contribution', () => {
    const input = ruleInput(received, { now: at(1, 12), appointmentAt: at(1, 9), coverage: { spec: at(0, 10), desk: at(1, 12) } });
    expect(overdueRule(input)[0]?.details).toMatchObject({
      contributors: [],
      notMeasured: [{ officialId: 'spec', step: 'THU_LY', hoursOver: 3 }],
    });
  });
});
