import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { ROUTE_TABLE } from '../../api/openapi/route-table.ts';
import { routeKey, type RouteSpec } from '../../api/openapi/route-spec.ts';
import { createUnit } from '../../api/admin/units.repository.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { createProcedure } from '../../api/admin/procedures.repository.ts';
import { addProfileVersion } from '../../api/admin/profiles.repository.ts';
import { localIsoDate as localDate } from '../../shared/calendar/civil-date.ts';
import type { Role } from '../../shared/schemas/api.ts';
import { drainQueue } from '../../api/derive/index.ts';
import { createInspection } from '../../api/inspections/inspections.repository.ts';
import { closeInspection, recordFinding } from '../../api/inspections/inspection-close.repository.ts';
import { unitsInScope } from '../../api/auth/scope.ts';
import { issueSheet } from '../../api/sheets/sheets.repository.ts';

/**
 * The authorization matrix, generated from the route table: every route × every kind of caller
 * × a target inside and outside the caller's unit subtree, plus no session at all. Expected
 * statuses follow from the table's roles / scoped / provinceWide; 2xx bodies must match the
 * table's response schema. A route without a fixture below fails the suite.
 */
const dialects = STORAGE_DIALECTS;

const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const XA2 = '000.31.07.H32';
// A second province: outside the scope of everyone in H32, including the province admin.
const H56 = '000.00.00.H56';
const H56_SO = '000.00.12.H56';

type Target = {
  unit: string;
  officialId: string;
  procedure: string;
  dossier: string;
  inspection: string;
  closedInspection: string;
  openPool: string[];
  explanationPool: string[];
  sheet: string;
  signPool: string[];
};
type Req = { path: string; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> };
/** `targeted`: the request names a unit (or something a unit owns), so an out-of-scope variant exists. */
type Fixture = { targeted: boolean; make(t: Target, n: number): Req };

const STEPS = [{ code: 'XU_LY', name: 'Xử lý', role: 'specialist', allottedHours: 8 }];
const PROCEDURE = { name: 'Thủ tục thử', totalAmount: 1, timeType: 'working_days', steps: STEPS };
const profileBody = (id: string) => ({
  id,
  version: 1,
  name: id,
  matches: ['https://x.example.vn/*'],
  pages: [{ kind: 'list', path: '/ds' }],
});
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const body = (unitId: string) => unitId.slice(unitId.lastIndexOf('.') + 1);

const plain = (path: string, extra: Omit<Req, 'path'> = {}): Fixture => ({ targeted: false, make: () => ({ path, ...extra }) });
const on = (make: Fixture['make']): Fixture => ({ targeted: true, make });

