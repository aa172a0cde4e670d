import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { sumRollups } from '../../api/stats/rollup-reads.ts';
import { dayPeriod } from '../../api/stats/day-period.ts';

/**
 * The right of reply, on both databases: an official explains a late dossier or a flag naming
 * them; the unit head (role `leader`) or an inspector decides; an accepted explanation takes
 * exactly the justified stretch out of the official's figures, a rejected one nothing; every
 * explanation and decision is in the audit log; reads of someone's figures are listed to them.
 */
const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const XA2 = '000.31.07.H32';
const A = `${SO}-251117-0001`;
const B = `${SO}-251120-0002`;
const PERIOD = '?from=2025-11-01&to=2025-11-30';

describe.each(STORAGE_DIALECTS)('explanations and who looked on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ids = new Map<string, string>();
  const period = dayPeriod('2025-11-01', '2025-11-30');
  const workingMs = async (officialId: string) => (await sumRollups(api.services.db, { officialId }, [], period))[0]!;
  const officialRow = async (who: string, officialId: string) =>
    (await api.call(who, `/v1/stats/units/${SO}/officials${PERIOD}`)).json.officials.find((o: any) => o.officialId === officialId);

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    const db = api.services.db;
    // The department's head is its unit head; a commune has its own.
    await db.updateTable('officials').set({ role: 'leader' }).where('username', '=', 'lanhdao1').execute();
    await createOfficial(
      db,
      { username: 'lanhdao_xa2', displayName: 'Trưởng xã', unitId: XA2, role: 'leader', password: 'demo', backofficeAccount: null },
      NOW,
    );
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
      actionEvent('receive', {
        dossierCode: B,
        at: at('20', '08:00'),
        fields: { step: 'Tiếp nhận hồ sơ', appointmentAt: '2025-12-20T17:00:00+07:00' },
      }),
      actionEvent('forward', { dossierCode: B, at: at('20', '08:10'), toAccount: 'chuyenvien2', fields: { step: 'Tiếp nhận hồ sơ' } }),
    ]);
    await send('chuyenvien1', [
      openEvent({ dossierCode: A, at: at('17', '09:00'), fields: { step: 'Thẩm định hồ sơ' } }),
      actionEvent('forward', { dossierCode: A, at: at('24', '10:00'), toAccount: 'lanhdao1', fields: { step: 'Thẩm định hồ sơ' } }),
    ]);
    await send('chuyenvien2', [openEvent({ dossierCode: B, at: at('20', '09:00'), fields: { step: 'Thẩm định hồ sơ' } })]);
    await send('lanhdao1', [
      openEvent({ dossierCode: A, at: at('24', '14:00'), fields: { step: 'Phê duyệt' } }),
      actionEvent('finish', { dossierCode: A, at: at('25', '09:00'), fields: { step: 'Phê duyệt' } }),
    ]);
    await deriveNow(db, undefined, { now: NOW });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('explanations are checked: reasons from the list, no personal data, only what is yours', async () => {
    const reasons = (await api.call('chuyenvien1', '/v1/explanations/reasons')).json.reasons.map((r: any) => r.code);
    expect(reasons).toEqual(
      expect.arrayContaining(['other_agency', 'citizen_postponed', 'system_outage', 'required_consultation', 'leave_sickness', 'other']),
    );
    const explain = (who: string, body: unknown) => api.call(who, '/v1/explanations', { body });
    const phone = await explain('chuyenvien1', {
      subject: { kind: 'dossier', code: A },
      reason: 'other_agency',
      text: 'Đã gọi công dân 0905 123 456',
    });
    expect([phone.status, phone.json.error.code, phone.json.error.details.kinds]).toEqual([400, 'personal_data', ['phone']]);
    const email = await explain('chuyenvien1', {
      subject: { kind: 'dossier', code: A },
      reason: 'other_agency',
      text: 'gửi a.b@gmail.com',
    });
    expect(email.json.error.code).toBe('personal_data');
    expect(
      (await explain('chuyenvien1', { subject: { kind: 'dossier', code: A }, reason: 'bad_luck', text: 'Chờ ý kiến' })).json.error.code,
    ).toBe('unknown_reason');
    // B is not late, and chuyenvien1 never held it.
    expect(
      (await explain('chuyenvien1', { subject: { kind: 'dossier', code: B }, reason: 'other', text: 'Không phải của tôi' })).status,
    ).toBe(404);
    expect(
      (await explain('chuyenvien2', { subject: { kind: 'dossier', code: B }, reason: 'other', text: 'Chưa trễ' })).json.error.code,
    ).toBe('not_late');
    // Someone else's flag cannot be explained.
    const flags = (await api.call('lanhdao1', `/v1/flags?unitId=${SO}`)).json.flags as any[];
    const hers = flags.find((f) => f.officialId === ids.get('chuyenvien2'));
    expect(hers).toBeTruthy();
    const foreign = await explain('chuyenvien1', { subject: { kind: 'flag', key: hers.key }, reason: 'other', text: 'Giải trình hộ' });
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'not_yours']);
    const ownFlag = await explain('chuyenvien2', {
      subject: { kind: 'flag', key: hers.key },
      reason: 'required_consultation',
      text: 'Đang lấy ý kiến Sở Xây dựng',
    });
    expect(ownFlag.status).toBe(201);
    expect((await explain(null as never, { subject: { kind: 'dossier', code: A }, reason: 'other', text: 'x x x' })).status).toBe(401);
  });

  test('an accepted explanation changes the official’s figures exactly by the justified stretch, and nothing else', async () => {
    const cv1 = ids.get('chuyenvien1')!;
    const lead = ids.get('lanhdao1')!;
    const before = { cv1: await workingMs(cv1), lead: await workingMs(lead), motcua: await workingMs(ids.get('motcua1')!) };
    const rowBefore = await officialRow('lanhdao1', cv1);
    const unitBefore = (await api.call('thanhtra', `/v1/stats/units${PERIOD}&unitId=${SO}`)).json.units.find((u: any) => u.unitId === SO);
    const segment = await api.services.db
      .selectFrom('segments')
      .select(['blamed_seconds'])
      .where('dossier_code', '=', A)
      .where('holder_id', '=', cv1)
      .executeTakeFirstOrThrow();
    const justifiedMs = Math.round(Number(segment.blamed_seconds) * 1000);
    expect(justifiedMs).toBeGreaterThan(8 * 3600_000);

    const created = await api.call('chuyenvien1', '/v1/explanations', {
      body: { subject: { kind: 'dossier', code: A }, reason: 'other_agency', text: 'Chờ ý kiến Sở Xây dựng về quy hoạch' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'pending', officialId: cv1, dossierCode: A, unitId: SO });
    expect(created.json.stretchHours).toBeCloseTo(justifiedMs / 3600_000, 2);
    const again = await api.call('chuyenvien1', '/v1/explanations', {
      body: { subject: { kind: 'dossier', code: A }, reason: 'other', text: 'Lần hai' },
    });
    expect(again.json.error.code).toBe('already_explained');
    // Pending changes nothing.
    expect(await workingMs(cv1)).toEqual(before.cv1);

    const id = created.json.id;
    const decide = (who: string | null, body: unknown) => api.call(who, `/v1/explanations/${id}/decision`, { body });
    expect((await decide('chuyenvien2', { accept: true, note: 'ok' })).status).toBe(403);
    expect((await decide('lanhdao_xa2', { accept: true, note: 'ok' })).status).toBe(404);
    expect((await decide(null, { accept: true, note: 'ok' })).status).toBe(401);
    expect((await decide('lanhdao1', { accept: 'yes', note: 'ok' })).status).toBe(400);
    const accepted = await decide('lanhdao1', { accept: true, note: 'Có công văn xin ý kiến' });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'accepted', decidedBy: lead, decisionNote: 'Có công văn xin ý kiến' });
    expect((await decide('thanhtra', { accept: false, note: 'muộn' })).json.error.code).toBe('already_decided');

    const after = await workingMs(cv1);
    expect(before.cv1.working_ms - after.working_ms).toBe(justifiedMs);
    expect({ ...after, working_ms: 0 }).toEqual({ ...before.cv1, working_ms: 0 });
    expect(await workingMs(lead)).toEqual(before.lead);
    expect(await workingMs(ids.get('motcua1')!)).toEqual(before.motcua);
    const rowAfter = await officialRow('lanhdao1', cv1);
    expect(rowBefore.workingHours - rowAfter.workingHours).toBeCloseTo(justifiedMs / 3600_000, 2);
    expect({ ...rowAfter, workingHours: 0 }).toEqual({ ...rowBefore, workingHours: 0 });
    const unitAfter = (await api.call('thanhtra', `/v1/stats/units${PERIOD}&unitId=${SO}`)).json.units.find((u: any) => u.unitId === SO);
    expect(JSON.stringify(unitAfter)).not.toEqual(JSON.stringify(unitBefore));
    // The stretch still shows, marked justified, to whoever reviews (the inspector's dossier view,
    // which is also what an inspection freezes as evidence); it is nobody's blame any more.
    const detail = (await api.call('thanhtra', `/v1/dossiers/${A}`)).json;
    const held = detail.segments.find((s: any) => s.holder.id === cv1);
    expect(held).toMatchObject({ blamedHours: 0, justified: { explanationId: id, reason: 'other_agency' } });
    expect(held.justified.hours).toBeCloseTo(justifiedMs / 3600_000, 2);
    expect(detail.segments.filter((s: any) => s.holder.id !== cv1).every((s: any) => s.justified === null)).toBe(true);
    // The unit's figures name its head as answerable.
    expect(unitAfter.answerable).toEqual([{ id: lead, name: 'Đặng Văn Hùng' }]);
    const me = (await api.call('chuyenvien1', '/v1/explanations')).json.explanations;
    expect(me.map((e: any) => e.status)).toEqual(['accepted']);

    // A re-derivation keeps the explanation's effect: explanations are records beside the events.
    await deriveNow(api.services.db, [A], { now: NOW });
    expect(before.cv1.working_ms - (await workingMs(cv1)).working_ms).toBe(justifiedMs);
  });

  test('a rejected explanation changes nothing, and nobody decides their own', async () => {
    const lead = ids.get('lanhdao1')!;
    const before = await workingMs(lead);
    const own = await api.call('lanhdao1', '/v1/explanations', {
      body: { subject: { kind: 'dossier', code: A }, reason: 'leave_sickness', text: 'Nghỉ ốm hai ngày' },
    });
    expect(own.status).toBe(201);
    const self = await api.call('lanhdao1', `/v1/explanations/${own.json.id}/decision`, { body: { accept: true, note: 'tự duyệt' } });
    expect([self.status, self.json.error.code]).toEqual([403, 'own_explanation']);
    const rejected = await api.call('thanhtra', `/v1/explanations/${own.json.id}/decision`, {
      body: { accept: false, note: 'Không có giấy nghỉ phép' },
    });
    expect(rejected.json.status).toBe('rejected');
    expect(await workingMs(lead)).toEqual(before);
    // The leader sees the unit's explanations; a leader of another unit does not.
    const unitList = (await api.call('lanhdao1', `/v1/explanations?unitId=${SO}`)).json.explanations;
    expect(unitList.length).toBe(3);
    expect((await api.call('lanhdao_xa2', `/v1/explanations?unitId=${SO}`)).status).toBe(403);
    expect((await api.call('lanhdao_xa2', '/v1/explanations')).json.explanations).toEqual([]);
    // An accepted explanation of a flag: the flag still shows, marked justified.
    const flagged = unitList.find((e: any) => e.subject.kind === 'flag');
    const flagsBefore = (await api.call('lanhdao1', `/v1/flags?unitId=${SO}`)).json.flags as any[];
    expect(flagsBefore.find((f) => f.key === flagged.subject.key).justified).toBe(false);
    expect(
      (await api.call('lanhdao1', `/v1/explanations/${flagged.id}/decision`, { body: { accept: true, note: 'Có phiếu lấy ý kiến' } }))
        .status,
    ).toBe(200);
    const flagsAfter = (await api.call('lanhdao1', `/v1/flags?unitId=${SO}`)).json.flags as any[];
    expect(flagsAfter.find((f) => f.key === flagged.subject.key).justified).toBe(true);
    expect(flagsAfter.filter((f) => f.key !== flagged.subject.key).every((f) => f.justified === false)).toBe(true);
  });

  test('every explanation and decision is in the audit log, with who and when', async () => {
    const log = await api.services.db.selectFrom('audit_log').select(['kind', 'actor', 'at', 'body']).orderBy('seq').execute();
    const kinds = log.map((e) => e.kind).filter((k) => k.startsWith('explanation'));
    expect(kinds).toEqual([
      'explanation',
      'explanation',
      'explanation_decision',
      'explanation',
      'explanation_decision',
      'explanation_decision',
    ]);
    const decision = log.find((e) => e.kind === 'explanation_decision')!;
    expect([decision.actor, Number(decision.at)]).toEqual([ids.get('lanhdao1'), NOW]);
    expect(JSON.parse(decision.body)).toMatchObject({ status: 'accepted', decisionNote: 'Có công văn xin ý kiến' });
  });

  test('who looked: reads of an official’s figures and dossiers by others are listed to them, and cannot be erased', async () => {
    await api.call('thanhtra', `/v1/dossiers/${A}`);
    await api.call('chuyenvien1', `/v1/dossiers/${A}`);
    const reads = (await api.call('chuyenvien1', '/v1/me/reads')).json.reads as any[];
    const seen = new Set(reads.map((r) => `${r.readerId} ${r.what}`));
    expect(seen.has(`${ids.get('lanhdao1')} figures`)).toBe(true);
    expect(seen.has(`${ids.get('thanhtra')} dossier`)).toBe(true);
    // Their own reads are not listed.
    expect(reads.some((r) => r.readerId === ids.get('chuyenvien1'))).toBe(false);
    expect(reads.find((r) => r.what === 'dossier')).toMatchObject({ readerName: 'Trịnh Quang Vinh', readerRole: 'inspector', detail: A });
    // The export of a unit's officials counts as a read of each.
    await api.call('lanhdao1', `/v1/exports/unit-officials.csv?unitId=${SO}`);
    const afterExport = (await api.call('chuyenvien1', '/v1/me/reads')).json.reads as any[];
    expect(afterExport.some((r) => r.what === 'export' && r.readerId === ids.get('lanhdao1'))).toBe(true);
    // So does an inspector's event log or flags export of the unit; a clerk's export of their own does not.
    expect((await api.call('thanhtra', `/v1/exports/events.xes?unitId=${SO}`)).status).toBe(200);
    expect((await api.call('thanhtra', `/v1/exports/flags.csv?unitId=${SO}`)).status).toBe(200);
    const exported = ((await api.call('chuyenvien1', '/v1/me/reads')).json.reads as any[]).filter(
      (r) => r.what === 'export' && r.readerId === ids.get('thanhtra'),
    );
    expect(exported.map((r) => r.detail.split(' ')[0]).sort()).toEqual(['events.xes', 'flags.csv']);
    await api.call('chuyenvien2', '/v1/exports/events.xes');
    expect(((await api.call('chuyenvien1', '/v1/me/reads')).json.reads as any[]).some((r) => r.readerId === ids.get('chuyenvien2'))).toBe(
      false,
    );
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) expect((await api.call('admin', '/v1/me/reads', { method })).status).toBe(404);
  });
});
