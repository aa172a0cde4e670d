import { rebuildDerived } from '../../../api/derive/index.ts';
import type { Report } from '../support/report.ts';
import { compareDerived } from './compare-derived.ts';
import { loadProvince, type LoadedProvince } from './load-province.ts';
import { DERIVE_NOW, describeScale, provinceScale } from './scale.ts';

/**
 * Derivation throughput: a province-year of `units` units is loaded with empty derived tables,
 * then the colleagues' rebuildDerived derives every dossier from the raw events. The in-memory
 * derivation the stats benchmark uses at larger scale is checked against this rebuild row by row.
 */
export async function runDeriveBench(report: Report, opts: { units: number; log: (s: string) => void }): Promise<LoadedProvince> {
  const scale = provinceScale(opts.units / 200);
  opts.log(`derive: loading ${describeScale(scale)} without derived rows`);
  const loaded = await loadProvince(scale, { derived: 'keep', seed: 7 });
  let last = 0;
  const result = await rebuildDerived(loaded.storage.db, {
    now: () => DERIVE_NOW,
    onProgress: (p) => {
      if (performance.now() - last > 15_000) {
        last = performance.now();
        opts.log(`  rebuild ${p.done}/${p.total} dossiers`);
      }
    },
  });
  const rate = (result.total / result.elapsedMs) * 1000;
  report.add({ section: 'derive', name: `full rebuild (${result.total.toLocaleString('en-US')} dossiers, PostgreSQL)`, value: rate, unit: 'dossiers/s', met: result.failed === 0 ? null : false, ...(result.failed ? { note: `${result.failed} dossiers failed to derive` } : {}) });
  report.add({ section: 'derive', name: 'full rebuild of a full-scale province (2,000,000 dossiers), extrapolated', value: 2_000_000 / rate / 60, unit: 'min' });
  const cmp = await compareDerived(loaded.storage.db, loaded.kept!);
  report.add({
    section: 'derive',
    name: 'in-memory bulk derivation equals rebuild (rows of 9 derived tables)',
    value: cmp.differences.length === 0 ? `equal (${cmp.rows.toLocaleString('en-US')} rows)` : `${cmp.differences.length} differences`,
    target: 'equal',
    met: cmp.differences.length === 0,
  });
  for (const d of cmp.differences.slice(0, 10)) report.note(`derive comparison: ${d}`);
  loaded.kept = null;
  return loaded;
}
