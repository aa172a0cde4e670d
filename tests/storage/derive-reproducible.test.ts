import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { batch, PROFILE } from '../support/events.ts';
import { deriveNow, queueLength, rebuildDerived, startDeriveWorker } from '../../api/derive/index.ts';
import type { Db } from '../../api/db/connect.ts';
import * as periodRollupsMigration from '../../api/db/migrations/0005-period-rollups.ts';
import { DEFAULT_CALENDAR } from '../../shared/calendar/index.ts';
import { buildCustody, isHandledEnd, type StoredEvent } from '../../shared/custody/index.ts';
import { createSketch, type Sketch } from '../../shared/sketch/index.ts';
import { DEMO_PROCEDURES } from '../../shared/demo/roster.ts';

const dialects = STORAGE_DIALECTS;

const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const HOUR = 3600_000;
const SO = '000.00.12.H32';
const DEPT = {
  unit: SO,
  proc: '1.012790.000.00.00.H32',
  desk: ['motcua1', 'motcua2'],
  spec: ['chuyenvien1', 'chuyenvien2', 'chuyenvien3'],
  head: ['lanhdao1', 'lanhdao2'],
  chief: ['giamdoc1'],
};
const COMMUNES = [
  { unit: '000.31.05.H32', proc: '1.000894.000.00.00.H32', desk: ['motcuaxa1'], spec: ['tuphapxa1'], head: [], chief: ['chutichxa1'] },
  {
    unit: '000.31.07.H32',
    proc: '1.000894.000.00.00.H32',
    desk: ['motcuaxa2'],
    spec: ['tuphapxa2', 'diachinhxa2'],
    head: [],
    chief: ['chutichxa2'],
  },
];

type Sent = { username: string; event: Record<string, unknown> };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Dossiers of a department and two communes moving through their steps with supplements,
 * returns, transfers, viewers and active spans; late ones, unfinished ones, and the messy cases
 * custody must infer (no reception captured, a hand-over naming nobody). Seeded: the same story
 * on every run.
 */
function scenario(seed: number, count: number, firstSeq: number): Sent[] {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const hours = (lo: number, hi: number) => Math.floor((lo + rnd() * (hi - lo)) * 60) * 60_000;
  const out: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const org = rnd() < 0.6 ? DEPT : pick(COMMUNES);
    const steps = DEMO_PROCEDURES.find((p) => p.code === org.proc)!.steps.map((s) => s.name);
    const t0 = NOW - hours(12, 16 * 24);
    const day = new Date(t0 + 7 * HOUR).toISOString().slice(2, 10).replaceAll('-', '');
    const code = `${org.unit}-${day}-${String(firstSeq + i).padStart(4, '0')}`;
    const appointmentAt = new Date(t0 + hours(2 * 24, 12 * 24)).toISOString();
    const holders = [pick(org.desk), pick(org.spec), ...(org.head.length ? [pick(org.head)] : []), pick(org.chief), pick(org.desk)];
    const ev = (username: string, at: number, e: Record<string, unknown>, step?: string) =>
      out.push({
        username,
        event: {
          id: randomUUID(),
          at: new Date(at).toISOString(),
          dossierCode: code,
          profile: PROFILE,
          ...(step ? { fields: { procedureCode: org.proc, step } } : {}),
          ...e,
        },
      });
    let t = t0;
    // One in ten: the extension came mid-process, no reception captured.
    if (rnd() >= 0.1)
      ev(holders[0]!, t, { kind: 'action', action: 'receive', fields: { procedureCode: org.proc, step: steps[0], appointmentAt } });
    else ev(holders[0]!, t, { kind: 'open', fields: { procedureCode: org.proc, step: steps[0], appointmentAt } });
    for (let h = 0; h < holders.length; h++) {
      let who = holders[h]!;
      if (h > 0) ev(who, t + 5 * 60_000, { kind: 'open' }, steps[h]);
      const span = 5 + Math.floor(rnd() * 55);
      if (t + (5 + span) * 60_000 < NOW)
        ev(who, t + (5 + span) * 60_000, {
          kind: 'active',
          start: new Date(t + 5 * 60_000).toISOString(),
          end: new Date(t + (5 + span) * 60_000).toISOString(),
        });
      if (rnd() < 0.3) ev(pick(DEPT.head), t + 30 * 60_000, { kind: 'open' }); // someone looking, not holding
      t += hours(0.3, 60);
      if (h === 1 && rnd() < 0.25) {
        ev(who, t, { kind: 'action', action: 'supplement_request' }, steps[h]);
        t += hours(4, 40);
        if (t >= NOW) break;
        ev(holders[0]!, t, { kind: 'action', action: 'supplement_done', toAccount: who }, steps[0]);
        t += hours(1, 8);
      }
      if (h === 1 && org.spec.length > 1 && rnd() < 0.1) {
        // Passed to a colleague of the same step.
        const other = org.spec.find((x) => x !== who)!;
        ev(who, t, { kind: 'action', action: 'transfer', toAccount: other }, steps[h]);
        who = other;
        ev(who, t + 10 * 60_000, { kind: 'open' }, steps[h]);
        t += hours(1, 20);
      }
      if (t >= NOW - 60_000) break;
      if (h === holders.length - 1) ev(who, t, { kind: 'action', action: 'return_result' }, steps[h]);
      else if (h === 2 && rnd() < 0.15) {
        // Sent back once for rework: a return, then the specialist forwards again.
        ev(who, t, { kind: 'action', action: 'return', toAccount: holders[1] }, steps[h]);
        t += 2 * HOUR;
        if (t >= NOW) break;
        ev(holders[1]!, t, { kind: 'action', action: 'forward', toAccount: who }, steps[1]);
        t += HOUR;
        if (t >= NOW) break;
        ev(who, t, { kind: 'action', action: 'forward', toAccount: holders[h + 1] }, steps[h]);
      } else if (rnd() < 0.08) {
        // The page did not show the recipient: custody waits for whoever shows up next.
        ev(who, t, { kind: 'action', action: 'forward' }, steps[h]);
      } else ev(who, t, { kind: 'action', action: 'forward', toAccount: holders[h + 1] }, steps[h]);
    }
  }
  return out.filter((s) => Date.parse(s.event.at as string) < NOW);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Api = Awaited<ReturnType<typeof createTestApi>>;

