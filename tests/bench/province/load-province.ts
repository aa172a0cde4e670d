import pg from 'pg';
import { openStorage, type Storage } from '../../../api/db/connect.ts';
import { copyObjects } from '../../../api/db/pg-copy.ts';
import { toDossierEvent, type DossierEvent } from '../../../api/derive/dossier-events.ts';
import { DEFAULT_CALENDAR } from '../../../shared/calendar/index.ts';
import { scratchDatabase, type ScratchDatabase } from '../support/pg-database.ts';
import { dropIndexes, restoreIndexes } from '../support/pg-indexes.ts';
import { createPrng } from '../support/prng.ts';
import { buildProvince, insertProvince, type Province } from './roster.ts';
import { generateUnitYear, workingDaysOf, type GeneratedDossier } from './generate-unit.ts';
import type { ProvinceScale } from './scale.ts';

// The stats benchmark reads rollups only; chains are not verified here, so hashes are stand-ins
// of the real width (the fault tests verify real chains).
const STAND_IN_HASH = 'f'.repeat(64);
const CUSTODY_KINDS = new Set(['open', 'close', 'active', 'action']);

export type LoadedProvince = {
  database: ScratchDatabase;
  storage: Storage;
  province: Province;
  scale: ProvinceScale;
  events: number;
  dossiers: number;
  timings: { generateMs: number; copyMs: number; indexMs: number; totalMs: number };
  /** Some units' custody events kept in memory, as derivation reads them: the in-memory limit runs over these. */
  sample: { unitIds: string[]; events: DossierEvent[]; dossiers: number };
};

/** Units kept in memory: every unit of a small province, else `count` spread over the province. */
function sampleUnits(units: number, count: number): Set<number> {
  if (units <= count) return new Set(Array.from({ length: units }, (_, i) => i));
  return new Set(Array.from({ length: count }, (_, i) => Math.floor((i * units) / count)));
}

/**
 * A province-year's raw events straight into a scratch PostgreSQL database by COPY, with the
 * events' indexes dropped during the load and rebuilt after it; the derived tables stay empty and
 * keep their indexes and write-ahead log (the rebuild measured next writes them as in production).
 * Units are generated while the previous unit is being copied.
 */
export async function loadProvince(
  scale: ProvinceScale,
  opts: { seed?: number; sampleUnits?: number; log?: (s: string) => void } = {},
): Promise<LoadedProvince> {
  const started = performance.now();
  const rng = createPrng(opts.seed ?? 2025);
  const database = await scratchDatabase('dp_bench_province');
  const storage = await openStorage({ kind: 'postgres', url: database.url }, { poolSize: 6 });
  const createdAt = Date.parse(`${scale.year}-01-01T00:00:00+07:00`) - 86_400_000;
  const province = buildProvince(scale, rng.fork(1), createdAt);
  await insertProvince(storage.db, province, createdAt);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const saved = await dropIndexes(client, ['events']);
  // The raw events are the input, not what is measured: they skip the write-ahead log (UNLOGGED;
  // the scratch database is dropped after the run) and load in about half the time.
  await client.query('alter table events set unlogged');

  const days = workingDaysOf(scale.year, DEFAULT_CALENDAR);
  const yearEnd = Date.parse(`${scale.year + 1}-01-01T00:00:00+07:00`);
  const accounts = new Map(province.officials.map((o) => [o.id, o.backoffice_account!]));
  const chainSeq = new Map<string, number>();
  const timings = { generateMs: 0, copyMs: 0, indexMs: 0, totalMs: 0 };
  const keep = sampleUnits(province.units.length, opts.sampleUnits ?? 10);
  const sample: LoadedProvince['sample'] = { unitIds: [], events: [], dossiers: 0 };
  let events = 0;
  let dossiers = 0;
  let copying: Promise<void> = Promise.resolve();
  const copy = async (unit: GeneratedDossier[]) => {
    const t0 = performance.now();
    const rows = unit
      .flatMap((d) => d.events)
      .map((r) => {
        const seq = (chainSeq.get(r.official_id) ?? 0) + 1;
        chainSeq.set(r.official_id, seq);
        return { ...r, chain_seq: seq, prev_hash: STAND_IN_HASH, hash: STAND_IN_HASH };
      });
    for (let i = 0; i < rows.length; i += 50_000) await copyObjects(client, 'events', rows.slice(i, i + 50_000));
    timings.copyMs += performance.now() - t0;
  };

  for (const [u, staff] of province.units.entries()) {
    const t0 = performance.now();
    const unitDossiers = generateUnitYear(
      staff,
      scale.dossiersPerUnit,
      days,
      DEFAULT_CALENDAR,
      rng.fork(100 + u),
      yearEnd,
      (id) => accounts.get(id) ?? id,
    );
    timings.generateMs += performance.now() - t0;
    if (keep.has(u)) {
      sample.unitIds.push(staff.unitId);
      sample.dossiers += unitDossiers.length;
      for (const d of unitDossiers) for (const e of d.events) if (CUSTODY_KINDS.has(e.kind)) sample.events.push(toDossierEvent(e));
    }
    events += unitDossiers.reduce((n, d) => n + d.events.length, 0);
    dossiers += unitDossiers.length;
    await copying;
    copying = copy(unitDossiers);
    if (opts.log && (u + 1) % 20 === 0)
      opts.log(`  generated ${u + 1}/${province.units.length} units, ${events.toLocaleString('en-US')} events`);
  }
  await copying;
  const t0 = performance.now();
  await restoreIndexes(client, saved);
  // A live database's autovacuum would have run by now: VACUUM sets the visibility map that
  // index-only scans rely on, ANALYZE the planner's statistics.
  await client.query('vacuum analyze events');
  timings.indexMs = performance.now() - t0;
  await client.end();
  timings.totalMs = performance.now() - started;
  return { database, storage, province, scale, events, dossiers, timings, sample };
}
