import pg from 'pg';
import { sql } from 'kysely';
import { createDeriveContext } from '../../../api/derive/derive-context.ts';
import { loadAllOfficials } from '../../../api/derive/dossier-events.ts';
import { bulkLookups, deriveInMemory, type InMemoryRows } from '../../../api/derive/bulk-derive.ts';
import { createPgWriter } from '../../../api/derive/bulk-writer.ts';
import { mergeDelta } from '../../../api/derive/rollup-delta.ts';
import { DERIVED_TABLES, rebuildDerived } from '../../../api/derive/rebuild.ts';
import { groupBy } from '../../../api/derive/compute-batch.ts';
import type { Report } from '../support/report.ts';
import { compareDerived, expectedTables } from './compare-derived.ts';
import type { LoadedProvince } from './load-province.ts';
import { DERIVE_NOW, FULL_UNITS } from './scale.ts';
import { judge } from '../targets.ts';

const FULL_DOSSIERS = FULL_UNITS * 10_000;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/**
 * Derivation speed on a loaded province-year, three figures side by side:
 * - the pure in-memory rate: the rebuild's own computation (computeBatch and the rows it stores)
 *   over the sample units' events, already in memory, on one thread, no database;
 * - the raw bulk-write rate: those rows written as the rebuild writes them (COPY, rollups added
 *   up, monthly and yearly sums), no computation;
 * - the full rebuild (`rebuildDerived`, as `npm run derive -- --rebuild` runs it) of every dossier.
 * The rebuilt rows of the sample units must equal the in-memory ones.
 */
