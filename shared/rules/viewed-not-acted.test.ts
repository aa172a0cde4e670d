import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { vn, vnOfficeClock } from '../timeliness/test-support.ts';
import { diffFlags } from './diff-flags.ts';
import type { RuleOverrides } from './settings.ts';
import { ruleInput } from './test-support.ts';
import { viewedNotActedRule } from './viewed-not-acted.ts';

// at() is UTC: 10:00 and 14:00 UTC are 17:00 and 21:00 on Monday in Vietnam, at(1, 9) Tuesday 16:00.
const start = [action('r', 'desk', at(0, 8), 'receive'), action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })];
const opens = [open('o1', 'spec', at(0, 10)), open('o2', 'spec', at(0, 14)), open('o3', 'spec', at(1, 9))];
const run = (events: StoredEvent[], now = at(1, 12), settings: RuleOverrides = {}) =>
  viewedNotActedRule(ruleInput(events, { now, settings }));

describe('viewed_not_acted', () => {
  it('fires at the third open on a second working day', () => {
    const [flag] = run([...start, ...opens]);
    expect(flag).toMatchObject({ since: at(1, 9), officialId: 'spec', severity: 'info', hoursOver: 3, evidence: ['o1', 'o2', 'o3'] });
    expect(flag!.details).toMatchObject({ opens: 3, workingDays: 2, lastActionAt: null });
  });

  it('needs both: three opens on one day, or two opens on two days, are not enough', () => {
    expect(run([...start, open('o1', 'spec', at(0, 10)), open('o2', 'spec', at(0, 11)), open('o3', 'spec', at(0, 12))])).toEqual([]);
    expect(run([...start, open('o1', 'spec', at(0, 10)), open('o3', 'spec', at(1, 9))])).toEqual([]);
  });

  it('does not count days off, nor opens by someone else', () => {
    // Saturday, Sunday and Monday morning in Vietnam: one working day.
    const events = [
      action('r', 'spec', vn(4, 16), 'receive'),
      open('o1', 'spec', vn(5, 9)),
      open('o2', 'spec', vn(6, 9)),
      open('o3', 'spec', vn(7, 8)),
    ];
    expect(viewedNotActedRule(ruleInput(events, { now: vn(7, 9), clock: vnOfficeClock }))).toEqual([]);
    expect(run([...start, open('o1', 'head', at(0, 10)), open('o2', 'spec', at(0, 14)), open('o3', 'spec', at(1, 9))])).toEqual([]);
  });

  it('closes when the holder acts, and counts afresh after', () => {
    const before = run([...start, ...opens], at(1, 12));
    const acted = [...start, ...opens, action('u', 'spec', at(1, 11), 'update_result')];
    const after = run(acted, at(1, 12));
    expect(diffFlags(before, after, at(1, 12)).closed.map((f) => f.rule)).toEqual(['viewed_not_acted']);
  });

  it('escalates with working days and follows settings', () => {
    const many = [...start, ...opens, open('o4', 'spec', at(2, 9)), open('o5', 'spec', at(3, 9)), open('o6', 'spec', at(4, 9))];
    expect(run(many, at(4, 12))[0]?.severity).toBe('critical');
    expect(run([...start, ...opens], at(1, 12), { viewed_not_acted: { minDays: 3 } })).toEqual([]);
    expect(run([...start, ...opens], at(1, 12), { viewed_not_acted: { enabled: false } })).toEqual([]);
  });
});
