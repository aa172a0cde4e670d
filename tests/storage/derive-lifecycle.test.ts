import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, activeEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { meSummaryResponseSchema } from '../../shared/contract/me-summary.ts';
import { unitOfficialsResponseSchema, unitStatsResponseSchema } from '../../shared/contract/stats.ts';
import { dossierListResponseSchema } from '../../api/dossiers/dossiers.schemas.ts';
import { dossierDetailResponseSchema } from '../../api/dossiers/dossier-detail.schemas.ts';
import { flagListResponseSchema } from '../../api/flags/flags.schemas.ts';

/** The documented response schema describes the answer exactly: nothing missing, nothing extra. */
const shaped = (schema: { parse(v: unknown): unknown }, json: unknown) => expect(schema.parse(json)).toEqual(json);

const dialects = STORAGE_DIALECTS;

/** Friday 28 November 2025, 10:00 in Vietnam: the whole story happens in the two weeks before. */
const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const ms = (day: string, hm: string) => Date.parse(at(day, hm));
const SO = '000.00.12.H32';
const PROC = '1.012790.000.00.00.H32';
const A = `${SO}-251117-0001`;
const B = `${SO}-251117-0002`;
const C = `${SO}-251128-0003`;
const D = `${SO}-251126-0004`;
const STEP = {
  desk: 'Tiếp nhận hồ sơ',
  exam: 'Thẩm định hồ sơ',
  head: 'Lãnh đạo phòng xem xét, trình ký',
  chief: 'Lãnh đạo Sở phê duyệt',
  back: 'Trả kết quả',
};
const fields = (step: string, appointment?: string) => ({
  procedureCode: PROC,
  step,
  ...(appointment ? { appointmentAt: appointment } : {}),
});