export async function runDeriveBench(
  report: Report,
  loaded: LoadedProvince,
  opts: { lanes?: number; log: (s: string) => void },
): Promise<void> {
  const db = loaded.storage.db;
  const officials = await loadAllOfficials(db);
  const lookups = bulkLookups(createDeriveContext(), db, officials);
  const byUnit = groupBy(loaded.sample.events, (e) => e.dossierCode.slice(0, e.dossierCode.indexOf('-')));
  // Warm-up (calendars, procedures and settings read and cached; code compiled), not timed.
  const firstCodes = new Set([...new Set(loaded.sample.events.map((e) => e.dossierCode))].slice(0, 300));
  await deriveInMemory(
    loaded.sample.events.filter((e) => firstCodes.has(e.dossierCode)),
    DERIVE_NOW,
    lookups,
  );

  opts.log(`derive: in-memory pass over ${loaded.sample.dossiers.toLocaleString('en-US')} dossiers`);
  const expected: InMemoryRows = { dossiers: [], segments: [], flags: [], daily: { totals: new Map(), buckets: new Map() } };
  const parts: InMemoryRows[] = [];
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (const unitId of loaded.sample.unitIds) {
    const events = byUnit.get(unitId) ?? [];
    // Pages of about the size the rebuild reads, so both hold the same amount at a time.
    for (let i = 0; i < events.length; ) {
      let j = Math.min(events.length, i + 20_000);
      while (j < events.length && events[j]!.dossierCode === events[j - 1]!.dossierCode) j++;
      parts.push(await deriveInMemory(events.slice(i, j), DERIVE_NOW, lookups));
      i = j;
    }
  }
  const memMs = performance.now() - t0;
  const memCpu = cpuMs(c0);
  for (const p of parts) {
    expected.dossiers.push(...p.dossiers);
    expected.segments.push(...p.segments);
    expected.flags.push(...p.flags);
    mergeDelta(expected.daily, p.daily);
  }
  const memRate = (loaded.sample.dossiers / memMs) * 1000;

  opts.log('derive: raw bulk write of the same rows');
  const client = new pg.Client({ connectionString: loaded.database.url });
  await client.connect();
  t0 = performance.now();
  const writer = await createPgWriter(client);
  // Every row of the 9 tables, as the rebuild writes them (by COPY, final rollup rows at once).
  for (const { table, rows } of expectedTables(expected)) await writer.insert(table, rows);
  const writeMs = performance.now() - t0;
  const writtenRows = Number(
    (
      await client.query(
        `select (${DERIVED_TABLES.filter((t) => t !== 'derive_queue')
          .map((t) => `(select count(*) from ${t})`)
          .join(' + ')}) as n`,
      )
    ).rows[0].n,
  );
  await client.end();
  const writeRate = (loaded.sample.dossiers / writeMs) * 1000;

  opts.log(`derive: rebuilding ${loaded.dossiers.toLocaleString('en-US')} dossiers`);
  let last = performance.now();
  c0 = process.cpuUsage();
  const result = await rebuildDerived(db, {
    now: () => DERIVE_NOW,
    lanes: opts.lanes,
    onProgress: (p) => {
      if (performance.now() - last > 15_000) {
        last = performance.now();
        opts.log(`  rebuild ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} dossiers`);
      }
    },
  });
  const rebuildCpu = cpuMs(c0);
  const rate = (result.total / result.elapsedMs) * 1000;
  // What a live database's autovacuum would have done before anyone reads the figures (not timed).
  await sql`vacuum analyze`.execute(db);

  const at = `${result.total.toLocaleString('en-US')} dossiers`;
  report.add({
    section: 'derive',
    name: `pure in-memory derivation, one thread, no database (${loaded.sample.dossiers.toLocaleString('en-US')} dossiers)`,
    value: memRate,
    unit: 'dossiers/s',
    note: `CPU ${(memCpu / 1000).toFixed(1)} s over ${(memMs / 1000).toFixed(1)} s wall: ${Math.round((loaded.sample.dossiers / memCpu) * 1000).toLocaleString('en-US')} dossiers per CPU-second`,
  });
  report.add({
    section: 'derive',
    name: `raw bulk write of the same derived rows by COPY (${writtenRows.toLocaleString('en-US')} rows, indexes in place)`,
    value: writeRate,
    unit: 'dossiers/s',
    note: `${Math.round((writtenRows / writeMs) * 1000).toLocaleString('en-US')} rows/s`,
  });
  report.add({
    section: 'derive',
    name: `full rebuild, PostgreSQL, ${opts.lanes ?? 2} lanes (${at})`,
    value: rate,
    unit: 'dossiers/s',
    headline: true,
    note: `${(result.elapsedMs / 1000).toFixed(1)} s (${Object.entries(result.phases)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(', ')}); the rebuilding process used ${(rebuildCpu / 1000).toFixed(1)} s of CPU`,
  });
  judge(report, 'rebuild-share', {
    section: 'derive',
    name: 'full rebuild ÷ pure in-memory rate',
    value: (rate / memRate) * 100,
    unit: '%',
  });
  report.add({ section: 'derive', name: 'full rebuild ÷ raw bulk-write rate', value: `${((rate / writeRate) * 100).toFixed(0)} %` });
  const minutes = result.elapsedMs / 60_000;
  if (result.total >= FULL_DOSSIERS)
    judge(report, 'rebuild-province', {
      section: 'derive',
      name: `province-year rebuilt (${at}), measured`,
      value: minutes,
      unit: 'min',
      headline: true,
    });
  else
    judge(report, 'rebuild-province', {
      section: 'derive',
      name: 'province-year (2,000,000 dossiers) rebuild, extrapolated from this rate',
      value: FULL_DOSSIERS / rate / 60,
      unit: 'min',
    });

  const cmp = await compareDerived(db, expected, loaded.sample.unitIds);
  judge(report, 'equal', {
    section: 'derive',
    name: `rebuild equals the in-memory derivation (rows of 9 derived tables, ${loaded.sample.unitIds.length} units)`,
    value: cmp.differences.length === 0 ? `equal (${cmp.rows.toLocaleString('en-US')} rows)` : `${cmp.differences.length} differences`,
    met: cmp.differences.length === 0,
  });
  for (const d of cmp.differences.slice(0, 10)) report.note(`derive comparison: ${d}`);
}
