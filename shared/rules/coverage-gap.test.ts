import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import { vn, vnOfficeClock } from '../timeliness/test-support.ts';
import { coverageGapRule } from './coverage-gap.ts';
import { diffFlags } from './diff-flags.ts';
import type { RuleOverrides } from './settings.ts';
import { ruleInput } from './test-support.ts';

// The head's page names spec as the handler: spec's custody is confirmed without a sign from spec.
const held = [
  action('r', 'desk', at(0, 8), 'receive'),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('w', 'head', at(0, 9, 5), { handlerId: 'spec' }),
];
const run = (now: number, coverage?: Record<string, number>, settings: RuleOverrides = {}) =>
  coverageGapRule(ruleInput(held, { now, settings, ...(coverage ? { coverage } : {}) }));

describe('coverage_gap', () => {
  it('fires when the holder’s extension has been silent over 8 working hours, marking time unmeasured', () => {
    expect(run(at(0, 18), { spec: at(0, 10) })).toEqual([]);
    const [flag] = run(at(0, 19), { spec: at(0, 10) });
    expect(flag).toMatchObject({ officialId: 'spec', since: at(0, 18), hoursOver: 1, severity: 'info', evidence: ['f'] });
    expect(flag!.details).toMatchObject({ lastSeenAt: at(0, 10), measured: false });
  });

  it('counts silence only while the dossier is in their queue', () => {
    // Silent since last week, but the dossier arrived at 09:00.
    expect(run(at(0, 17), { spec: at(-7, 0) })).toEqual([]);
    expect(run(at(0, 17, 1), { spec: at(-7, 0) })[0]?.since).toBe(at(0, 17));
  });

  it('treats an official never seen as silent, and says nothing without coverage data', () => {
    expect(run(at(0, 18, 1), {})[0]?.details.lastSeenAt).toBeNull();
    expect(run(at(3, 0))).toEqual([]);
  });

  it('closes when the extension is heard from again', () => {
    const before = run(at(0, 19), { spec: at(0, 10) });
    const after = run(at(0, 19), { spec: at(0, 18, 30) });
    expect(diffFlags(before, after, at(0, 19)).closed).toHaveLength(1);
  });

  it('escalates and follows settings', () => {
    expect(run(at(2, 0), { spec: at(0, 10) })[0]?.severity).toBe('warning');
    expect(run(at(3, 0), { spec: at(0, 10) })[0]?.severity).toBe('critical');
    expect(run(at(0, 19), { spec: at(0, 10) }, { coverage_gap: { silentHours: 16 } })).toEqual([]);
    expect(run(at(0, 19), { spec: at(0, 10) }, { coverage_gap: { enabled: false } })).toEqual([]);
  });

  it('counts working hours on an office calendar', () => {
    const events = [action('r', 'desk', vn(4, 15), 'receive')];
    const input = (now: number) => ruleInput(events, { now, clock: vnOfficeClock, coverage: { desk: vn(4, 15) } });
    expect(coverageGapRule(input(vn(7, 15, 30)))).toEqual([]); // 2 h Friday + 4 h + 2 h Monday
    expect(coverageGapRule(input(vn(7, 16)))[0]).toMatchObject({ since: vn(7, 15, 30), hoursOver: 0.5 });
  });
});