const FIXTURES: Record<string, Fixture> = {
  'OPTIONS /v1/*': plain('/v1/events', { headers: { origin: 'chrome-extension://abcdef' } }),
  'GET /healthz': plain('/healthz'),
  'GET /readyz': plain('/readyz'),
  'GET /metrics': plain('/metrics'),
  'GET /openapi.json': plain('/openapi.json'),
  'GET /docs': plain('/docs'),
  'GET /': plain('/'),
  'GET /dashboard/*': plain('/dashboard/'),
  'POST /v1/auth/login': plain('/v1/auth/login', { body: { username: 'admin', password: 'demo' } }),
  'GET /v1/auth/me': plain('/v1/auth/me'),
  'POST /v1/auth/logout': plain('/v1/auth/logout'),
  'POST /v1/auth/logout-all': plain('/v1/auth/logout-all'),
  'POST /v1/events': { targeted: false, make: () => ({ path: '/v1/events', body: { sentAt: new Date().toISOString(), events: [] } }) },
  // Filtered, never refused: a clerk sees only themselves, others their subtree (checked in events-storage).
  'GET /v1/stats/officials': plain('/v1/stats/officials'),
  'GET /v1/profiles': plain('/v1/profiles'),
  'GET /v1/stats/units': on((t) => ({ path: '/v1/stats/units', query: { unitId: t.unit } })),
  'GET /v1/stats/units/:unitId/officials': on((t) => ({ path: `/v1/stats/units/${t.unit}/officials` })),
  'GET /v1/me/summary': plain('/v1/me/summary'),
  'GET /v1/dossiers': on((t) => ({ path: '/v1/dossiers', query: { unitId: t.unit } })),
  'GET /v1/dossiers/:code': on((t) => ({ path: `/v1/dossiers/${t.dossier}` })),
  'GET /v1/flags': on((t) => ({ path: '/v1/flags', query: { unitId: t.unit } })),
  'GET /v1/admin/units': on((t) => ({ path: '/v1/admin/units', query: { unitId: t.unit } })),
  'POST /v1/admin/units': on((t, n) => ({
    path: '/v1/admin/units',
    body: { id: `${pad(n, 3)}.77.77.${body(t.unit)}`, name: `Đơn vị ${n}`, parentId: t.unit },
  })),
  'PATCH /v1/admin/units/:id': on((t, n) => ({ path: `/v1/admin/units/${t.unit}`, body: { name: `Đơn vị đổi tên ${n}` } })),
  'GET /v1/admin/officials': on((t) => ({ path: '/v1/admin/officials', query: { unitId: t.unit } })),
  'POST /v1/admin/officials': on((t, n) => ({
    path: '/v1/admin/officials',
    body: { username: `matran${n}`, displayName: `Cán bộ ${n}`, unitId: t.unit, role: 'clerk', password: 'mat-khau-du-dai' },
  })),
  'PATCH /v1/admin/officials/:id': on((t, n) => ({ path: `/v1/admin/officials/${t.officialId}`, body: { displayName: `Cán bộ ${n}` } })),
  'POST /v1/admin/officials/:id/reset-password': on((t) => ({
    path: `/v1/admin/officials/${t.officialId}/reset-password`,
    body: { password: 'mat-khau-du-dai' },
  })),
  'GET /v1/admin/procedures': on((t) => ({ path: '/v1/admin/procedures', query: { unitId: t.unit } })),
  'GET /v1/admin/procedures/:code': on((t) => ({ path: `/v1/admin/procedures/${t.procedure}` })),
  'POST /v1/admin/procedures': on((t, n) => ({
    path: '/v1/admin/procedures',
    body: { code: `2.${pad(n, 6)}.000.00.00.${body(t.unit)}`, unitId: t.unit, ...PROCEDURE },
  })),
  'PUT /v1/admin/procedures/:code': on((t) => ({ path: `/v1/admin/procedures/${t.procedure}`, body: PROCEDURE })),
  'GET /v1/admin/calendars/:unitId': on((t) => ({ path: `/v1/admin/calendars/${t.unit}` })),
  // n grows with every call, so each version starts after the previous one.
  'POST /v1/admin/calendars/:unitId': on((t, n) => ({
    path: `/v1/admin/calendars/${t.unit}`,
    body: { validFrom: localDate(Date.now() + (30 + n) * 86_400_000) },
  })),
  'GET /v1/admin/profiles': plain('/v1/admin/profiles'),
  'GET /v1/admin/profiles/:id/versions': plain('/v1/admin/profiles/matrix-base/versions'),
  'POST /v1/admin/profiles': { targeted: false, make: (_t, n) => ({ path: '/v1/admin/profiles', body: profileBody(`matrix-${n}`) }) },
  'GET /v1/admin/rule-settings/default': plain('/v1/admin/rule-settings/default'),
  'PUT /v1/admin/rule-settings/default': plain('/v1/admin/rule-settings/default', { body: { idle_at_holder: { idleHours: 16 } } }),
  'GET /v1/admin/rule-settings/units/:unitId': on((t) => ({ path: `/v1/admin/rule-settings/units/${t.unit}` })),
  'PUT /v1/admin/rule-settings/units/:unitId': on((t) => ({
    path: `/v1/admin/rule-settings/units/${t.unit}`,
    body: { overdue: { enabled: true } },
  })),
  'GET /v1/admin/rule-settings/procedures/:code': on((t) => ({ path: `/v1/admin/rule-settings/procedures/${t.procedure}` })),
  'PUT /v1/admin/rule-settings/procedures/:code': on((t) => ({
    path: `/v1/admin/rule-settings/procedures/${t.procedure}`,
    body: { step_over_allotment: { toleranceHours: 2 } },
  })),
  'POST /v1/inspections': on((t) => ({ path: '/v1/inspections', body: { unitId: t.unit, sampleSize: 1 } })),
  'GET /v1/inspections': on((t) => ({ path: '/v1/inspections', query: { unitId: t.unit } })),
  'GET /v1/inspections/:id': on((t) => ({ path: `/v1/inspections/${t.inspection}` })),
  'PUT /v1/inspections/:id/findings/:dossierCode': on((t) => ({
    path: `/v1/inspections/${t.inspection}/findings/${t.dossier}`,
    body: { delayJustified: true, note: 'ma trận' },
  })),
  'POST /v1/inspections/:id/close': on((t) => ({ path: `/v1/inspections/${t.openPool.pop() ?? 'none'}/close`, body: {} })),
  'GET /v1/inspections/:id/report.html': on((t) => ({ path: `/v1/inspections/${t.closedInspection}/report.html` })),
  'GET /v1/inspections/:id/report.csv': on((t) => ({ path: `/v1/inspections/${t.closedInspection}/report.csv` })),
  'GET /v1/exports/events.xes': on((t) => ({ path: '/v1/exports/events.xes', query: { unitId: t.unit } })),
  'GET /v1/exports/events.ocel.json': on((t) => ({ path: '/v1/exports/events.ocel.json', query: { unitId: t.unit } })),
  'GET /v1/exports/units.csv': on((t) => ({ path: '/v1/exports/units.csv', query: { unitId: t.unit } })),
  'GET /v1/exports/unit-officials.csv': on((t) => ({ path: '/v1/exports/unit-officials.csv', query: { unitId: t.unit } })),
  'GET /v1/exports/dossiers.csv': on((t) => ({ path: '/v1/exports/dossiers.csv', query: { unitId: t.unit } })),
  'GET /v1/exports/flags.csv': on((t) => ({ path: '/v1/exports/flags.csv', query: { unitId: t.unit } })),
  'GET /v1/admin/profile-health': on((t) => ({ path: '/v1/admin/profile-health', query: { unitId: t.unit } })),
  'GET /v1/admin/derive-failures': on((t) => ({ path: '/v1/admin/derive-failures', query: { unitId: t.unit } })),
  'GET /v1/admin/security-alerts': plain('/v1/admin/security-alerts'),
  'GET /v1/checkpoints/public-key': plain('/v1/checkpoints/public-key'),
  'GET /v1/checkpoints/latest': plain('/v1/checkpoints/latest'),
  'GET /v1/checkpoints/:seq': plain('/v1/checkpoints/1'),
  'POST /v1/checkpoints': plain('/v1/checkpoints', { body: {} }),
  'GET /v1/reconcile/mappings': plain('/v1/reconcile/mappings'),
  'POST /v1/reconcile/mappings': plain('/v1/reconcile/mappings', {
    body: {
      backoffice: 'ma-tran',
      name: 'Ma trận',
      columns: { dossierCode: 'Mã hồ sơ', action: 'Thao tác', actor: 'Cán bộ thực hiện', at: 'Thời gian thực hiện' },
    },
  }),
  // Rows of units outside the caller's scope are refused one by one, never the request.
  'POST /v1/reconcile/imports': on((t) => ({
    path: '/v1/reconcile/imports',
    body: {
      backoffice: 'ma-tran',
      format: 'csv',
      dryRun: true,
      content: `Mã hồ sơ,Thao tác,Cán bộ thực hiện,Thời gian thực hiện\r\n${t.dossier},Tiếp nhận,motcua1,01/12/2025 08:00\r\n`,
    },
  })),
  'GET /v1/reconcile': on((t) => ({ path: '/v1/reconcile', query: { unitId: t.unit } })),
  'GET /v1/reconcile/slips/:code': on((t) => ({ path: `/v1/reconcile/slips/${t.dossier}` })),
  'GET /v1/reconcile/slips/:code/print': on((t) => ({ path: `/v1/reconcile/slips/${t.dossier}/print` })),
  'GET /v1/explanations/reasons': plain('/v1/explanations/reasons'),
  'POST /v1/explanations/reasons': {
    targeted: false,
    make: (_t, n) => ({ path: '/v1/explanations/reasons', body: { code: `matrix_${n}`, labelVi: `Lý do ${n}`, labelEn: `Reason ${n}` } }),
  },
  'GET /v1/explanations': on((t) => ({ path: '/v1/explanations', query: { unitId: t.unit } })),
  'POST /v1/explanations': plain('/v1/explanations', {
    body: { subject: { kind: 'dossier', code: '000.00.12.H32-260101-0001' }, reason: 'other', text: 'ma trận' },
  }),
  'POST /v1/explanations/:id/decision': on((t) => ({
    path: `/v1/explanations/${t.explanationPool.pop() ?? 'none'}/decision`,
    body: { accept: true, note: 'ma trận' },
  })),
  'GET /v1/me/reads': plain('/v1/me/reads'),
  'GET /v1/sheets/settings': plain('/v1/sheets/settings'),
  'POST /v1/sheets/settings': plain('/v1/sheets/settings', {
    body: { weights: { onTime: 0.6, withinAllotment: 0.3, noFlags: 0.1 }, thresholds: { onTimeTarget: 0.95 }, commentWorkingDays: 5 },
  }),
  'GET /v1/sheets': on((t) => ({ path: '/v1/sheets', query: { unitId: t.unit } })),
  'POST /v1/sheets': on((t) => ({ path: '/v1/sheets', body: { subject: { kind: 'unit', id: t.unit }, period: '2025-Q4' } })),
  'GET /v1/sheets/:id': on((t) => ({ path: `/v1/sheets/${t.sheet}` })),
  'GET /v1/sheets/:id/recompute': on((t) => ({ path: `/v1/sheets/${t.sheet}/recompute` })),
  'POST /v1/sheets/:id/seen': on((t) => ({ path: `/v1/sheets/${t.sheet}/seen`, body: {} })),
  'POST /v1/sheets/:id/sign': on((t) => ({ path: `/v1/sheets/${t.signPool.pop() ?? 'none'}/sign`, body: {} })),
  'GET /v1/sheets/:id/sheet.html': on((t) => ({ path: `/v1/sheets/${t.sheet}/sheet.html` })),
  'GET /v1/sheets/:id/sheet.csv': on((t) => ({ path: `/v1/sheets/${t.sheet}/sheet.csv` })),
  'GET /v1/sheets/:id/sheet.xlsx': on((t) => ({ path: `/v1/sheets/${t.sheet}/sheet.xlsx` })),
};

