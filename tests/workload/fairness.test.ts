/**
 * Acceptance of the domain engine on a generated workload: thousands of dossiers with realistic
 * lifecycles, skewed clocks, offline extensions, late, out-of-order and duplicated batches go
 * through the real API; what it derives must match the ground truth the generator knows. The
 * rules are judged as of a fixed `now`; times are compared within 30 s (batches corrected from
 * receipt − sentAt keep their transit time, up to 20 s).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgres, freshSqlite, type TestDatabase } from '../support/databases.ts';
import { postgresAvailable } from '../support/requirements.ts';
import { rebuildDerived } from '../../api/derive/index.ts';
import {
  compareCustody,
  compareFlags,
  compareSkewed,
  derivedSnapshot,
  endedTimes,
  openFlags,
  openTimes,
  type FlagView,
  type OfficialTime,
} from './api-checks.ts';
import { startDriver, type Driver, type IngestTally } from './api-driver.ts';
import { generateWorkload, type Workload } from './generator.ts';
import { summarize, summarizeGroups } from './summary.ts';

const SEED = Number(process.env.WORKLOAD_SEED ?? 20251128);
/** Friday 28 November 2025, 10:00 in Vietnam; receptions from Monday 25 August (1–2 September are off). */
const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const START = Date.parse('2025-08-25T07:30:00+07:00');
/** Half the batches have arrived: derivation runs once here, then incrementally on the rest. */
const MID = Date.parse('2025-10-15T12:00:00+07:00');
const PERIOD = { from: '2025-08-01', to: '2025-11-28' };

/** PostgreSQL's round trips make ingest slower: fewer dossiers over a shorter span (still across MID). */
const PG_START = Date.parse('2025-10-06T07:30:00+07:00');
const pgDossiers = Number(process.env.WORKLOAD_PG_DOSSIERS ?? 2_000);
const withPostgres = pgDossiers > 0 && (await postgresAvailable());
const runs = [
  { name: 'sqlite', make: async () => freshSqlite(), dossiers: Number(process.env.WORKLOAD_DOSSIERS ?? 10_000), start: START },
  ...(withPostgres ? [{ name: 'postgres', make: freshPostgres, dossiers: pgDossiers, start: PG_START }] : []),
];

/** Within 1 % of the truth (plus the API's rounding to 0.001 h per row). */
function offBy(rows: readonly OfficialTime[]): OfficialTime[] {
  return rows.filter((r) => Math.abs(r.apiHours - r.truthHours) > 0.01 * r.truthHours + 0.01);
}
const showTime = (r: OfficialTime) => `${r.username}: api ${r.apiHours.toFixed(3)} h, truth ${r.truthHours.toFixed(3)} h`;

