import pg from 'pg';
import { openStorage, type Storage } from '../../../api/db/connect.ts';
import { DEFAULT_CALENDAR } from '../../../shared/calendar/index.ts';
import { scratchDatabase, type ScratchDatabase } from '../support/pg-database.ts';
import { copyRows } from '../support/pg-copy.ts';
import { dropIndexes, restoreIndexes } from '../support/pg-indexes.ts';
import { createPrng } from '../support/prng.ts';
import { buildProvince, insertProvince, type Province } from './roster.ts';
import { generateUnitYear, workingDaysOf, type GeneratedEvent } from './generate-unit.ts';
import { deriveUnitInMemory, emptyDerivedRows, type DerivedRows } from './bulk-derive.ts';
import { DERIVE_NOW, type ProvinceScale } from './scale.ts';

export const EVENT_COLUMNS = [
  'unit_id', 'id', 'official_id', 'kind', 'dossier_code', 'action', 'to_account', 'to_official_id', 'procedure_code', 'status', 'step',
  'appointment_at', 'at', 'client_at', 'start_at', 'end_at', 'active_ms', 'received_at', 'skew_ms', 'profile_id', 'profile_version',
  'backoffice_user', 'identity_mismatch', 'extra', 'chain_seq', 'prev_hash', 'hash',
] as const;
const DERIVED = ['dossiers', 'segments', 'flags', 'rollups', 'rollup_buckets', 'rollup_months', 'rollup_month_buckets', 'rollup_years', 'rollup_year_buckets'] as const;
// The stats benchmark reads rollups only; chains are not verified here, so hashes are stand-ins
// of the real width (the fault tests verify real chains).
const STAND_IN_HASH = 'f'.repeat(64);

export type LoadedProvince = {
  database: ScratchDatabase;
  storage: Storage;
  province: Province;
  events: number;
  dossiers: number;
  timings: { generateMs: number; deriveMs: number; copyMs: number; indexMs: number; totalMs: number };
  /** The in-memory derivation's rows, when asked to keep them instead of writing them. */
  kept: DerivedRows | null;
};

async function copyObjects(client: pg.Client, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let i = 0; i < rows.length; i += 50_000) {
    await copyRows(client, table, columns, rows.slice(i, i + 50_000).map((r) => columns.map((c) => (r as Record<string, never>)[c])));
  }
}

/**
 * A province-year straight into a scratch PostgreSQL database: events by COPY with the indexes
 * dropped, derived tables written in bulk from the in-memory derivation. `derived: 'keep'` leaves
 * the derived tables empty for a real rebuild and returns the in-memory rows to compare with it.
 * Units are generated while the previous unit is being copied.
 */
export async function loadProvince(
  scale: ProvinceScale,
  opts: { seed?: number; derived?: 'write' | 'keep'; log?: (s: string) => void } = {},
): Promise<LoadedProvince> {
  const mode = opts.derived ?? 'write';
  const kept: DerivedRows | null = mode === 'keep' ? emptyDerivedRows() : null;
  const started = performance.now();
  const rng = createPrng(opts.seed ?? 2025);
  const database = await scratchDatabase('dp_bench_province');
  const storage = await openStorage({ kind: 'postgres', url: database.url }, { poolSize: 4 });
  const createdAt = Date.parse(`${scale.year}-01-01T00:00:00+07:00`) - 86_400_000;
  const province = buildProvince(scale, rng.fork(1), createdAt);
  await insertProvince(storage.db, province, createdAt);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const saved = await dropIndexes(client, ['events', ...DERIVED]);
  // The scratch database is dropped after the run: its bulk tables skip the write-ahead log
  // (UNLOGGED), which halves what the server writes during the load and leaves reads unchanged.
  for (const t of ['events', ...DERIVED]) await client.query(`alter table ${t} set unlogged`);

  const days = workingDaysOf(scale.year, DEFAULT_CALENDAR);
  const yearEnd = Date.parse(`${scale.year + 1}-01-01T00:00:00+07:00`);
  const unitOf = new Map(province.officials.map((o) => [o.id, o.unit_id]));
  const accounts = new Map(province.officials.map((o) => [o.id, o.backoffice_account!]));
  const chainSeq = new Map<string, number>();
  const timings = { generateMs: 0, deriveMs: 0, copyMs: 0, indexMs: 0, totalMs: 0 };
  let events = 0;
  let dossiers = 0;
  let copying: Promise<void> = Promise.resolve();
  const copy = async (rows: GeneratedEvent[], derived: DerivedRows | null) => {
    const t0 = performance.now();
    const seq = (id: string) => {
      const n = (chainSeq.get(id) ?? 0) + 1;
      chainSeq.set(id, n);
      return n;
    };
    const cells = rows.map((r) => [...EVENT_COLUMNS.slice(0, -3).map((c) => r[c as keyof GeneratedEvent]), seq(r.official_id), STAND_IN_HASH, STAND_IN_HASH]);
    for (let i = 0; i < cells.length; i += 50_000) await copyRows(client, 'events', EVENT_COLUMNS, cells.slice(i, i + 50_000));
    if (derived) {
      await copyObjects(client, 'dossiers', derived.dossiers);
      await copyObjects(client, 'segments', derived.segments);
      await copyObjects(client, 'flags', derived.flags);
      await copyObjects(client, 'rollups', derived.rollups);
      await copyObjects(client, 'rollup_buckets', derived.buckets);
      await copyObjects(client, 'rollup_months', derived.months);
      await copyObjects(client, 'rollup_month_buckets', derived.monthBuckets);
      await copyObjects(client, 'rollup_years', derived.years);
      await copyObjects(client, 'rollup_year_buckets', derived.yearBuckets);
    }
    timings.copyMs += performance.now() - t0;
  };

  for (const [u, staff] of province.units.entries()) {
    let t0 = performance.now();
    const unitDossiers = generateUnitYear(staff, scale.dossiersPerUnit, days, DEFAULT_CALENDAR, rng.fork(100 + u), yearEnd, (id) => accounts.get(id) ?? id);
    timings.generateMs += performance.now() - t0;
    t0 = performance.now();
    const derived = await deriveUnitInMemory(storage.db, staff.unitId, unitDossiers, unitOf, DERIVE_NOW);
    if (kept) for (const k of Object.keys(kept) as (keyof DerivedRows)[]) for (const r of derived[k]) (kept[k] as object[]).push(r);
    timings.deriveMs += performance.now() - t0;
    const rows = unitDossiers.flatMap((d) => d.events);
    events += rows.length;
    dossiers += unitDossiers.length;
    await copying;
    copying = copy(rows, kept ? null : derived);
    if (opts.log && (u + 1) % 10 === 0) opts.log(`  generated ${u + 1}/${province.units.length} units, ${events.toLocaleString('en-US')} events`);
  }
  await copying;
  const t0 = performance.now();
  await restoreIndexes(client, saved);
  // A live database's autovacuum would have run by now: VACUUM sets the visibility map that
  // index-only scans rely on, ANALYZE the planner's statistics.
  await client.query('vacuum analyze');
  timings.indexMs = performance.now() - t0;
  await client.end();
  timings.totalMs = performance.now() - started;
  return { database, storage, province, events, dossiers, timings, kept };
}
