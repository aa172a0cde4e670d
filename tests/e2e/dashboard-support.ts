/** The dashboard e2e's helpers (axe, downloads) and its data. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { actionEvent, activeEvent, batch, openEvent } from '../support/events.ts';
import { apiLogin, waitFor, type ApiHandle } from '../support/stack.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the current screen; serious and critical violations fail the test with their targets. */
export async function axe(page: Page, screen: string) {
  // Evaluated through DevTools, so the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  const bad = violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${screen}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

/** Clicks something that downloads, and returns the file's name and text. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

/**
 * A few dossiers for the dashboard e2e, sent through POST /v1/events as the demo officials would,
 * on the working days before today (so they fall into a "last 30 days" period whatever the date):
 * A finished early, B stuck with a specialist (flags), D late with a supplement pause, E and
 * one a week before it at a commune.
 */
export const SO = '000.00.12.H32';
export const XA1 = '000.31.05.H32';
const LAND = '1.012790.000.00.00.H32';
const BIRTH = '1.001193.000.00.00.H32';
const OFFSET = 7 * 3600_000;

const localDay = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 10);

/** The n-th weekday before today (1 = the last one), as YYYY-MM-DD in Vietnam. */
function weekday(n: number): string {
  let t = Date.now();
  for (let k = 0; k < n; ) {
    t -= 86_400_000;
    const wd = new Date(t + OFFSET).getUTCDay();
    if (wd !== 0 && wd !== 6) k++;
  }
  return localDay(t);
}
const at = (n: number, hm: string) => `${weekday(n)}T${hm}:00+07:00`;
const ms = (n: number, hm: string) => Date.parse(at(n, hm));
const code = (unit: string, n: number, seq: string) => `${unit}-${weekday(n).slice(2).replaceAll('-', '')}-${seq}`;
const f = (procedureCode: string, step: string, appointmentAt?: string) => ({
  procedureCode,
  step,
  ...(appointmentAt ? { appointmentAt } : {}),
});

export const A = code(SO, 10, '0001');
export const B = code(SO, 9, '0002');
export const D = code(SO, 11, '0003');
export const E = code(XA1, 6, '0001');
export const FIRST_DAY = weekday(12);

