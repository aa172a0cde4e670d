import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';

const dialects = STORAGE_DIALECTS;

const ROOT = '000.00.00.H32';
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const XA2 = '000.31.07.H32';

describe.each(dialects)('admin units and officials on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const signIn = async (username: string, password: string) =>
    api.app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const withToken = (token: string, path: string) => api.app.request(path, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target);
    // A commune admin, to see the subtree limits from below.
    await createOfficial(
      api.services.db,
      { username: 'quantrixa1', displayName: 'QT xã 1', unitId: XA1, role: 'admin', password: 'demo', backofficeAccount: null },
      Date.now(),
    );
    const res = await signIn('quantrixa1', 'demo');
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('the unit tree is listed depth-first within the caller scope', async () => {
    const root = await api.call('admin', '/v1/admin/units');
    expect(root.status).toBe(200);
    expect(root.json.units.map((u: { id: string; depth: number }) => [u.id, u.depth])).toEqual([
      [ROOT, 0],
      [SO, 1],
      [XA1, 1],
      [XA2, 1],
    ]);
    const inspector = await api.call('thanhtra', `/v1/admin/units?unitId=${XA2}`);
    expect(inspector.json.units.map((u: { id: string }) => u.id)).toEqual([XA2]);
    const clerk = await api.call('chuyenvien1', '/v1/admin/units');
    expect(clerk.status).toBe(403);
  });

  test('creating units checks the code, the parent, duplicates and the scope', async () => {
    const ok = await api.call('admin', '/v1/admin/units', { body: { id: '000.12.01.H32', name: 'Phòng Đăng ký đất đai', parentId: SO } });
    expect(ok.status).toBe(201);
    expect(ok.json.unit).toMatchObject({ id: '000.12.01.H32', parentId: SO });
    const cases: [unknown, number, string][] = [
      [{ id: '000.12.01.H32', name: 'again', parentId: SO }, 409, 'unit_exists'],
      [{ id: '12.01.H32', name: 'bad code', parentId: SO }, 400, 'invalid_body'],
      [{ id: '000.12.02.H32', name: 'no parent', parentId: '000.99.99.H32' }, 400, 'unknown_parent'],
      [{ id: '000.12.03.H56', name: 'other province', parentId: SO }, 400, 'body_mismatch'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.call('admin', '/v1/admin/units', { body });
      expect([res.status, res.json.error.code]).toEqual([status, code]);
    }
    const outside = await api.call('quantrixa1', '/v1/admin/units', { body: { id: '000.31.71.H32', name: 'x', parentId: XA2 } });
    expect([outside.status, outside.json.error.code]).toEqual([403, 'out_of_scope']);
  });

  test('moving a unit cannot create a cycle and stays in scope', async () => {
    await api.call('admin', '/v1/admin/units', { body: { id: '000.12.11.H32', name: 'A', parentId: SO } });
    await api.call('admin', '/v1/admin/units', { body: { id: '000.12.12.H32', name: 'B', parentId: '000.12.11.H32' } });
    const cycle = await api.call('admin', '/v1/admin/units/000.12.11.H32', { method: 'PATCH', body: { parentId: '000.12.12.H32' } });
    expect([cycle.status, cycle.json.error.code]).toEqual([400, 'unit_cycle']);
    const self = await api.call('admin', `/v1/admin/units/${SO}`, { method: 'PATCH', body: { parentId: SO } });
    expect(self.status).toBe(400);
    const move = await api.call('admin', '/v1/admin/units/000.12.12.H32', { method: 'PATCH', body: { parentId: XA1, name: 'B moved' } });
    expect(move.status).toBe(200);
    expect(move.json.unit).toMatchObject({ parentId: XA1, name: 'B moved' });
    const fromBelow = await api.call('quantrixa1', `/v1/admin/units/${SO}`, { method: 'PATCH', body: { name: 'hijack' } });
    expect(fromBelow.status).toBe(404);
  });

  test('officials: create, sign in, deactivate ends the sessions', async () => {
    const created = await api.call('admin', '/v1/admin/officials', {
      body: {
        username: 'chuyenvien9',
        displayName: 'Nguyễn Văn Chín',
        unitId: SO,
        role: 'clerk',
        password: 'mat-khau-du-dai',
        backofficeAccount: 'chuyenvien9',
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.official.id;
    const dup = await api.call('admin', '/v1/admin/officials', {
      body: { username: 'chuyenvien9', displayName: 'x', unitId: SO, role: 'clerk', password: 'mat-khau-du-dai' },
    });
    expect(dup.status).toBe(409);
    const short = await api.call('admin', '/v1/admin/officials', {
      body: { username: 'cv10', displayName: 'x', unitId: SO, role: 'clerk', password: 'short' },
    });
    expect(short.status).toBe(400);

    const login = await signIn('chuyenvien9', 'mat-khau-du-dai');
    const { token } = (await login.json()) as { token: string };
    expect((await withToken(token, '/v1/auth/me')).status).toBe(200);

    const off = await api.call('admin', `/v1/admin/officials/${id}`, { method: 'PATCH', body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.json.official.active).toBe(false);
    expect((await withToken(token, '/v1/auth/me')).status).toBe(401);
    expect(await api.services.db.selectFrom('sessions').select('id').where('official_id', '=', id).execute()).toEqual([]);
    expect((await signIn('chuyenvien9', 'mat-khau-du-dai')).status).toBe(401);
  });

  test('role and unit changes apply at once; a reset password ends old sessions', async () => {
    const created = await api.call('admin', '/v1/admin/officials', {
      body: { username: 'thanhtra9', displayName: 'TT', unitId: XA1, role: 'clerk', password: 'mat-khau-du-dai' },
    });
    const id = created.json.official.id;
    const { token } = (await (await signIn('thanhtra9', 'mat-khau-du-dai')).json()) as { token: string };
    expect((await withToken(token, '/v1/admin/units')).status).toBe(403);
    await api.call('admin', `/v1/admin/officials/${id}`, { method: 'PATCH', body: { role: 'inspector' } });
    expect((await withToken(token, '/v1/admin/units')).status).toBe(200);

    const reset = await api.call('admin', `/v1/admin/officials/${id}/reset-password`, { body: { password: 'mot-mat-khau-moi' } });
    expect(reset.status).toBe(200);
    expect((await withToken(token, '/v1/auth/me')).status).toBe(401);
    expect((await signIn('thanhtra9', 'mot-mat-khau-moi')).status).toBe(200);
  });

  test('officials are listed and changed only inside the scope; admins cannot lock themselves out', async () => {
    const mine = await api.call('quantrixa1', '/v1/admin/officials');
    const names = mine.json.officials.map((o: { username: string }) => o.username);
    expect(names).toEqual(expect.arrayContaining(['motcuaxa1', 'chutichxa1', 'quantrixa1']));
    expect(mine.json.officials.every((o: { unitId: string }) => o.unitId === XA1 || o.unitId === '000.12.12.H32')).toBe(true);
    const other = (await api.call('admin', `/v1/admin/officials?unitId=${SO}`)).json.officials.find(
      (o: { username: string }) => o.username === 'chuyenvien1',
    );
    const denied = await api.call('quantrixa1', `/v1/admin/officials/${other.id}`, { method: 'PATCH', body: { displayName: 'x' } });
    expect(denied.status).toBe(404);
    const me = mine.json.officials.find((o: { username: string }) => o.username === 'quantrixa1');
    const moveOut = await api.call('quantrixa1', `/v1/admin/officials/${me.id}`, { method: 'PATCH', body: { unitId: SO } });
    expect(moveOut.status).toBe(403);
    const demote = await api.call('quantrixa1', `/v1/admin/officials/${me.id}`, { method: 'PATCH', body: { role: 'clerk' } });
    expect([demote.status, demote.json.error.code]).toEqual([403, 'self_change']);
    const rename = await api.call('quantrixa1', `/v1/admin/officials/${me.id}`, {
      method: 'PATCH',
      body: { displayName: 'Quản trị xã Diên Khánh' },
    });
    expect(rename.status).toBe(200);
  });
});