describe.each(runs)('fairness on $name, $dossiers dossiers', (run) => {
  let w: Workload;
  let d: Driver;
  let database: TestDatabase;
  let nameOf: Map<string, string>;
  let tally: IngestTally;
  let flags: FlagView[];
  const timing: Record<string, number> = {};
  const clock = <T>(label: string, started: number, value: T): T => ((timing[label] = Math.round(performance.now() - started)), value);

  beforeAll(async () => {
    let t = performance.now();
    w = clock('generate', t, generateWorkload({ seed: SEED, dossiers: run.dossiers, now: NOW, start: run.start }));
    database = await run.make();
    d = await startDriver(database.target, w.world, run.start - 7 * 86_400_000);
    await d.setupWorld();
    ({ nameOf } = await d.directory());
    const early = w.batches.filter((b) => b.receipt <= MID);
    t = performance.now();
    tally = await d.ingest(early);
    timing.ingest = Math.round(performance.now() - t);
    timing.deriveMid = Math.round((await d.derive(MID)).ms);
    t = performance.now();
    await d.ingest(
      w.batches.filter((b) => b.receipt > MID),
      tally,
    );
    timing.ingest += Math.round(performance.now() - t);
    timing.deriveNow = Math.round((await d.derive(NOW)).ms);
    // The worker re-derives unfinished dossiers as time passes (idle and overdue grow with time alone).
    const unfinished: string[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const res = await d.get(`/v1/dossiers?finished=false&limit=200&offset=${offset}`);
      unfinished.push(...(res.dossiers as { code: string }[]).map((x) => x.code));
      offset = res.page.nextOffset;
    }
    timing.sweep = Math.round((await d.derive(NOW, unfinished)).ms);
    flags = await openFlags(d);
    console.info(
      `[workload ${run.name}] ${w.dossiers.length} dossiers, ${w.uniqueEvents} events + ${w.duplicateCopies} copies in ${w.batches.length} batches; ` +
        `${w.stalls.length} stalls injected, ${flags.length} open flags\n  cases ${JSON.stringify(w.counts)}\n  ms ${JSON.stringify(timing)}` +
        `\n  placements the generator refused (and redrew) ${JSON.stringify(Object.fromEntries(w.refusals))}`,
    );
  }, 1_200_000);

  afterAll(async () => {
    await d?.close();
    await database?.drop();
  });

  test('every batch is accepted, every copy is reported as a duplicate and stored once, and only impossible instants are refused', async () => {
    expect(tally.failures).toEqual([]);
    expect(tally.rejected).toBe(w.adversity.refused.length);
    const reasons = new Map(tally.rejections.map((r) => [r.id, r.reason]));
    for (const r of w.adversity.refused) expect(reasons.get(r.id), r.id).toMatch(r.reason);
    expect(tally.accepted).toBe(w.uniqueEvents);
    expect(tally.duplicate).toBe(w.duplicateCopies);
    const stored = await d.db
      .selectFrom('events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('id').distinct().as('ids')])
      .executeTakeFirstOrThrow();
    expect({ rows: Number(stored.n), ids: Number(stored.ids) }).toEqual({ rows: w.uniqueEvents, ids: w.uniqueEvents });
  });

  test('skewed clocks are corrected: the skew each batch reports, and the stored instants', async () => {
    expect(
      summarize(
        tally.skewMismatches,
        (m) => m.official,
        (m) => `expected ${m.expected} ms, got ${m.actual} ms`,
      ),
    ).toBe('');
    const skewed = await compareSkewed(d, w, 200);
    expect(skewed.checked).toBeGreaterThan(100);
    expect(skewed.off).toEqual([]);
  });

  test('custody of every dossier equals the truth: holders, hand-over instants, state', async () => {
    expect(summarizeGroups(await compareCustody(d, w, nameOf))).toBe('');
  });

  test('per-official working time within 1 % of the truth, ended (rollups) and still held (timelines)', async () => {
    const ended = await endedTimes(d, w, PERIOD.from, PERIOD.to);
    const open = await openTimes(d, w, nameOf);
    const total = ended.map((r, i) => ({
      username: r.username,
      truthHours: r.truthHours + open.rows[i]!.truthHours,
      apiHours: r.apiHours + open.rows[i]!.apiHours,
    }));
    expect(ended.filter((r) => r.truthHours > 0).length).toBe(w.world.officials.length);
    expect(summarize(offBy(ended), () => 'ended custody (rollups)', showTime, 50)).toBe('');
    expect(open.problems).toEqual([]);
    expect(summarize(offBy(open.rows), () => 'open custody at now', showTime, 50)).toBe('');
    expect(summarize(offBy(total), () => 'total', showTime, 50)).toBe('');
  });

  test('nobody is blamed for time that was not theirs: no flag and no working hour on an official who never held the dossier', async () => {
    const holders = new Map(w.dossiers.map((x) => [x.code, new Set(x.truth.segments.map((s) => s.holder))]));
    const strangers = flags.filter((f) => f.officialId !== null && !holders.get(f.dossierCode)?.has(nameOf.get(f.officialId) ?? ''));
    expect(strangers.map((f) => `${f.rule} ${f.dossierCode} → ${nameOf.get(f.officialId!)}`)).toEqual([]);
    const blamed = await d.db
      .selectFrom('segments')
      .select(['dossier_code', 'holder_id', 'blamed_seconds'])
      .where('blamed_seconds', '>', 0)
      .execute();
    const wrong = blamed.filter((s) => !holders.get(s.dossier_code)?.has(nameOf.get(s.holder_id) ?? ''));
    expect(wrong.map((s) => `${s.dossier_code} → ${nameOf.get(s.holder_id)} ${Number(s.blamed_seconds)} s`)).toEqual([]);
    // The cases that tried to: views, sessions under another account, double submits, forgeries.
    expect(w.adversity.views).toBeGreaterThan(run.dossiers / 50);
    expect(w.adversity.mismatchedSessions).toBeGreaterThan(run.dossiers / 400);
    expect(w.adversity.doubled).toBeGreaterThan(run.dossiers / 20);
    const mismatched = await d.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('identity_mismatch', '=', 1)
      .executeTakeFirstOrThrow();
    const foreign = new Set(
      w.batches.flatMap((b) =>
        b.body.events.filter((e) => e.backofficeUser !== undefined && e.backofficeUser !== b.official).map((e) => e.id),
      ),
    );
    expect(Number(mismatched.n)).toBe(foreign.size);
  });

  test('every forgery is shown to inspectors as unconfirmed with the forger named, and opens nothing to the forger', async () => {
    const { idOf } = await d.directory();
    expect(w.adversity.forgeries.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const f of w.adversity.forgeries) {
      const items = flags
        .filter((x) => x.dossierCode === f.dossier && x.rule === 'unconfirmed_custody')
        .map((x) => x.details as { holderId: string; claimedBy: string | null });
      const named = f.framed
        ? items.some((x) => x.holderId === idOf.get(f.framed!) && x.claimedBy === idOf.get(f.forger))
        : items.some((x) => x.holderId === idOf.get(f.forger));
      if (!named) problems.push(`${f.kind} ${f.dossier} by ${f.forger}: review items ${JSON.stringify(items)}`);
      const read = await d.request(f.forger, `/v1/dossiers/${f.dossier}`);
      if (read.status !== 404) problems.push(`${f.forger} reads ${f.dossier}: ${read.status}`);
    }
    expect(problems).toEqual([]);
  });

  test('no dossier is left underived', async () => {
    expect(await d.db.selectFrom('derive_queue').select(['dossier_code', 'last_error']).execute()).toEqual([]);
    expect((await d.get('/v1/admin/derive-failures')).failures).toEqual([]);
  });

  test('every injected stall is flagged, naming the responsible official', () => {
    const { missing, wrongContributors } = compareFlags(flags, w, nameOf);
    expect(
      summarize(
        missing,
        (s) => s.rule,
        (s) => `${s.dossier} → ${s.official ?? 'nobody'}`,
      ),
    ).toBe('');
    expect(wrongContributors).toEqual([]);
  });

  test('no flag where none was injected', () => {
    // Review items on forged dossiers are the forgery test's: they must be there.
    const forged = new Set(w.adversity.forgeries.map((f) => f.dossier));
    const unexpected = compareFlags(flags, w, nameOf).unexpected.filter(
      (f) => !(f.rule === 'unconfirmed_custody' && forged.has(f.dossierCode)),
    );
    const kindOf = new Map(w.dossiers.map((x) => [x.code, x.kind]));
    const show = (f: FlagView) =>
      `${f.dossierCode} (${kindOf.get(f.dossierCode)}) → ${f.officialId ? nameOf.get(f.officialId) : 'nobody'} [${f.severity}] ${JSON.stringify(f.details).slice(0, 240)}`;
    expect(summarize(unexpected, (f) => f.rule, show)).toBe('');
  });

  test('batches delivered again change nothing: rollups and flags stay exactly as they were', async () => {
    const before = await derivedSnapshot(d);
    // A sample of batches retried at now, with the sending client's clock as it was.
    const retries = w.batches.filter((_, i) => i % Math.max(1, Math.floor(w.batches.length / 150)) === 0);
    const again = await d.ingest(
      retries.map((b, i) => ({
        ...b,
        receipt: NOW + i * 1000,
        body: { ...b.body, sentAt: new Date(NOW + i * 1000 + b.skew).toISOString() },
        expectedSkewMs: b.body.clockOffsetMs ?? (Math.abs(b.skew) > 30_000 ? -b.skew : 0),
      })),
    );
    expect({ accepted: again.accepted, rejected: again.rejected, failures: again.failures }).toEqual({
      accepted: 0,
      rejected: 0,
      failures: [],
    });
    expect(again.duplicate).toBe(retries.reduce((n, b) => n + b.body.events.length, 0));
    await d.derive(NOW);
    expect(await derivedSnapshot(d)).toBe(before);
  });

  test('a full rebuild as of now gives the same rollups and open flags as incremental derivation', async () => {
    const before = await derivedSnapshot(d);
    const rebuilt = await rebuildDerived(d.db, { now: () => NOW });
    expect(rebuilt.failed).toBe(0);
    expect(await derivedSnapshot(d)).toBe(before);
  });
});
