import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { parseCsv } from '../support/parse-csv.ts';

const dialects = STORAGE_DIALECTS;

const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const XA2 = '000.31.07.H32';
const A = `${SO}-251117-0001`;
const B = `${SO}-251128-0002`;
/** A note with everything that breaks naive HTML and CSV writers. */
const NOTE = 'Chậm 5 ngày, "không có lý do"; chuyên viên <b>giữ</b> hồ sơ & không chuyển,\nđề nghị kiểm điểm.';

describe.each(dialects)('surprise inspections: findings, closing and the report on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let id: string;
  const ids = new Map<string, string>();
  const put = (who: string, code: string, body: unknown) =>
    api.call(who, `/v1/inspections/${id}/findings/${code}`, { method: 'PUT', body });

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    await createOfficial(
      api.services.db,
      { username: 'thanhtra_xa2', displayName: 'x', unitId: XA2, role: 'inspector', password: 'demo', backofficeAccount: null },
      NOW,
    );
    for (const o of await api.services.db.selectFrom('officials').select(['id', 'username']).execute()) ids.set(o.username, o.id);
    const send = (who: string, events: unknown[]) => api.call(who, '/v1/events', { body: batch(events, new Date(NOW)) });
    await send('motcua2', [
      actionEvent('receive', {
        dossierCode: A,
        at: at('17', '08:00'),
        fields: { step: 'Tiếp nhận hồ sơ', appointmentAt: at('26', '17:00') },
      }),
      actionEvent('forward', { dossierCode: A, at: at('17', '08:20'), toAccount: 'chuyenvien2', fields: { step: 'Tiếp nhận hồ sơ' } }),
      actionEvent('receive', {
        dossierCode: B,
        at: at('28', '08:00'),
        fields: { step: 'Tiếp nhận hồ sơ', appointmentAt: '2025-12-12T17:00:00+07:00' },
      }),
    ]);
    await send('chuyenvien2', [openEvent({ dossierCode: A, at: at('28', '09:00'), fields: { step: 'Thẩm định hồ sơ' } })]);
    await deriveNow(api.services.db, undefined, { now: NOW });
    const created = await api.call('thanhtra', '/v1/inspections', { body: { unitId: SO, sampleSize: 5, seed: 'biên bản' } });
    expect(created.json.dossiers.map((d: any) => d.dossierCode).sort()).toEqual([A, B]);
    id = created.json.inspection.id;
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('findings: validated, only on sampled dossiers, amendable while open', async () => {
    expect((await put('thanhtra', A, { delayJustified: 'no', note: 'x' })).status).toBe(400);
    expect((await put('thanhtra', A, { delayJustified: false, note: '' })).status).toBe(400);
    expect((await put('thanhtra', A, { delayJustified: false, note: 'x', responsibleOfficialId: 'nobody' })).json.error.code).toBe(
      'official_out_of_scope',
    );
    expect((await put('thanhtra', `${SO}-251128-0099`, { delayJustified: true, note: 'x' })).status).toBe(404);
    expect((await put('chuyenvien2', A, { delayJustified: true, note: 'x' })).status).toBe(403);
    expect((await put('thanhtra', A, { delayJustified: true, note: 'tạm' })).status).toBe(200);
    const res = await put('thanhtra', A, { delayJustified: false, responsibleOfficialId: ids.get('chuyenvien2'), note: NOTE });
    expect(res.status).toBe(200);
    expect(res.json.dossier.finding).toMatchObject({
      delayJustified: false,
      note: NOTE,
      responsibleOfficial: { id: ids.get('chuyenvien2'), username: 'chuyenvien2', displayName: 'Phạm Thị Lan Anh' },
      recordedBy: { username: 'thanhtra' },
      recordedAt: new Date(NOW).toISOString(),
    });
    expect((await api.call('thanhtra', `/v1/inspections/${id}/report.html`)).json.error.code).toBe('inspection_open');
  });

  test('closing needs a finding on every sampled dossier', async () => {
    const early = await api.call('thanhtra', `/v1/inspections/${id}/close`, { method: 'POST' });
    expect([early.status, early.json.error.code, early.json.error.details]).toEqual([409, 'findings_missing', { dossierCodes: [B] }]);
    expect((await put('admin', B, { delayJustified: true, note: 'Mới tiếp nhận sáng nay, còn trong hạn.' })).status).toBe(200);
    const closed = await api.call('thanhtra', `/v1/inspections/${id}/close`, {
      method: 'POST',
      body: { conclusion: 'Đơn vị cần chấn chỉnh.' },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.inspection).toMatchObject({
      status: 'closed',
      closedAt: new Date(NOW).toISOString(),
      closedBy: { username: 'thanhtra' },
      findingsRecorded: 2,
      conclusion: 'Đơn vị cần chấn chỉnh.',
    });
    expect(closed.json.reports).toMatchObject({ html: `/v1/inspections/${id}/report.html`, csv: `/v1/inspections/${id}/report.csv` });
  });

  test('a closed inspection is immutable', async () => {
    expect((await put('thanhtra', A, { delayJustified: true, note: 'sửa' })).json.error.code).toBe('inspection_closed');
    expect((await api.call('thanhtra', `/v1/inspections/${id}/close`, { method: 'POST' })).status).toBe(409);
    const detail = await api.call('thanhtra', `/v1/inspections/${id}`);
    expect(detail.json.dossiers.find((d: any) => d.dossierCode === A).finding.note).toBe(NOTE);
    const list = await api.call('thanhtra', '/v1/inspections?status=closed');
    expect(list.json.inspections.map((i: any) => i.id)).toEqual([id]);
  });

  test('the printable HTML report: Vietnamese then English, local times, custody, flags, findings', async () => {
    const res = await api.app.request(`/v1/inspections/${id}/report.html`, {
      headers: { authorization: `Bearer ${await api.login('thanhtra')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await res.text();
    const detail = (await api.call('thanhtra', `/v1/inspections/${id}`)).json;
    expect(res.headers.get('etag')).toBe(`"${detail.reports.htmlSha256}"`);
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).not.toMatch(/<(script|link|img)\b/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html.indexOf('BIÊN BẢN KIỂM TRA ĐỘT XUẤT')).toBeLessThan(html.indexOf('Surprise inspection report'));
    expect(html).toContain('Sở Tài nguyên và Môi trường (000.00.12.H32)');
    expect(html).toContain('Trịnh Quang Vinh (thanhtra)');
    expect(html).toContain('biên bản');
    // dd/MM/yyyy HH:mm in Vietnam time: drawn at 28/11 10:00, A received 17/11 08:00.
    expect(html).toContain('28/11/2025 10:00');
    expect(html).toContain('17/11/2025 08:00');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    for (const code of [A, B]) expect(html).toContain(code);
    expect(html).toContain('Phạm Thị Lan Anh (chuyenvien2)');
    expect(html).toContain('Quá hạn / Overdue');
    expect(html).toContain('Chuyển bước xử lý / forward');
    expect(html).toContain('Không / No');
    expect(html).toContain('Đơn vị cần chấn chỉnh.');
    // The note is escaped, never markup.
    expect(html).not.toContain('<b>giữ</b>');
    expect(html).toContain('&lt;b&gt;giữ&lt;/b&gt;');
    expect(html).toContain('&quot;không có lý do&quot;');
    for (const d of detail.dossiers) expect(html).toContain(d.evidenceSha256);
  });

  test('the CSV report: BOM, one row per dossier and finding, values round-trip', async () => {
    const res = await api.app.request(`/v1/inspections/${id}/report.csv`, {
      headers: { authorization: `Bearer ${await api.login('admin')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/i);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    const [header, ...data] = rows;
    expect(data).toHaveLength(2);
    const col = (name: string) => header!.findIndex((h) => h.startsWith(name));
    const a = data.find((r) => r[col('Mã hồ sơ')] === A)!;
    expect(a[col('Ghi chú')]).toBe(NOTE);
    expect(a[col('Chậm trễ có lý do chính đáng')]).toBe('false');
    expect(a[col('Cán bộ chịu trách nhiệm')]).toBe('chuyenvien2');
    expect(a[col('Hạt giống')]).toBe('biên bản');
    expect(a[col('Chọn mẫu lúc')]).toBe('2025-11-28 10:00');
    expect(a[col('Cảnh báo khi chọn mẫu')]).toContain('overdue:');
    expect(data.find((r) => r[col('Mã hồ sơ')] === B)![col('Chậm trễ có lý do chính đáng')]).toBe('true');
    // Served as stored: the same bytes every time, under the digest recorded at closing.
    const detail = (await api.call('thanhtra', `/v1/inspections/${id}`)).json;
    expect(res.headers.get('etag')).toBe(`"${detail.reports.csvSha256}"`);
    const again = await api.app.request(`/v1/inspections/${id}/report.csv`, {
      headers: { authorization: `Bearer ${await api.login('admin')}` },
    });
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
  });

  test('reports are in scope only', async () => {
    expect((await api.call('thanhtra_xa2', `/v1/inspections/${id}/report.html`)).status).toBe(404);
    expect((await api.call('thanhtra_xa2', `/v1/inspections/${id}/report.csv`)).status).toBe(404);
    expect((await api.call('motcua1', `/v1/inspections/${id}/report.csv`)).status).toBe(403);
    expect((await api.call(null, `/v1/inspections/${id}/report.csv`)).status).toBe(401);
  });
});
