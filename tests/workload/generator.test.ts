import { describe, expect, it } from 'vitest';
import { generateWorkload } from './generator.ts';

/**
 * The demo history (`npm start`) generates a workload ending at the moment it runs: every story
 * must find room whatever that moment is, not only on a working day's afternoon.
 */
describe('a workload ending at any moment', () => {
  const moments = {
    'a Sunday': '2026-11-22T10:00:00+07:00',
    'a Saturday evening': '2026-11-21T21:30:00+07:00',
    'early on a Monday, before work': '2026-11-23T06:00:00+07:00',
    'just after work starts': '2026-11-23T07:40:00+07:00',
    'during Tết': '2026-02-18T10:00:00+07:00',
  };
  for (const [name, iso] of Object.entries(moments)) {
    it(name, () => {
      const now = Date.parse(iso);
      const w = generateWorkload({
        seed: 2026,
        dossiers: 300,
        now,
        start: now - 45 * 86_400_000,
        departments: 1,
        communes: 1,
        rates: { viewed: 0.05 },
      });
      expect(w.dossiers).toHaveLength(300);
      expect(w.dossiers.filter((d) => d.kind === 'viewed').length).toBeGreaterThan(0);
      // Nothing arrives after the moment the workload ends.
      expect(Math.max(...w.batches.map((b) => b.receipt))).toBeLessThanOrEqual(now);
    });
  }
});
