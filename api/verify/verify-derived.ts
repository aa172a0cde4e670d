import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/connect.ts';
import { openStorage } from '../db/connect.ts';
import type { Database, EventRow } from '../db/tables.ts';
import { deriveNow } from '../derive/index.ts';
import { officialDirectory } from '../ingest/official-directory.ts';
import { readingsOf, recordReadings } from '../ingest/readings.repository.ts';
import { REDACTED_VALUE } from '../ingest/hash-chain.ts';

/**
 * Derived tables against a replay of the raw events, by the derivation code itself, into a
 * scratch SQLite database. Each dossier is derived there at the instant it was last derived here
 * (`dossiers.derived_at`), seeing the events this database had received by then plus all its own
 * (as the live derivation did), so time-dependent results (flags, timeliness, coverage) are
 * reproduced too. Then every derived row is compared, column by column.
 */
export type DerivedDifference = { table: string; key: string; column: string; stored: unknown; expected: unknown };

const COMPARED: { table: keyof Database; key: string[]; skip?: string[]; where?: 'open' }[] = [
  // Written at ingest from the events (the handler a page named, resolved to an official).
  { table: 'readings', key: ['unit_id', 'dossier_code', 'event_id'] },
  { table: 'dossiers', key: ['unit_id', 'code'] },
  { table: 'segments', key: ['unit_id', 'dossier_code', 'seq'] },
  // A closed flag is history the replay cannot know; the open ones are what the rules say.
  { table: 'flags', key: ['unit_id', 'key'], skip: ['opened_at'], where: 'open' },
  { table: 'rollups', key: ['unit_id', 'day', 'official_id', 'step'] },
  { table: 'rollup_buckets', key: ['unit_id', 'day', 'official_id', 'step', 'bucket'] },
  { table: 'rollup_months', key: ['unit_id', 'month', 'official_id', 'step'] },
  { table: 'rollup_month_buckets', key: ['unit_id', 'month', 'official_id', 'step', 'bucket'] },
  { table: 'rollup_years', key: ['unit_id', 'year', 'official_id', 'step'] },
  { table: 'rollup_year_buckets', key: ['unit_id', 'year', 'official_id', 'step', 'bucket'] },
];

const PAGE = 5000;
const norm = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Number(v) : (v ?? null));

async function copyReference(src: Db, dst: Db): Promise<void> {
  // Units without parents first, parents after: a cycle in the source cannot stop the copy.
  const units = await src.selectFrom('units').selectAll().execute();
  for (const u of units)
    await dst
      .insertInto('units')
      .values({ ...u, parent_id: null })
      .execute();
  for (const u of units)
    if (u.parent_id)
      await dst
        .updateTable('units')
        .set({ parent_id: u.parent_id })
        .where('id', '=', u.id)
        .execute()
        .catch(() => undefined);
  for (const table of ['officials', 'official_accounts', 'procedures', 'calendars', 'rule_settings'] as const) {
    const rows = await src.selectFrom(table).selectAll().execute();
    for (let i = 0; i < rows.length; i += 200)
      await dst
        .insertInto(table)
        .values(rows.slice(i, i + 200) as never)
        .execute();
  }
}

async function readAll(db: Db, spec: (typeof COMPARED)[number]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let offset = 0; ; offset += PAGE) {
    let q = db.selectFrom(spec.table as 'segments').selectAll();
    if (spec.where === 'open') q = q.where('closed_at' as never, 'is', null);
    for (const k of spec.key) q = q.orderBy(k as never);
    const page = (await q.limit(PAGE).offset(offset).execute()) as Record<string, unknown>[];
    for (const r of page) out.set(spec.key.map((k) => String(r[k])).join(' | '), r);
    if (page.length < PAGE) return out;
  }
}

