import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { sumRollups } from '../../api/stats/rollup-reads.ts';
import { dayPeriod } from '../../api/stats/day-period.ts';
import { startDriver, type Driver } from '../workload/api-driver.ts';
import { generateWorkload, type Workload } from '../workload/generator.ts';

/**
 * KPI sheets on both databases: issued sheets are stored as computed and recompute identically;
 * an accepted explanation changes a new sheet by exactly the justified stretch; the official sees,
 * comments, the unit head signs; print, CSV and .xlsx carry the same numbers. Then a generated
 * workload: each official's and each unit's sheet against the generator's ground truth (1 %).
 */
const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const A = `${SO}-251117-0001`;

describe.each(STORAGE_DIALECTS)('KPI sheets on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let clock = NOW;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => clock });
    const db = api.services.db;
    await db.updateTable('officials').set({ role: 'leader' }).where('username', '=', 'lanhdao1').execute();
    for (const o of await db.selectFrom('officials').select(['id', 'username']).execute()) ids.set(o.username, o.id);
    const send = async (who: string, events: unknown[]) =>
      expect((await api.call(who, '/v1/events', { body: batch(events, new Date(NOW)) })).json.accepted).toBe(events.length);
    await send('motcua1', [
      actionEvent('receive', {
        dossierCode: A,
        at: at('17', '08:00'),
        fields: { step: 'Tiếp nhận hồ sơ', appointmentAt: at('19', '17:00') },
      }),
      actionEvent('forward', { dossierCode: A, at: at('17', '08:20'), toAccount: 'chuyenvien1', fields: { step: 'Tiếp nhận hồ sơ' } }),
    ]);
    await send('chuyenvien1', [
      openEvent({ dossierCode: A, at: at('17', '09:00'), fields: { step: 'Thẩm định hồ sơ' } }),
      actionEvent('forward', { dossierCode: A, at: at('24', '10:00'), toAccount: 'lanhdao1', fields: { step: 'Thẩm định hồ sơ' } }),
    ]);
    await send('lanhdao1', [actionEvent('finish', { dossierCode: A, at: at('25', '09:00'), fields: { step: 'Phê duyệt' } })]);
    await deriveNow(db, undefined, { now: NOW });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const issue = (who: string | null, body: unknown) => api.call(who, '/v1/sheets', { body });

  test('a sheet is issued from the figures, stored as issued, and recomputes identically', async () => {
    const cv1 = ids.get('chuyenvien1')!;
    expect((await issue('chuyenvien2', { subject: { kind: 'official', id: cv1 }, period: '2025-Q4' })).status).toBe(403);
    expect((await issue(null, { subject: { kind: 'official', id: cv1 }, period: '2025-Q4' })).status).toBe(401);
    expect((await issue('lanhdao1', { subject: { kind: 'official', id: cv1 }, period: '2025-Q5' })).status).toBe(400);
    expect((await issue('lanhdao1', { subject: { kind: 'official', id: ids.get('motcuaxa2') }, period: '2025-Q4' })).status).toBe(404);
    expect((await issue('lanhdao1', { subject: { kind: 'official', id: ids.get('lanhdao1') }, period: '2025-Q4' })).json.error.code).toBe(
      'own_sheet',
    );
    const res = await issue('lanhdao1', { subject: { kind: 'official', id: cv1 }, period: '2025-Q4' });
    expect(res.status).toBe(201);
    const [rollup] = await sumRollups(api.services.db, { officialId: cv1 }, [], dayPeriod('2025-10-01', '2025-12-31'));
    expect(res.json).toMatchObject({ status: 'issued', settingsVersion: 1, period: '2025-Q4', unitId: SO });
    expect(res.json.body).toMatchObject({
      received: 1,
      handled: 1,
      onTime: { early: 0, onTime: 0, late: 1 },
      workingHours: Math.round(rollup!.working_ms / 3600) / 1000,
      justifiedHours: 0,
      answerable: [{ id: ids.get('lanhdao1') }],
    });
    expect(res.json.body.steps.map((s: any) => s.step)).toEqual(['Thẩm định hồ sơ']);
    const again = await api.call('lanhdao1', `/v1/sheets/${res.json.id}/recompute`);
    expect([again.json.identical, again.json.sha256]).toEqual([true, res.json.sha256]);
    // A later settings version does not change how an issued sheet recomputes.
    const v2 = await api.call('admin', '/v1/sheets/settings', {
      body: { weights: { onTime: 0.5, withinAllotment: 0.25, noFlags: 0.25 }, thresholds: { onTimeTarget: 0.9 }, commentWorkingDays: 3 },
    });
    expect(v2.json.version).toBe(2);
    expect((await api.call('lanhdao1', `/v1/sheets/${res.json.id}/recompute`)).json.identical).toBe(true);
  });

  test('an accepted explanation: the issued sheet stays as issued, a new one changes by exactly the justified stretch', async () => {
    const cv1 = ids.get('chuyenvien1')!;
    const first = await issue('lanhdao1', { subject: { kind: 'official', id: cv1 }, period: '2025-11', settingsVersion: 1 });
    const explained = await api.call('chuyenvien1', '/v1/explanations', {
      body: { subject: { kind: 'dossier', code: A }, reason: 'system_outage', text: 'Hệ thống một cửa lỗi từ 18/11 đến 21/11' },
    });
    await api.call('lanhdao1', `/v1/explanations/${explained.json.id}/decision`, { body: { accept: true, note: 'Có biên bản sự cố' } });
    const stored = await api.call('chuyenvien1', `/v1/sheets/${first.json.id}`);
    expect(stored.json.sha256).toBe(first.json.sha256);
    expect(stored.json.body).toEqual(first.json.body);
    expect((await api.call('lanhdao1', `/v1/sheets/${first.json.id}/recompute`)).json.identical).toBe(false);
    const second = await issue('lanhdao1', { subject: { kind: 'official', id: cv1 }, period: '2025-11', settingsVersion: 1 });
    const a = first.json.body;
    const b = second.json.body;
    expect(b.justifiedHours).toBeCloseTo(explained.json.stretchHours, 3);
    expect(a.workingHours - b.workingHours).toBeCloseTo(explained.json.stretchHours, 2);
    expect(b.explanations).toMatchObject({ accepted: 1, rejected: 0, pending: 0 });
    // Nothing else moved: counts, timeliness, flags.
    const rest = (x: any) => ({
      ...x,
      workingHours: 0,
      justifiedHours: 0,
      steps: x.steps.map((s: any) => ({ ...s, workingHours: 0, justifiedHours: 0, withinAllotment: 0, normalisedIndex: 0 })),
      explanations: 0,
      score: 0,
      withinAllotmentShare: 0,
    });
    expect(rest(b)).toEqual(rest(a));
    expect(b.steps[0].justifiedHours).toBeCloseTo(explained.json.stretchHours, 3);
  });

  test('the official sees and comments, then the unit head signs; who read it is listed to the official', async () => {
    const cv1 = ids.get('chuyenvien1')!;
    const sheet = (await issue('thanhtra', { subject: { kind: 'official', id: cv1 }, period: '2025' })).json;
    const sign = () => api.call('lanhdao1', `/v1/sheets/${sheet.id}/sign`, { body: {} });
    expect((await sign()).json.error.code).toBe('awaiting_official');
    expect((await api.call('chuyenvien2', `/v1/sheets/${sheet.id}`)).status).toBe(404);
    expect((await api.call('chuyenvien2', `/v1/sheets/${sheet.id}/seen`, { body: {} })).status).toBe(404);
    expect((await api.call('lanhdao1', `/v1/sheets/${sheet.id}/seen`, { body: {} })).json.error.code).toBe('not_yours');
    const seen = await api.call('chuyenvien1', `/v1/sheets/${sheet.id}/seen`, {
      body: { comment: 'Đề nghị xem lại hồ sơ chờ ý kiến Sở Xây dựng' },
    });
    expect(seen.json).toMatchObject({ status: 'seen', comment: 'Đề nghị xem lại hồ sơ chờ ý kiến Sở Xây dựng' });
    expect((await api.call('thanhtra', `/v1/sheets/${sheet.id}/sign`, { body: {} })).status).toBe(403);
    const signed = await sign();
    expect(signed.json).toMatchObject({ status: 'signed', signedBy: ids.get('lanhdao1'), signedAt: new Date(clock).toISOString() });
    expect((await sign()).json.error.code).toBe('already_signed');
    const html = await api.app.request(`/v1/sheets/${sheet.id}/sheet.html`, {
      headers: { authorization: `Bearer ${await api.login('lanhdao1')}` },
    });
    const text = await html.text();
    expect(html.headers.get('content-security-policy')).toMatch(/style-src 'sha256-/);
    expect(text).toContain('PHIẾU ĐÁNH GIÁ KẾT QUẢ CÔNG VIỆC');
    expect(text).toContain(sheet.sha256);
    expect(text).toContain('Đề nghị xem lại hồ sơ chờ ý kiến Sở Xây dựng');
    expect(text).toContain('Chấp nhận / Accepted');
    const csv = await api.call('thanhtra', `/v1/sheets/${sheet.id}/sheet.csv`);
    expect(csv.json).toContain(`results,working_hours,${sheet.body.workingHours}`);
    const xlsx = await api.app.request(`/v1/sheets/${sheet.id}/sheet.xlsx`, {
      headers: { authorization: `Bearer ${await api.login('thanhtra')}` },
    });
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    expect(Buffer.from(bytes).toString('utf8')).toContain(`<v>${sheet.body.workingHours}</v>`);
    const reads = (await api.call('chuyenvien1', '/v1/me/reads')).json.reads as any[];
    expect(reads.some((r) => r.what === 'sheet' && r.readerId === ids.get('lanhdao1'))).toBe(true);
    expect(reads.some((r) => r.what === 'export' && r.readerId === ids.get('thanhtra'))).toBe(true);
    const log = (await api.services.db.selectFrom('audit_log').select('kind').execute()).map((e) => e.kind);
    expect(log.filter((k) => k === 'sheet_signed')).toHaveLength(1);
    expect(log.filter((k) => k === 'sheet_issued').length).toBeGreaterThanOrEqual(3);
  });

  test('unsigned past the comment window: the unit head may sign without the official', async () => {
    const sheet = (await issue('lanhdao1', { subject: { kind: 'official', id: ids.get('chuyenvien2')! }, period: '2025-11' })).json;
    clock = Date.parse(sheet.commentUntil) + 1;
    try {
      expect((await api.call('chuyenvien2', `/v1/sheets/${sheet.id}/seen`, { body: { comment: 'muộn' } })).json.error.code).toBe(
        'comment_closed',
      );
      expect((await api.call('lanhdao1', `/v1/sheets/${sheet.id}/sign`, { body: {} })).json.status).toBe('signed');
    } finally {
      clock = NOW;
    }
  });
});

