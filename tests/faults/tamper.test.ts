import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { copyDatabase } from '../support/db-copy.ts';
import { TEST_KEY_FILE } from '../support/integrity.ts';
import { batch } from '../support/events.ts';
import type { Db } from '../../api/db/connect.ts';
import type { EventRow } from '../../api/db/tables.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { chainHashV2, fieldsDigest, GENESIS_HASH, REDACTED_VALUE } from '../../api/ingest/hash-chain.ts';
import { runVerify, type VerifyResult } from '../../api/verify/run-verify.ts';
import type { Tamper } from '../../api/verify/verify-chain.ts';
import { redactEventField } from '../../api/integrity/redaction.ts';

/**
 * The tamper suite: a database populated through the real API (several officials' chains,
 * derived tables, a closed inspection with its stored report, a checkpoint an auditor saved, and
 * text holding every kind of valid Unicode), copied, spoiled one way per test, and verified. Each
 * kind must be found and named exactly (the first row that differs, and how), and the untouched
 * database must give no finding at all.
 */
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const PROCEDURE = '1.001193.000.00.00.H32';
const REPO = resolve(import.meta.dirname, '../..');

/** Valid Unicode that has broken storage, hashing or comparison elsewhere. */
export const UNICODE_EDGE_CASES = [
  'Tiếp nhận hồ sơ',
  'Nguyê\u0303n (tổ hợp / NFD)',
  'Nguyễn (NFC)',
  'Ánh sáng 😀',
  'gia đình 👩\u200d👩\u200d👧',
  '𝕏𝕐ℤ toán học',
  '\u202Eđảo chiều\u202C',
  'a\u0301\u0302\u0303 dấu chồng',
  'giữa\uFEFFBOM',
  'thay thế \uFFFD',
  'riêng \uE000 \u{F0000}',
  'cuối \u{10FFFF}',
  'không phải ký tự \uFFFE\uFFFF',
  'dòng\u2028đoạn\u2029',
  'tab\tgiữa',
  '"nháy" \\ gạch \' đơn',
  'ﬃ Ⅻ ٣٤٥ ０００',
  '漢字 한국어',
  'עברית العربية',
  'ไทย ລາວ',
  '\u200B\u200C\u200D rộng 0',
  '🏳️\u200d🌈 cờ',
  'Ω≈ç√∫',
  'x'.repeat(200),
];

type Ctx = { db: Db; ids: Map<string, string>; checkpointFile: unknown; cpLength: (officialId: string) => number; inspectionId: string };

async function chainOf(db: Db, officialId: string): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('official_id', '=', officialId).orderBy('chain_seq').execute();
}

/** What someone with database access but without the key can do: recompute hashes from `fromSeq` on, and the head. */
async function rehash(db: Db, officialId: string, fromSeq: number): Promise<void> {
  const rows = await chainOf(db, officialId);
  let prev = rows.find((r) => Number(r.chain_seq) === fromSeq - 1)?.hash ?? GENESIS_HASH;
  for (const r of rows.filter((x) => Number(x.chain_seq) >= fromSeq)) {
    const hash = chainHashV2(prev, fieldsDigest(r, r.salt!));
    await db.updateTable('events').set({ prev_hash: prev, hash }).where('unit_id', '=', r.unit_id).where('id', '=', r.id).execute();
    prev = hash;
  }
  const last = rows.at(-1)!;
  await db
    .updateTable('chain_heads')
    .set({ seq: Number(last.chain_seq), hash: prev })
    .where('official_id', '=', officialId)
    .execute();
}

const firstOf = (r: VerifyResult, officialId: string) => r.chains.tampers.find((t) => t.officialId === officialId);

