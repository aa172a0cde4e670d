import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import { createDeriveContext } from './derive-context.ts';
import { loadEventRange, type CodeRange } from './dossier-events.ts';
import { bulkLookups, deriveEvents, type OfficialFacts } from './bulk-derive.ts';
import { mergeDelta, type RollupDelta } from './rollup-delta.ts';
import type { BulkWriter } from './bulk-writer.ts';

export type LaneOptions = {
  now: number;
  officials: OfficialFacts;
  /** Events read per round trip (whole dossiers). */
  pageEvents?: number;
  /** Daily rollup rows kept in memory before they are added to the tables. */
  flushKeys?: number;
  /** After each page: dossiers derived and events read. */
  onPage?: (dossiers: number, events: number) => void;
};

export type { CodeRange };

/**
 * Rebuilds the dossiers of some code ranges: reads their events in code order a page at a time,
 * derives each page in memory and writes its rows in bulk. Reading the next page and writing the
 * previous one overlap with deriving this one. Rollup contributions are summed in memory (a
 * unit's dossiers come one after another, so their rows meet there) and added to the tables when
 * many have gathered, and at the end.
 */
export async function runLane(db: Kysely<Database> | Transaction<Database>, writer: BulkWriter, ranges: () => CodeRange | null, opts: LaneOptions): Promise<number> {
  const lookups = bulkLookups(createDeriveContext(), db, opts.officials);
  const pageEvents = opts.pageEvents ?? 20_000;
  const flushKeys = opts.flushKeys ?? 100_000;
  let daily: RollupDelta = { totals: new Map(), buckets: new Map() };
  let writing: Promise<void> = Promise.resolve();
  let dossiers = 0;
  const flush = async () => {
    const full = daily;
    daily = { totals: new Map(), buckets: new Map() };
    await writing;
    await writer.addDaily(full);
  };

  for (let range = ranges(); range; range = ranges()) {
    let page = settled(loadEventRange(db, range, pageEvents));
    for (;;) {
      const { events, rest } = await page;
      if (rest !== null) page = settled(loadEventRange(db, rest, pageEvents));
      const rows = await deriveEvents(events, opts.now, lookups);
      mergeDelta(daily, rows.daily);
      await writing;
      writing = settled(
        (async () => {
          await writer.insert('dossiers', rows.dossiers);
          await writer.insert('segments', rows.segments);
          await writer.insert('flags', rows.flags);
        })(),
      );
      dossiers += rows.dossiers.length;
      opts.onPage?.(rows.dossiers.length, events.length);
      if (daily.totals.size + daily.buckets.size >= flushKeys) await flush();
      if (rest === null) break;
    }
  }
  await flush();
  await writing;
  return dossiers;
}

/** A promise awaited later: marked handled now, so a failure in the meantime is not "unhandled" (it still throws where awaited). */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
