/**
 * Issue 21 on both databases: a simulated back-office's own tracking book, imported beside what
 * the extension captured of the same work (only part of it, plus forgeries of the kinds the
 * attribution work's adversarial generator makes), gives each official's coverage as the ground
 * truth's share, lists every forgery as "only captured" without counting it, corroborates custody
 * the receiver's own events never confirmed, imports twice without adding anything, and keeps no
 * column beyond the whitelist.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { batch } from '../support/events.ts';
import { dumpDatabase } from '../support/db-scan.ts';
import { deriveNow, rebuildDerived } from '../../api/derive/index.ts';
import { addDays, localDate, localDayStart } from '../../api/derive/local-day.ts';
import { createWorld } from '../backoffice/world.ts';
import {
  bookEntries,
  controlSlip,
  PERSONAL_COLUMNS,
  trackingBookCsv,
  trackingBookXlsx,
  type BookEntry,
} from '../backoffice/tracking-book.ts';
import type { Forgery } from '../workload/adversity.ts';

const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const SO = '000.00.12.H32';
const TO = localDate(NOW);
const FROM = addDays(TO, -9);
const PERIOD = { from: localDayStart(FROM), to: localDayStart(addDays(TO, 1)) };
/** The extension is not running for this official. */
const UNSEEN = 'lanhdao1';
/** This one's extension misses every other action (a profile that reads only some screens). */
const HALF_SEEN = 'motcua1';
const SKEW_MS = 25_000;
const MAPPING = {
  backoffice: 'mo-phong',
  name: 'Back-office mô phỏng (Sở TN&MT)',
  columns: {
    dossierCode: 'Mã hồ sơ',
    procedureCode: 'Mã thủ tục',
    step: 'Bước xử lý',
    action: 'Thao tác',
    actor: 'Cán bộ thực hiện',
    receiver: 'Cán bộ nhận',
    at: 'Thời gian thực hiện',
  },
};

const world = createWorld({ seed: 1, now: new Date(NOW) });
const store = world.store;
const entries = bookEntries(store, { unitIds: [SO], from: PERIOD.from, to: PERIOD.to });

/** Which of the book's entries the extension captured: the ground truth of coverage. */
function captured(): BookEntry[] {
  const seenOf = new Map<string, number>();
  return entries.filter(({ entry }) => {
    if (entry.from === UNSEEN) return false;
    const n = seenOf.get(entry.from) ?? 0;
    seenOf.set(entry.from, n + 1);
    return entry.from !== HALF_SEEN || n % 2 === 0;
  });
}