describe.each(STORAGE_DIALECTS)('tamper evidence on a populated $name database', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ids = new Map<string, string>();
  let checkpointFile: unknown;
  let inspectionId = '';

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target);
    const db = api.services.db;
    for (const o of await db.selectFrom('officials').select(['id', 'username']).execute()) ids.set(o.username, o.id);
    const day = 86_400_000;
    const base = Date.now() - 12 * day;
    const iso = (ms: number) => new Date(ms).toISOString();
    const U = UNICODE_EDGE_CASES;
    const codes = [
      ...Array.from({ length: 8 }, (_, i) => `${SO}-${'2511' + String(10 + i).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`),
      `${XA1}-251112-0001`,
      `${XA1}-251113-0002`,
    ];
    const by = new Map<string, unknown[]>();
    const add = (who: string, e: Record<string, unknown>) =>
      by.set(who, [...(by.get(who) ?? []), { id: randomUUID(), profile: { id: 'backoffice-spa', version: 1 }, ...e }]);
    codes.forEach((code, i) => {
      const t0 = base + i * 3600_000;
      const xa = code.startsWith(XA1);
      const desk = xa ? 'motcuaxa1' : 'motcua1';
      const spec = xa ? 'tuphapxa1' : 'chuyenvien1';
      const head = xa ? 'chutichxa1' : 'lanhdao1';
      const fields = (k: number) => ({ step: U[(i + k) % U.length], status: U[(i + k + 7) % U.length], procedureCode: PROCEDURE });
      add(desk, {
        kind: 'action',
        action: 'receive',
        dossierCode: code,
        at: iso(t0),
        fields: { ...fields(0), appointmentAt: iso(t0 + 10 * day) },
      });
      add(desk, { kind: 'action', action: 'forward', dossierCode: code, at: iso(t0 + 1200_000), toAccount: spec, fields: fields(0) });
      // The page names the current handler (a reading derivation uses), by name or, oddly, in any script.
      add(spec, {
        kind: 'open',
        dossierCode: code,
        at: iso(t0 + 3600_000),
        fields: { ...fields(1), handler: i % 3 ? 'Lê Minh Tuấn - Chuyên viên' : U[(i + 3) % U.length]!.slice(0, 100) },
      });
      add(spec, { kind: 'active', dossierCode: code, at: iso(t0 + 5400_000), start: iso(t0 + 3600_000), end: iso(t0 + 5400_000) });
      add(spec, { kind: 'action', action: 'forward', dossierCode: code, at: iso(t0 + day), toAccount: head, fields: fields(2) });
      add(head, { kind: 'action', action: 'approve', dossierCode: code, at: iso(t0 + 2 * day), fields: fields(3) });
      if (i % 2 === 0)
        add(head, { kind: 'action', action: 'finish', dossierCode: code, at: iso(t0 + 2 * day + 3600_000), fields: fields(4) });
    });
    add('chuyenvien2', {
      kind: 'list_seen',
      at: iso(base + 5 * day),
      rows: codes.slice(0, 3).map((dossierCode, i) => ({ dossierCode, fields: { status: U[i + 3], handler: 'chuyenvien1' } })),
    });
    add('chuyenvien2', { kind: 'profile_miss', at: iso(base + 5 * day), pageKind: 'detail', anchor: U[1]! });
    for (const [who, events] of by) {
      const res = await api.call(who, '/v1/events', { body: batch(events) });
      expect(
        res.json.rejected,
        `${who}: ${JSON.stringify(res.json.results?.filter((r: { status: string }) => r.status === 'rejected'))}`,
      ).toBe(0);
    }
    await deriveNow(db);
    const created = await api.call('thanhtra', '/v1/inspections', { body: { unitId: SO, sampleSize: 3, seed: 'kiểm tra 😀' } });
    expect(created.status).toBe(201);
    inspectionId = created.json.inspection.id;
    for (const d of created.json.dossiers) {
      const put = await api.call('thanhtra', `/v1/inspections/${inspectionId}/findings/${d.dossierCode}`, {
        method: 'PUT',
        body: { delayJustified: false, note: `Ghi chú ${U[5]} ${U[20]}`, responsibleOfficialId: ids.get('chuyenvien1') },
      });
      expect(put.status).toBe(200);
    }
    expect(
      (await api.call('thanhtra', `/v1/inspections/${inspectionId}/close`, { body: { conclusion: U.join(' | ').slice(0, 7000) } })).status,
    ).toBe(200);
    const cp = await api.call('thanhtra', '/v1/checkpoints', { body: {} });
    expect(cp.status).toBe(201);
    checkpointFile = cp.json;
    // Events after the checkpoint: the chains go on beyond what the auditor saved.
    const more = [0, 1].map((k) => ({
      id: randomUUID(),
      kind: 'open',
      dossierCode: codes[1],
      at: iso(Date.now() - (10 - k) * 60_000),
      profile: { id: 'backoffice-spa', version: 1 },
      fields: { step: U[k + 9] },
    }));
    expect((await api.call('chuyenvien1', '/v1/events', { body: batch(more) })).json.accepted).toBe(2);
    await deriveNow(db);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const cpLength = (officialId: string) =>
    (checkpointFile as { checkpoint: { chains: { officialId: string; length: number }[] } }).checkpoint.chains.find(
      (c) => c.officialId === officialId,
    )!.length;

  /** Spoils a copy, verifies it, and hands the result to `check`. */
  async function onCopy(spoil: (ctx: Ctx) => Promise<void>, check: (r: VerifyResult, ctx: Ctx) => void, opts: { derived?: boolean } = {}) {
    const copy = await copyDatabase(api.services.storage, database);
    try {
      const ctx: Ctx = { db: copy.storage.db, ids, checkpointFile, cpLength, inspectionId };
      await spoil(ctx);
      const result = await runVerify(copy.storage.db, { key: api.services.integrity, checkpointFile, derived: opts.derived ?? false });
      check(result, ctx);
    } finally {
      await copy.drop();
    }
  }

  test('the untouched database, Unicode edge cases and all, gives no finding at all (chains, log, inspections, derived tables)', async () => {
    const r = await runVerify(api.services.db, { key: api.services.integrity, checkpointFile, derived: true });
    expect(r.chains.tampers).toEqual([]);
    expect(r.log).toEqual([]);
    expect(r.derived!.differences).toEqual([]);
    expect(r.derived!.dossiers).toBeGreaterThanOrEqual(10);
    expect(r.ok).toBe(true);
    expect(r.chains.taggedRows).toBe(r.chains.rows);
    // Page readings of the current handler were replayed and compared too.
    expect((await api.services.db.selectFrom('readings').select('event_id').execute()).length).toBeGreaterThan(5);
    const stored = await api.services.db.selectFrom('events').select('step').where('step', 'is not', null).execute();
    expect(stored.some((s) => s.step === UNICODE_EDGE_CASES[1])).toBe(true);
  });

  const official = () => ids.get('chuyenvien1')!;
  const expectOnly = (r: VerifyResult, want: Partial<Tamper>) => {
    expect(r.log).toEqual([]);
    expect(firstOf(r, official())).toMatchObject(want);
    expect(r.chains.tampers.every((t) => t.officialId === official())).toBe(true);
  };

  test('1. a plain edit of a row', () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, official()))[2]!;
        await db.updateTable('events').set({ step: 'Đã sửa' }).where('id', '=', row.id).execute();
      },
      (r) => {
        expectOnly(r, { kind: 'edited', seq: 3, what: 'fields' });
        expect(r.chains.tampers).toHaveLength(1);
      },
    ));

  test('2. a row edited and every later hash and the head recomputed', () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, official()))[3]!;
        await db
          .updateTable('events')
          .set({ at: Number(row.at) + 3600_000 })
          .where('id', '=', row.id)
          .execute();
        await rehash(db, official(), 4);
      },
      (r) => {
        expectOnly(r, { kind: 'edited', seq: 4, what: 'fields' });
        expect(r.chains.tampers.filter((t) => t.kind !== 'head')).toHaveLength(1);
      },
    ));

  test('3. a row edited and only its own hash recomputed', () =>
    onCopy(
      async ({ db }) => {
        const rows = await chainOf(db, official());
        const row = rows[4]!;
        const edited = { ...row, step: 'Đã sửa và băm lại' };
        await db
          .updateTable('events')
          .set({ step: edited.step, hash: chainHashV2(row.prev_hash, fieldsDigest(edited, row.salt!)) })
          .where('id', '=', row.id)
          .execute();
      },
      (r) => {
        expectOnly(r, { kind: 'edited', seq: 5 });
        expect(r.chains.tampers).toHaveLength(1);
      },
    ));

  test('4. a row deleted from the middle', () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, official()))[5]!;
        await db.deleteFrom('events').where('id', '=', row.id).execute();
      },
      (r) => {
        expectOnly(r, { kind: 'deleted', seqFrom: 6, seqTo: 6, atEnd: false });
        expect(r.chains.tampers).toHaveLength(1);
      },
    ));

  test('5. a row deleted from the middle, the rest renumbered and rehashed', () =>
    onCopy(
      async ({ db }) => {
        const rows = await chainOf(db, official());
        await db.deleteFrom('events').where('id', '=', rows[5]!.id).execute();
        for (const r of rows.slice(6))
          await db
            .updateTable('events')
            .set({ chain_seq: Number(r.chain_seq) - 1 })
            .where('id', '=', r.id)
            .execute();
        await rehash(db, official(), 6);
      },
      (r, ctx) => {
        expectOnly(r, { kind: 'deleted', seqFrom: 6, seqTo: 6 });
        expect(r.chains.tampers.filter((t) => t.kind === 'reordered' || t.kind === 'edited' || t.kind === 'inserted')).toEqual([]);
        void ctx;
      },
    ));

  test('6. a forged row inserted in the middle, the rest renumbered and rehashed', () =>
    onCopy(
      async ({ db }) => {
        const rows = await chainOf(db, official());
        for (const r of rows.slice(3).reverse())
          await db
            .updateTable('events')
            .set({ chain_seq: Number(r.chain_seq) + 1 })
            .where('id', '=', r.id)
            .execute();
        await db
          .insertInto('events')
          .values({ ...rows[3]!, id: randomUUID(), chain_seq: 4, step: 'Giả mạo' })
          .execute();
        await rehash(db, official(), 4);
      },
      (r) => {
        expectOnly(r, { kind: 'inserted', seq: 4 });
        expect(r.chains.tampers.filter((t) => t.kind !== 'head')).toHaveLength(1);
      },
    ));

  test('7. a forged row appended beyond the head', () =>
    onCopy(
      async ({ db }) => {
        const rows = await chainOf(db, official());
        const last = rows.at(-1)!;
        const forged = { ...last, id: randomUUID(), chain_seq: Number(last.chain_seq) + 1, prev_hash: last.hash };
        await db
          .insertInto('events')
          .values({ ...forged, hash: chainHashV2(last.hash, fieldsDigest(forged, forged.salt!)) })
          .execute();
      },
      (r) => {
        const rows = r.chains.tampers;
        expectOnly(r, { kind: 'inserted' });
        expect(rows).toHaveLength(1);
      },
    ));

  test('8. two rows swapped', () =>
    onCopy(
      async ({ db }) => {
        const rows = await chainOf(db, official());
        const [a, b] = [rows[2]!, rows[8]!];
        await db.updateTable('events').set({ chain_seq: -1 }).where('id', '=', a.id).execute();
        await db
          .updateTable('events')
          .set({ chain_seq: Number(a.chain_seq) })
          .where('id', '=', b.id)
          .execute();
        await db
          .updateTable('events')
          .set({ chain_seq: Number(b.chain_seq) })
          .where('id', '=', a.id)
          .execute();
        await rehash(db, official(), 3);
      },
      (r) => {
        expectOnly(r, { kind: 'reordered', seq: 3, foundAt: 9 });
        expect(r.chains.tampers.filter((t) => t.kind !== 'head').map((t) => t.kind)).toEqual(['reordered', 'reordered']);
      },
    ));

  test('9. the tail cut off and the head rewound (rows before the checkpoint)', () =>
    onCopy(
      async ({ db, cpLength }) => {
        const rows = await chainOf(db, official());
        const keep = cpLength(official()) - 3;
        await db.deleteFrom('events').where('official_id', '=', official()).where('chain_seq', '>', keep).execute();
        const last = rows[keep - 1]!;
        await db.updateTable('chain_heads').set({ seq: keep, hash: last.hash }).where('official_id', '=', official()).execute();
      },
      (r, { cpLength }) => {
        const n = cpLength(official());
        expectOnly(r, { kind: 'deleted', seqFrom: n - 2, atEnd: true });
        // The head was rewound with a tag only the key could make: it is named too.
        expect((firstOf(r, official()) as { seqTo: number }).seqTo).toBe(n);
        expect(r.chains.tampers.at(-1)).toMatchObject({ kind: 'head' });
      },
    ));

  test('10. the head row deleted (the last event), the head left', () =>
    onCopy(
      async ({ db }) => {
        const last = (await chainOf(db, official())).at(-1)!;
        await db.deleteFrom('events').where('id', '=', last.id).execute();
      },
      (r) => {
        expectOnly(r, { kind: 'deleted', atEnd: true });
        expect(r.chains.tampers).toHaveLength(1);
      },
    ));

  test('11. a whole chain deleted, head and all', () =>
    onCopy(
      async ({ db }) => {
        await db.deleteFrom('events').where('official_id', '=', official()).execute();
        await db.deleteFrom('chain_heads').where('official_id', '=', official()).execute();
      },
      (r, { cpLength }) => {
        expectOnly(r, { kind: 'chain_deleted', length: cpLength(official()) });
        expect(r.chains.tampers).toHaveLength(1);
      },
    ));

  test('12. a field blanked to look redacted, with no redaction on record', () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, official()))[1]!;
        await db.updateTable('events').set({ status: REDACTED_VALUE }).where('id', '=', row.id).execute();
      },
      (r) => {
        expectOnly(r, { kind: 'edited', seq: 2 });
        expect(r.redactions).toEqual([]);
      },
    ));

  test('13. a stored report rewritten together with its digest', () =>
    onCopy(
      async ({ db, inspectionId }) => {
        const body = '<!doctype html><p>Không có vi phạm</p>';
        await db
          .updateTable('inspection_reports')
          .set({ body, sha256: (await import('node:crypto')).createHash('sha256').update(body).digest('hex') })
          .where('inspection_id', '=', inspectionId)
          .where('format', '=', 'html')
          .execute();
      },
      (r, { inspectionId }) => {
        expect(r.chains.tampers).toEqual([]);
        expect(r.log).toEqual([
          expect.objectContaining({ kind: 'inspection', inspectionId, detail: expect.stringMatching(/report\.html body rewritten/) }),
        ]);
      },
    ));

  test('14. a finding changed after the inspection closed', () =>
    onCopy(
      async ({ db, inspectionId }) => {
        const d = await db
          .selectFrom('inspection_dossiers')
          .select('dossier_code')
          .where('inspection_id', '=', inspectionId)
          .orderBy('position')
          .executeTakeFirstOrThrow();
        await db
          .updateTable('inspection_dossiers')
          .set({ delay_justified: 1, responsible_official_id: null })
          .where('inspection_id', '=', inspectionId)
          .where('dossier_code', '=', d.dossier_code)
          .execute();
      },
      (r, { inspectionId }) => {
        expect(r.chains.tampers).toEqual([]);
        expect(r.log).toEqual([
          expect.objectContaining({ kind: 'inspection', inspectionId, detail: expect.stringMatching(/finding changed after closing/) }),
        ]);
      },
    ));

  test("15. the closed inspection's audit-log entry deleted", () =>
    onCopy(
      async ({ db }) => {
        await db.deleteFrom('audit_log').where('kind', '=', 'inspection_closed').execute();
      },
      (r, { inspectionId }) => {
        expect(r.log).toContainEqual(expect.objectContaining({ kind: 'log_deleted', seqFrom: 1 }));
        expect(r.log).toContainEqual(
          expect.objectContaining({ kind: 'inspection', inspectionId, detail: expect.stringMatching(/missing from the audit log/) }),
        );
      },
    ));

  test('16. derived tables edited: a segment shortened, a rollup lowered, an open flag closed', () =>
    onCopy(
      async ({ db }) => {
        const seg = await db
          .selectFrom('segments')
          .selectAll()
          .where('holder_id', '=', official())
          .where('to_at', 'is not', null)
          .orderBy('dossier_code')
          .orderBy('seq')
          .executeTakeFirstOrThrow();
        await db
          .updateTable('segments')
          .set({ working_seconds: 60 })
          .where('unit_id', '=', seg.unit_id)
          .where('dossier_code', '=', seg.dossier_code)
          .where('seq', '=', seg.seq)
          .execute();
        const roll = await db
          .selectFrom('rollups')
          .selectAll()
          .where('official_id', '=', official())
          .orderBy('day')
          .executeTakeFirstOrThrow();
        await db
          .updateTable('rollups')
          .set({ working_ms: 1000 })
          .where('unit_id', '=', roll.unit_id)
          .where('day', '=', roll.day)
          .where('official_id', '=', roll.official_id)
          .where('step', '=', roll.step)
          .execute();
        const flag = await db.selectFrom('flags').selectAll().where('closed_at', 'is', null).orderBy('key').executeTakeFirst();
        if (flag)
          await db
            .updateTable('flags')
            .set({ closed_at: Date.now() })
            .where('unit_id', '=', flag.unit_id)
            .where('key', '=', flag.key)
            .execute();
      },
      (r) => {
        expect(r.chains.tampers).toEqual([]);
        const d = r.derived!.differences;
        expect(d).toContainEqual(expect.objectContaining({ table: 'segments', column: 'working_seconds', stored: 60 }));
        expect(d).toContainEqual(expect.objectContaining({ table: 'rollups', column: 'working_ms', stored: 1000 }));
        expect(d.filter((x) => x.table === 'flags').length).toBeLessThanOrEqual(1);
        expect(d.every((x) => ['segments', 'rollups', 'flags'].includes(x.table))).toBe(true);
      },
      { derived: true },
    ));

  test('17. a derived dossier row moved to another holder', () =>
    onCopy(
      async ({ db }) => {
        const row = await db
          .selectFrom('dossiers')
          .selectAll()
          .where('current_holder_id', 'is not', null)
          .orderBy('code')
          .executeTakeFirstOrThrow();
        await db
          .updateTable('dossiers')
          .set({ current_holder_id: ids.get('motcua2')! })
          .where('code', '=', row.code)
          .execute();
      },
      (r) => {
        expect(r.derived!.differences).toEqual([
          expect.objectContaining({ table: 'dossiers', column: 'current_holder_id', stored: ids.get('motcua2') }),
        ]);
      },
      { derived: true },
    ));

  test('a genuine redaction keeps every check passing and is reported', () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, official()))[0]!;
        await redactEventField(db, api.services.integrity, {
          eventId: row.id,
          field: 'step',
          reason: 'tên công dân trong bước',
          by: ids.get('admin')!,
          now: Date.now(),
        });
        if (row.dossier_code) await deriveNow(db, [row.dossier_code]);
      },
      (r) => {
        expect(r.chains.tampers).toEqual([]);
        // The log moved past the checkpoint's: appending is not tampering.
        expect(r.log).toEqual([]);
        expect(r.redactions).toEqual([
          expect.objectContaining({ field: 'step', officialId: official(), seq: 1, reason: 'tên công dân trong bước' }),
        ]);
        expect(r.derived!.differences).toEqual([]);
        expect(r.ok).toBe(true);
      },
      { derived: true },
    ));

  test("a genuine redaction of a list page's rows (extra, with the handlers it named) keeps every check passing", () =>
    onCopy(
      async ({ db }) => {
        const row = (await chainOf(db, ids.get('chuyenvien2')!)).find((r) => r.kind === 'list_seen')!;
        const r = await redactEventField(db, api.services.integrity, {
          eventId: row.id,
          field: 'extra',
          reason: 'dữ liệu công dân trong danh sách',
          by: ids.get('admin')!,
          now: Date.now(),
        });
        expect(r.dossierCodes.length).toBeGreaterThan(0);
        await deriveNow(db, r.dossierCodes);
        expect(await db.selectFrom('readings').select('event_id').where('event_id', '=', row.id).execute()).toEqual([]);
      },
      (r) => {
        expect(r.chains.tampers).toEqual([]);
        expect(r.redactions).toEqual([expect.objectContaining({ field: 'extra', officialId: ids.get('chuyenvien2') })]);
        expect(r.derived!.differences).toEqual([]);
      },
      { derived: true },
    ));

  test('npm run verify names the first differing row and exits 1; exits 0 on the untouched copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dp-verify-cli-'));
    const file = join(dir, 'checkpoint.json');
    writeFileSync(file, JSON.stringify(checkpointFile));
    const copy = await copyDatabase(api.services.storage, database);
    const env = { ...process.env, CHECKPOINT_KEY_FILE: TEST_KEY_FILE, LOG_LEVEL: 'silent', ...copy.env };
    try {
      const run = () => spawnSync(process.execPath, ['api/cli/verify.ts', '--checkpoint', file], { cwd: REPO, env, encoding: 'utf8' });
      const clean = run();
      expect(clean.stdout, clean.stderr).toMatch(/✓/);
      expect(clean.status).toBe(0);
      const row = (await chainOf(copy.storage.db, official()))[2]!;
      await copy.storage.db.updateTable('events').set({ step: 'Đã sửa' }).where('id', '=', row.id).execute();
      const spoiled = run();
      expect(spoiled.status).toBe(1);
      expect(spoiled.stdout).toMatch(new RegExp(`→ SỬA / EDITED +official ${official()} seq 3: event ${row.id}`));
    } finally {
      await copy.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
