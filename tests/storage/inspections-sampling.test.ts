import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { deriveNow, rebuildDerived } from '../../api/derive/index.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';
import { drawSample, uniformFor } from '../../api/inspections/seeded-draw.ts';
import { sha256 } from '../../api/inspections/evidence.ts';

const dialects = STORAGE_DIALECTS;

/** Friday 28 November 2025, 10:00 in Vietnam. */
const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const XA2 = '000.31.07.H32';
const PROC = '1.012790.000.00.00.H32';
const code = (day: string, n: number) => `${SO}-2511${day}-${String(n).padStart(4, '0')}`;
/** Stuck with chuyenvien2 since the 17th, past their appointment: overdue and idle. */
const RISKY = [1, 2, 3].map((n) => code('17', n)) as [string, string, string];
/** Received this morning, due in two weeks, moving: nothing to flag. */
const CALM = [4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => code('28', n));
const fields = (step: string, appointmentAt?: string) => ({ procedureCode: PROC, step, ...(appointmentAt ? { appointmentAt } : {}) });

describe.each(dialects)('surprise inspections: sampling and frozen evidence on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const post = (who: string, body: unknown) => api.call(who, '/v1/inspections', { body });
  const send = async (who: string, events: unknown[]) => {
    const res = await api.call(who, '/v1/events', { body: batch(events, new Date(NOW)) });
    expect(res.json.rejected).toBe(0);
  };

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    const add = (username: string, unitId: string) =>
      createOfficial(
        api.services.db,
        { username, displayName: username, unitId, role: 'inspector', password: 'demo', backofficeAccount: null },
        NOW,
      );
    await add('thanhtra_xa2', XA2);
    await add('thanhtra_so', SO);
    for (const c of RISKY) {
      await send('motcua2', [
        actionEvent('receive', { dossierCode: c, at: at('17', '08:00'), fields: fields('Tiếp nhận hồ sơ', at('26', '17:00')) }),
        actionEvent('forward', { dossierCode: c, at: at('17', '08:20'), toAccount: 'chuyenvien2', fields: fields('Tiếp nhận hồ sơ') }),
      ]);
      await send('chuyenvien2', [openEvent({ dossierCode: c, at: at('17', '09:00'), fields: fields('Thẩm định hồ sơ') })]);
    }
    for (const c of CALM) {
      await send('motcua1', [
        actionEvent('receive', { dossierCode: c, at: at('28', '08:00'), fields: fields('Tiếp nhận hồ sơ', '2025-12-12T17:00:00+07:00') }),
        actionEvent('forward', { dossierCode: c, at: at('28', '08:10'), toAccount: 'chuyenvien1', fields: fields('Tiếp nhận hồ sơ') }),
      ]);
    }
    // chuyenvien2 works today, so the risky dossiers' silence is theirs, not a capture gap.
    await send('chuyenvien2', [openEvent({ dossierCode: CALM[0], at: at('28', '09:00') })]);
    await send('motcuaxa1', [actionEvent('receive', { dossierCode: `${XA1}-251128-0001`, at: at('28', '08:00') })]);
    await deriveNow(api.services.db, undefined, { now: NOW });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('inspectors and admins only, on units in their scope, with valid input', async () => {
    expect((await post('chuyenvien1', { unitId: SO, sampleSize: 2 })).status).toBe(403);
    expect((await post('thanhtra_xa2', { unitId: SO, sampleSize: 2 })).json.error.code).toBe('out_of_scope');
    expect((await post('thanhtra_so', { unitId: XA1, sampleSize: 2 })).status).toBe(403);
    expect((await post('thanhtra', { unitId: SO, sampleSize: 0 })).status).toBe(400);
    expect((await post('thanhtra', { unitId: 'SO', sampleSize: 2 })).status).toBe(400);
    expect((await post('thanhtra', { unitId: SO, sampleSize: 2, from: '2025-11-30', to: '2025-11-01' })).status).toBe(400);
    // A period narrows the population to dossiers received in it (local days, inclusive).
    const today = await post('thanhtra', { unitId: SO, sampleSize: 50, from: '2025-11-28', to: '2025-11-28' });
    expect(today.json.inspection.period).toEqual({ from: '2025-11-28', to: '2025-11-28' });
    expect(today.json.dossiers.map((d: any) => d.dossierCode).sort()).toEqual(CALM);
    const empty = await post('thanhtra', { unitId: XA2, sampleSize: 2 });
    expect([empty.status, empty.json.error.code]).toEqual([409, 'empty_population']);
  });

  test('the draw is reproducible from the recorded seed, weights and population', async () => {
    const first = await post('thanhtra', { unitId: SO, sampleSize: 4, seed: 'kiểm tra 2025-11' });
    expect(first.status).toBe(201);
    const { inspection, draw, dossiers } = first.json;
    expect(inspection).toMatchObject({
      unitId: SO,
      status: 'open',
      seed: 'kiểm tra 2025-11',
      sampleSize: 4,
      drawnSize: 4,
      drawnAt: new Date(NOW).toISOString(),
    });
    expect(draw).toMatchObject({
      algorithm: 'es-a-res/sha256-v1',
      populationSize: 12,
      weighting: { base: 1, severity: { critical: 8, warning: 3, info: 1 } },
    });
    expect(dossiers.map((d: any) => d.position)).toEqual([0, 1, 2, 3]);

    const again = await post('admin', { unitId: SO, sampleSize: 4, seed: 'kiểm tra 2025-11' });
    expect(again.json.inspection.id).not.toBe(inspection.id);
    expect(again.json.dossiers.map((d: any) => [d.dossierCode, d.weight, d.drawKey])).toEqual(
      dossiers.map((d: any) => [d.dossierCode, d.weight, d.drawKey]),
    );

    // Anyone can replay it from what was recorded: seed, population and weights.
    const full = await api.call('thanhtra', `/v1/inspections/${inspection.id}?population=true`);
    const population = full.json.draw.population as { code: string; weight: number }[];
    expect(population.map((p) => p.code)).toEqual([...RISKY, ...CALM].sort());
    expect(drawSample('kiểm tra 2025-11', population, 4).map((d) => d.code)).toEqual(dossiers.map((d: any) => d.dossierCode));
    expect(dossiers[0].drawKey).toBeCloseTo(Math.log(uniformFor('kiểm tra 2025-11', dossiers[0].dossierCode)) / dossiers[0].weight, 12);

    const other = await post('thanhtra', { unitId: SO, sampleSize: 4 });
    expect(other.json.inspection.seed).toMatch(/^[0-9a-f]{32}$/);
    const seeds = await Promise.all(
      ['a', 'b', 'c'].map(async (s) =>
        (await post('thanhtra', { unitId: SO, sampleSize: 4, seed: s })).json.dossiers.map((d: any) => d.dossierCode).join(),
      ),
    );
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  test('risky dossiers weigh more and are drawn far more often over many seeds', async () => {
    const res = await post('thanhtra', { unitId: SO, sampleSize: 12, seed: 'weights' });
    const weight = new Map<string, number>(res.json.dossiers.map((d: any) => [d.dossierCode, d.weight]));
    const risk = new Map<string, any>(res.json.dossiers.map((d: any) => [d.dossierCode, d.risk]));
    for (const c of CALM) expect(weight.get(c)).toBe(1);
    for (const c of RISKY) {
      expect(risk.get(c).late).toBe(true);
      expect(Object.values(risk.get(c).openFlags as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(weight.get(c)).toBeGreaterThan(8);
    }

    // Through the API: 30 draws of one dossier.
    const hits = new Map<string, number>();
    for (let i = 0; i < 30; i += 1) {
      const one = await post('thanhtra', { unitId: SO, sampleSize: 1, seed: `api-${i}` });
      const c = one.json.dossiers[0].dossierCode;
      hits.set(c, (hits.get(c) ?? 0) + 1);
    }
    const perDossier = (codes: string[]) => codes.reduce((n, c) => n + (hits.get(c) ?? 0), 0) / codes.length;
    expect(perDossier(RISKY)).toBeGreaterThan(5 * Math.max(perDossier(CALM), 0.1));

    // Offline over many seeds, the single draw matches weight / total weight.
    const population = [...weight].map(([c, w]) => ({ code: c, weight: w }));
    const total = population.reduce((n, p) => n + p.weight, 0);
    const counts = new Map<string, number>();
    const N = 4000;
    for (let i = 0; i < N; i += 1) {
      const c = drawSample(`offline-${i}`, population, 1)[0]!.code;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const p of population) expect(Math.abs((counts.get(p.code) ?? 0) / N - p.weight / total)).toBeLessThan(0.03);
  });

  test('evidence is frozen: later events and re-derivation leave it as drawn', async () => {
    const created = await post('thanhtra', { unitId: SO, sampleSize: 12, seed: 'freeze' });
    const id = created.json.inspection.id;
    const risky = created.json.dossiers.find((d: any) => d.dossierCode === RISKY[0]);
    const { evidence } = risky;
    expect(evidence.dossier).toMatchObject({ code: RISKY[0], holderState: 'held', timeliness: 'in_progress_late' });
    expect(evidence.segments.length).toBe(2);
    expect(evidence.flags.some((f: any) => f.rule === 'overdue' && f.status === 'open' && f.evidence.length > 0)).toBe(true);
    // Every raw event with its chain position and hash, exactly as stored.
    const stored = await api.services.db
      .selectFrom('events')
      .select(['id', 'hash', 'chain_seq'])
      .where('dossier_code', '=', RISKY[0])
      .execute();
    expect(evidence.events.map((e: any) => [e.id, e.hash, e.chainSeq]).sort()).toEqual(
      stored.map((e) => [e.id, e.hash, Number(e.chain_seq)]).sort(),
    );
    for (const f of evidence.flags) for (const ev of f.evidence) expect(stored.map((e) => e.id)).toContain(ev);
    expect(evidence.officials[evidence.segments[1].holder.id].username).toBe('chuyenvien2');
    expect(risky.evidenceSha256).toBe(sha256(JSON.stringify(evidence)));

    await send('chuyenvien2', [
      actionEvent('forward', { dossierCode: RISKY[0], at: at('28', '09:45'), toAccount: 'lanhdao1', fields: fields('Thẩm định hồ sơ') }),
    ]);
    await deriveNow(api.services.db, undefined, { now: NOW });
    await rebuildDerived(api.services.db, { now: () => NOW + 3600_000 });
    const live = await api.call('thanhtra', `/v1/dossiers/${RISKY[0]}`);
    expect(live.json.segments.length).toBe(3);

    const later = await api.call('thanhtra', `/v1/inspections/${id}`);
    expect(later.status).toBe(200);
    expect(later.json.dossiers).toEqual(created.json.dossiers);
  });

  test('scope: an inspector of another unit cannot see, amend or list it', async () => {
    const created = await post('thanhtra', { unitId: SO, sampleSize: 1, seed: 'scope' });
    const id = created.json.inspection.id;
    const c = created.json.dossiers[0].dossierCode;
    expect((await api.call('thanhtra_so', `/v1/inspections/${id}`)).status).toBe(200);
    expect((await api.call('admin', `/v1/inspections/${id}`)).status).toBe(200);
    expect((await api.call('chuyenvien1', `/v1/inspections/${id}`)).status).toBe(403);
    expect((await api.call('thanhtra_xa2', `/v1/inspections/${id}`)).status).toBe(404);
    expect((await api.call('thanhtra_xa2', `/v1/inspections/not-a-uuid`)).status).toBe(404);
    const put = await api.call('thanhtra_xa2', `/v1/inspections/${id}/findings/${c}`, {
      method: 'PUT',
      body: { delayJustified: true, note: 'x' },
    });
    expect(put.status).toBe(404);
    expect((await api.call('thanhtra_xa2', `/v1/inspections/${id}/close`, { method: 'POST' })).status).toBe(404);
    const theirs = await api.call('thanhtra_xa2', '/v1/inspections');
    expect(theirs.json.inspections).toEqual([]);
    expect((await api.call('thanhtra_xa2', `/v1/inspections?unitId=${SO}`)).status).toBe(403);
    const ours = await api.call('thanhtra', `/v1/inspections?unitId=${SO}&limit=2`);
    expect(ours.json.inspections).toHaveLength(2);
    expect(ours.json.page.total).toBeGreaterThan(2);
    expect(ours.json.inspections[0]).toMatchObject({
      unitId: SO,
      unitName: 'Sở Tài nguyên và Môi trường',
      inspector: { username: 'thanhtra' },
    });
  });
});
