import { describe, expect, it } from 'vitest';
import { action, active, at, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { vn, vnOfficeClock } from '../timeliness/test-support.ts';
import { diffFlags } from './diff-flags.ts';
import { idleAtHolderRule } from './idle-at-holder.ts';
import type { RuleOverrides } from './settings.ts';
import { ruleInput } from './test-support.ts';

const received = [
  action('r', 'desk', at(0, 8), 'receive'),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o', 'spec', at(0, 10), { step: 'Thụ lý' }),
];
const run = (now: number, events: StoredEvent[] = received, settings: RuleOverrides = {}, coverage?: Record<string, number>) =>
  idleAtHolderRule(ruleInput(events, { now, settings, ...(coverage ? { coverage } : {}) }));

describe('idle_at_holder', () => {
  it('fires after more than 8 working hours without an action by the holder', () => {
    expect(run(at(0, 17))).toEqual([]);
    const [flag] = run(at(0, 18));
    expect(flag).toMatchObject({ officialId: 'spec', since: at(0, 17), hoursOver: 1, severity: 'info', evidence: ['f'] });
    expect(flag!.details).toMatchObject({ idleSince: at(0, 9), blamed: true });
  });

  it('escalates with the hours over', () => {
    expect([at(1, 1), at(2, 1)].map((now) => run(now)[0]?.severity)).toEqual(['warning', 'critical']);
  });

  it('restarts from the holder’s last action or active handling, and closes when they act', () => {
    const withActive = [...received, active('a', 'spec', at(0, 10), at(0, 12))];
    expect(run(at(0, 19), withActive)).toEqual([]);
    expect(run(at(0, 19), withActive, { idle_at_holder: { activeCountsAsAction: false } })).toHaveLength(1);
    const before = run(at(0, 18));
    const acted = [...received, action('u', 'spec', at(0, 17, 30), 'update_result')];
    expect(diffFlags(before, run(at(0, 18), acted), at(0, 18)).closed).toHaveLength(1);
  });

  it('follows settings: a longer threshold, or disabled', () => {
    expect(run(at(1, 0), received, { idle_at_holder: { idleHours: 16 } })).toEqual([]);
    expect(run(at(3, 0), received, { idle_at_holder: { enabled: false } })).toEqual([]);
  });

  it('does not blame time before the holder’s known start', () => {
    // Handed over without a recipient at 09:00; spec first shows up at 15:00, and the page names them.
    const viewed = [action('r', 'desk', at(0, 8), 'receive'), action('f', 'desk', at(0, 9), 'forward'), open('o', 'spec', at(0, 15))];
    expect(run(at(2, 0), viewed)).toEqual([]);
    const named = [...viewed.slice(0, 2), open('o', 'spec', at(0, 15), { handlerId: 'spec' })];
    expect(run(at(0, 23), named)).toEqual([]);
    expect(run(at(1, 0), named)[0]).toMatchObject({ since: at(0, 23), details: { heldSince: at(0, 15) } });
  });

  it('does not blame a holder whose extension has been silent for most of the idle time', () => {
    const silent = run(at(1, 9), received, {}, { spec: at(0, 10) });
    expect(silent[0]).toMatchObject({ severity: 'info', details: { blamed: false, reason: 'coverage_gap', coverageGapHours: 23 } });
    const seen = run(at(1, 9), received, {}, { spec: at(1, 8) });
    expect(seen[0]).toMatchObject({ severity: 'warning', details: { blamed: true } });
  });

  it('counts only working hours: a weekend is not idleness', () => {
    const events = [action('r', 'desk', vn(4, 16), 'receive')];
    const input = (now: number) => ruleInput(events, { now, clock: vnOfficeClock });
    expect(idleAtHolderRule(input(vn(7, 16, 30)))).toEqual([]); // 1 h Friday + 4 h + 3 h Monday
    expect(idleAtHolderRule(input(vn(7, 17)))[0]).toMatchObject({ since: vn(7, 16, 30), hoursOver: 0.5 });
  });

  it('is silent when nobody holds the dossier', () => {
    expect(run(at(3, 0), [...received, action('x', 'spec', at(0, 12), 'finish')])).toEqual([]);
    expect(run(at(3, 0), [...received, action('s', 'spec', at(0, 12), 'supplement_request')])).toEqual([]);
  });
});
