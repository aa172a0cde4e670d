import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { summarizeCustody } from './summarize-custody.ts';
import { action, active, allTimeClock, at, open } from './test-support.ts';
import type { CustodyTimeline, StoredEvent } from './types.ts';

const H = 3600;
const build = (events: StoredEvent[], now = at(1, 8), receivingDesk?: (id: string) => boolean): CustodyTimeline =>
  buildCustody(events, { now, clock: allTimeClock, ...(receivingDesk ? { receivingDesk } : {}) });
const grades = (t: CustodyTimeline) =>
  t.segments.map((s) => [s.holderId, s.evidence, s.contested ? 'contested' : 'record', s.blamedSeconds / H]);
const time = (t: CustodyTimeline) => Object.fromEntries(summarizeCustody(t).map((s) => [s.officialId, s.workingSeconds / H]));

/** desk receives at 08:00 and hands over to spec at 09:00; spec opens it at 09:30 (confirming). */
const handled: StoredEvent[] = [
  action('r', 'desk', at(0, 8), 'receive'),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o', 'spec', at(0, 9, 30)),
];

describe('evidence grades', () => {
  it('a reception, and a hand-over the receiver takes up, are confirmed from the hand-over on', () => {
    const t = build(handled);
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 'record', 1],
      ['spec', 'confirmed', 'record', 23],
    ]);
    expect(t.segments[1]).toMatchObject({ cause: 'handover', claimedBy: 'desk' });
  });

  it('a hand-over nobody took up is only claimed: shown, named claimant, no blame', () => {
    const t = build(handled.slice(0, 2));
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 'record', 1],
      ['spec', 'claimed', 'record', 0],
    ]);
    expect(time(t)).toEqual({ desk: 1 });
  });

  it('a view never makes the viewer a holder, with or without the page naming the holder', () => {
    const viewers = [
      open('v1', 'colleague', at(0, 11), { handlerId: 'spec' }),
      active('v2', 'colleague', at(0, 11), at(0, 11, 20)),
      open('v3', 'inspector', at(0, 12)),
    ];
    const t = build([...handled, ...viewers]);
    expect(t.segments.map((s) => s.holderId)).toEqual(['desk', 'spec']);
    expect(t.viewers.map((v) => v.officialId)).toEqual(['colleague']);
    expect(t.anomalies).toEqual([]);
  });

  it('the page read by a third official confirms a claimed receiver; the claimant re-reading it does not', () => {
    const claimed = handled.slice(0, 2);
    expect(build([...claimed, open('w', 'desk', at(0, 10), { handlerId: 'spec' })]).segments[1]?.evidence).toBe('claimed');
    expect(build([...claimed, open('w', 'head', at(0, 10), { handlerId: 'spec' })]).segments[1]?.evidence).toBe('confirmed');
  });

  it('a reception outside the receiving unit is inferred; the desk of the receiving unit is confirmed', () => {
    const desk = (id: string) => id === 'desk';
    expect(grades(build([action('r', 'stranger', at(0, 8), 'receive')], at(0, 10), desk))).toEqual([['stranger', 'inferred', 'record', 0]]);
    expect(grades(build([action('r', 'desk', at(0, 8), 'receive')], at(0, 10), desk))).toEqual([['desk', 'confirmed', 'record', 2]]);
  });
});