/** One batch per official per round (the ingest rate limit counts batches, and NOW stands still). */
async function sendRounds(apis: readonly Api[], sent: readonly Sent[], rounds: number, between?: () => Promise<unknown>) {
  for (let r = 0; r < rounds; r++) {
    const part = sent.filter((_, i) => i % rounds === r);
    const byUser = new Map<string, unknown[]>();
    for (const s of part) byUser.set(s.username, [...(byUser.get(s.username) ?? []), s.event]);
    await Promise.all(
      [...byUser].map(async ([username, events], i) => {
        const res = await apis[i % apis.length]!.call(username, '/v1/events', { body: batch(events, new Date(NOW)) });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(res.json.rejected).toBe(0);
      }),
    );
    await between?.();
  }
}

const num = (v: unknown) => (typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) ? Number(v) : v);
const norm = (rows: Record<string, unknown>[], drop: string[] = []) =>
  rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !drop.includes(k))
          .map(([k, v]) => [k, num(v)]),
      ),
    )
    .map((r) => JSON.stringify(r))
    .sort();

/** Segments and rollups: what no clock reading can change. */
async function timeless(db: Db) {
  return {
    segments: norm(await db.selectFrom('segments').selectAll().execute()),
    rollups: norm(await db.selectFrom('rollups').selectAll().execute()),
    rollup_buckets: norm(await db.selectFrom('rollup_buckets').selectAll().execute()),
    rollup_months: norm(await db.selectFrom('rollup_months').selectAll().execute()),
    rollup_month_buckets: norm(await db.selectFrom('rollup_month_buckets').selectAll().execute()),
    rollup_years: norm(await db.selectFrom('rollup_years').selectAll().execute()),
    rollup_year_buckets: norm(await db.selectFrom('rollup_year_buckets').selectAll().execute()),
  };
}

/** Every derived table, as sorted rows; open flags only (closed ones are history). */
async function snapshot(db: Db) {
  return {
    ...(await timeless(db)),
    dossiers: norm(await db.selectFrom('dossiers').selectAll().execute()),
    flags: norm(await db.selectFrom('flags').selectAll().where('closed_at', 'is', null).execute(), ['opened_at', 'updated_at']),
  };
}

