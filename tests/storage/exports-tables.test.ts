import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { createUnit } from '../../api/admin/units.repository.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { csvDocument } from '../../shared/csv/csv-writer.ts';
import { parseCsv } from '../support/parse-csv.ts';

const dialects = STORAGE_DIALECTS;

const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const ODD_UNIT = '000.12.34.H32';
const ODD_NAME = 'Phòng "Một cửa", tầng 2; khu B';
const ODD_STEP = 'Thẩm định "hồ sơ",\r\nlần 2';

test('the CSV writer round-trips quotes, commas, line breaks and Vietnamese text', () => {
  const values = [
    ['Đơn vị "A", tầng 2', 'dòng 1\ndòng 2', 'cr\r\nlf', '""', '', 'a,b,,c', 'Nguyễn Thị Thu Hà'],
    ['  spaces  ', 'tab\there', '😀 emoji', 'ends with quote"', '"starts with quote', 'x', 'y'],
  ];
  const text = csvDocument(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], values);
  expect(text.startsWith('\uFEFFh1,h2')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(parseCsv(text.slice(1))).toEqual([['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], ...values]);
  // Text that a spreadsheet would run as a formula stays text; numbers stay numbers.
  expect(parseCsv(csvDocument(['a', 'b', 'c'], [['=HYPERLINK("x")', -3.5, null]]).slice(1))[1]).toEqual([`'=HYPERLINK("x")`, '-3.5', '']);
});

describe.each(dialects)('table CSV exports on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;

  async function csv(who: string, path: string) {
    const res = await api.app.request(`/v1/exports/${path}`, { headers: { authorization: `Bearer ${await api.login(who)}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) return { status: res.status, rows: [] as Record<string, string>[], bytes };
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9.-]+\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...data] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    // Keyed by the English half of each bilingual header.
    const keys = header!.map((h) => h.split(' / ').pop()!);
    return { status: res.status, rows: data.map((r) => Object.fromEntries(r.map((v, i) => [keys[i]!, v]))), bytes };
  }

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    const db = api.services.db;
    await createUnit(db, { id: ODD_UNIT, name: ODD_NAME, parentId: SO }, NOW);
    await createOfficial(
      db,
      { username: 'thanhtra_xa1', displayName: 'x', unitId: XA1, role: 'inspector', password: 'demo', backofficeAccount: null },
      NOW,
    );
    const send = (who: string, events: unknown[]) => api.call(who, '/v1/events', { body: batch(events, new Date(NOW)) });
    // More rows than one page of the list routes, so the export must page through them.
    const codes = Array.from({ length: 205 }, (_, i) => `${SO}-251117-${String(i + 1).padStart(4, '0')}`);
    const res = await send(
      'motcua2',
      codes.flatMap((code) => [
        actionEvent('receive', {
          dossierCode: code,
          at: at('17', '08:00'),
          fields: { step: 'Tiếp nhận hồ sơ', appointmentAt: at('26', '17:00') },
        }),
        actionEvent('forward', { dossierCode: code, at: at('17', '08:20'), toAccount: 'chuyenvien2' }),
      ]),
    );
    expect(res.json.accepted).toBe(410);
    await send('chuyenvien2', [openEvent({ dossierCode: `${SO}-251117-0001`, at: at('28', '09:00'), fields: { step: ODD_STEP } })]);
    await send('motcuaxa1', [actionEvent('receive', { dossierCode: `${XA1}-251128-0001`, at: at('28', '08:00') })]);
    await deriveNow(db, undefined, { now: NOW });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('units.csv: the unit figures of the JSON route, names with quotes and commas intact', async () => {
    const res = await csv('thanhtra', 'units.csv?from=2025-11-01&to=2025-11-28');
    const json = (await api.call('thanhtra', '/v1/stats/units?from=2025-11-01&to=2025-11-28')).json;
    expect(res.rows.map((r) => r['Unit id'])).toEqual(json.units.map((u: any) => u.unitId));
    const so = res.rows.find((r) => r['Unit id'] === SO)!;
    const soJson = json.units.find((u: any) => u.unitId === SO);
    expect([so['Received'], so['Open flags'], so['Working hours']].map(Number)).toEqual([
      soJson.received,
      soJson.openFlags.total,
      soJson.workingHours,
    ]);
    expect(res.rows.find((r) => r['Unit id'] === ODD_UNIT)!['Unit name']).toBe(ODD_NAME);
    expect((await csv('thanhtra', `units.csv?unitId=${XA1}`)).rows.map((r) => r['Unit id'])).toEqual([XA1]);
    expect((await csv('thanhtra_xa1', `units.csv?unitId=${SO}`)).status).toBe(403);
    expect((await csv('chuyenvien1', 'units.csv')).status).toBe(403);
  });

  test('dossiers.csv: every dossier of the list route, past its page size; clerks their own', async () => {
    const res = await csv('thanhtra', `dossiers.csv?unitId=${SO}`);
    const total = (await api.call('thanhtra', `/v1/dossiers?unitId=${SO}&limit=1`)).json.page.total;
    expect(total).toBe(205);
    expect(res.rows).toHaveLength(205);
    expect(new Set(res.rows.map((r) => r['Dossier code'])).size).toBe(205);
    const first = res.rows.find((r) => r['Dossier code'] === `${SO}-251117-0001`)!;
    expect(first['Current step']).toBe(ODD_STEP);
    expect(first['Received at']).toBe('2025-11-17 08:00');
    expect(first['Appointment']).toBe('2025-11-26 17:00');
    expect((await csv('thanhtra', 'dossiers.csv?flagged=true')).rows.length).toBe(
      (await api.call('thanhtra', '/v1/dossiers?flagged=true&limit=1')).json.page.total,
    );
    expect((await csv('motcuaxa1', 'dossiers.csv')).rows.map((r) => r['Dossier code'])).toEqual([`${XA1}-251128-0001`]);
    expect((await csv('chuyenvien1', 'dossiers.csv')).rows).toEqual([]);
    expect((await csv('thanhtra_xa1', `dossiers.csv?unitId=${SO}`)).status).toBe(403);
    expect((await csv('thanhtra', 'dossiers.csv?timeliness=bad')).status).toBe(400);
  });

  test('flags.csv: the flags of the list route with their evidence; clerks their own', async () => {
    const res = await csv('thanhtra', 'flags.csv?status=all');
    const json = (await api.call('thanhtra', '/v1/flags?status=all&limit=200')).json;
    expect(res.rows.length).toBe(json.page.total);
    expect(res.rows.length).toBeGreaterThan(200);
    const sample = json.flags[0];
    const row = res.rows.find((r) => r['Key'] === sample.key)!;
    expect([row['Rule'], row['Severity'], row['Status'], row['Evidence event ids']]).toEqual([
      sample.rule,
      sample.severity,
      sample.status,
      sample.evidence.join(' '),
    ]);
    expect(JSON.parse(row['Details']!)).toEqual(sample.details);
    const mine = await csv('chuyenvien2', 'flags.csv');
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(new Set(mine.rows.map((r) => r['Official id'])).size).toBe(1);
    expect((await csv('chuyenvien1', 'flags.csv')).rows).toEqual([]);
    expect((await csv('chuyenvien1', 'flags.csv?officialId=someone-else')).status).toBe(403);
  });

  test("unit-officials.csv: a unit's officials; a clerk their own row of their own unit", async () => {
    const res = await csv('thanhtra', `unit-officials.csv?unitId=${SO}&from=2025-11-01&to=2025-11-28`);
    const json = (await api.call('thanhtra', `/v1/stats/units/${SO}/officials?from=2025-11-01&to=2025-11-28`)).json;
    expect(res.rows.map((r) => r['Username'])).toEqual(json.officials.map((o: any) => o.username));
    const cv2 = res.rows.find((r) => r['Username'] === 'chuyenvien2')!;
    expect(Number(cv2['Open flags'])).toBe(json.officials.find((o: any) => o.username === 'chuyenvien2').openFlags.total);
    expect(Number(cv2['flags:overdue'])).toBeGreaterThan(0);
    expect((await csv('chuyenvien2', 'unit-officials.csv')).rows.map((r) => r['Username'])).toEqual(['chuyenvien2']);
    expect((await csv('chuyenvien2', `unit-officials.csv?unitId=${XA1}`)).status).toBe(403);
    expect((await csv('thanhtra_xa1', `unit-officials.csv?unitId=${SO}`)).status).toBe(403);
  });
});
