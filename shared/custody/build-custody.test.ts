import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { CODE, action, active, allTimeClock, at, open } from './test-support.ts';
import type { CustodyTimeline, StoredEvent } from './types.ts';

const build = (events: StoredEvent[], now = at(0, 17)): CustodyTimeline => buildCustody(events, { now, clock: allTimeClock });
const who = (t: CustodyTimeline) => t.segments.map((s) => [s.holderId, s.from, s.to, s.endedBy, s.startKnown]);
const H = 3600;

describe('receive and hand-overs', () => {
  it('holds from a receive; a forward hands over at its instant, queue time counting to the recipient', () => {
    const t = build(
      [
        action('e1', 'desk', at(0, 8), 'receive', { step: 'Tiếp nhận' }),
        action('e2', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
        open('e3', 'spec', at(0, 11), { step: 'Thụ lý' }),
      ],
      at(0, 12),
    );
    expect(t.dossierCode).toBe(CODE);
    expect(who(t)).toEqual([
      ['desk', at(0, 8), at(0, 9), 'forward', true],
      ['spec', at(0, 9), null, 'open', true],
    ]);
    expect(t.segments.map((s) => [s.step, s.workingSeconds, s.eventIds])).toEqual([
      ['Tiếp nhận', 1 * H, ['e1', 'e2']],
      ['Thụ lý', 3 * H, ['e2', 'e3']],
    ]);
    expect(t.finished).toBeNull();
    expect(t.anomalies).toEqual([]);
  });

  it.each(['return', 'transfer'] as const)('treats %s like a forward', (kind) => {
    const t = build([action('a', 'spec', at(0, 8), 'receive'), action('b', 'spec', at(0, 9), kind, { toOfficialId: 'x' })]);
    expect(who(t)).toEqual([
      ['spec', at(0, 8), at(0, 9), kind, true],
      ['x', at(0, 9), null, 'open', true],
    ]);
  });

  it('after a hand-over without recipient, a view takes nothing; the page naming an official gives it to them from then', () => {
    const events = [
      action('a', 'desk', at(0, 8), 'receive'),
      action('b', 'desk', at(0, 9), 'forward'),
      open('c', 'desk', at(0, 9, 30)),
      open('d', 'spec', at(0, 10)),
    ];
    const t = build(events);
    expect(who(t)).toEqual([['desk', at(0, 8), at(0, 9), 'forward', true]]);
    expect(t.anomalies).toHaveLength(1);
    expect(t.anomalies[0]).toMatch(/^handover_without_recipient: forward by desk .*\(event b\)$/);
    // The pending stretch 09:00–10:00 is nobody's: it is not guessed onto spec.
    const u = build([...events.slice(0, 3), open('d', 'spec', at(0, 10), { handlerId: 'spec' })]);
    expect(who(u)[1]).toEqual(['spec', at(0, 10), null, 'open', true]);
    expect(u.segments[1]).toMatchObject({ evidence: 'confirmed', cause: 'reading', claimedBy: null, blamedSeconds: 7 * H });
  });

  it('after a hand-over without recipient, the next official to act holds from their first sign, inferred', () => {
    const t = build([
      action('a', 'spec', at(0, 8), 'receive'),
      action('b', 'spec', at(0, 9), 'forward'),
      open('o', 'head', at(0, 10)),
      action('c', 'head', at(0, 11), 'update_result'),
    ]);
    expect(who(t)[1]).toEqual(['head', at(0, 10), null, 'open', false]);
    expect(t.segments[1]).toMatchObject({ evidence: 'inferred', cause: 'unassigned', blamedSeconds: 0 });
  });

  it('lets update_result, approve without receiver and apology leave the holder unchanged, whoever does them', () => {
    const t = build([
      action('a', 'spec', at(0, 8), 'receive'),
      action('b', 'spec', at(0, 9), 'update_result'),
      action('c', 'head', at(0, 10), 'approve'),
      action('d', 'chief', at(0, 11), 'apology'),
    ]);
    expect(who(t)).toEqual([['spec', at(0, 8), null, 'open', true]]);
    expect(t.segments[0]?.eventIds).toEqual(['a', 'b']);
    expect(t.anomalies.map((a) => a.split(':')[0])).toEqual(['foreign_neutral_action', 'foreign_neutral_action']);
  });

  it('approve with a named receiver hands the dossier over, like a forward', () => {
    const t = build([
      action('a', 'head', at(0, 8), 'receive'),
      action('b', 'head', at(0, 9), 'approve', { toOfficialId: 'chief' }),
      open('c', 'chief', at(0, 10)),
    ]);
    expect(who(t)).toEqual([
      ['head', at(0, 8), at(0, 9), 'approve', true],
      ['chief', at(0, 9), null, 'open', true],
    ]);
    expect(t.segments.map((s) => s.evidence)).toEqual(['confirmed', 'confirmed']);
  });

  it('recall takes the dossier back to the official who recalls it', () => {
    const t = build([
      action('a', 'desk', at(0, 8), 'receive'),
      action('b', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
      action('c', 'desk', at(0, 10), 'recall'),
    ]);
    expect(who(t)).toEqual([
      ['desk', at(0, 8), at(0, 9), 'forward', true],
      ['spec', at(0, 9), at(0, 10), 'recall', true],
      ['desk', at(0, 10), null, 'open', true],
    ]);
    expect(t.segments.map((s) => s.evidence)).toEqual(['confirmed', 'claimed', 'confirmed']);
    expect(t.anomalies).toEqual([]);
  });

  it('when someone acts without a captured hand-over, custody passes at their first sight of the dossier', () => {
    const t = build([
      action('a', 'desk', at(0, 8), 'receive'),
      action('b', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
      open('c', 'head', at(0, 10)),
      action('d', 'head', at(0, 12), 'forward', { toOfficialId: 'chief' }),
    ]);
    expect(who(t)).toEqual([
      ['desk', at(0, 8), at(0, 9), 'forward', true],
      ['spec', at(0, 9), at(0, 10), 'superseded', true],
      ['head', at(0, 10), at(0, 12), 'forward', false],
      ['chief', at(0, 12), null, 'open', true],
    ]);
    expect(t.anomalies[0]).toMatch(/^custody_without_handover: forward by head while spec held/);
  });
});

describe('end of custody', () => {
  it.each(['reject', 'stop', 'return_result', 'finish'] as const)('%s finishes custody', (kind) => {
    const t = build([action('a', 'desk', at(0, 8), 'receive'), action('b', 'desk', at(0, 9), kind)]);
    expect(who(t)).toEqual([['desk', at(0, 8), at(0, 9), kind, true]]);
    expect(t.finished).toEqual({ at: at(0, 9), action: kind });
  });

  it('keeps the first end; a later return of the result is normal, a later hand-over an anomaly', () => {
    const t = build([
      action('a', 'spec', at(0, 8), 'receive'),
      action('b', 'spec', at(0, 9), 'finish'),
      action('c', 'desk', at(0, 10), 'return_result'),
      action('d', 'desk', at(0, 11), 'forward', { toOfficialId: 'spec' }),
    ]);
    expect(t.finished).toEqual({ at: at(0, 9), action: 'finish' });
    expect(t.segments).toHaveLength(1);
    expect(t.anomalies).toHaveLength(1);
    expect(t.anomalies[0]).toMatch(/^action_after_finish: forward by desk/);
  });
});

describe('supplement pauses', () => {
  const base = [
    action('a', 'desk', at(0, 8), 'receive'),
    action('b', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
    action('c', 'spec', at(0, 10), 'supplement_request'),
    open('d', 'spec', at(0, 11)),
  ];

  it('ends the holder segment and pauses, attributed to nobody, until supplement_done', () => {
    const t = build([...base, action('e', 'desk', at(1, 9), 'supplement_done')], at(1, 10));
    expect(who(t)).toEqual([
      ['desk', at(0, 8), at(0, 9), 'forward', true],
      ['spec', at(0, 9), at(0, 10), 'supplement_request', true],
      ['desk', at(1, 9), null, 'open', true],
    ]);
    expect(t.pauses).toEqual([{ from: at(0, 10), to: at(1, 9), reason: 'supplement', workingSeconds: 23 * H }]);
    expect(t.anomalies).toEqual([]);
  });

  it('gives the dossier to supplement_done toOfficialId when the page names one', () => {
    const t = build([...base, action('e', 'desk', at(1, 9), 'supplement_done', { toOfficialId: 'spec' })], at(1, 10));
    expect(who(t)[2]).toEqual(['spec', at(1, 9), null, 'open', true]);
  });

  it('leaves the pause open until now when the citizen has not supplemented yet', () => {
    const t = build(base, at(0, 15));
    expect(t.pauses).toEqual([{ from: at(0, 10), to: null, reason: 'supplement', workingSeconds: 5 * H }]);
    expect(t.segments.every((s) => s.to !== null)).toBe(true);
  });

  it('lets a stop end the pause and custody without blaming anyone for the wait', () => {
    const t = build([...base, action('e', 'spec', at(3, 9), 'stop')]);
    expect(t.pauses[0]?.to).toBe(at(3, 9));
    expect(t.finished).toEqual({ at: at(3, 9), action: 'stop' });
    expect(t.segments).toHaveLength(2);
  });

  it('flags a second supplement request (it makes the dossier count as late nationally)', () => {
    const t = build([
      ...base,
      action('e', 'desk', at(1, 9), 'supplement_done', { toOfficialId: 'spec' }),
      action('f', 'spec', at(1, 10), 'supplement_request'),
      action('g', 'spec', at(1, 10, 1), 'supplement_request'),
      action('h', 'spec', at(1, 11), 'supplement_request'),
    ]);
    expect(t.pauses).toHaveLength(2);
    // g is the same request posted twice (a double click), h a request made again during the pause.
    expect(t.anomalies.map((a) => a.split(':')[0])).toEqual([
      'repeated_action',
      'multiple_supplement_requests',
      'supplement_requested_again',
    ]);
  });

  it('ends a pause at a hand-over that skipped supplement_done, and says so', () => {
    const t = build([...base, action('e', 'spec', at(1, 9), 'forward', { toOfficialId: 'head' })]);
    expect(t.pauses[0]?.to).toBe(at(1, 9));
    expect(who(t).slice(2)).toEqual([
      ['spec', at(1, 9), at(1, 9), 'forward', false],
      ['head', at(1, 9), null, 'open', true],
    ]);
    expect(t.anomalies[0]).toMatch(/^action_during_pause/);
  });
});

describe('unknown start', () => {
  it('gives the dossier to the first official seen when no reception was captured', () => {
    const t = build([open('a', 'spec', at(0, 10)), action('b', 'spec', at(0, 11), 'forward', { toOfficialId: 'head' })]);
    expect(who(t)).toEqual([
      ['spec', at(0, 10), at(0, 11), 'forward', false],
      ['head', at(0, 11), null, 'open', true],
    ]);
  });

  it('never gives custody to a view: the first action takes it, inferred, and confirms the receiver it names', () => {
    const t = build([open('b', 'spec', at(0, 9, 30)), open('c', 'head', at(0, 9, 45))]);
    expect(who(t)).toEqual([]);
    const u = build([action('a', 'head', at(0, 10), 'forward', { toOfficialId: 'chief' })]);
    expect(who(u)).toEqual([
      ['head', at(0, 10), at(0, 10), 'forward', false],
      ['chief', at(0, 10), null, 'open', true],
    ]);
    expect(u.segments.map((s) => [s.evidence, s.claimedBy])).toEqual([
      ['inferred', null],
      ['claimed', 'head'],
    ]);
  });

  it('does not count opens before the first reception as custody', () => {
    const t = build([
      open('a', 'desk', at(0, 7, 50)),
      active('b', 'desk', at(0, 7, 50), at(0, 8)),
      action('c', 'desk', at(0, 8), 'receive'),
    ]);
    expect(who(t)).toEqual([['desk', at(0, 8), null, 'open', true]]);
    expect(t.viewers).toEqual([{ officialId: 'desk', activeSeconds: 600 }]);
  });

  it('gives an empty timeline for no events and reports events of other dossiers', () => {
    expect(build([])).toEqual({
      dossierCode: '',
      segments: [],
      pauses: [],
      viewers: [],
      finished: null,
      unconfirmedFinish: null,
      anomalies: [],
    });
    const t = build([action('a', 'desk', at(0, 8), 'receive'), { ...open('b', 'x', at(0, 9)), dossierCode: '000.00.12.H32-251117-0008' }]);
    expect(t.anomalies).toEqual(['other_dossier: 1 event(s) of other dossiers ignored']);
  });
});
