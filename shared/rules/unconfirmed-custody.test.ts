import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { evaluateRules } from './evaluate-rules.ts';
import { ruleInput } from './test-support.ts';
import { unconfirmedCustodyRule } from './unconfirmed-custody.ts';

const received = [action('r', 'desk', at(0, 8), 'receive'), open('o', 'desk', at(0, 8, 30))];
const run = (events: StoredEvent[], now: number) => unconfirmedCustodyRule(ruleInput(events, { now }));

describe('unconfirmed_custody', () => {
  it('reviews a hand-over nobody took up, naming the claimant and never blaming the one named', () => {
    const forged = [...received, action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'framed' })];
    expect(run(forged, at(0, 13))).toEqual([]);
    const [flag, ...rest] = run(forged, at(0, 14));
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ rule: 'unconfirmed_custody', officialId: null, since: at(0, 13), severity: 'info', hoursOver: 1 });
    expect(flag!.details).toMatchObject({ kind: 'claimed', holderId: 'framed', claimedBy: 'desk', cause: 'handover', hours: 5 });
    // No other rule names the framed official, however long it waits.
    const all = evaluateRules(ruleInput(forged, { now: at(10, 9), appointmentAt: at(1, 9) }));
    expect(all.filter((f) => f.officialId === 'framed')).toEqual([]);
  });

  it('closes once the receiver takes it up', () => {
    const taken = [...received, action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }), open('s', 'spec', at(0, 16))];
    expect(run(taken, at(0, 17))).toEqual([]);
  });

  it('reviews a challenge that stands, and one the holder refuted, as such', () => {
    const challenged = [...received, open('y0', 'other', at(0, 10)), action('y', 'other', at(0, 11), 'finish')];
    const open_ = run(challenged, at(0, 12));
    expect(open_.map((f) => [f.details.kind, f.details.holderId])).toEqual([
      ['disputed', 'other'],
      ['disputed', 'desk'],
    ]);
    expect(open_[1]!.details.unconfirmedFinish).toMatchObject({ action: 'finish', officialId: 'other' });
    const refuted = run([...challenged, action('u', 'desk', at(0, 12), 'update_result')], at(0, 13));
    expect(refuted.map((f) => [f.details.kind, f.details.holderId, f.severity, f.details.recordHolderId])).toEqual([
      ['refuted', 'other', 'warning', 'desk'],
    ]);
  });

  it('follows settings', () => {
    const forged = [...received, action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'framed' })];
    expect(unconfirmedCustodyRule(ruleInput(forged, { now: at(0, 14), settings: { unconfirmed_custody: { afterHours: 8 } } }))).toEqual([]);
    expect(unconfirmedCustodyRule(ruleInput(forged, { now: at(2, 14), settings: { unconfirmed_custody: { enabled: false } } }))).toEqual(
      [],
    );
  });
});
