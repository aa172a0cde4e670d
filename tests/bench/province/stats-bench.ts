import { isDeepStrictEqual } from 'node:util';
import { createDeriveContext } from '../../../api/derive/derive-context.ts';
import { dayPeriod, type DayPeriod } from '../../../api/stats/day-period.ts';
import { percentile } from '../support/measure.ts';
import type { Report } from '../support/report.ts';
import { createWorkTable } from './calendar-table.ts';
import type { LoadedProvince } from './load-province.ts';
import { YEAR } from './scale.ts';
import { judge } from '../targets.ts';
import { plainOfficialAnswer, plainUnitAnswer, rollupOfficialAnswer, rollupUnitAnswer } from './plain-stats.ts';

type Answer = (db: LoadedProvince['storage']['db'], unitId: string, p: DayPeriod) => Promise<unknown>;

const KINDS: { name: string; rollup: Answer; plain: Answer }[] = [
  { name: 'per-unit', rollup: rollupUnitAnswer, plain: plainUnitAnswer },
  { name: 'per-official', rollup: rollupOfficialAnswer, plain: plainOfficialAnswer },
];

async function time(fn: () => Promise<unknown>): Promise<[number, unknown]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/**
 * Stats answered from the colleagues' rollups (unitStats, unitOfficialStats) against the same
 * figures rebuilt by plain SQL over raw events, on sample units of a loaded province. Every pair
 * of answers must be equal; latencies are measured warm, rollup and plain runs interleaved so
 * both see the same machine load.
 */
export async function runStatsBench(
  report: Report,
  loaded: LoadedProvince,
  opts: { rounds: number; log: (s: string) => void },
): Promise<void> {
  const db = loaded.storage.db;
  const year = YEAR;
  const clock = await createDeriveContext().calendarFor(db, loaded.province.units[0]!.unitId);
  await createWorkTable(db, clock, year);
  const units = loaded.province.units.map((u) => u.unitId);
  const sample = units.filter((_, i) => i % Math.max(1, Math.floor(units.length / 6)) === 0).slice(0, 6);
  const periods = [
    { name: '30 days', p: dayPeriod(`${year}-10-01`, `${year}-10-30`) },
    { name: 'whole year', p: dayPeriod(`${year}-01-01`, `${year}-12-31`) },
  ];
  for (const { name: periodName, p } of periods) {
    for (const kind of KINDS) {
      const fast: number[] = [];
      /** Whether each rollup sample came right after a plain query (of the previous unit). */
      const afterPlain: boolean[] = [];
      let plainRan = false;
      const slow: number[] = [];
      const unequal: string[] = [];
      for (let round = 0; round < opts.rounds; round++) {
        for (const unitId of sample) {
          const [ms, a] = await time(() => kind.rollup(db, unitId, p));
          fast.push(ms);
          afterPlain.push(plainRan);
          plainRan = false;
          // The plain query is slow by nature: a few runs per unit are enough for its median.
          if (round < (periodName === 'whole year' ? 2 : 3)) {
            const [pms, b] = await time(() => kind.plain(db, unitId, p));
            slow.push(pms);
            plainRan = true;
            if (round === 0 && !isDeepStrictEqual(a, b))
              unequal.push(`${unitId}: rollups ${JSON.stringify(a).slice(0, 300)} ≠ plain ${JSON.stringify(b).slice(0, 300)}`);
          }
        }
      }
      const label = `${kind.name}, ${periodName}`;
      const speedup = percentile(slow, 0.5) / percentile(fast, 0.5);
      judge(report, 'equal', {
        section: 'stats',
        name: `${label}: answers equal (rollups vs plain SQL, ${sample.length} units)`,
        value: unequal.length ? `${unequal.length} unequal` : 'equal',
        met: unequal.length === 0,
      });
      report.add({ section: 'stats', name: `${label}: rollups p50`, value: percentile(fast, 0.5), unit: 'ms' });
      judge(report, 'stats-p95', { section: 'stats', name: `${label}: rollups p95`, value: percentile(fast, 0.95), unit: 'ms' });
      report.add({ section: 'stats', name: `${label}: plain SQL p50`, value: percentile(slow, 0.5), unit: 'ms' });
      report.add({ section: 'stats', name: `${label}: plain SQL p95`, value: percentile(slow, 0.95), unit: 'ms' });
      judge(report, periodName === 'whole year' ? 'stats-speedup-year' : 'stats-speedup-30d', {
        section: 'stats',
        name: `${label}: speed-up (plain p50 / rollups p50)`,
        value: speedup,
        unit: '×',
      });
      for (const u of unequal.slice(0, 3)) report.note(`stats ${label}: ${u}`);
      const slowest = fast
        .map((ms, i) => ({ ms, after: afterPlain[i] }))
        .sort((x, y) => y.ms - x.ms)
        .slice(0, 3);
      report.note(
        `stats ${label}: slowest rollup answers ${slowest.map((x) => `${x.ms.toFixed(1)} ms${x.after ? ' (right after a plain query)' : ''}`).join(', ')}; ${afterPlain.filter(Boolean).length} of ${fast.length} samples came right after one`,
      );
      opts.log(
        `  stats ${label}: rollups p50 ${percentile(fast, 0.5).toFixed(1)} ms, plain p50 ${percentile(slow, 0.5).toFixed(1)} ms${unequal.length ? ', UNEQUAL' : ''}`,
      );
    }
  }
}