describe.each(dialects)('derivation lifecycle on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ids = new Map<string, string>();

  async function send(username: string, events: unknown[]) {
    const res = await api.call(username, '/v1/events', { body: batch(events, new Date(NOW)) });
    expect(res.status).toBe(200);
    expect(res.json.rejected).toBe(0);
  }
  const derive = () => deriveNow(api.services.db, undefined, { now: NOW });

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    for (const o of await api.services.db.selectFrom('officials').select(['id', 'username']).execute()) ids.set(o.username, o.id);

    // A: received, examined, approved and returned early. B: stuck with chuyenvien2 since Monday 17.
    await send('motcua1', [
      actionEvent('receive', { dossierCode: A, at: at('17', '08:00'), fields: fields(STEP.desk, '2025-12-01T17:00:00+07:00') }),
      actionEvent('forward', { dossierCode: A, at: at('17', '08:30'), toAccount: 'chuyenvien1', fields: fields(STEP.desk) }),
    ]);
    await send('chuyenvien1', [
      openEvent({ dossierCode: A, at: at('17', '09:00'), fields: fields(STEP.exam) }),
      activeEvent(ms('17', '09:00'), 3600, { dossierCode: A }),
      actionEvent('forward', { dossierCode: A, at: at('19', '15:00'), toAccount: 'lanhdao1', fields: fields(STEP.exam) }),
    ]);
    await send('lanhdao1', [
      openEvent({ dossierCode: A, at: at('20', '09:00'), fields: fields(STEP.head) }),
      actionEvent('forward', { dossierCode: A, at: at('20', '10:00'), toAccount: 'giamdoc1', fields: fields(STEP.head) }),
    ]);
    await send('giamdoc1', [
      actionEvent('approve', { dossierCode: A, at: at('21', '09:00'), fields: fields(STEP.chief) }),
      actionEvent('forward', { dossierCode: A, at: at('21', '09:05'), toAccount: 'motcua1', fields: fields(STEP.chief) }),
    ]);
    await send('motcua1', [actionEvent('return_result', { dossierCode: A, at: at('24', '09:00'), fields: fields(STEP.back) })]);
    await send('motcua2', [
      actionEvent('receive', { dossierCode: B, at: at('17', '08:00'), fields: fields(STEP.desk, at('26', '17:00')) }),
      actionEvent('forward', { dossierCode: B, at: at('17', '08:20'), toAccount: 'chuyenvien2', fields: fields(STEP.desk) }),
      actionEvent('receive', { dossierCode: C, at: at('28', '08:00'), fields: fields(STEP.desk, '2025-12-12T17:00:00+07:00') }),
      actionEvent('forward', { dossierCode: C, at: at('28', '08:10'), toAccount: 'chuyenvien2', fields: fields(STEP.desk) }),
    ]);
    // chuyenvien2's extension is on (C today), so B's silence is theirs, not a coverage gap.
    await send('chuyenvien2', [
      openEvent({ dossierCode: B, at: at('17', '09:00'), fields: fields(STEP.exam) }),
      openEvent({ dossierCode: C, at: at('28', '09:00'), fields: fields(STEP.exam) }),
      activeEvent(ms('28', '09:00'), 1800, { dossierCode: C }),
    ]);
    expect((await derive()).derived).toBe(3);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('ingest marks dossiers dirty in its transaction and derivation empties the queue', async () => {
    const db = api.services.db;
    expect(await db.selectFrom('derive_queue').selectAll().execute()).toEqual([]);
    await send('chuyenvien1', [openEvent({ dossierCode: A, at: at('25', '09:00') })]);
    expect(await db.selectFrom('derive_queue').select(['unit_id', 'dossier_code']).execute()).toEqual([{ unit_id: SO, dossier_code: A }]);
    expect((await derive()).derived).toBe(1);
    expect(await db.selectFrom('derive_queue').selectAll().execute()).toEqual([]);
  });

  test('custody segments, timeliness and the dossier timeline', async () => {
    const res = await api.call('thanhtra', `/v1/dossiers/${A}`);
    expect(res.status).toBe(200);
    shaped(dossierDetailResponseSchema, res.json);
    const { dossier, segments, events } = res.json;
    expect(dossier).toMatchObject({
      code: A,
      unitId: SO,
      procedureCode: PROC,
      timeliness: 'early',
      holderState: 'finished',
      finishedAction: 'return_result',
    });
    expect(segments.map((s: any) => [s.holder.id, s.step, s.endedBy, s.workingHours])).toEqual([
      [ids.get('motcua1'), 'TIEP_NHAN', 'forward', 0.5],
      // Mon 08:30–17:00 (6.5 h), Tue 7.5 h, Wed 07:30–15:00 (5.5 h), lunch and nights skipped.
      [ids.get('chuyenvien1'), 'THAM_DINH', 'forward', 19.5],
      [ids.get('lanhdao1'), 'TRINH_KY', 'forward', 4.5],
      [ids.get('giamdoc1'), 'PHE_DUYET', 'forward', 6.583],
      [ids.get('motcua1'), 'TRA_KET_QUA', 'return_result', 7.417],
    ]);
    expect(segments[1].activeHours).toBe(1);
    expect(events).toHaveLength(11);
    // Only the facts custody uses: no back-office account, no page data, no chain internals.
    for (const e of events)
      expect(Object.keys(e).sort()).toEqual([
        'action',
        'appointmentAt',
        'at',
        'end',
        'id',
        'identityMismatch',
        'kind',
        'officialId',
        'pageHandlerId',
        'procedureCode',
        'start',
        'status',
        'step',
        'toOfficialId',
      ]);
  });

  test('a clerk sees a dossier only if they held it', async () => {
    expect((await api.call('chuyenvien1', `/v1/dossiers/${A}`)).status).toBe(200);
    const other = await api.call('chuyenvien3', `/v1/dossiers/${A}`);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('not_found');
    const mine = await api.call('chuyenvien1', '/v1/dossiers');
    expect(mine.json.dossiers.map((d: any) => d.code)).toEqual([A]);
    expect((await api.call('chuyenvien1', `/v1/dossiers?officialId=${ids.get('chuyenvien2')}`)).status).toBe(403);
    const bad = await api.call('thanhtra', '/v1/dossiers/not-a-code');
    expect(bad.status).toBe(400);
  });

  test('drill-down list filters by unit, official and flags, with paging', async () => {
    const flagged = await api.call('thanhtra', `/v1/dossiers?unitId=${SO}&flagged=true`);
    expect(flagged.status).toBe(200);
    shaped(dossierListResponseSchema, flagged.json);
    // B idles; A's return desk ran over its 4-hour step (7.4 working hours, Friday to Monday),
    // and B's examination has passed its 56 hours (69 working hours in two weeks).
    expect(flagged.json.dossiers.map((d: any) => d.code).sort()).toEqual([A, B]);
    const overrun = await api.call('thanhtra', `/v1/flags?rule=step_over_allotment`);
    expect(overrun.json.flags.map((f: any) => [f.dossierCode, f.officialId, f.severity, f.details.workedHours])).toEqual([
      [A, ids.get('motcua1'), 'warning', 7.42],
      [B, ids.get('chuyenvien2'), 'info', 69.17],
    ]);
    const byOfficial = await api.call('thanhtra', `/v1/dossiers?officialId=${ids.get('chuyenvien2')}&limit=1`);
    expect(byOfficial.json.page).toEqual({ limit: 1, offset: 0, total: 2, nextOffset: 1 });
    expect((await api.call('thanhtra', '/v1/dossiers?limit=0')).status).toBe(400);
  });

  test('flags name the idle holder with evidence, worst first, and clerks see only their own', async () => {
    const res = await api.call('thanhtra', '/v1/flags');
    expect(res.status).toBe(200);
    shaped(flagListResponseSchema, res.json);
    const flags = res.json.flags as any[];
    const ranks = flags.map((f) => ({ critical: 0, warning: 1, info: 2 })[f.severity as 'info']);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const idle = flags.find((f) => f.rule === 'idle_at_holder');
    expect(idle).toMatchObject({ dossierCode: B, officialId: ids.get('chuyenvien2'), status: 'open', responsibleUnitId: SO });
    expect(idle.evidence.length).toBeGreaterThan(0);
    expect(flags.find((f) => f.rule === 'overdue')).toMatchObject({ dossierCode: B, officialId: ids.get('chuyenvien2') });
    const mine = await api.call('chuyenvien2', '/v1/flags');
    expect(mine.json.flags.every((f: any) => f.officialId === ids.get('chuyenvien2'))).toBe(true);
    expect((await api.call('chuyenvien1', '/v1/flags')).json.flags).toEqual([]);
    const filtered = await api.call('thanhtra', '/v1/flags?rule=idle_at_holder&minAgeHours=24&severity=warning');
    expect(filtered.json.flags.map((f: any) => f.key)).toEqual([idle.key]);
    expect((await api.call('thanhtra', '/v1/flags?severity=bad')).status).toBe(400);
    // A list page asks for its own rows only.
    const byCode = await api.call('thanhtra', `/v1/flags?dossierCodes=${B},${SO}-251117-9999`);
    expect(byCode.json.flags.map((f: any) => f.key).sort()).toEqual(
      flags
        .filter((f) => f.dossierCode === B)
        .map((f) => f.key)
        .sort(),
    );
    expect(byCode.json.flags.length).toBeGreaterThan(1);
    expect((await api.call('thanhtra', `/v1/flags?dossierCodes=${SO}-251117-9999`)).json.flags).toEqual([]);
    expect((await api.call('thanhtra', '/v1/flags?dossierCodes=not-a-code')).status).toBe(400);
  });

  test('unit statistics: received, timeliness, per-step quantiles, open flags; previous period', async () => {
    expect((await api.call('chuyenvien1', '/v1/stats/units')).status).toBe(403);
    const res = await api.call('thanhtra', '/v1/stats/units?from=2025-11-17&to=2025-11-28&compare=previous');
    expect(res.status).toBe(200);
    shaped(unitStatsResponseSchema, res.json);
    const so = res.json.units.find((u: any) => u.unitId === SO);
    expect(so).toMatchObject({ received: 3, finished: 1, timeliness: { early: 1, onTime: 0, late: 0, shares: { earlyOrOnTime: 1 } } });
    // A's five hand-overs and the desk's hand-overs of B and C.
    expect(so.segments).toBe(7);
    expect(so.handled).toBe(7);
    const exam = so.steps.find((s: any) => s.step === 'THAM_DINH');
    expect(exam).toMatchObject({ segments: 1, handled: 1, workingHours: 19.5 });
    // One value: the quantile is that value's bucket representative, within 1 %.
    expect(Math.abs(exam.p50Hours - 19.5) / 19.5).toBeLessThan(0.01);
    expect(so.openFlags.byRule.idle_at_holder).toBe(1);
    expect(res.json.previous.period).toEqual({ from: '2025-11-05', to: '2025-11-16', days: 12 });
    expect(res.json.previous.units.find((u: any) => u.unitId === SO)).toMatchObject({ received: 0, segments: 0, p50Hours: null });
    expect((await api.call('thanhtra', '/v1/stats/units?from=2025-13-01')).status).toBe(400);
    expect((await api.call('thanhtra', '/v1/stats/units?from=2025-11-20&to=2025-11-10')).json.error.code).toBe('invalid_query');
  });

  test('officials of a unit, and a clerk sees only their own row', async () => {
    const res = await api.call('thanhtra', `/v1/stats/units/${SO}/officials?from=2025-11-17&to=2025-11-28&compare=previous`);
    expect(res.status).toBe(200);
    shaped(unitOfficialsResponseSchema, res.json);
    const cv1 = res.json.officials.find((o: any) => o.username === 'chuyenvien1');
    expect(cv1).toMatchObject({ segments: 1, handled: 1, workingHours: 19.5, activeHours: 1 });
    const cv2 = res.json.officials.find((o: any) => o.username === 'chuyenvien2');
    expect(cv2.segments).toBe(0);
    expect(cv2.openFlags.byRule.idle_at_holder).toBe(1);
    const own = await api.call('chuyenvien1', `/v1/stats/units/${SO}/officials?from=2025-11-17&to=2025-11-28`);
    expect(own.json.officials.map((o: any) => o.username)).toEqual(['chuyenvien1']);
    expect((await api.call('chuyenvien1', '/v1/stats/units/000.31.05.H32/officials')).status).toBe(404);
  });

  test("the clerk's own summary: today, this week, dossiers at risk", async () => {
    const motcua = await api.call('motcua1', '/v1/me/summary');
    expect(motcua.status).toBe(200);
    shaped(meSummaryResponseSchema, motcua.json);
    expect(motcua.json.week.period).toEqual({ from: '2025-11-24', to: '2025-11-30', days: 7 });
    // The return desk held A from Friday 09:05 to Monday 09:00: ended this week.
    expect(motcua.json.week).toMatchObject({ handled: 1, segments: 1, workingHours: 7.417, dossiersFinished: 1, onTimeShare: 1 });
    expect(motcua.json.today).toMatchObject({ handled: 0, workingHours: 0 });
    const cv2 = await api.call('chuyenvien2', '/v1/me/summary');
    shaped(meSummaryResponseSchema, cv2.json);
    expect(cv2.json.holding).toBe(2);
    const risks = cv2.json.atRisk.map((r: any) => [r.dossierCode, r.rule]);
    expect(risks).toContainEqual([B, 'idle_at_holder']);
    expect(risks).toContainEqual([B, 'overdue']);
    expect(cv2.json.atRisk.find((r: any) => r.rule === 'overdue').hoursLeft).toBeLessThan(0);
  });

  test("a supplement pause is the citizen's time: measured up to now, owned by nobody", async () => {
    await send('motcua1', [
      actionEvent('receive', { dossierCode: D, at: at('26', '08:00'), fields: fields(STEP.desk, '2025-12-10T17:00:00+07:00') }),
      actionEvent('forward', { dossierCode: D, at: at('26', '08:30'), toAccount: 'chuyenvien3', fields: fields(STEP.desk) }),
    ]);
    await send('chuyenvien3', [actionEvent('supplement_request', { dossierCode: D, at: at('27', '09:00'), fields: fields(STEP.exam) })]);
    await derive();
    const res = await api.call('thanhtra', `/v1/dossiers/${D}`);
    shaped(dossierDetailResponseSchema, res.json);
    expect(res.json.dossier).toMatchObject({
      holderState: 'paused',
      timeliness: 'paused_on_time',
      currentHolderId: null,
      supplementRequests: 1,
    });
    // Thursday 09:00 to Friday 10:00: 2.5 + 3.5 + 2.5 working hours, up to NOW although no event came since.
    expect(res.json.pauses).toEqual([
      { reason: 'supplement', from: new Date(ms('27', '09:00')).toISOString(), to: null, workingHours: 8.5 },
    ]);
    expect(res.json.segments.at(-1)).toMatchObject({ endedBy: 'supplement_request', workingHours: 8 });
    expect((await api.call('chuyenvien3', '/v1/me/summary')).json.holding).toBe(0);
  });

  test("the unit's latest calendar and the rule settings (default → unit → procedure) are read from the admin tables", async () => {
    const db = api.services.db;
    const base = {
      hoursPerWorkingDay: 8,
      versions: [
        {
          validFrom: '2025-01-01',
          weekly: {
            mon: [{ start: '08:00', end: '12:00' }],
            tue: [{ start: '08:00', end: '12:00' }],
            wed: [{ start: '08:00', end: '12:00' }],
            thu: [],
            fri: [],
          },
        },
      ],
    };
    const row = (version: number, definition: unknown) => ({
      unit_id: SO,
      version,
      valid_from: '2025-01-01',
      definition: JSON.stringify(definition),
      created_at: NOW,
      created_by: null,
    });
    // Version 2 (mornings only) supersedes version 1 (all closed): the latest version counts.
    await db
      .insertInto('calendars')
      .values([
        row(1, { ...base, versions: [{ validFrom: '2025-01-01', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [] } }] }),
        row(2, base),
      ])
      .execute();
    const settings = (scope_kind: 'default' | 'unit' | 'procedure', scope_id: string, value: unknown) => ({
      scope_kind,
      scope_id,
      settings: JSON.stringify(value),
      updated_at: NOW,
      updated_by: null,
    });
    await db
      .insertInto('rule_settings')
      .values([
        settings('default', '', { idle_at_holder: { idleHours: 1 } }),
        settings('unit', SO, { idle_at_holder: { idleHours: 200 }, step_over_allotment: { enabled: true } }),
        settings('procedure', PROC, { step_over_allotment: { enabled: false } }),
      ])
      .execute();
    try {
      await deriveNow(db, [A, B], { now: NOW });
      const a = await api.call('thanhtra', `/v1/dossiers/${A}`);
      // Mon 08:30–12:00, Tue and Wed mornings: 11.5 hours under the unit's own calendar.
      expect(a.json.segments[1].workingHours).toBe(11.5);
      const flags = (await api.call('thanhtra', `/v1/flags`)).json.flags.filter((f: any) => f.dossierCode === B).map((f: any) => f.rule);
      expect(flags).not.toContain('idle_at_holder'); // the unit's 200 hours beat the default's 1
      expect(flags).not.toContain('step_over_allotment'); // the procedure's switch beats the unit's
      expect(flags).toContain('overdue');
    } finally {
      await db.deleteFrom('calendars').where('unit_id', '=', SO).execute();
      await db.deleteFrom('rule_settings').execute();
      await deriveNow(db, [A, B], { now: NOW });
    }
    // Back to the inherited calendar and default rules: the same key reopens in place.
    expect((await api.call('thanhtra', `/v1/dossiers/${A}`)).json.segments[1].workingHours).toBe(19.5);
    const idle = (await api.call('thanhtra', '/v1/flags?rule=idle_at_holder')).json.flags;
    expect(idle.map((f: any) => [f.dossierCode, f.status])).toEqual([[B, 'open']]);
  });

  test('flags close when their condition ends, and the closed ones stay on record', async () => {
    const before = (await api.call('thanhtra', '/v1/flags?rule=idle_at_holder')).json.flags[0];
    await send('chuyenvien2', [
      actionEvent('forward', { dossierCode: B, at: at('28', '09:30'), toAccount: 'lanhdao1', fields: fields(STEP.exam) }),
    ]);
    await derive();
    const open = await api.call('thanhtra', `/v1/flags?rule=idle_at_holder`);
    expect(open.json.flags.filter((f: any) => f.dossierCode === B)).toEqual([]);
    const closed = await api.call('thanhtra', `/v1/flags?rule=idle_at_holder&status=closed`);
    expect(closed.json.flags[0]).toMatchObject({ key: before.key, status: 'closed', closedAt: new Date(NOW).toISOString() });
    // Overdue names nobody while the hand-over is only chuyenvien2's word, then whoever took it up.
    const claimed = await api.call('thanhtra', '/v1/flags?rule=overdue');
    expect(claimed.json.flags.map((f: any) => f.officialId)).toEqual([null]);
    await send('lanhdao1', [openEvent({ dossierCode: B, at: at('28', '09:40'), fields: fields(STEP.head) })]);
    await derive();
    const overdue = await api.call('thanhtra', '/v1/flags?rule=overdue');
    expect(overdue.json.flags.map((f: any) => f.officialId)).toEqual([ids.get('lanhdao1')]);
    const detail = await api.call('lanhdao1', `/v1/dossiers/${B}`);
    expect(detail.json.flags.map((f: any) => [f.rule, f.status])).toContainEqual(['idle_at_holder', 'closed']);
  });
});