/** The generator's ground truth, computed without the product's code: working time and counts. */
const WL_NOW = Date.parse('2025-11-28T10:00:00+07:00');
const WL_START = Date.parse('2025-11-06T07:30:00+07:00');

describe.each(STORAGE_DIALECTS)('KPI sheets against the workload ground truth on $name', ({ make }) => {
  let database: TestDatabase;
  let w: Workload;
  let d: Driver;
  let idOf: Map<string, string>;

  beforeAll(async () => {
    w = generateWorkload({ seed: 18, dossiers: 160, now: WL_NOW, start: WL_START, departments: 1, communes: 1 });
    database = await make();
    // Extensions that stay offline longer than a session's idle lifetime would sign in again; the driver signs in once.
    d = await startDriver(database.target, w.world, WL_START - 86_400_000, { env: { SESSION_DAYS: '60', SESSION_ABSOLUTE_DAYS: '90' } });
    await d.setupWorld();
    ({ idOf } = await d.directory());
    const tally = await d.ingest(w.batches);
    expect(tally.failures).toEqual([]);
    await d.derive(WL_NOW);
  }, 600_000);
  afterAll(async () => {
    await d?.close();
    await database?.drop();
  });

  const within = (api: number, truth: number) => Math.abs(api - truth) <= 0.01 * truth + 0.01;

  test('each official’s sheet: working hours held within 1 % of the truth', async () => {
    const off: string[] = [];
    let compared = 0;
    for (const [username, t] of w.officials) {
      if (t.ended === 0) continue;
      const res = await d.request('admin', '/v1/sheets', { subject: { kind: 'official', id: idOf.get(username) }, period: '2025' });
      expect(res.status).toBe(201);
      compared += 1;
      if (!within(res.json.body.workingHours, t.ended / 3600))
        off.push(`${username}: sheet ${res.json.body.workingHours} h, truth ${(t.ended / 3600).toFixed(3)} h`);
    }
    expect(compared).toBeGreaterThan(5);
    expect(off).toEqual([]);
  });

  test('each unit’s sheet: dossiers received and finished within 1 % of the truth, hours equal the officials’ sum', async () => {
    for (const unit of w.world.units.filter((u) => u.generated)) {
      const res = await d.request('admin', '/v1/sheets', { subject: { kind: 'unit', id: unit.id }, period: '2025-Q4' });
      expect(res.status).toBe(201);
      const b = res.json.body;
      const mine = w.dossiers.filter((x) => x.unitId === unit.id);
      const finished = mine.filter((x) => x.truth.state === 'finished').length;
      expect(mine.length).toBeGreaterThan(10);
      expect(within(b.received, mine.length), `${unit.id} received ${b.received}, truth ${mine.length}`).toBe(true);
      const judged = b.onTime.early + b.onTime.onTime + b.onTime.late + b.onTime.unknown;
      expect(within(judged, finished), `${unit.id} finished ${judged}, truth ${finished}`).toBe(true);
      const truthHours = [...w.officials]
        .filter(([u]) => w.world.officials.find((o) => o.username === u)?.unitId === unit.id)
        .reduce((n, [, t]) => n + t.ended / 3600, 0);
      expect(within(b.workingHours, truthHours), `${unit.id} hours ${b.workingHours}, truth ${truthHours}`).toBe(true);
      const again = await d.request('admin', `/v1/sheets/${res.json.id}/recompute`);
      expect(again.json.identical).toBe(true);
    }
  });
});
