import { describe, expect, it } from 'vitest';
import { action, at, open } from '../custody/test-support.ts';
import { dueSoonRule } from './due-soon.ts';
import { ruleInput } from './test-support.ts';
import type { RuleOverrides } from './settings.ts';

// Received Monday 08:00; five working days of 8 h = 40 h on an all-time clock: due Wednesday 00:00.
const APPOINTMENT = at(2, 0);
const received = [
  action('r', 'desk', at(0, 8), 'receive', { step: 'Tiếp nhận', appointmentAt: APPOINTMENT }),
  action('f', 'desk', at(0, 9), 'forward', { toOfficialId: 'spec' }),
  open('o', 'spec', at(0, 10), { step: 'Thụ lý' }),
];
const run = (now: number, overrides: RuleOverrides = {}, events = received, procedure = undefined as never) =>
  dueSoonRule(ruleInput(events, { now, appointmentAt: APPOINTMENT, settings: overrides, procedure }));
const scoped = (flags: ReturnType<typeof run>, scope: string) => flags.filter((f) => f.details.scope === scope);

describe('due_soon for the whole dossier', () => {
  it('fires at 20 % of the 40 allotted hours left, not before', () => {
    expect(scoped(run(at(1, 15, 59)), 'dossier')).toEqual([]);
    const [flag] = scoped(run(at(1, 16)), 'dossier');
    expect(flag).toMatchObject({ since: at(1, 16), officialId: 'spec', severity: 'info', hoursOver: 0 });
    expect(flag!.key.endsWith('|dossier')).toBe(true);
    expect(flag!.details).toMatchObject({ remainingHours: 8, allottedHours: 40 });
  });

  it('escalates as the share left shrinks, keeping its key', () => {
    const flags = [at(1, 16), at(1, 20), at(1, 22)].map((now) => scoped(run(now), 'dossier')[0]!);
    expect(flags.map((f) => f.severity)).toEqual(['info', 'warning', 'critical']);
    expect(new Set(flags.map((f) => f.key)).size).toBe(1);
  });

  it('hands over to overdue once past, and is silent while paused', () => {
    expect(scoped(run(at(2, 0, 1)), 'dossier')).toEqual([]);
    const paused = [...received, action('s', 'spec', at(1, 10), 'supplement_request')];
    expect(run(at(1, 20), {}, paused)).toEqual([]);
  });

  it('uses reception to appointment without a total, but not after a mid-process start', () => {
    const noTotal = { code: 'x', steps: [] };
    expect(scoped(run(at(1, 16), {}, received, noTotal as never), 'dossier')[0]?.details.allottedHours).toBe(40);
    const midway = [open('o', 'spec', at(0, 10), { step: 'Thụ lý', appointmentAt: APPOINTMENT })];
    expect(run(at(1, 20), {}, midway, noTotal as never)).toEqual([]);
  });

  it('follows a custom share, and can be disabled per scope or as a whole', () => {
    expect(scoped(run(at(1, 4), { due_soon: { remainingShare: 0.5 } }), 'dossier')).toHaveLength(1);
    expect(scoped(run(at(1, 20), { due_soon: { dossier: false } }), 'dossier')).toEqual([]);
    expect(run(at(1, 20), { due_soon: { enabled: false } })).toEqual([]);
  });
});

describe('due_soon for the current step', () => {
  it('fires when 20 % of the step’s 24 h is left (after 19.2 h held)', () => {
    expect(scoped(run(at(1, 4)), 'step')).toEqual([]);
    const [flag] = scoped(run(at(1, 5)), 'step');
    expect(flag).toMatchObject({ since: at(1, 4, 12), officialId: 'spec', severity: 'info' });
    expect(flag!.key.endsWith('|step:THU_LY')).toBe(true);
    expect(flag!.details).toMatchObject({ step: 'THU_LY', workedHours: 20, remainingHours: 4 });
  });

  it('stops when the step is over its allotment (step_over_allotment takes over) or handed on', () => {
    expect(scoped(run(at(1, 9, 1)), 'step')).toEqual([]);
    const handed = [...received, action('g', 'spec', at(1, 6), 'forward', { toOfficialId: 'head' })];
    expect(scoped(run(at(1, 7), {}, handed), 'step')).toEqual([]);
  });
});