/** The figures straight from raw events and custody, without any derived table. */
async function direct(db: Db) {
  const units = new Map((await db.selectFrom('officials').select(['id', 'unit_id']).execute()).map((o) => [o.id, o.unit_id]));
  const stepCode = new Map(DEMO_PROCEDURES.flatMap((p) => p.steps.map((s) => [s.name, s.code] as const)));
  const rows = await db.selectFrom('events').selectAll().where('kind', 'in', ['open', 'close', 'active', 'action']).execute();
  const byDossier = new Map<string, StoredEvent[]>();
  for (const r of rows) {
    const e: StoredEvent = {
      id: r.id,
      kind: r.kind as StoredEvent['kind'],
      officialId: r.official_id,
      at: Number(r.at),
      dossierCode: r.dossier_code!,
      toOfficialId: r.to_official_id,
      step: r.step,
    };
    if (r.action) e.action = r.action as StoredEvent['action'];
    if (r.kind === 'active') Object.assign(e, { start: Number(r.start_at), end: Number(r.end_at) });
    byDossier.set(e.dossierCode, [...(byDossier.get(e.dossierCode) ?? []), e]);
  }
  type Fig = { segments: number; handled: number; workingMs: number; activeMs: number; sketch: Sketch };
  const byOfficial = new Map<string, Fig>();
  const byUnitStep = new Map<string, Fig>();
  const fig = (m: Map<string, Fig>, k: string) =>
    m.get(k) ?? (m.set(k, { segments: 0, handled: 0, workingMs: 0, activeMs: 0, sketch: createSketch() }), m.get(k)!);
  for (const [code, events] of byDossier) {
    for (const s of buildCustody(events, { now: NOW, clock: DEFAULT_CALENDAR, dossierCode: code }).segments) {
      // Figures are confirmed custody only, as blame is.
      if (s.to === null || s.evidence !== 'confirmed' || s.contested) continue;
      const unit = units.get(s.holderId)!;
      for (const f of [
        fig(byOfficial, `${unit}|${s.holderId}`),
        fig(byUnitStep, `${unit}|${s.step ? (stepCode.get(s.step) ?? s.step) : ''}`),
      ]) {
        f.segments += 1;
        f.handled += isHandledEnd(s.endedBy) ? 1 : 0;
        f.workingMs += Math.round(s.blamedSeconds * 1000);
        f.activeMs += Math.round(s.activeSeconds * 1000);
        f.sketch.add(s.blamedSeconds);
      }
    }
  }
  const view = (f: Fig) => ({
    segments: f.segments,
    handled: f.handled,
    workingHours: Math.round(f.workingMs / 3600) / 1000,
    activeHours: Math.round(f.activeMs / 3600) / 1000,
    p50Hours: Math.round(f.sketch.quantile(0.5)! / 3.6) / 1000,
    p90Hours: Math.round(f.sketch.quantile(0.9)! / 3.6) / 1000,
  });
  return {
    officials: new Map([...byOfficial].map(([k, f]) => [k, view(f)])),
    steps: new Map([...byUnitStep].map(([k, f]) => [k, view(f)])),
    dossiers: byDossier.size,
  };
}

/**
 * Periods that read whole years, whole months and days in every mix (each covers all the
 * scenarios' segments): rollups are answered per level, and every mix must give the direct figures.
 */
const PERIODS = [
  'from=2024-10-01&to=2025-11-30',
  'from=2024-11-01&to=2025-11-29',
  'from=2024-01-01&to=2025-12-31',
  'from=2024-11-15&to=2025-12-31',
  'from=2024-10-15&to=2025-12-10',
];

async function expectRoutesEqualDirect(api: Api) {
  const expected = await direct(api.services.db);
  for (const period of PERIODS) {
    const units = await api.call('admin', `/v1/stats/units?${period}`);
    expect(units.status).toBe(200);
    const steps = new Map<string, unknown>();
    for (const u of units.json.units)
      for (const s of u.steps)
        steps.set(`${u.unitId}|${s.step}`, {
          segments: s.segments,
          handled: s.handled,
          workingHours: s.workingHours,
          activeHours: s.activeHours,
          p50Hours: s.p50Hours,
          p90Hours: s.p90Hours,
        });
    expect(steps, period).toEqual(expected.steps);
    const officials = new Map<string, unknown>();
    for (const unit of [SO, ...COMMUNES.map((c) => c.unit)]) {
      const res = await api.call('admin', `/v1/stats/units/${unit}/officials?${period}`);
      for (const o of res.json.officials) {
        if (o.segments > 0)
          officials.set(`${unit}|${o.officialId}`, {
            segments: o.segments,
            handled: o.handled,
            workingHours: o.workingHours,
            activeHours: o.activeHours,
            p50Hours: o.p50Hours,
            p90Hours: o.p90Hours,
          });
      }
    }
    expect(officials, period).toEqual(expected.officials);
  }
  return expected;
}

