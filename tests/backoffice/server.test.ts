import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_KINDS } from '../../shared/schemas/dossier.ts';
import type { Dossier, TruthAction } from './model.ts';
import { startBackoffice, type RunningBackoffice } from './server.ts';

const NOW = '2025-11-20T09:30:00+07:00';
let bo: RunningBackoffice;

beforeAll(async () => {
  bo = await startBackoffice({ port: 0, seed: 1, latencyMs: 0 });
});
afterAll(() => bo.close());
beforeEach(async () => {
  await post('/__test/reset', { seed: 11, now: NOW });
});

async function post(path: string, body: unknown, cookie?: string) {
  const res = await fetch(bo.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, res };
}

async function get<T = Record<string, unknown>>(path: string, cookie?: string): Promise<T> {
  const res = await fetch(bo.url + path, { headers: cookie ? { cookie } : {} });
  return (await res.json()) as T;
}

async function spaLogin(account: string): Promise<string> {
  const r = await post('/dvc/api/auth/login', { username: account, password: 'demo' });
  expect(r.status).toBe(200);
  return r.res.headers.get('set-cookie')!.split(';')[0]!;
}

async function classicLogin(account: string): Promise<string> {
  const res = await fetch(`${bo.url}/motcua/login.php`, {
    method: 'POST',
    body: new URLSearchParams({ taikhoan: account, matkhau: 'demo' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const dossiers = async () => (await get<{ dossiers: Dossier[] }>('/__test/dossiers')).dossiers;
const truth = async () => (await get<{ actions: TruthAction[] }>('/__test/truth')).actions;

describe('test routes', () => {
  it('reset is deterministic and fast; the clock can be set and released', async () => {
    const a = JSON.stringify(await dossiers());
    const r = await post('/__test/reset', { seed: 11, now: NOW });
    expect(r.json.ms).toBeLessThan(1000);
    expect(JSON.stringify(await dossiers())).toBe(a);
    expect((await get('/__test/dossiers')).now).toBe(new Date(NOW).toISOString());
    const c = await post('/__test/clock', { now: null });
    expect(Math.abs(Date.parse(c.json.now as string) - Date.now())).toBeLessThan(5000);
    expect((await post('/__test/clock', { now: 'nonsense' })).status).toBe(400);
  });

  it('lists every citizen personal datum', async () => {
    const pd = await get<{ values: string[]; citizens: unknown[] }>('/__test/personal-data');
    const all = await dossiers();
    expect(pd.citizens).toHaveLength(all.length);
    expect(pd.values).toContain(all[0]!.applicant.idNumber);
    expect(pd.values).toContain(all[0]!.applicant.email);
  });

  it('refuses sign-in for API-only accounts and wrong passwords', async () => {
    expect((await post('/dvc/api/auth/login', { username: 'admin', password: 'demo' })).status).toBe(401);
    expect((await post('/dvc/api/auth/login', { username: 'motcua1', password: 'x' })).status).toBe(401);
    expect((await fetch(`${bo.url}/dvc/api/session`)).status).toBe(401);
  });
});

describe('single-page variant API', () => {
  it('shows the official, their queues and a detail with the allowed actions, and records actions as spa', async () => {
    const cookie = await spaLogin('chuyenvien1');
    const session = await get<{ user: { account: string }; menu: Array<{ key: string }> }>('/dvc/api/session', cookie);
    expect(session.user.account).toBe('chuyenvien1');
    expect(session.menu.map((g) => g.key)).toContain('xu-ly-ho-so');
    const list = await get<{ total: number; items: Array<{ id: number; code: string; datesLine: string }> }>(
      '/dvc/api/queues/xu-ly-ho-so/dang-xu-ly?size=50',
      cookie,
    );
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items[0]!.datesLine).toMatch(/^Tiếp nhận: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, hẹn trả: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const item = list.items[0]!;
    const detail = await get<{ code: string; actions: Array<{ kind: string; formId: string }> }>(`/dvc/api/ho-so/${item.id}`, cookie);
    expect(detail.code).toBe(item.code);
    expect(detail.actions.find((a) => a.kind === 'forward')?.formId).toBe('form-chuyen-buoc');
    const r = await post(`/dvc/api/ho-so/${item.id}/xu-ly`, { kind: 'forward', toAccount: 'lanhdao2', note: 'Đề nghị xem xét' }, cookie);
    expect(r.status).toBe(200);
    const again = await post(`/dvc/api/ho-so/${item.id}/xu-ly`, { kind: 'forward', toAccount: 'lanhdao2' }, cookie);
    expect(again.status).toBe(403);
    expect(await truth()).toEqual([
      expect.objectContaining({
        seq: 1,
        account: 'chuyenvien1',
        action: 'forward',
        dossierCode: item.code,
        toAccount: 'lanhdao2',
        variant: 'spa',
        stepAfter: 'Lãnh đạo phòng xem xét, trình ký',
      }),
    ]);
  });

  it('finds a dossier by code for the detail URL, only within the official unit', async () => {
    const all = await dossiers();
    const mine = all.find((d) => d.unitId === '000.00.12.H32')!;
    const other = all.find((d) => d.unitId !== '000.00.12.H32')!;
    const cookie = await spaLogin('motcua1');
    expect(await get(`/dvc/api/ho-so/tra-cuu?ma=${mine.code}`, cookie)).toEqual({ id: mine.id });
    expect((await fetch(`${bo.url}/dvc/api/ho-so/tra-cuu?ma=${other.code}`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('classic variant', () => {
  it('renders lists and the popup detail, and records a posted action as classic, redirecting after the post', async () => {
    const cookie = await classicLogin('motcua1');
    const listHtml = await (await fetch(`${bo.url}/motcua/index.php?mod=hoso&act=list&loai=chotiepnhan`, { headers: { cookie } })).text();
    expect(listHtml).toContain('<span id="taikhoan">motcua1</span>');
    const d = (await dossiers()).find((x) => x.unitId === '000.00.12.H32' && x.status === 1)!;
    expect(listHtml).toContain(d.code);
    const view = await (await fetch(`${bo.url}/motcua/index.php?mod=hoso&act=view&id=${d.id}`, { headers: { cookie } })).text();
    expect(view).toContain(`<b id="ma_ho_so">${d.code}</b>`);
    expect(view).toContain('value="Tiếp nhận"');
    const form = await (
      await fetch(`${bo.url}/motcua/index.php?mod=xuly&act=form&id=${d.id}&task=tiepnhan`, { headers: { cookie } })
    ).text();
    expect(form).toContain(`<span id="frm_mahoso">${d.code}</span>`);
    expect(form).toContain('name="task" value="tiepnhan"');
    const res = await fetch(`${bo.url}/motcua/index.php?mod=xuly&act=save`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ task: 'tiepnhan', id: String(d.id), ma_ho_so: d.code }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('act=done');
    expect(await truth()).toEqual([
      expect.objectContaining({ action: 'receive', account: 'motcua1', dossierCode: d.code, variant: 'classic' }),
    ]);
    const refused = await fetch(`${bo.url}/motcua/index.php?mod=xuly&act=save`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ task: 'tiepnhan', id: String(d.id) }),
      redirect: 'manual',
    });
    expect(refused.headers.get('location')).toContain('loi=');
  });

  it('renames the code hooks in the altered markup', async () => {
    const cookie = await classicLogin('chuyenvien1');
    await post('/__test/markup', { variant: 'classic', broken: true });
    const page = await (await fetch(`${bo.url}/motcua/index.php?mod=hoso&act=list&loai=dangxuly`, { headers: { cookie } })).text();
    expect(page).not.toContain('lnk-mahoso');
    expect(page).toContain('lnk-mahs');
    expect((await post('/__test/markup', { variant: 'other', broken: true })).status).toBe(400);
  });
});

describe('workday mode', () => {
  it('moves dossiers server-side and records them as workday', async () => {
    const moved = [];
    for (let i = 0; i < 5; i++) moved.push((await post('/__test/workday', { tick: true })).json.moved);
    expect(moved.filter(Boolean).length).toBeGreaterThan(0);
    const t = await truth();
    expect(t.every((a) => a.variant === 'workday' && ACTION_KINDS.includes(a.action))).toBe(true);
  });
});