export async function seedDossiers(api: ApiHandle): Promise<void> {
  const tokens = new Map<string, string>();
  async function send(username: string, events: unknown[]) {
    const token = tokens.get(username) ?? (await apiLogin(api.url, username));
    tokens.set(username, token);
    const res = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch(events)),
    });
    const body = (await res.json()) as { rejected: number; results: unknown };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.rejected, JSON.stringify(body.results)).toBe(0);
  }
  const desk = 'Tiếp nhận hồ sơ';
  const exam = 'Thẩm định hồ sơ';
  await send('motcua1', [
    actionEvent('receive', { dossierCode: A, at: at(10, '08:00'), fields: f(LAND, desk, at(2, '17:00')) }),
    actionEvent('forward', { dossierCode: A, at: at(10, '08:30'), toAccount: 'chuyenvien1', fields: f(LAND, desk) }),
    actionEvent('receive', { dossierCode: D, at: at(11, '08:00'), fields: f(LAND, desk, at(6, '17:00')) }),
    actionEvent('forward', { dossierCode: D, at: at(11, '08:15'), toAccount: 'chuyenvien1', fields: f(LAND, desk) }),
    actionEvent('supplement_done', { dossierCode: D, at: at(9, '10:00'), toAccount: 'chuyenvien1', fields: f(LAND, desk) }),
  ]);
  await send('chuyenvien1', [
    openEvent({ dossierCode: A, at: at(10, '09:00'), fields: f(LAND, exam) }),
    activeEvent(ms(10, '09:00'), 3600, { dossierCode: A }),
    actionEvent('forward', { dossierCode: A, at: at(8, '15:00'), toAccount: 'lanhdao1', fields: f(LAND, exam) }),
    openEvent({ dossierCode: D, at: at(11, '09:00'), fields: f(LAND, exam) }),
    activeEvent(ms(11, '09:00'), 1800, { dossierCode: D }),
    actionEvent('supplement_request', { dossierCode: D, at: at(10, '10:00'), fields: f(LAND, exam) }),
    openEvent({ dossierCode: D, at: at(9, '10:30'), fields: f(LAND, exam) }),
    actionEvent('forward', { dossierCode: D, at: at(4, '10:00'), toAccount: 'lanhdao1', fields: f(LAND, exam) }),
  ]);
  const head = 'Lãnh đạo phòng xem xét, trình ký';
  const chief = 'Lãnh đạo Sở phê duyệt';
  await send('lanhdao1', [
    actionEvent('forward', { dossierCode: A, at: at(7, '10:00'), toAccount: 'giamdoc1', fields: f(LAND, head) }),
    actionEvent('forward', { dossierCode: D, at: at(3, '09:00'), toAccount: 'giamdoc1', fields: f(LAND, head) }),
  ]);
  await send('giamdoc1', [
    actionEvent('approve', { dossierCode: A, at: at(6, '09:00'), fields: f(LAND, chief) }),
    actionEvent('forward', { dossierCode: A, at: at(6, '09:05'), toAccount: 'motcua1', fields: f(LAND, chief) }),
    actionEvent('approve', { dossierCode: D, at: at(3, '15:00'), fields: f(LAND, chief) }),
    actionEvent('forward', { dossierCode: D, at: at(3, '15:05'), toAccount: 'motcua1', fields: f(LAND, chief) }),
  ]);
  await send('motcua1', [
    actionEvent('return_result', { dossierCode: A, at: at(5, '09:00'), fields: f(LAND, 'Trả kết quả') }),
    actionEvent('return_result', { dossierCode: D, at: at(2, '10:00'), fields: f(LAND, 'Trả kết quả') }),
  ]);
  await send('motcua2', [
    actionEvent('receive', { dossierCode: B, at: at(9, '08:00'), fields: f(LAND, desk, at(4, '17:00')) }),
    actionEvent('forward', { dossierCode: B, at: at(9, '08:20'), toAccount: 'chuyenvien2', fields: f(LAND, desk) }),
  ]);
  // A page the profile no longer reads, as the extension reports it: the profile-health screen lists
  // it. A bundled profile: reports naming a profile the server does not know are only counted.
  const miss = {
    id: randomUUID(),
    kind: 'profile_miss',
    at: at(1, '10:00'),
    profile: { id: 'backoffice-spa', version: 1 },
    pageKind: 'detail',
    anchor: 'dossierCode',
  };
  await send('chuyenvien1', [miss]);
  await send('chuyenvien2', [
    openEvent({ dossierCode: B, at: at(9, '09:00'), fields: f(LAND, exam) }),
    openEvent({ dossierCode: B, at: at(1, '09:00'), fields: f(LAND, exam) }),
  ]);
  // E, and a birth registration every week before it (every other one late), for the weekly trend.
  const commune = [
    { code: E, n: 6, late: false },
    ...[11, 16, 21, 26, 31, 36].map((n, i) => ({ code: code(XA1, n, `000${i + 2}`), n, late: i % 2 === 1 })),
  ];
  const byHolder = { motcuaxa1: [] as unknown[], tuphapxa1: [] as unknown[], chutichxa1: [] as unknown[], back: [] as unknown[] };
  for (const c of commune) {
    byHolder.motcuaxa1.push(
      actionEvent('receive', { dossierCode: c.code, at: at(c.n, '08:00'), fields: f(BIRTH, desk, at(c.n - 1, '17:00')) }),
      actionEvent('forward', { dossierCode: c.code, at: at(c.n, '08:10'), toAccount: 'tuphapxa1', fields: f(BIRTH, desk) }),
    );
    byHolder.tuphapxa1.push(
      actionEvent('forward', {
        dossierCode: c.code,
        at: at(c.n, '10:00'),
        toAccount: 'chutichxa1',
        fields: f(BIRTH, 'Công chức chuyên môn xử lý'),
      }),
    );
    byHolder.chutichxa1.push(
      actionEvent('forward', {
        dossierCode: c.code,
        at: at(c.n, '14:00'),
        toAccount: 'motcuaxa1',
        fields: f(BIRTH, 'Chủ tịch UBND xã ký duyệt'),
      }),
    );
    byHolder.back.push(
      actionEvent('return_result', { dossierCode: c.code, at: at(c.late ? c.n - 2 : c.n - 1, '09:00'), fields: f(BIRTH, 'Trả kết quả') }),
    );
  }
  await send('motcuaxa1', byHolder.motcuaxa1);
  await send('tuphapxa1', byHolder.tuphapxa1);
  await send('chutichxa1', byHolder.chutichxa1);
  await send('motcuaxa1', byHolder.back);

  // The API's worker derives about once a second: wait until every dossier is in and the queue is empty.
  await waitFor(
    async () => ({
      dossiers: (await api.services.db.selectFrom('dossiers').select('code').execute()).length,
      queued: (await api.services.db.selectFrom('derive_queue').select('dossier_code').execute()).length,
    }),
    (r) => r.dossiers === 10 && r.queued === 0,
    60_000,
  );
}
