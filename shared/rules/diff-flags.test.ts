import { describe, expect, it } from 'vitest';
import { diffFlags } from './diff-flags.ts';
import type { Flag } from './types.ts';

const flag = (key: string, severity: Flag['severity'] = 'info', hoursOver = 1): Flag => ({
  key,
  rule: 'idle_at_holder',
  dossierCode: 'd',
  unitId: 'u',
  severity,
  since: 0,
  officialId: 'spec',
  hoursOver,
  evidence: [],
  details: {},
});

describe('diffFlags', () => {
  it('opens new keys, keeps known ones in their current form, and closes the rest at now', () => {
    const diff = diffFlags([flag('a'), flag('b')], [flag('b', 'warning', 9), flag('c')], 1234);
    expect(diff.opened.map((f) => f.key)).toEqual(['c']);
    expect(diff.stillOpen).toEqual([flag('b', 'warning', 9)]);
    expect(diff.closed).toEqual([{ ...flag('a'), closedAt: 1234 }]);
  });

  it('is empty for no change, and counts a repeated current key once', () => {
    expect(diffFlags([], [], 0)).toEqual({ opened: [], stillOpen: [], closed: [] });
    expect(diffFlags([], [flag('a'), flag('a', 'critical')], 0).opened).toEqual([flag('a')]);
  });
});
