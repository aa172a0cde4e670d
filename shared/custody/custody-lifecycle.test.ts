import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { summarizeCustody } from './summarize-custody.ts';
import { action, active, allTimeClock, at, officeHoursClock, open, shuffle } from './test-support.ts';
import type { StoredEvent } from './types.ts';

const H = 3600;

/**
 * Desk clerk → specialist → division head, who returns it to the specialist → division head →
 * agency head → desk clerk, who returns the result. Days are Monday-based; day 7 is next Monday.
 */
const lifecycle: StoredEvent[] = [
  action('e01', 'desk', at(0, 8, 30), 'receive', { step: 'Tiếp nhận' }),
  action('e02', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec', step: 'Tiếp nhận' }),
  open('e03', 'spec', at(0, 10), { step: 'Thụ lý' }),
  active('e04', 'spec', at(0, 10), at(0, 11)),
  active('e05', 'spec', at(0, 10, 30), at(0, 11, 30)),
  action('e06', 'spec', at(2, 15), 'forward', { toOfficialId: 'head', step: 'Thụ lý' }),
  open('e07', 'head', at(3, 9), { step: 'Lãnh đạo phòng duyệt' }),
  action('e08', 'head', at(3, 9, 30), 'return', { toOfficialId: 'spec' }),
  open('e09', 'spec', at(3, 14), { step: 'Thụ lý' }),
  action('e10', 'spec', at(4, 10), 'forward', { toOfficialId: 'head' }),
  action('e11', 'head', at(4, 11), 'approve', { step: 'Lãnh đạo phòng duyệt' }),
  action('e12', 'head', at(4, 11, 30), 'forward', { toOfficialId: 'chief' }),
  action('e13', 'chief', at(7, 9), 'approve', { step: 'Lãnh đạo đơn vị ký' }),
  action('e14', 'chief', at(7, 9, 15), 'forward', { toOfficialId: 'desk' }),
  action('e15', 'desk', at(7, 10), 'return_result', { step: 'Trả kết quả' }),
];
const options = { now: at(8, 12), clock: officeHoursClock };

describe('a full lifecycle with a return to the previous step', () => {
  it('attributes each stretch to its holder in working time', () => {
    const t = buildCustody(lifecycle, options);
    expect(t.segments.map((s) => [s.holderId, s.step, s.endedBy, s.workingSeconds])).toEqual([
      ['desk', 'Tiếp nhận', 'forward', 0.5 * H],
      ['spec', 'Thụ lý', 'forward', 21 * H], // Mon 9–17 less lunch, Tue, Wed to 15:00
      ['head', 'Lãnh đạo phòng duyệt', 'return', 3.5 * H],
      ['spec', 'Thụ lý', 'forward', 8.5 * H],
      ['head', 'Lãnh đạo phòng duyệt', 'forward', 1.5 * H],
      ['chief', 'Lãnh đạo đơn vị ký', 'forward', 5.75 * H], // the weekend in between is not counted
      ['desk', 'Trả kết quả', 'return_result', 0.75 * H],
    ]);
    expect(t.segments.every((s) => s.startKnown)).toBe(true);
    expect(t.segments[1]?.activeSeconds).toBe(1.5 * H);
    expect(t.finished).toEqual({ at: at(7, 10), action: 'return_result' });
    expect(t.pauses).toEqual([]);
    expect(t.viewers).toEqual([]);
    expect(t.anomalies).toEqual([]);
    expect(buildCustody(shuffle([...lifecycle, ...lifecycle], 2025), options)).toEqual(t);
  });

  it('summarises per official: time held, activity, hand-overs and returns', () => {
    expect(summarizeCustody(buildCustody(lifecycle, options))).toEqual([
      {
        officialId: 'chief',
        workingSeconds: 5.75 * H,
        activeSeconds: 0,
        segments: 1,
        handoversIn: 1,
        handoversOut: 1,
        returnsSent: 0,
        returnsReceived: 0,
      },
      {
        officialId: 'desk',
        workingSeconds: 1.25 * H,
        activeSeconds: 0,
        segments: 2,
        handoversIn: 1,
        handoversOut: 1,
        returnsSent: 0,
        returnsReceived: 0,
      },
      {
        officialId: 'head',
        workingSeconds: 5 * H,
        activeSeconds: 0,
        segments: 2,
        handoversIn: 2,
        handoversOut: 2,
        returnsSent: 1,
        returnsReceived: 0,
      },
      {
        officialId: 'spec',
        workingSeconds: 29.5 * H,
        activeSeconds: 1.5 * H,
        segments: 2,
        handoversIn: 2,
        handoversOut: 2,
        returnsSent: 0,
        returnsReceived: 1,
      },
    ]);
  });
});

describe('summary edge cases', () => {
  it('does not count a forward to oneself (next step, same person) as a hand-over', () => {
    const t = buildCustody(
      [
        action('a', 'spec', at(0, 8), 'receive'),
        action('b', 'spec', at(0, 9), 'forward', { toOfficialId: 'spec' }),
        action('c', 'spec', at(0, 10), 'forward', { toOfficialId: 'head' }),
        open('d', 'head', at(0, 10, 30)),
      ],
      { now: at(0, 11), clock: allTimeClock },
    );
    expect(t.segments).toHaveLength(3);
    expect(summarizeCustody(t).map((s) => [s.officialId, s.segments, s.handoversIn, s.handoversOut, s.workingSeconds])).toEqual([
      ['head', 1, 1, 0, H],
      ['spec', 2, 0, 1, 2 * H],
    ]);
  });

  it('counts a hand-over without recipient as out for the sender; whoever the page names later holds from then', () => {
    const t = buildCustody(
      [
        action('a', 'desk', at(0, 8), 'receive'),
        action('b', 'desk', at(0, 9), 'transfer'),
        open('c', 'spec', at(0, 10), { handlerId: 'spec' }),
      ],
      { now: at(0, 11), clock: allTimeClock },
    );
    expect(summarizeCustody(t).map((s) => [s.officialId, s.handoversIn, s.handoversOut, s.workingSeconds])).toEqual([
      ['desk', 0, 1, H],
      ['spec', 0, 0, H],
    ]);
  });

  it("sums only confirmed custody: a hand-over nobody took up is no one's time", () => {
    const t = buildCustody([action('a', 'desk', at(0, 8), 'receive'), action('b', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })], {
      now: at(0, 12),
      clock: allTimeClock,
    });
    expect(summarizeCustody(t).map((s) => [s.officialId, s.workingSeconds, s.handoversOut])).toEqual([['desk', H, 1]]);
  });
});