describe.each(STORAGE_DIALECTS)('the back-office log as a second witness on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ids = new Map<string, string>();
  const accountOf = new Map<string, string>();
  const seen = captured();
  const forgeries: (Forgery & { id: string; at: number })[] = [];
  const query = `unitId=${SO}&from=${FROM}&to=${TO}`;

  const send = async (account: string, events: unknown[]) => {
    for (let i = 0; i < events.length; i += 400) {
      const res = await api.call(account, '/v1/events', { body: batch(events.slice(i, i + 400), new Date(NOW)) });
      expect(res.status).toBe(200);
      expect(res.json.rejected).toBe(0);
    }
  };
  const derive = () => deriveNow(api.services.db, undefined, { now: NOW });
  const importFile = async (body: Record<string, unknown>) =>
    api.call('admin', '/v1/reconcile/imports', { body: { backoffice: MAPPING.backoffice, ...body } });
  const segmentsOf = (code: string) =>
    api.services.db.selectFrom('segments').selectAll().where('dossier_code', '=', code).orderBy('seq').execute();

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    for (const o of await api.services.db.selectFrom('officials').select(['id', 'username']).execute()) {
      ids.set(o.username, o.id);
      accountOf.set(o.id, o.username);
    }
    const byAccount = new Map<string, unknown[]>();
    for (const { dossier, entry } of seen) {
      const e = {
        id: randomUUID(),
        kind: 'action',
        action: entry.action,
        at: new Date(Date.parse(entry.at) + SKEW_MS).toISOString(),
        dossierCode: dossier.code,
        profile: { id: 'mo-phong-spa', version: 1 },
        ...(entry.to ? { toAccount: entry.to } : {}),
        fields: { procedureCode: dossier.procedureCode, ...(entry.stepBefore ? { step: entry.stepBefore } : {}) },
      };
      byAccount.set(entry.from, [...(byAccount.get(entry.from) ?? []), e]);
    }
    for (const [account, events] of byAccount) await send(account, events);

    // Forgeries of the adversarial generator's three kinds, inside the period the log covers.
    const mid = (PERIOD.from + NOW) / 2;
    // A real dossier none of the forgery's people (forger, framed, false finisher) ever touched.
    const strangers = new Set(['chuyenvien2', 'lanhdao2', 'motcua2']);
    const real = entries.find(
      ({ dossier, entry }) =>
        Math.abs(Date.parse(entry.at) - mid) < 3 * 86_400_000 &&
        dossier.history.every((h) => !strangers.has(h.from) && !strangers.has(h.to ?? '')),
    )!.dossier.code;
    const plan: (Forgery & { action: string; to?: string })[] = [
      {
        kind: 'handover_made_up',
        dossier: `${SO}-251121-9001`,
        forger: 'chuyenvien2',
        framed: 'giamdoc1',
        action: 'forward',
        to: 'giamdoc1',
      },
      { kind: 'handover_real', dossier: real, forger: 'chuyenvien2', framed: 'lanhdao2', action: 'forward', to: 'lanhdao2' },
      { kind: 'finish_real', dossier: real, forger: 'motcua2', framed: null, action: 'finish' },
    ];
    for (const [i, f] of plan.entries()) {
      const at = Math.round(mid) + i * 3600_000;
      const id = randomUUID();
      forgeries.push({ kind: f.kind, dossier: f.dossier, forger: f.forger, framed: f.framed, id, at });
      await send(f.forger, [
        {
          id,
          kind: 'action',
          action: f.action,
          at: new Date(at).toISOString(),
          dossierCode: f.dossier,
          profile: { id: 'mo-phong-spa', version: 1 },
          ...(f.to ? { toAccount: f.to } : {}),
        },
      ]);
    }
    await derive();
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('the back-office has work the extension partly missed (the premise)', () => {
    expect(entries.length).toBeGreaterThan(40);
    expect(seen.length).toBeLessThan(entries.length);
    expect(entries.some((e) => e.entry.from === UNSEEN)).toBe(true);
    expect(entries.filter((e) => e.entry.from === HALF_SEEN).length).toBeGreaterThan(2);
  });

  test('a preview reads the xlsx through the default mapping, drops the personal columns and stores nothing', async () => {
    const xlsx = (await trackingBookXlsx(store, { unitIds: [SO], from: PERIOD.from, to: PERIOD.to })).toString('base64');
    const res = await importFile({ format: 'xlsx', content: xlsx, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.json.importId).toBeNull();
    expect(res.json.droppedColumns).toEqual(expect.arrayContaining([...PERSONAL_COLUMNS, 'STT', 'Ghi chú']));
    expect(res.json.usedColumns).toHaveLength(7);
    expect(res.json.preview).toHaveLength(5);
    // Numbered as Excel numbers them: title, blank line, header, then the first entry on row 4.
    expect(res.json.preview[0].row).toBe(4);
    expect(res.json.preview[0].facts).toMatchObject({
      dossierCode: entries[0]!.dossier.code,
      actor: entries[0]!.entry.from,
      at: Math.floor(Date.parse(entries[0]!.entry.at) / 60_000) * 60_000,
    });
    expect(JSON.stringify(res.json)).not.toContain(entries[0]!.dossier.applicant.idNumber);
    expect(res.json.rows).toMatchObject({ read: entries.length, valid: entries.length, stored: 0, rejected: 0 });
    expect(await api.services.db.selectFrom('backoffice_log').select('row_key').execute()).toEqual([]);
    // Importing for real needs a saved mapping.
    expect((await importFile({ format: 'xlsx', content: xlsx })).status).toBe(409);
  });

  test('before the import, a receiver who never ran the extension holds only claimed custody', async () => {
    const handed = entries.find(({ entry }) => entry.to === UNSEEN && entry.from !== UNSEEN && seen.some((s) => s.entry === entry))!;
    expect(handed).toBeDefined();
    const seg = (await segmentsOf(handed.dossier.code)).find(
      (s) => s.holder_id === ids.get(UNSEEN) && Number(s.from_at) === Date.parse(handed.entry.at) + SKEW_MS,
    );
    expect(seg?.evidence).toBe('claimed');
    expect(Number(seg?.blamed_seconds)).toBe(0);
  });

  test('importing the xlsx keeps only whitelisted facts; re-importing it, or an overlapping CSV, adds nothing twice', async () => {
    expect((await api.call('admin', '/v1/reconcile/mappings', { body: MAPPING })).status).toBe(201);
    const xlsx = (await trackingBookXlsx(store, { unitIds: [SO], from: PERIOD.from, to: PERIOD.to })).toString('base64');
    const first = await importFile({ format: 'xlsx', content: xlsx, period: { from: FROM, to: TO } });
    expect(first.status).toBe(200);
    expect(first.json.rows).toMatchObject({ read: entries.length, stored: entries.length, alreadyKnown: 0, rejected: 0 });
    expect(first.json.mapping).toEqual({ backoffice: MAPPING.backoffice, version: 1 });
    const again = await importFile({ format: 'xlsx', content: xlsx });
    expect(again.json.rows).toMatchObject({ stored: 0, alreadyKnown: entries.length });
    // The CSV of a longer period overlaps the first import: only the earlier days are new.
    const wider = bookEntries(store, { unitIds: [SO], from: PERIOD.from - 3 * 86_400_000, to: PERIOD.to });
    const csv = await importFile({
      format: 'csv',
      content: trackingBookCsv(store, { unitIds: [SO], from: PERIOD.from - 3 * 86_400_000, to: PERIOD.to }),
    });
    expect(csv.json.rows).toMatchObject({ read: wider.length, stored: wider.length - entries.length, alreadyKnown: entries.length });
    const stored = await api.services.db.selectFrom('backoffice_log').selectAll().execute();
    expect(stored).toHaveLength(wider.length);
    expect(Object.keys(stored[0]!).sort()).toEqual(
      [
        'action',
        'actor_account',
        'actor_id',
        'at',
        'dossier_code',
        'import_id',
        'procedure_code',
        'receiver_account',
        'receiver_id',
        'row_key',
        'step',
        'unit_id',
      ].sort(),
    );
    await derive();
    // A privacy scan of the whole database finds none of the file's citizens.
    const dump = await dumpDatabase(api.services.db);
    const officials = new Set((await api.services.db.selectFrom('officials').select('display_name').execute()).map((o) => o.display_name));
    const citizens = wider.flatMap(({ dossier: d }) => [
      d.applicant.idNumber,
      d.applicant.phone,
      d.applicant.address,
      ...(officials.has(d.applicant.name) ? [] : [d.applicant.name]),
    ]);
    expect(citizens.filter((v) => dump.includes(v))).toEqual([]);
  });

  test('coverage per official is the ground truth’s share; every forgery is only captured, and none counts', async () => {
    const res = await api.call('thanhtra', `/v1/reconcile?${query}&limit=2000`);
    expect(res.status).toBe(200);
    const truth = new Map<string, { total: number; seen: number }>();
    for (const e of entries) {
      const t = truth.get(e.entry.from) ?? { total: 0, seen: 0 };
      t.total += 1;
      if (seen.includes(e)) t.seen += 1;
      truth.set(e.entry.from, t);
    }
    const got = Object.fromEntries(res.json.coverage.map((c: any) => [c.account, [c.logActions, c.coverage]]));
    expect(got).toEqual(Object.fromEntries([...truth].map(([account, t]) => [account, [t.total, t.seen / t.total]])));
    expect(got[UNSEEN][1]).toBe(0);
    expect(got[HALF_SEEN][1]).toBeGreaterThan(0.4);
    expect(res.json.counts).toEqual({ matched: seen.length, onlyInLog: entries.length - seen.length, onlyCaptured: forgeries.length });
    expect(res.json.onlyCaptured.map((x: any) => x.eventId).sort()).toEqual(forgeries.map((f) => f.id).sort());
    expect(res.json.onlyInLog.every((x: any) => x.account === UNSEEN || x.account === HALF_SEEN)).toBe(true);
    // One official's view: the same figures for them alone.
    const mine = await api.call('thanhtra', `/v1/reconcile?${query}&officialId=${ids.get(HALF_SEEN)}`);
    expect(mine.json.coverage).toHaveLength(1);
    expect(mine.json.coverage[0].coverage).toBe(truth.get(HALF_SEEN)!.seen / truth.get(HALF_SEEN)!.total);

    // Not counted: the framed officials hold nothing from the forged hand-overs, the forged end ends nothing.
    for (const f of forgeries) {
      const segs = await segmentsOf(f.dossier);
      if (f.framed) expect(segs.filter((s) => s.holder_id === ids.get(f.framed!) && Number(s.from_at) === f.at)).toEqual([]);
      const d = await api.services.db
        .selectFrom('dossiers')
        .select(['finished_at', 'anomalies'])
        .where('code', '=', f.dossier)
        .executeTakeFirst();
      if (f.kind === 'finish_real') expect(d?.finished_at === null || Number(d?.finished_at) !== f.at).toBe(true);
    }
    const madeUp = await segmentsOf(forgeries[0]!.dossier);
    expect(madeUp.filter((s) => s.evidence === 'confirmed')).toEqual([]);
    // The real dossier both forgeries aimed at: nobody's custody comes from them, no end is pending review.
    const detail = (await api.call('admin', `/v1/dossiers/${forgeries[1]!.dossier}`)).json;
    const forgedAt = new Set(forgeries.slice(1).map((f) => new Date(f.at).toISOString()));
    expect(detail.segments.filter((s: any) => forgedAt.has(s.from) || forgedAt.has(s.to))).toEqual([]);
    expect(detail.segments.map((s: any) => s.holder.id)).not.toContain(ids.get('lanhdao2'));
    expect(detail.dossier.unconfirmedFinish).toBeNull();
  });

  test('an imported hand-over confirms the receiver who never ran the extension', async () => {
    const handed = entries.find(({ entry }) => entry.to === UNSEEN && entry.from !== UNSEEN && seen.some((s) => s.entry === entry))!;
    const seg = (await segmentsOf(handed.dossier.code)).find(
      (s) => s.holder_id === ids.get(UNSEEN) && Math.abs(Number(s.from_at) - Date.parse(handed.entry.at)) <= SKEW_MS,
    );
    expect(seg?.evidence).toBe('confirmed');
  });

  test('the control slip of a dossier lists the back-office slip’s hand-overs, each with its source', async () => {
    const inPeriod = (d: (typeof store.dossiers)[number]) =>
      d.unitId === SO &&
      d.history.length >= 3 &&
      d.history.every(
        (h) =>
          Date.parse(h.at) >= PERIOD.from &&
          ['receive', 'forward', 'approve', 'transfer', 'finish', 'return_result', 'update_result'].includes(h.action),
      );
    // One with both sources: an action the extension captured and one only the log has.
    const mixed = (d: (typeof store.dossiers)[number]) => {
      const mine = entries.filter((e) => e.dossier === d);
      return mine.some((e) => seen.includes(e)) && mine.some((e) => !seen.includes(e));
    };
    const dossier = store.dossiers.find((d) => inPeriod(d) && mixed(d) && !forgeries.some((f) => f.dossier === d.code))!;
    expect(dossier).toBeDefined();
    const res = await api.call('thanhtra', `/v1/reconcile/slips/${dossier.code}`);
    expect(res.status).toBe(200);
    const minute = (ms: number) => Math.floor(ms / 60_000);
    const ours = res.json.lines.map((l: any) => [
      l.giverId ? accountOf.get(l.giverId) : null,
      l.receiverId ? accountOf.get(l.receiverId) : null,
      minute(l.at),
    ]);
    const theirs = controlSlip(dossier).map((l) => [l.giver, l.receiver, minute(Date.parse(l.at))]);
    expect(ours).toEqual(theirs);
    const sources = new Set(res.json.lines.map((l: any) => l.source));
    expect(sources.has('both')).toBe(true);
    expect(sources.has('imported')).toBe(true);
    const print = await api.app.request(`/v1/reconcile/slips/${dossier.code}/print`, {
      headers: { authorization: `Bearer ${await api.login('thanhtra')}` },
    });
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(html).toContain(dossier.code);
    expect(html).not.toContain(dossier.applicant.name);
    expect((await api.call('chuyenvien1', `/v1/reconcile/slips/${dossier.code}`)).status).toBe(403);
    expect((await api.call('thanhtra', `/v1/reconcile/slips/${SO}-990101-0001`)).status).toBe(404);
  });

  test('a full rebuild keeps the dossiers only the log knows, with what the log says of them', async () => {
    const logOnly = (
      await api.services.db
        .selectFrom('backoffice_log')
        .select('dossier_code')
        .distinct()
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('events').select('events.id').whereRef('events.dossier_code', '=', 'backoffice_log.dossier_code'))),
        )
        .execute()
    ).map((r) => r.dossier_code);
    expect(logOnly.length).toBeGreaterThan(0);
    const facts = async () =>
      (
        await api.services.db
          .selectFrom('dossiers')
          .select(['code', 'current_holder_id', 'holder_evidence', 'finished_at'])
          .where('code', 'in', logOnly)
          .execute()
      )
        .map((d) => ({ ...d, finished_at: d.finished_at === null ? null : Number(d.finished_at) }))
        .sort((a, b) => (a.code < b.code ? -1 : 1));
    const before = await facts();
    expect(before.map((d) => d.code)).toEqual([...logOnly].sort());
    await rebuildDerived(api.services.db, { now: () => NOW });
    await derive();
    expect(await facts()).toEqual(before);
  });

  test('bad files are clear 4xx errors, bad rows are listed one by one', async () => {
    const header = 'Mã hồ sơ,Thao tác,Cán bộ thực hiện,Thời gian thực hiện,Họ tên\r\n';
    const rows = [
      `${SO}-251120-0001,Tiếp nhận,motcua1,20/11/2025 08:00,Nguyễn Văn A`,
      `${SO}-251120-0002,Nhảy múa,motcua1,20/11/2025 08:00,x`,
      `${SO}-251120-0003,Tiếp nhận,motcua1,31/11/2025 08:00,x`,
      `khong-phai-ma,Tiếp nhận,motcua1,20/11/2025 08:00,x`,
      `000.31.07.H32-251120-0004,Tiếp nhận,motcuaxa2,20/11/2025 08:00,x`,
    ];
    const dry = await importFile({ format: 'csv', content: header + rows.join('\r\n'), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json.errors.map((e: any) => e.row)).toEqual([3, 4, 5]);
    expect(dry.json.droppedColumns).toEqual(['Họ tên']);
    expect(dry.json.rows).toMatchObject({ read: 5, valid: 2, rejected: 3 });
    expect((await importFile({ format: 'csv', content: 'a,b\r\n1,2', dryRun: true })).json.error.code).toBe('no_header');
    expect((await importFile({ format: 'xlsx', content: Buffer.from('not a zip').toString('base64'), dryRun: true })).status).toBe(400);
    expect((await importFile({ format: 'csv', content: '"unclosed', dryRun: true })).status).toBe(400);
    expect(
      (await api.call('thanhtra', '/v1/reconcile/imports', { body: { backoffice: 'x-y', format: 'csv', content: header } })).status,
    ).toBe(403);
    expect((await api.call('thanhtra', `/v1/reconcile?unitId=${SO}&from=2025-13-01`)).status).toBe(400);
  });
});