export async function verifyDerived(
  db: Db,
  opts: { onProgress?: (done: number, total: number) => void; maxPerTable?: number } = {},
): Promise<{
  differences: DerivedDifference[];
  counts: Record<string, number>;
  dossiers: number;
  pending: number;
  settingsChangedAt: number | null;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'dp-verify-'));
  const scratch = await openStorage({ kind: 'sqlite', path: join(dir, 'replay.sqlite') });
  try {
    await copyReference(db, scratch.db);
    const pending = new Set((await db.selectFrom('derive_queue').select('dossier_code').execute()).map((r) => r.dossier_code));
    const live = await db.selectFrom('dossiers').select(['code', 'derived_at']).orderBy('derived_at').orderBy('code').execute();
    const groups = new Map<number, string[]>();
    for (const d of live) {
      const t = Number(d.derived_at);
      if (!groups.has(t)) groups.set(t, []);
      groups.get(t)!.push(d.code);
    }

    // Events enter the scratch database in the order they were received; a dossier's own events
    // enter before it is derived (those received after the instant come early, remembered here).
    let after: { received_at: number; unit_id: string; id: string } | null = null;
    let exhausted = false;
    let buffer: EventRow[] = [];
    const early = new Set<string>();
    // Ingest writes the page readings beside the events; the replay does the same, with ingest's code.
    const directory = await officialDirectory(scratch.db);
    const insert = async (rows: EventRow[]) => {
      for (let i = 0; i < rows.length; i += 200)
        await scratch.db
          .insertInto('events')
          .values(rows.slice(i, i + 200))
          .execute();
      const readable = rows.map((r) => (r.extra === REDACTED_VALUE ? { ...r, extra: null } : r));
      if (rows.length) await recordReadings(scratch.db, readingsOf(readable, directory), Number(rows[0]!.received_at));
    };
    const fill = async () => {
      let q = db.selectFrom('events').selectAll().orderBy('received_at').orderBy('unit_id').orderBy('id').limit(PAGE);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb('received_at', '>', a.received_at),
            eb.and([
              eb('received_at', '=', a.received_at),
              eb.or([eb('unit_id', '>', a.unit_id), eb.and([eb('unit_id', '=', a.unit_id), eb('id', '>', a.id)])]),
            ]),
          ]),
        );
      }
      const page = await q.execute();
      if (page.length < PAGE) exhausted = true;
      if (page.length) {
        const last = page.at(-1)!;
        after = { received_at: Number(last.received_at), unit_id: last.unit_id, id: last.id };
      }
      buffer.push(...page);
    };
    const feedUntil = async (t: number) => {
      for (;;) {
        if (!buffer.length && !exhausted) await fill();
        const upTo = buffer.findIndex((e) => Number(e.received_at) > t);
        const take = upTo < 0 ? buffer : buffer.slice(0, upTo);
        buffer = upTo < 0 ? [] : buffer.slice(upTo);
        await insert(take.filter((e) => !early.delete(`${e.unit_id}|${e.id}`)));
        if (upTo >= 0 || exhausted) return;
      }
    };

    let done = 0;
    for (const [t, codes] of groups) {
      await feedUntil(t);
      const own = codes.filter((c) => !pending.has(c));
      for (let i = 0; i < own.length; i += 500) {
        const later = await db
          .selectFrom('events')
          .selectAll()
          .where('dossier_code', 'in', own.slice(i, i + 500))
          .where('received_at', '>', t)
          .execute();
        const fresh = later.filter((e) => !early.has(`${e.unit_id}|${e.id}`));
        for (const e of fresh) early.add(`${e.unit_id}|${e.id}`);
        await insert(fresh);
      }
      await deriveNow(scratch.db, codes, { now: t });
      done += codes.length;
      opts.onProgress?.(done, live.length);
    }

    const differences: DerivedDifference[] = [];
    const counts: Record<string, number> = {};
    const max = opts.maxPerTable ?? 200;
    for (const spec of COMPARED) {
      const stored = await readAll(db, spec);
      const expected = await readAll(scratch.db, spec);
      let n = 0;
      const add = (d: DerivedDifference) => {
        n++;
        if (n <= max) differences.push(d);
      };
      for (const [key, row] of stored) {
        const want = expected.get(key);
        if (!want) {
          add({ table: spec.table, key, column: '(row)', stored: 'present', expected: 'absent' });
          continue;
        }
        for (const column of Object.keys(want)) {
          if (spec.skip?.includes(column)) continue;
          const a = norm(row[column]);
          const b = norm(want[column]);
          const same = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b;
          if (!same) add({ table: spec.table, key, column, stored: a, expected: b });
        }
      }
      for (const key of expected.keys())
        if (!stored.has(key)) add({ table: spec.table, key, column: '(row)', stored: 'absent', expected: 'present' });
      counts[spec.table] = n;
    }
    const changed = await Promise.all([
      db
        .selectFrom('procedures')
        .select((eb) => eb.fn.max('updated_at').as('t'))
        .executeTakeFirst(),
      db
        .selectFrom('rule_settings')
        .select((eb) => eb.fn.max('updated_at').as('t'))
        .executeTakeFirst(),
      db
        .selectFrom('calendars')
        .select((eb) => eb.fn.max('created_at').as('t'))
        .executeTakeFirst(),
    ]);
    const settingsChangedAt = Math.max(0, ...changed.map((r) => Number(r?.t ?? 0))) || null;
    return { differences, counts, dossiers: live.length, pending: pending.size, settingsChangedAt };
  } finally {
    await scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeDifference(d: DerivedDifference): string {
  const show = (v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}…` : JSON.stringify(v));
  return `DẪN XUẤT / DERIVED  ${d.table} [${d.key}] ${d.column}: stored ${show(d.stored)}, events say ${show(d.expected)}`;
}
