import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { handoversOf, pingPongRule } from './ping-pong.ts';
import type { RuleOverrides } from './settings.ts';
import { ruleInput } from './test-support.ts';

const hand = (id: string, from: string, to: string, hour: number, kind: 'forward' | 'return' | 'transfer' = 'forward') =>
  action(id, from, at(0, hour), kind, { toOfficialId: to });
const start = [action('r', 'desk', at(0, 8), 'receive'), hand('h1', 'desk', 'spec', 9)];
/** The receiver of the last hand-over takes it up (a hand-over nobody took up is only a claim). */
const took = (who: string, hour: number) => open(`took-${who}-${hour}`, who, at(0, hour, 30));
const run = (events: StoredEvent[], settings: RuleOverrides = {}) => pingPongRule(ruleInput(events, { now: at(1, 9), settings }));

describe('ping_pong', () => {
  it('fires at the third hand-over between the same two officials, either direction', () => {
    const events = [...start, hand('h2', 'spec', 'head', 10), hand('h3', 'head', 'spec', 11, 'transfer'), hand('h4', 'spec', 'head', 12)];
    expect(run(events)).toEqual([]);
    const [flag, ...rest] = run([...events, took('head', 12)]);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ since: at(0, 12), officialId: 'spec', severity: 'info', evidence: ['h2', 'h3', 'h4'], hoursOver: 21 });
    expect(flag!.details).toMatchObject({ kind: 'pair', pair: ['head', 'spec'], count: 3, threshold: 3 });
    expect(flag!.key.endsWith('|pair:head~spec')).toBe(true);
  });

  it('does not fire at two hand-overs, nor count a forward to oneself', () => {
    expect(run([...start, hand('h2', 'spec', 'head', 10), hand('h3', 'head', 'spec', 11)])).toEqual([]);
    const self = [
      ...start,
      hand('h2', 'spec', 'spec', 10),
      hand('h3', 'spec', 'spec', 11),
      hand('h4', 'spec', 'head', 12),
      took('head', 12),
    ];
    expect(handoversOf(ruleInput(self, { now: at(1, 0) }), self).map((h) => h.eventId)).toEqual(['h1', 'h4']);
    expect(run(self)).toEqual([]);
  });

  it('fires at two returns, and escalates with the count while keeping its key', () => {
    const twice = [
      ...start,
      hand('h2', 'spec', 'head', 10),
      hand('h3', 'head', 'spec', 11, 'return'),
      hand('h4', 'spec', 'head', 12),
      hand('h5', 'head', 'spec', 13, 'return'),
      took('spec', 13),
    ];
    const flags = run(twice);
    const returns = flags.find((f) => f.details.kind === 'returns')!;
    expect(returns).toMatchObject({ since: at(0, 13), officialId: 'head', severity: 'info', evidence: ['h3', 'h5'] });
    const pair = flags.find((f) => f.details.kind === 'pair')!;
    expect(pair).toMatchObject({ since: at(0, 12), severity: 'warning', details: { count: 4 } });

    const more = [
      ...twice,
      hand('h6', 'spec', 'head', 14),
      hand('h7', 'head', 'spec', 15, 'return'),
      hand('h8', 'spec', 'head', 16),
      took('head', 16),
    ];
    const later = run(more);
    expect(later.find((f) => f.key === pair.key)?.severity).toBe('critical');
    expect(later.find((f) => f.key === returns.key)?.severity).toBe('warning');
  });

  it('follows settings', () => {
    const events = [...start, hand('h2', 'spec', 'head', 10), hand('h3', 'head', 'spec', 11), hand('h4', 'spec', 'head', 12)];
    expect(run(events, { ping_pong: { pairHandovers: 4 } })).toEqual([]);
    expect(run(events, { ping_pong: { enabled: false } })).toEqual([]);
  });
});
