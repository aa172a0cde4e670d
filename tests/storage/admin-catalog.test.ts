import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { batch } from '../support/events.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { localIsoDate as localDate } from '../../shared/calendar/civil-date.ts';
import { rebuildProfileMisses, recordProfileMisses } from '../../api/admin/profile-misses.repository.ts';
import { DEMO_PROCEDURES } from '../../shared/demo/roster.ts';
import { createCalendar } from '../../shared/calendar/index.ts';

const dialects = STORAGE_DIALECTS;

const ROOT = '000.00.00.H32';
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const day = (offset: number) => localDate(Date.now() + offset * 86_400_000);

const profile = (version: number, over: Record<string, unknown> = {}) => ({
  id: 'motcua-tinh',
  version,
  name: `Một cửa tỉnh v${version}`,
  matches: ['https://motcua.example.gov.vn/*'],
  pages: [{ kind: 'detail', path: '/ho-so/(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4})' }],
  ...over,
});

describe.each(dialects)('admin catalog on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target);
    await createOfficial(
      api.services.db,
      { username: 'quantrixa1', displayName: 'QT xã 1', unitId: XA1, role: 'admin', password: 'demo', backofficeAccount: null },
      Date.now(),
    );
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('the demo procedures are seeded and visible down the tree', async () => {
    const all = await api.call('thanhtra', '/v1/admin/procedures');
    expect(all.status).toBe(200);
    expect(all.json.procedures.map((p: { code: string }) => p.code).sort()).toEqual(DEMO_PROCEDURES.map((p) => p.code).sort());
    const below = await api.call('quantrixa1', '/v1/admin/procedures/1.001193.000.00.00.H32');
    expect(below.json.procedure).toMatchObject({ unitId: ROOT, totalAmount: 1, timeType: 'working_days', version: 1 });
  });

  test('a procedure change is a new version; stale edits and bad steps are refused', async () => {
    const code = '1.012790.000.00.00.H32';
    const { procedure } = (await api.call('admin', `/v1/admin/procedures/${code}`)).json;
    const steps = procedure.steps.map((s: { allottedHours: number }, i: number) =>
      i === 1 ? { ...s, allottedHours: s.allottedHours - 8 } : s,
    );
    const next = await api.call('admin', `/v1/admin/procedures/${code}`, {
      method: 'PUT',
      body: { name: procedure.name, totalAmount: 10, timeType: 'working_days', steps, version: 1 },
    });
    expect(next.status).toBe(200);
    expect(next.json.procedure.version).toBe(2);
    const stale = await api.call('admin', `/v1/admin/procedures/${code}`, {
      method: 'PUT',
      body: { name: 'x', totalAmount: 10, timeType: 'working_days', steps, version: 1 },
    });
    expect([stale.status, stale.json.error.code]).toEqual([409, 'version_conflict']);

    const dupSteps = await api.call('admin', `/v1/admin/procedures/${code}`, {
      method: 'PUT',
      body: { name: 'x', totalAmount: 10, timeType: 'working_days', steps: [steps[0], steps[0]] },
    });
    expect(dupSteps.status).toBe(400);
    expect(dupSteps.json.error.message).toMatch(/duplicate step code/);
    const tooLong = await api.call('admin', '/v1/admin/procedures', {
      body: {
        code: '1.000002.000.00.00.H32',
        name: 'x',
        totalAmount: 1,
        timeType: 'working_days',
        steps: [{ code: 'A', name: 'a', role: 'specialist', allottedHours: 9 }],
      },
    });
    expect(tooLong.status).toBe(400);
    const created = await api.call('admin', '/v1/admin/procedures', {
      body: {
        code: '1.000002.000.00.00.H32',
        name: 'Thủ tục mới',
        unitId: SO,
        totalAmount: 1,
        timeType: 'calendar_days',
        steps: [{ code: 'A', name: 'a', role: 'specialist', allottedHours: 24 }],
      },
    });
    expect(created.status).toBe(201);
    const { version: _v, updatedAt: _at, updatedBy: _by, ...again } = created.json.procedure;
    expect((await api.call('admin', '/v1/admin/procedures', { body: again })).status).toBe(409);
    const subAdmin = await api.call('quantrixa1', `/v1/admin/procedures/${code}`, {
      method: 'PUT',
      body: { name: 'x', totalAmount: 10, timeType: 'working_days', steps },
    });
    expect([subAdmin.status, subAdmin.json.error.code]).toEqual([403, 'province_admin_required']);
  });

  test('calendars: units inherit; versions only append from today on', async () => {
    const root = await api.call('admin', `/v1/admin/calendars/${ROOT}`);
    expect(root.json).toMatchObject({ source: 'own', current: { version: 1, validFrom: '1900-01-01' } });
    const inherited = await api.call('admin', `/v1/admin/calendars/${SO}`);
    expect(inherited.json).toMatchObject({ source: 'inherited', inheritedFrom: ROOT, current: null, versions: [] });

    const past = await api.call('admin', `/v1/admin/calendars/${SO}`, { body: { validFrom: day(-1) } });
    expect([past.status, past.json.error.code]).toEqual([409, 'past_is_immutable']);
    const saturday = [{ start: '07:30', end: '11:30' }];
    const added = await api.call('admin', `/v1/admin/calendars/${SO}`, { body: { validFrom: day(10), weekly: { sat: saturday } } });
    expect(added.status).toBe(201);
    expect(added.json.calendar).toMatchObject({ version: 1, validFrom: day(10) });
    expect(added.json.calendar.definition.versions.map((v: { validFrom: string }) => v.validFrom)).toEqual(['1900-01-01', day(10)]);
    // The stored definition is directly usable by the shared calendar.
    expect(createCalendar(added.json.calendar.definition).definition.versions).toHaveLength(2);

    const before = await api.call('admin', `/v1/admin/calendars/${SO}`, { body: { validFrom: day(5) } });
    expect(before.status).toBe(409);
    const invalid = await api.call('admin', `/v1/admin/calendars/${SO}`, {
      body: { validFrom: day(20), weekly: { mon: [{ start: '17:00', end: '08:00' }] } },
    });
    expect(invalid.status).toBe(400);
    const second = await api.call('admin', `/v1/admin/calendars/${SO}`, { body: { validFrom: day(20) } });
    expect(second.json.calendar.version).toBe(2);
    const view = await api.call('admin', `/v1/admin/calendars/${SO}`);
    expect(view.json.source).toBe('own');
    expect(view.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(view.json.versions[1].definition.versions[1].weekly.sat).toEqual(saturday);
    expect((await api.call('quantrixa1', `/v1/admin/calendars/${SO}`)).status).toBe(404);
  });

  test('site profiles: consecutive versions, latest served to every official with an ETag', async () => {
    expect((await api.call('admin', '/v1/admin/profiles', { body: profile(2) })).status).toBe(409);
    expect((await api.call('admin', '/v1/admin/profiles', { body: profile(1) })).status).toBe(201);
    expect((await api.call('admin', '/v1/admin/profiles', { body: profile(1) })).status).toBe(409);
    const invalid = await api.call('admin', '/v1/admin/profiles', { body: profile(2, { pages: [] }) });
    expect(invalid.status).toBe(400);
    expect((await api.call('admin', '/v1/admin/profiles', { body: profile(2) })).status).toBe(201);

    const feed = await api.call('chuyenvien1', '/v1/profiles');
    expect(feed.status).toBe(200);
    expect(feed.json.profiles).toHaveLength(1);
    expect(feed.json.profiles[0]).toMatchObject({ id: 'motcua-tinh', version: 2, allFrames: true });
    const again = await api.call('chuyenvien1', '/v1/profiles', { headers: { 'if-none-match': feed.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const versions = await api.call('admin', '/v1/admin/profiles/motcua-tinh/versions');
    expect(versions.json.profiles.map((p: { version: number }) => p.version)).toEqual([2, 1]);
    expect((await api.call('quantrixa1', '/v1/admin/profiles')).status).toBe(403);
  });

  test('rule settings per scope, validated by the shared rules overrides schema', async () => {
    expect((await api.call('admin', '/v1/admin/rule-settings/default')).json.settings).toBeNull();
    const put = await api.call('admin', '/v1/admin/rule-settings/default', { method: 'PUT', body: { idle_at_holder: { idleHours: 16 } } });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ scope: { kind: 'default', id: '' }, settings: { idle_at_holder: { idleHours: 16 } } });
    expect((await api.call('admin', '/v1/admin/rule-settings/default', { method: 'PUT', body: [1, 2] })).status).toBe(400);
    const unknown = await api.call('admin', '/v1/admin/rule-settings/default', { method: 'PUT', body: { stallAfterWorkingHours: 16 } });
    expect(unknown.status).toBe(400);
    await api.call('admin', '/v1/admin/rule-settings/default', { method: 'PUT', body: { idle_at_holder: { idleHours: 12 } } });
    expect((await api.call('quantrixa1', '/v1/admin/rule-settings/default')).json.settings).toEqual({ idle_at_holder: { idleHours: 12 } });

    const unit = await api.call('quantrixa1', `/v1/admin/rule-settings/units/${XA1}`, {
      method: 'PUT',
      body: { overdue: { enabled: false } },
    });
    expect(unit.status).toBe(200);
    expect((await api.call('quantrixa1', `/v1/admin/rule-settings/units/${SO}`, { method: 'PUT', body: {} })).status).toBe(404);
    const proc = await api.call('admin', '/v1/admin/rule-settings/procedures/1.001193.000.00.00.H32', {
      method: 'PUT',
      body: { step_over_allotment: { toleranceHours: 2 } },
    });
    expect(proc.json.updatedBy).toBeTruthy();
    expect((await api.call('admin', '/v1/admin/rule-settings/procedures/9.999999', { method: 'PUT', body: {} })).status).toBe(404);
  });

  test('profile misses aggregate per anchor; health is limited to the scope', async () => {
    const miss = (anchor: string) => ({
      id: randomUUID(),
      kind: 'profile_miss',
      at: new Date().toISOString(),
      profile: { id: 'motcua-tinh', version: 1 },
      pageKind: 'detail',
      anchor,
    });
    await api.call('chuyenvien1', '/v1/events', { body: batch([miss('code'), miss('code'), miss('status')]) });
    await api.call('motcuaxa1', '/v1/events', { body: batch([miss('code')]) });
    // Rebuilding from the events gives the same table whether or not ingest already recorded them.
    expect(await rebuildProfileMisses(api.services.db)).toBe(4);

    const all = await api.call('admin', '/v1/admin/profile-health');
    expect(all.status).toBe(200);
    const code = all.json.misses.find((m: { anchor: string }) => m.anchor === 'code');
    expect(code).toMatchObject({
      profileId: 'motcua-tinh',
      profileVersion: 1,
      pageKind: 'detail',
      count: 3,
      units: 2,
      latestVersion: 2,
      superseded: true,
    });
    expect(['chuyenvien1', 'motcuaxa1']).toContain(code.lastOfficialUsername);
    const commune = await api.call('quantrixa1', '/v1/admin/profile-health');
    expect(commune.json.misses).toEqual([
      expect.objectContaining({ anchor: 'code', count: 1, units: 1, lastOfficialUsername: 'motcuaxa1' }),
    ]);
    expect((await api.call('quantrixa1', `/v1/admin/profile-health?unitId=${SO}`)).status).toBe(403);
  });

  test('recordProfileMisses adds to existing counts and keeps the first and last sightings', async () => {
    const db = api.services.db;
    const row = (at: number, official: string) => ({
      kind: 'profile_miss',
      unit_id: SO,
      official_id: official,
      profile_id: 'bundled-generic',
      profile_version: 3,
      extra: JSON.stringify({ pageKind: 'list', anchor: 'rows' }),
      at,
    });
    expect(await recordProfileMisses(db, [row(2000, 'a'), row(1000, 'b'), { ...row(5000, 'c'), kind: 'open' }])).toBe(1);
    await Promise.all([recordProfileMisses(db, [row(3000, 'c')]), recordProfileMisses(db, [row(500, 'd')])]);
    const stored = await db.selectFrom('profile_misses').selectAll().where('profile_id', '=', 'bundled-generic').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ count: 4, first_at: 500, last_at: 3000, last_official_id: 'c' });
  });
});