describe('another official’s events never move custody off its holder on their own', () => {
  it('a forged hand-over of a dossier someone else holds is refuted when the holder carries on', () => {
    const forged = [
      ...handled,
      action('x', 'forger', at(0, 11), 'forward', { toOfficialId: 'framed' }),
      action('g', 'spec', at(0, 15), 'forward', { toOfficialId: 'head' }),
      open('h', 'head', at(0, 15, 10)),
    ];
    const t = build(forged);
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 'record', 1],
      ['spec', 'confirmed', 'record', 6],
      ['forger', 'inferred', 'contested', 0],
      ['framed', 'claimed', 'contested', 0],
      ['head', 'confirmed', 'record', 17],
    ]);
    expect(time(t)).toEqual({ desk: 1, spec: 6, head: 17 });
    expect(t.anomalies.some((a) => a.startsWith('challenge_refuted'))).toBe(true);
  });

  it('while a challenge stands, the holder’s blame stops where it began and an end someone else claimed is not counted', () => {
    const t = build([...handled, open('y0', 'other', at(0, 11)), action('y', 'other', at(0, 12), 'finish')]);
    expect(t.finished).toBeNull();
    expect(t.unconfirmedFinish).toEqual({ at: at(0, 12), action: 'finish', officialId: 'other' });
    expect(t.segments[1]).toMatchObject({ holderId: 'spec', to: null, disputedFrom: at(0, 11), blamedSeconds: 2 * H });
    expect(grades(t)[2]).toEqual(['other', 'inferred', 'contested', 0]);
    // The holder acting again refutes the end: their custody ran on all along.
    const u = build([
      ...handled,
      open('y0', 'other', at(0, 11)),
      action('y', 'other', at(0, 12), 'finish'),
      action('z', 'spec', at(0, 16), 'update_result'),
    ]);
    expect(u.unconfirmedFinish).toBeNull();
    expect(u.segments[1]).toMatchObject({ holderId: 'spec', disputedFrom: null, blamedSeconds: 23 * H });
  });

  it('a hand-over the product missed is settled by a second official: the receiver of the next hand-over taking it up', () => {
    const t = build([
      ...handled,
      action('y', 'head', at(0, 14), 'forward', { toOfficialId: 'chief' }),
      action('c', 'chief', at(0, 16), 'finish'),
    ]);
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 'record', 1],
      ['spec', 'confirmed', 'record', 5],
      ['head', 'confirmed', 'record', 0],
      ['chief', 'confirmed', 'record', 2],
    ]);
    expect(t.finished).toEqual({ at: at(0, 16), action: 'finish' });
  });

  it('the page naming someone else, read by a third official, settles it once the one named takes it up', () => {
    const t = build([...handled, open('w', 'head', at(0, 13), { handlerId: 'chief' }), open('c', 'chief', at(0, 14))]);
    expect(grades(t).map(([who, grade, lane]) => [who, grade, lane])).toEqual([
      ['desk', 'confirmed', 'record'],
      ['spec', 'confirmed', 'record'],
      ['chief', 'confirmed', 'record'],
    ]);
    expect(t.segments[1]).toMatchObject({ to: at(0, 13), endedBy: 'superseded' });
  });

  it('an official’s own page naming themselves cannot take a dossier from its holder', () => {
    const t = build([...handled, open('s', 'grabber', at(0, 12), { handlerId: 'grabber' })]);
    expect(t.segments.filter((s) => !s.contested).map((s) => s.holderId)).toEqual(['desk', 'spec']);
    expect(grades(t)[2]).toEqual(['grabber', 'inferred', 'contested', 0]);
  });

  it('a page read just after its reader handed the dossier over is stale, not a return', () => {
    const quick = [...handled.slice(0, 2), open('o', 'spec', at(0, 9, 5))];
    const t = build([...quick, open('stale', 'desk', at(0, 9, 20), { handlerId: 'desk' })]);
    expect(t.segments.map((s) => s.holderId)).toEqual(['desk', 'spec']);
    expect(t.anomalies[0]).toMatch(/^stale_reading/);
    // Later, the same page is the back-office's word (a return the product missed): it contests.
    const later = build([...quick, open('late', 'head', at(0, 11), { handlerId: 'desk' })]);
    expect(later.segments.map((s) => [s.holderId, s.contested])).toEqual([
      ['desk', false],
      ['spec', false],
      ['desk', true],
    ]);
  });
});

describe('one action, once', () => {
  it('a confirm control that fires twice hands over once', () => {
    const twice = [
      action('r', 'desk', at(0, 8), 'receive'),
      action('f1', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
      action('f2', 'desk', at(0, 9, 0.02), 'forward', { toOfficialId: 'spec' }),
      open('o', 'spec', at(0, 10)),
    ];
    const t = build(twice);
    expect(t.segments.map((s) => [s.holderId, s.endedBy])).toEqual([
      ['desk', 'forward'],
      ['spec', 'open'],
    ]);
    expect(t.anomalies).toEqual([expect.stringMatching(/^repeated_action: forward by desk again 1 s after event f1/)]);
  });

  it('the same action again after something else happened, or much later, counts again', () => {
    const t = build([
      action('r', 'desk', at(0, 8), 'receive'),
      action('u1', 'desk', at(0, 9), 'update_result'),
      action('u2', 'desk', at(0, 9, 30), 'update_result'),
    ]);
    expect(t.segments[0]?.eventIds).toEqual(['r', 'u1', 'u2']);
  });
});
