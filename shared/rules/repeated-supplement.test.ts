import { describe, expect, it } from 'vitest';
import { action, at } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { repeatedSupplementRule } from './repeated-supplement.ts';
import type { RuleOverrides } from './settings.ts';
import { ruleInput } from './test-support.ts';

const request = (n: number, hour: number): StoredEvent[] => [
  action(`s${n}`, 'spec', at(0, hour), 'supplement_request'),
  action(`d${n}`, 'desk', at(0, hour + 1), 'supplement_done', { toOfficialId: 'spec' }),
];
const start = [action('r', 'desk', at(0, 8), 'receive'), action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })];
const run = (events: StoredEvent[], settings: RuleOverrides = {}) => repeatedSupplementRule(ruleInput(events, { now: at(1, 0), settings }));

describe('repeated_supplement', () => {
  it('allows one request', () => {
    expect(run([...start, ...request(1, 10)])).toEqual([]);
  });

  it('fires at the second, naming who asked, with the extra pause as hours over', () => {
    const [flag] = run([...start, ...request(1, 10), ...request(2, 13)]);
    expect(flag).toMatchObject({ since: at(0, 13), officialId: 'spec', severity: 'warning', hoursOver: 1, evidence: ['s1', 's2'] });
    expect(flag!.details).toMatchObject({ requests: 2, countsLate: true });
  });

  it('escalates at the third, keeping its key', () => {
    const two = run([...start, ...request(1, 10), ...request(2, 13)]);
    const three = run([...start, ...request(1, 10), ...request(2, 13), ...request(3, 15)]);
    expect(three[0]).toMatchObject({ key: two[0]!.key, severity: 'critical', hoursOver: 2 });
  });

  it('does not count a request repeated while the citizen still has the first', () => {
    const again = [
      ...start,
      action('s1', 'spec', at(0, 10), 'supplement_request'),
      action('s1b', 'spec', at(0, 10, 5), 'supplement_request'),
    ];
    expect(run(again)).toEqual([]);
  });

  it('follows settings', () => {
    const events = [...start, ...request(1, 10), ...request(2, 13)];
    expect(run(events, { repeated_supplement: { maxRequests: 2 } })).toEqual([]);
    expect(run(events, { repeated_supplement: { enabled: false } })).toEqual([]);
  });
});