/** The monthly and yearly rollups as the daily ones summed per month and per year, computed in SQL. */
async function dailySummed(db: Db) {
  const level = async (name: 'month' | 'year', length: number) => {
    const at = sql`substr(day, 1, ${sql.lit(length)})`;
    const totals = await sql<
      Record<string, unknown>
    >`select unit_id, ${at} as ${sql.ref(name)}, official_id, step, sum(segments) as segments, sum(handled) as handled,
        sum(working_ms) as working_ms, sum(active_ms) as active_ms from rollups group by unit_id, ${at}, official_id, step`.execute(db);
    const buckets = await sql<
      Record<string, unknown>
    >`select unit_id, ${at} as ${sql.ref(name)}, official_id, step, bucket, sum(count) as count
        from rollup_buckets group by unit_id, ${at}, official_id, step, bucket`.execute(db);
    return [norm(totals.rows), norm(buckets.rows)] as const;
  };
  const [rollup_months, rollup_month_buckets] = await level('month', 7);
  const [rollup_years, rollup_year_buckets] = await level('year', 4);
  return { rollup_months, rollup_month_buckets, rollup_years, rollup_year_buckets };
}

describe.each(dialects)('reproducible derivation on $name', ({ name, make }) => {
  const open: { db: TestDatabase; apis: Api[] }[] = [];
  async function fresh(copies = 1) {
    const db = await make();
    const apis: Api[] = [];
    for (let i = 0; i < copies; i++) apis.push(await createTestApi(db.target, { now: () => NOW }));
    open.push({ db, apis });
    return { target: db.target, apis, db: apis[0]!.services.db };
  }
  afterEach(async () => {
    for (const { db, apis } of open.splice(0)) {
      for (const a of apis) await a.close();
      await db.drop();
    }
  });

  test('rollup answers equal the figures computed directly from raw events', async () => {
    const { apis, db } = await fresh();
    await sendRounds(apis, scenario(1, 40, 1), 2);
    await deriveNow(db, undefined, { now: NOW });
    const expected = await expectRoutesEqualDirect(apis[0]!);
    expect(expected.dossiers).toBe(40);
    expect(expected.officials.size).toBeGreaterThan(8);
  });

  test('monthly and yearly rollups are the daily ones summed, kept so by derivation and by the migration that adds them', async () => {
    const { apis, db } = await fresh();
    const sent = scenario(6, 30, 501);
    // A third of the dossiers a month earlier and a third eleven months earlier: rows in two years.
    const codes = [...new Set(sent.map((s) => s.event.dossierCode))];
    const shiftOf = new Map(codes.map((c, i) => [c, [0, 30, 340][i % 3]! * 24 * HOUR]));
    const shift = (iso: unknown, by: number) => new Date(Date.parse(String(iso)) - by).toISOString();
    for (const s of sent) {
      const by = shiftOf.get(s.event.dossierCode)!;
      s.event.at = shift(s.event.at, by);
      if (s.event.start) Object.assign(s.event, { start: shift(s.event.start, by), end: shift(s.event.end, by) });
    }
    await sendRounds(apis, shuffled(sent, 13), 3, () => deriveNow(db, undefined, { now: NOW }));
    const { rollup_months, rollup_month_buckets, rollup_years, rollup_year_buckets } = await timeless(db);
    const coarse = { rollup_months, rollup_month_buckets, rollup_years, rollup_year_buckets };
    expect(new Set(rollup_months.map((r) => JSON.parse(r).month)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(rollup_years.map((r) => JSON.parse(r).year))).toEqual(new Set([2024, 2025])); // norm() reads numeric text as numbers
    expect(coarse).toEqual(await dailySummed(db));
    await expectRoutesEqualDirect(apis[0]!);
    // An existing database upgraded by migration 0005 gets the same rows from its daily ones.
    for (const t of Object.keys(coarse)) await db.schema.dropTable(t).execute();
    await periodRollupsMigration.up(db);
    const migrated = await timeless(db);
    expect({
      rollup_months: migrated.rollup_months,
      rollup_month_buckets: migrated.rollup_month_buckets,
      rollup_years: migrated.rollup_years,
      rollup_year_buckets: migrated.rollup_year_buckets,
    }).toEqual(coarse);
  });

  test('late, out-of-order and duplicate events end in the same tables as one derivation of all', async () => {
    const { apis, db } = await fresh();
    const sent = scenario(2, 30, 101);
    // Deliveries in a shuffled order, derived between rounds, then a fifth of them again.
    await sendRounds(apis, shuffled(sent, 7), 6, () => deriveNow(db, undefined, { now: NOW }));
    await sendRounds(apis, shuffled(sent, 8).slice(0, Math.floor(sent.length / 5)), 1, () => deriveNow(db, undefined, { now: NOW }));
    expect(await queueLength(db)).toBe(0);
    const incremental = await timeless(db);
    await rebuildDerived(db, { now: () => NOW });
    expect(await timeless(db)).toEqual(incremental);
    await expectRoutesEqualDirect(apis[0]!);
  });

  test('flags and dossier rows match a rebuild once time-dependent rules are re-evaluated', async () => {
    const { apis, db } = await fresh();
    const sent = scenario(3, 25, 201);
    await sendRounds(apis, shuffled(sent, 9), 4, () => deriveNow(db, undefined, { now: NOW }));
    // Coverage (an official's last event anywhere) moves with other dossiers' events: the worker's
    // periodic sweep re-derives unfinished dossiers; here that sweep is one deriveNow of all.
    const codes = [...new Set(sent.map((s) => s.event.dossierCode as string))];
    await deriveNow(db, codes, { now: NOW });
    const incremental = await snapshot(db);
    expect(incremental.flags.length).toBeGreaterThan(0);
    await rebuildDerived(db, { now: () => NOW });
    const rebuilt = await snapshot(db);
    expect(rebuilt).toEqual(incremental);
    await rebuildDerived(db, { now: () => NOW });
    expect(await snapshot(db)).toEqual(rebuilt);
  });

  test('npm run derive -- --rebuild gives identical segments and rollups, with progress on stderr', async () => {
    const { apis, db, target } = await fresh();
    await sendRounds(apis, scenario(4, 20, 301), 2);
    await deriveNow(db, undefined, { now: NOW });
    const before = await timeless(db);
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '', SQLITE_PATH: target.path }),
    };
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [resolve(import.meta.dirname, '../../api/cli/derive.ts'), '--rebuild'],
      { env },
    );
    expect(stdout).toMatch(/rebuilt 20 dossiers/);
    expect(stderr).toMatch(/20\/20 100\.0% · \d+ hồ sơ\/s \(dossiers\/s\)/);
    expect(await timeless(db)).toEqual(before);
  });

  test.runIf(name === 'postgres')('two API processes deriving concurrently never double count', async () => {
    const { apis, db } = await fresh(2);
    // Small batches and short pauses, so both workers contend for the same queue all along.
    const workers = apis.map((a) => startDeriveWorker(a.services, { intervalMs: 5, batchSize: 2 }));
    try {
      const sent = scenario(5, 40, 401);
      await sendRounds(apis, shuffled(sent, 11), 5);
      await sendRounds(apis, shuffled(sent, 12).slice(0, 40), 1);
      const deadline = Date.now() + 30_000;
      while ((await queueLength(db)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await queueLength(db)).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    // Both took part, and nothing failed (a deadlock or a lock timeout would show here).
    for (const w of workers) expect(w.tally).toMatchObject({ derived: expect.any(Number), failed: 0 });
    expect(workers.every((w) => w.tally.derived > 0)).toBe(true);
    const concurrent = await timeless(db);
    await expectRoutesEqualDirect(apis[0]!);
    await rebuildDerived(db, { now: () => NOW });
    expect(await timeless(db)).toEqual(concurrent);

    // Without the queue's claims at all: both processes derive the very same dossiers at once,
    // in the same order, so they collide on every one. The dossier lock keeps the sums exact.
    const codes = (await db.selectFrom('dossiers').select('code').execute()).map((r) => r.code);
    await Promise.all(apis.map((a) => deriveNow(a.services.db, codes, { now: NOW })));
    expect(await timeless(db)).toEqual(concurrent);
  });
});
