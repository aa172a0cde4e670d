import { describe, expect, it } from 'vitest';
import { buildCustody } from './build-custody.ts';
import { corroborate, pairActions, type LoggedAction } from './corroborate.ts';
import { action, allTimeClock, at, CODE, open } from './test-support.ts';
import type { CustodyTimeline, StoredEvent } from './types.ts';

const H = 3600;
const build = (events: StoredEvent[]): CustodyTimeline => buildCustody(events, { now: at(1, 8), clock: allTimeClock });
const grades = (t: CustodyTimeline) => t.segments.map((s) => [s.holderId, s.evidence, s.blamedSeconds / H]);
const logged = (
  key: string,
  officialId: string,
  when: number,
  kind: LoggedAction['action'],
  toOfficialId: string | null = null,
): LoggedAction => ({
  key,
  dossierCode: CODE,
  officialId,
  toOfficialId,
  action: kind,
  at: when,
  step: null,
  procedureCode: null,
});
const all = () => true;

describe('the back-office log as a second witness', () => {
  it('pairs same dossier, official and kind within the tolerance, nearest first', () => {
    const captured = [
      action('a', 'desk', at(0, 8, 0) + 30_000, 'receive'),
      action('b', 'desk', at(0, 9, 2), 'forward'),
      action('c', 'desk', at(0, 9, 30), 'forward'),
    ];
    const log = [
      logged('1', 'desk', at(0, 8), 'receive'),
      logged('2', 'desk', at(0, 9, 29), 'forward'),
      logged('3', 'spec', at(0, 10), 'approve'),
    ];
    expect(pairActions(captured, log)).toEqual({
      pairs: [
        [0, 0],
        [2, 1],
      ],
      loose: [],
      onlyCaptured: [1],
      onlyLogged: [2],
    });
  });

  it('a logged hand-over confirms its receiver as the receiver’s own event would, with no event of theirs', () => {
    const captured = [action('r', 'desk', at(0, 8), 'receive'), action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })];
    expect(grades(build(captured))).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'claimed', 0],
    ]);
    const log = [logged('1', 'desk', at(0, 8), 'receive'), logged('2', 'desk', at(0, 9), 'forward', 'spec')];
    const t = build(corroborate(captured, log, all));
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'confirmed', 23],
    ]);
    // Matched, not doubled: the captured events stand, marked as seen by both.
    expect([...new Set(t.segments.flatMap((s) => s.eventIds))]).toEqual(['r', 'f']);
  });

  it('a hand-over only the log has joins custody as an imported event', () => {
    const captured = [action('r', 'desk', at(0, 8), 'receive')];
    const events = corroborate(captured, [logged('1', 'desk', at(0, 8), 'receive'), logged('2', 'desk', at(0, 9), 'forward', 'spec')], all);
    expect(events.find((e) => e.id === 'log:2')).toMatchObject({ witness: 'imported', action: 'forward', toOfficialId: 'spec' });
    expect(grades(build(events))).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'confirmed', 23],
    ]);
  });

  it('a forged captured hand-over the log contradicts is disputed: no custody, no blame, noted', () => {
    const captured = [
      action('r', 'desk', at(0, 8), 'receive'),
      action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
      open('o', 'spec', at(0, 9, 30)),
      // spec "hands it to the leader" — the back-office never saw it.
      action('x', 'spec', at(0, 10), 'forward', { toOfficialId: 'leader' }),
      open('y', 'leader', at(0, 11)),
    ];
    const log = [logged('1', 'desk', at(0, 8), 'receive'), logged('2', 'desk', at(0, 9), 'forward', 'spec')];
    const events = corroborate(captured, log, all);
    expect(events.find((e) => e.id === 'x')?.disputed).toBe(true);
    const t = build(events);
    expect(grades(t)).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'confirmed', 23],
    ]);
    expect(t.anomalies.some((a) => a.startsWith('disputed_by_log:') && a.includes('event x'))).toBe(true);
  });

  it('a logged action whose account is not configured neither disputes nor corroborates the captured one', () => {
    const captured = [action('r', 'desk', at(0, 8), 'receive'), action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' })];
    const log = [logged('1', 'desk', at(0, 8), 'receive'), { ...logged('2', 'desk', at(0, 9), 'forward', 'spec'), officialId: null }];
    expect(pairActions(captured, log)).toMatchObject({ pairs: [[0, 0]], loose: [[1, 1]], onlyCaptured: [], onlyLogged: [] });
    const events = corroborate(captured, log, all);
    expect(events[1]).toEqual(captured[1]);
    expect(grades(build(events))).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'claimed', 0],
    ]);
  });

  it('outside the period the log covers, captured actions count as before', () => {
    const captured = [
      action('r', 'desk', at(0, 8), 'receive'),
      action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
      open('o', 'spec', at(0, 9, 30)),
    ];
    const events = corroborate(captured, [], () => false);
    expect(events).toEqual(captured);
    expect(grades(build(events))).toEqual([
      ['desk', 'confirmed', 1],
      ['spec', 'confirmed', 23],
    ]);
  });
});
