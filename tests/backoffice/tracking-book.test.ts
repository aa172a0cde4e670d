import { describe, expect, test } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { createWorld } from './world.ts';
import { createApp } from './app.ts';
import {
  controlSlip,
  PERSONAL_COLUMNS,
  TRACKING_BOOK_HEADER,
  trackingBookCsv,
  trackingBookRows,
  trackingBookXlsx,
} from './tracking-book.ts';
import { parseCsv } from '../support/parse-csv.ts';

const NOW = new Date('2025-11-28T03:00:00Z');

describe('the back-office exports its own record', () => {
  const world = createWorld({ seed: 1, now: NOW });
  const s = world.store;

  test('the tracking book has a row per history entry, with Vietnamese headers, local dd/MM/yyyy HH:mm times and the applicant beside them', () => {
    const rows = trackingBookRows(s);
    expect(rows.length).toBe(s.dossiers.reduce((n, d) => n + d.history.length, 0));
    const d = s.dossiers.find((x) => x.history.length > 2)!;
    const mine = rows.filter((r) => r[1] === d.code);
    expect(mine.map((r) => r[9])).toEqual(d.history.map((h) => h.from));
    expect(mine[0]![3]).toBe(d.applicant.name);
    expect(mine[0]![11]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const csv = parseCsv(trackingBookCsv(s).replace(/^\uFEFF/, ''));
    expect(csv[0]).toEqual([...TRACKING_BOOK_HEADER]);
    expect(csv.length - 1).toBe(rows.length);
    expect(PERSONAL_COLUMNS.every((c) => TRACKING_BOOK_HEADER.includes(c))).toBe(true);
  });

  test('the xlsx holds the same rows under a title line', async () => {
    const sheet = await readSheet(await trackingBookXlsx(s, { unitIds: ['000.00.12.H32'] }));
    const header = sheet.findIndex((r) => r[0] === 'STT');
    expect(sheet[0]![0]).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet[header]).toEqual([...TRACKING_BOOK_HEADER]);
    const rows = trackingBookRows(s, { unitIds: ['000.00.12.H32'] });
    expect(sheet.slice(header + 1).map((r) => r.map((v) => (v === null ? '' : String(v))))).toEqual(rows);
  });

  test('a control slip starts with the reception and lists each hand-over with giver and receiver', async () => {
    const d = s.dossiers.find((x) => x.history.some((h) => h.action === 'forward') && x.history[0]!.action === 'receive')!;
    const lines = controlSlip(d);
    expect(lines[0]).toMatchObject({ giver: null, receiver: d.history[0]!.from, action: 'receive' });
    const fwd = d.history.find((h) => h.action === 'forward')!;
    expect(lines).toContainEqual(expect.objectContaining({ giver: fwd.from, receiver: fwd.to, at: fwd.at }));
    const app = createApp(world, { testRoutes: false, workday: () => null });
    const res = await app.request(`/xuat-bao-cao/phieu-kiem-soat/${d.code}?dang=json`);
    expect((await res.json()).lines).toEqual(lines);
    const page = await (await app.request(`/xuat-bao-cao/phieu-kiem-soat/${d.code}`)).text();
    expect(page).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect((await app.request('/xuat-bao-cao/so-theo-doi.csv?tu=32/13/2025')).status).toBe(400);
    const xlsx = await app.request('/xuat-bao-cao/so-theo-doi.xlsx?tu=01/11/2025&den=28/11/2025');
    expect(xlsx.status).toBe(200);
  });
});
