import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { action, active, allTimeClock, at, open, shuffle } from './test-support.ts';
import type { StoredEvent } from './types.ts';

const options = { now: at(2, 12), clock: allTimeClock };

const events: StoredEvent[] = [
  open('a0', 'desk', at(0, 7, 55)),
  action('a1', 'desk', at(0, 8), 'receive'),
  action('a2', 'desk', at(0, 8, 30), 'forward', { toOfficialId: 'spec' }),
  active('a3', 'spec', at(0, 9), at(0, 10)),
  active('a4', 'spec', at(0, 9, 30), at(0, 10, 30)),
  action('a5', 'spec', at(0, 11), 'supplement_request'),
  action('a6', 'desk', at(1, 9), 'supplement_done', { toOfficialId: 'spec' }),
  action('a7', 'spec', at(1, 10), 'forward'),
  open('a8', 'head', at(1, 11)),
  active('a9', 'head', at(1, 11), at(1, 11, 20)),
  action('b0', 'head', at(1, 14), 'return', { toOfficialId: 'spec' }),
  action('b1', 'spec', at(2, 9), 'forward', { toOfficialId: 'head' }),
];

describe('order tolerance', () => {
  it('gives the same timeline for any order of the same events, with or without copies', () => {
    const expected = buildCustody(events, options);
    expect(expected.segments.map((s) => [s.holderId, s.startKnown])).toEqual([
      ['desk', true],
      ['spec', true],
      ['spec', true],
      ['head', false],
      ['spec', true],
      ['head', true],
    ]);
    expect(expected.pauses).toHaveLength(1);
    for (let seed = 1; seed <= 30; seed++) {
      const withCopies = [...events, ...events.filter((_, i) => (i + seed) % 3 === 0).map((e) => ({ ...e }))];
      expect(buildCustody(shuffle(withCopies, seed), options)).toEqual(expected);
    }
  });

  it('breaks ties at one instant by action order, then by id', () => {
    const same = at(0, 9);
    // forward is listed after receive, so it runs second even though its id sorts first.
    const t = buildCustody([action('b', 'desk', same, 'forward', { toOfficialId: 'spec' }), action('z', 'desk', same, 'receive')], options);
    expect(t.segments.map((s) => [s.holderId, s.endedBy])).toEqual([
      ['desk', 'forward'],
      ['spec', 'open'],
    ]);
    // Two pages name two officials at the same instant after a hand-over without recipient: the lower id first.
    const u = buildCustody(
      [
        action('r', 'desk', at(0, 8), 'receive'),
        action('f', 'desk', same, 'forward'),
        open('q2', 'x', at(0, 10), { handlerId: 'x' }),
        open('q1', 'y', at(0, 10), { handlerId: 'y' }),
      ],
      options,
    );
    expect(u.segments[1]?.holderId).toBe('y');
  });
});