/**
 * Routes whose success depends on the caller's own records rather than on role and scope: any
 * signed-in official may explain, but only a flag naming them or a late dossier of theirs, and no
 * actor here has one of the named dossier (storage test evaluation-explanations covers success).
 */
const OWN_RECORDS: Record<string, (actor: Actor, inScope: boolean) => number[]> = {
  'POST /v1/explanations': () => [404],
  // Only the evaluated official acknowledges a sheet (the department's is the clerk actor's own);
  // anyone else who can read it is refused, and one who cannot read it finds nothing.
  'POST /v1/sheets/:id/seen': (actor, inScope) => (!inScope ? [404] : actor.username === 'chuyenvien1' ? [200, 409] : [403]),
};

/** Scoped routes that only filter what they return, so no request can name an outside unit. */
const FILTER_ONLY = new Set(['GET /v1/stats/officials']);

type Actor = { label: string; username: string; role: Role; provinceLevel: boolean; inside: string; outside: string };
const ACTORS: Actor[] = [
  { label: 'clerk of the department', username: 'chuyenvien1', role: 'clerk', provinceLevel: false, inside: SO, outside: XA2 },
  { label: 'province inspector', username: 'thanhtra', role: 'inspector', provinceLevel: true, inside: SO, outside: H56_SO },
  { label: 'commune inspector', username: 'thanhtra_xa1', role: 'inspector', provinceLevel: false, inside: XA1, outside: XA2 },
  { label: 'unit head of the department', username: 'lanhdao_so', role: 'leader', provinceLevel: false, inside: SO, outside: XA2 },
  { label: 'unit head of a commune', username: 'lanhdao_xa1', role: 'leader', provinceLevel: false, inside: XA1, outside: XA2 },
  { label: 'province admin', username: 'admin', role: 'admin', provinceLevel: true, inside: SO, outside: H56_SO },
  { label: 'commune admin', username: 'admin_xa1', role: 'admin', provinceLevel: false, inside: XA1, outside: XA2 },
];

