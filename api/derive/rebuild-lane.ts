import type { Kysely, Transaction } from 'kysely';
import type { Database, SegmentTable } from '../db/tables.ts';
import { createDeriveContext } from './derive-context.ts';
import { loadEventRange, type CodeRange } from './dossier-events.ts';
import { bulkLookups, deriveEvents, type OfficialFacts } from './bulk-derive.ts';
import { coarserDelta, deltaRows, mergeDelta, rollupDelta, ROLLUP_LEVELS, type RollupDelta } from './rollup-delta.ts';
import type { BulkWriter } from './bulk-writer.ts';

export type LaneOptions = {
  now: number;
  officials: OfficialFacts;
  /**
   * Dossier units whose rollup rows some lane writes directly; shared by every lane of a rebuild.
   * A unit is claimed by the first lane that meets its dossiers.
   */
  claims: Set<string>;
  /** Events read per round trip (whole dossiers). */
  pageEvents?: number;
  /** Rollup keys kept in memory before they are staged, and most a unit may hold before its rows are staged too. */
  flushKeys?: number;
  /** After each page: dossiers derived and events read. */
  onPage?: (dossiers: number, events: number) => void;
};

export type { CodeRange };

const emptyDelta = (): RollupDelta => ({ totals: new Map(), buckets: new Map() });
const size = (d: RollupDelta) => d.totals.size + d.buckets.size;

/**
 * Rebuilds the dossiers of some code ranges: reads their events in code order a page at a time,
 * derives each page in memory and writes its rows in bulk. Reading the next page and writing the
 * previous one overlap with deriving this one.
 *
 * Rollups: a unit's dossiers come one after another, and its officials hold them, so while a lane
 * goes through the dossiers of a unit it has claimed, it sums that unit's own rollup rows in
 * memory and, once past the unit, writes them as final rows (every level). Whatever else
 * contributes (an official of another unit, a unit met a second time, a unit too large to hold)
 * is staged and added to those rows at the end (finish). So rows are written once, by COPY,
 * whatever order the database returns codes in.
 */
export async function runLane(
  db: Kysely<Database> | Transaction<Database>,
  writer: BulkWriter,
  ranges: () => CodeRange | null,
  opts: LaneOptions,
): Promise<number> {
  const lookups = bulkLookups(createDeriveContext(), db, opts.officials);
  const pageEvents = opts.pageEvents ?? 20_000;
  const flushKeys = opts.flushKeys ?? 200_000;
  let homeUnit: string | null = null;
  let home = emptyDelta();
  let foreign = emptyDelta();
  let writing: Promise<void> = Promise.resolve();
  let dossiers = 0;

  const queue = (work: () => Promise<void>) => {
    const before = writing;
    writing = settled(before.then(work));
  };
  const leaveHome = () => {
    if (homeUnit === null) return;
    const rows = home;
    home = emptyDelta();
    homeUnit = null;
    queue(async () => {
      for (const level of ROLLUP_LEVELS) {
        const { totals, buckets } = deltaRows(level.length === 10 ? rows : coarserDelta(rows, level.length), level);
        await writer.insert(level.totals, totals);
        await writer.insert(level.buckets, buckets);
      }
    });
  };
  const stageForeign = () => {
    const rows = foreign;
    foreign = emptyDelta();
    queue(() => writer.stage(rows));
  };
  /** Segments of one dossier unit, in code order. */
  const addSegments = (unit: string, segments: SegmentTable[]) => {
    if (unit !== homeUnit) {
      leaveHome();
      if (!opts.claims.has(unit)) {
        opts.claims.add(unit);
        homeUnit = unit;
      }
    }
    const own = homeUnit === null ? [] : segments.filter((s) => s.holder_unit_id === unit);
    const other = own.length === segments.length ? [] : homeUnit === null ? segments : segments.filter((s) => s.holder_unit_id !== unit);
    if (own.length) mergeDelta(home, rollupDelta([], own));
    if (other.length) mergeDelta(foreign, rollupDelta([], other));
    if (size(home) > flushKeys) {
      // Too large to hold: what was summed so far and the rest of the unit go through the stage.
      mergeDelta(foreign, home);
      home = emptyDelta();
      homeUnit = null;
    }
    if (size(foreign) > flushKeys) stageForeign();
  };

  for (let range = ranges(); range; range = ranges()) {
    let page = settled(loadEventRange(db, range, pageEvents));
    for (;;) {
      const { events, rest } = await page;
      if (rest !== null) page = settled(loadEventRange(db, rest, pageEvents));
      const rows = await deriveEvents(events, opts.now, lookups);
      let from = 0;
      for (let i = 1; i <= rows.segments.length; i++) {
        if (i < rows.segments.length && rows.segments[i]!.unit_id === rows.segments[from]!.unit_id) continue;
        addSegments(rows.segments[from]!.unit_id, rows.segments.slice(from, i));
        from = i;
      }
      await writing;
      queue(async () => {
        await writer.insert('dossiers', rows.dossiers);
        await writer.insert('segments', rows.segments);
        await writer.insert('flags', rows.flags);
      });
      dossiers += rows.dossiers.length;
      opts.onPage?.(rows.dossiers.length, events.length);
      if (rest === null) break;
    }
  }
  leaveHome();
  stageForeign();
  await writing;
  return dossiers;
}

/** A promise awaited later: marked handled now, so a failure in the meantime is not "unhandled" (it still throws where awaited). */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
