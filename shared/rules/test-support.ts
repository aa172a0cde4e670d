/** Builds rule inputs from events for the rule tests; clocks and event builders come from custody's. */
import { buildCustody } from '../custody/build-custody.ts';
import { allTimeClock, CODE } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import type { TimelinessClock } from '../timeliness/working-time.ts';
import { DEFAULT_RULE_SETTINGS, resolveSettings } from './settings.ts';
import type { RuleOverrides } from './settings.ts';
import type { ProcedureSpec, RuleInput } from './types.ts';

export const UNIT = '000.00.12.H32';

/** Five working days: 4 h at the desk, 24 h examination, 8 h approval, 4 h to return. */
export const PROCEDURE: ProcedureSpec = {
  code: '1.001193.000.00.00.H32',
  totalDays: 5,
  steps: [
    { code: 'TIEP_NHAN', name: 'Tiếp nhận', allottedHours: 4 },
    { code: 'THU_LY', name: 'Thụ lý', allottedHours: 24 },
    { code: 'DUYET', name: 'Lãnh đạo phòng duyệt', allottedHours: 8 },
    { code: 'TRA_KQ', name: 'Trả kết quả', allottedHours: 4 },
  ],
};

export interface InputOptions {
  now: number;
  clock?: TimelinessClock;
  appointmentAt?: number | null;
  procedure?: ProcedureSpec | null;
  settings?: RuleOverrides;
  coverage?: Record<string, number>;
}

export function ruleInput(events: StoredEvent[], options: InputOptions): RuleInput {
  const clock = options.clock ?? allTimeClock;
  return {
    dossierCode: CODE,
    unitId: UNIT,
    procedure: options.procedure === undefined ? PROCEDURE : options.procedure,
    timeline: buildCustody(events, { now: options.now, clock, dossierCode: CODE }),
    events,
    appointmentAt: options.appointmentAt ?? null,
    now: options.now,
    clock,
    settings: resolveSettings(DEFAULT_RULE_SETTINGS, options.settings),
    ...(options.coverage ? { coverage: options.coverage } : {}),
  };
}