function expected(spec: RouteSpec, actor: Actor | null, inScope: boolean): number[] {
  const ok = [spec.status ?? 200];
  if (spec.roles === 'public') return ok;
  if (!actor) return [401];
  if (!spec.roles.includes(actor.role)) return [403];
  const own = OWN_RECORDS[routeKey(spec)];
  if (own) return own(actor, inScope);
  if (spec.provinceWide && !actor.provinceLevel) return [403];
  if (spec.clerks === 'own' && actor.role === 'clerk') return ok;
  if (spec.scoped && !inScope) return [403, 404];
  return ok;
}

test('every route of the table has a matrix fixture, and scoped routes can be aimed outside the scope', () => {
  expect(Object.keys(FIXTURES).sort()).toEqual(ROUTE_TABLE.map(routeKey).sort());
  const untargeted = ROUTE_TABLE.filter((r) => r.scoped && !FIXTURES[routeKey(r)]!.targeted).map(routeKey);
  expect(untargeted.filter((k) => !FILTER_ONLY.has(k))).toEqual([]);
});

describe.each(dialects)('authorization matrix on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const targets = new Map<string, Target>();
  const officialIds = new Map<string, string>();
  let counter = 0;

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target);
    const db = api.services.db;
    const now = Date.now();
    await createUnit(db, { id: H56, name: 'UBND tỉnh Thanh Hóa', parentId: null }, now);
    await createUnit(db, { id: H56_SO, name: 'Sở Tài nguyên và Môi trường Thanh Hóa', parentId: H56 }, now);
    const add = (username: string, unitId: string, role: Role) =>
      createOfficial(db, { username, displayName: username, unitId, role, password: 'demo', backofficeAccount: null }, now);
    await add('thanhtra_xa1', XA1, 'inspector');
    await add('admin_xa1', XA1, 'admin');
    await add('lanhdao_so', SO, 'leader');
    await add('lanhdao_xa1', XA1, 'leader');
    const procedures: Record<string, string> = {
      [SO]: '1.012790.000.00.00.H32',
      [XA1]: '1.001193.000.00.00.H32',
      [XA2]: '3.000001.000.00.00.H32',
      [H56_SO]: '3.000002.000.00.00.H56',
    };
    await createProcedure(
      db,
      { code: procedures[XA2]!, unitId: XA2, ...PROCEDURE, timeType: 'working_days', steps: [{ ...STEPS[0]!, role: 'specialist' }] },
      null,
      now,
    );
    await createProcedure(
      db,
      { code: procedures[H56_SO]!, unitId: H56, ...PROCEDURE, timeType: 'working_days', steps: [{ ...STEPS[0]!, role: 'specialist' }] },
      null,
      now,
    );
    await addProfileVersion(db, profileBody('matrix-base') as never, null, now);
    for (const o of await db.selectFrom('officials').select(['id', 'username']).execute()) officialIds.set(o.username, o.id);
    // One dossier per unit, received by an official of that unit (the department's by the clerk
    // actor, so a clerk has a dossier they held), then derived as the worker would.
    const receivers: Record<string, string> = { [SO]: 'chuyenvien1', [XA1]: 'motcuaxa1', [XA2]: 'motcuaxa2' };
    const yymmdd = localDate(now).slice(2).replaceAll('-', '');
    for (const unit of [SO, XA1, XA2, H56_SO]) {
      const target = await add(`muctieu_${unit.replaceAll('.', '_').toLowerCase()}`, unit, 'clerk');
      officialIds.set(target.username, target.id);
      const dossier = `${unit}-${yymmdd}-0001`;
      targets.set(unit, {
        unit,
        officialId: target.id,
        procedure: procedures[unit]!,
        dossier,
        inspection: '',
        closedInspection: '',
        openPool: [],
        explanationPool: [],
        sheet: '',
        signPool: [],
      });
      const token = (await api.services.sessions.create(officialIds.get(receivers[unit] ?? target.username)!)).token;
      const event = {
        id: randomUUID(),
        kind: 'action',
        action: 'receive',
        at: new Date(now - 60_000).toISOString(),
        dossierCode: dossier,
        profile: { id: 'test', version: 1 },
      };
      const res = await api.app.request('/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sentAt: new Date().toISOString(), events: [event] }),
      });
      expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    }
    await drainQueue(db, { now: Date.now });
    // Inspections per unit, drawn by an admin whose scope covers it (the province's or H56's own).
    await add('admin_h56', H56, 'admin');
    for (const o of await db
      .selectFrom('officials')
      .select(['id', 'username', 'display_name', 'role', 'unit_id', 'backoffice_account'])
      .execute())
      officialIds.set(o.username, o.id);
    const sessionOf = (username: string, unitId: string) => ({
      id: officialIds.get(username)!,
      username,
      displayName: username,
      role: 'admin' as const,
      unitId,
      backofficeAccount: null,
    });
    for (const t of targets.values()) {
      const me = t.unit === H56_SO ? sessionOf('admin_h56', H56) : sessionOf('admin', '000.00.00.H32');
      const scope = await unitsInScope(db, me);
      const make = () => createInspection(db, me, { unitId: t.unit, sampleSize: 1 }, Date.now());
      t.inspection = await make();
      const closed = await make();
      await recordFinding(db, scope, me, closed, t.dossier, { delayJustified: true, note: 'x' }, Date.now());
      await closeInspection(db, api.services.integrity, scope, me, closed, {}, Date.now());
      t.closedInspection = closed;
      // A sheet per unit: the department's is the clerk actor's own (a clerk reads only their own
      // sheets), the others their target official's; and sheets already seen, for each signature.
      const subject = t.unit === SO ? officialIds.get('chuyenvien1')! : t.officialId;
      const sheet = () =>
        issueSheet(db, api.services.integrity, { me, scope }, { kind: 'official', id: subject }, '2025-Q4', undefined, Date.now());
      t.sheet = (await sheet()).id;
      for (let i = 0; i < 4; i += 1) {
        const id = (await sheet()).id;
        await db.updateTable('kpi_sheets').set({ status: 'seen', seen_at: Date.now() }).where('id', '=', id).execute();
        t.signPool.push(id);
      }
      // Pending explanations by the unit's own official, one for each decision the matrix sends.
      for (let i = 0; i < 8; i += 1) {
        const id = randomUUID();
        await db
          .insertInto('explanations')
          .values({
            unit_id: t.unit,
            id,
            official_id: t.officialId,
            subject_kind: 'dossier',
            subject_key: t.dossier,
            dossier_unit_id: t.unit,
            dossier_code: t.dossier,
            segment_from: null,
            reason: 'other',
            text: 'ma trận',
            status: 'pending',
            created_at: Date.now(),
            decided_by: null,
            decided_at: null,
            decision_note: null,
          })
          .execute();
        t.explanationPool.push(id);
      }
      for (let i = 0; i < 6; i += 1) {
        const id = await make();
        await recordFinding(db, scope, me, id, t.dossier, { delayJustified: true, note: 'x' }, Date.now());
        t.openPool.push(id);
      }
    }
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  async function send(spec: RouteSpec, req: Req, actor: Actor | null) {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    // A fresh session per call: logout and logout-all end the sessions they are called with.
    if (actor) headers.authorization = `Bearer ${(await api.services.sessions.create(officialIds.get(actor.username)!)).token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const query = req.query ? `?${new URLSearchParams(req.query)}` : '';
    const res = await api.app.request(req.path + query, {
      method: spec.method.toUpperCase(),
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  test.each(ROUTE_TABLE.map((spec) => ({ spec, key: routeKey(spec) })))('$key', async ({ spec, key }) => {
    const fixture = FIXTURES[key]!;
    const cases: { who: string; actor: Actor | null; inScope: boolean; req: Req }[] = [
      { who: 'signed out', actor: null, inScope: true, req: fixture.make(targets.get(SO)!, ++counter) },
    ];
    for (const actor of ACTORS) {
      cases.push({ who: `${actor.label}, in scope`, actor, inScope: true, req: fixture.make(targets.get(actor.inside)!, ++counter) });
      if (fixture.targeted)
        cases.push({
          who: `${actor.label}, out of scope`,
          actor,
          inScope: false,
          req: fixture.make(targets.get(actor.outside)!, ++counter),
        });
    }
    const mismatches: string[] = [];
    for (const c of cases) {
      const want = expected(spec, c.actor, c.inScope);
      const got = await send(spec, c.req, c.actor);
      if (!want.includes(got.status)) mismatches.push(`${c.who}: expected ${want.join('|')}, got ${got.status} ${got.text.slice(0, 160)}`);
      else if (got.status < 300 && got.status !== 204 && (spec.produces ?? 'application/json') === 'application/json') {
        const parsed = spec.response.safeParse(JSON.parse(got.text));
        if (!parsed.success) mismatches.push(`${c.who}: response does not match the table's schema: ${parsed.error.message.slice(0, 300)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
