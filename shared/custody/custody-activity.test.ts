import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { action, active, allTimeClock, at, officeHoursClock, open } from './test-support.ts';

const H = 3600;

describe('active seconds', () => {
  const handling = [
    action('r', 'desk', at(0, 8), 'receive'),
    action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
    open('o', 'spec', at(0, 9, 55)),
    // Two tabs on the same dossier at once: 10:00–10:30 and 10:15–10:45 are 45 minutes, not 60.
    active('t1', 'spec', at(0, 10), at(0, 10, 30)),
    active('t2', 'spec', at(0, 10, 15), at(0, 10, 45)),
    // The division head supervising while the specialist holds the dossier.
    active('h1', 'head', at(0, 10, 20), at(0, 10, 40)),
    action('g', 'spec', at(0, 11), 'forward', { toOfficialId: 'head' }),
    // Straddles the hand-over: the part after 11:00 is the specialist looking at what they sent.
    active('t3', 'spec', at(0, 10, 50), at(0, 11, 10)),
  ];

  it('counts the union of the holder spans inside the segment, overlapping tabs once', () => {
    const t = buildCustody(handling, { now: at(0, 12), clock: allTimeClock });
    const spec = t.segments[1]!;
    expect(spec.holderId).toBe('spec');
    expect(spec.activeSeconds).toBe(45 * 60 + 10 * 60);
    expect(spec.eventIds).toEqual(['f', 'o', 't1', 't2', 'g', 't3']);
  });

  it('gives non-holders their active time as viewers, and clips open segments and spans at now', () => {
    const t = buildCustody(handling, { now: at(0, 12), clock: allTimeClock });
    expect(t.viewers).toEqual([
      { officialId: 'head', activeSeconds: 20 * 60 },
      { officialId: 'spec', activeSeconds: 10 * 60 },
    ]);
    const later = buildCustody([...handling, active('h2', 'head', at(0, 11, 30), at(0, 13))], {
      now: at(0, 12),
      clock: allTimeClock,
    });
    expect(later.segments[2]).toMatchObject({ holderId: 'head', to: null, workingSeconds: H, activeSeconds: 30 * 60 });
  });

  it('reports an active event without a valid span instead of guessing one', () => {
    const broken = { ...active('x', 'spec', at(0, 10), at(0, 9)) };
    const t = buildCustody([...handling, broken], { now: at(0, 12), clock: allTimeClock });
    expect(t.anomalies).toEqual(['active_without_span: event x has no valid start..end']);
  });
});

describe('working seconds come from the injected calendar', () => {
  it('skips nights, lunch and the weekend with an office-hours clock', () => {
    // Received Friday 16:00, forwarded Monday 09:30: 1 h on Friday + 1.5 h on Monday.
    const t = buildCustody(
      [action('r', 'desk', at(4, 16), 'receive'), action('f', 'desk', at(7, 9, 30), 'forward', { toOfficialId: 'spec' })],
      { now: at(7, 14), clock: officeHoursClock },
    );
    expect(t.segments.map((s) => s.workingSeconds)).toEqual([2.5 * H, 3.5 * H]);
  });

  it('never asks the calendar for a negative span when an event is later than now', () => {
    const t = buildCustody([action('r', 'desk', at(0, 10), 'receive')], { now: at(0, 9), clock: officeHoursClock });
    expect(t.segments[0]).toMatchObject({ workingSeconds: 0, activeSeconds: 0 });
  });
});
