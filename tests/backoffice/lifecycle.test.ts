import { beforeEach, describe, expect, it } from 'vitest';
import { STATUS_NAMES_VI } from '../../shared/schemas/dossier.ts';
import { perform, type ActionRequest } from './lifecycle.ts';
import type { Dossier } from './model.ts';
import { actionChoices } from './rules.ts';
import { setClock } from './store.ts';
import { createWorld, type World } from './world.ts';

const SO = '000.00.12.H32';
const NOW = new Date('2025-11-20T09:30:00+07:00');

let world: World;
beforeEach(() => {
  world = createWorld({ seed: 42, now: NOW });
});

function act(d: Dossier, account: string, kind: ActionRequest['kind'], input: ActionRequest['input'] = {}) {
  const out = perform(world.store, { account, dossierId: d.id, kind, input, variant: 'spa' });
  if (!out.ok) throw new Error(`${kind} by ${account}: ${out.message}`);
  return out.truth!;
}

/** Moves the (frozen) clock on, so recorded times differ as on a real day. */
function later(hours: number) {
  const at = new Date(world.store.clock.frozenAt! + hours * 3600_000);
  setClock(world.store, at, true);
}

const online = () => world.store.dossiers.find((d) => d.unitId === SO && d.status === 1)!;

describe('dossier lifecycle', () => {
  it('walks a dossier through every step with a supplement, a return and approvals', () => {
    const d = online();
    const t1 = act(d, 'motcua1', 'receive');
    expect(d.status).toBe(2);
    expect(d.receivedBy).toBe('motcua1');
    expect(Date.parse(d.appointmentAt!)).toBeGreaterThan(NOW.getTime());
    expect(t1).toMatchObject({
      seq: 1,
      account: 'motcua1',
      action: 'receive',
      dossierCode: d.code,
      stepBefore: 'Tiếp nhận hồ sơ',
      stepAfter: 'Tiếp nhận hồ sơ',
      toAccount: null,
      variant: 'spa',
    });

    later(1);
    const t2 = act(d, 'motcua1', 'forward', { toAccount: 'chuyenvien1' });
    expect(t2).toMatchObject({ action: 'forward', stepBefore: 'Tiếp nhận hồ sơ', stepAfter: 'Thẩm định hồ sơ', toAccount: 'chuyenvien1' });
    expect(d.handler).toBe('chuyenvien1');
    expect(d.status).toBe(4);

    later(2);
    const appointment = d.appointmentAt!;
    act(d, 'chuyenvien1', 'supplement_request', { note: 'Thiếu bản gốc giấy chứng nhận' });
    expect(d.status).toBe(5);
    expect(STATUS_NAMES_VI[d.status]).toBe('Yêu cầu bổ sung giấy tờ');
    later(24);
    const t4 = act(d, 'motcua1', 'supplement_done');
    expect(t4.toAccount).toBe('chuyenvien1');
    expect(d.handler).toBe('chuyenvien1');
    expect(d.status).toBe(4);
    // The citizen's day pauses the clock: the appointment moves by that day's working time.
    expect(Date.parse(d.appointmentAt!)).toBeGreaterThan(Date.parse(appointment));

    act(d, 'chuyenvien1', 'update_result', { resultNumber: '12/QĐ-STNMT', note: 'Dự thảo' });
    act(d, 'chuyenvien1', 'forward', { toAccount: 'lanhdao1' });
    const t7 = act(d, 'lanhdao1', 'return', { note: 'Rà soát lại' });
    expect(t7).toMatchObject({
      action: 'return',
      stepBefore: 'Lãnh đạo phòng xem xét, trình ký',
      stepAfter: 'Thẩm định hồ sơ',
      toAccount: 'chuyenvien1',
    });
    act(d, 'chuyenvien1', 'forward', { toAccount: 'lanhdao1' });
    act(d, 'lanhdao1', 'approve', { toAccount: 'giamdoc1' });
    const t10 = act(d, 'giamdoc1', 'approve');
    // The desk official who received the dossier is offered first for the return step.
    expect(t10).toMatchObject({ stepAfter: 'Trả kết quả', toAccount: 'motcua1' });
    act(d, 'motcua1', 'finish');
    expect(d.status).toBe(9);
    const last = act(d, 'motcua1', 'return_result');
    expect(last).toMatchObject({ stepBefore: 'Trả kết quả', stepAfter: null, toAccount: null });
    expect(d.status).toBe(10);
    expect(d.handler).toBeNull();
    expect(world.store.truth.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(d.history.slice(-12).map((h) => h.action)).toEqual([
      'receive',
      'forward',
      'supplement_request',
      'supplement_done',
      'update_result',
      'forward',
      'return',
      'forward',
      'approve',
      'approve',
      'finish',
      'return_result',
    ]);
  });

  it('refuses actions outside the official role or the dossier state, and records nothing', () => {
    const d = online();
    const wrongRole = perform(world.store, { account: 'chuyenvien1', dossierId: d.id, kind: 'receive', variant: 'spa' });
    expect(wrongRole).toMatchObject({ ok: false, code: 'forbidden' });
    const otherUnit = perform(world.store, { account: 'motcuaxa1', dossierId: d.id, kind: 'receive', variant: 'classic' });
    expect(otherUnit.ok).toBe(false);
    act(d, 'motcua1', 'receive');
    const badReceiver = perform(world.store, {
      account: 'motcua1',
      dossierId: d.id,
      kind: 'forward',
      input: { toAccount: 'lanhdao1' },
      variant: 'spa',
    });
    expect(badReceiver).toMatchObject({ ok: false, code: 'invalid' });
    const noReason = perform(world.store, { account: 'motcua1', dossierId: d.id, kind: 'reject', input: {}, variant: 'spa' });
    expect(noReason).toMatchObject({ ok: false, code: 'invalid' });
    expect(world.store.truth).toHaveLength(1);
  });

  it('transfers to a colleague of the same role and lets the sender recall until the receiver acts', () => {
    const d = online();
    act(d, 'motcua1', 'receive');
    act(d, 'motcua1', 'forward', { toAccount: 'chuyenvien2' });
    const t = act(d, 'chuyenvien2', 'transfer', { toAccount: 'chuyenvien3' });
    expect(t).toMatchObject({ action: 'transfer', stepBefore: 'Thẩm định hồ sơ', stepAfter: 'Thẩm định hồ sơ', toAccount: 'chuyenvien3' });
    expect(actionChoices(d, 'chuyenvien2', NOW).map((c) => c.kind)).toContain('recall');
    const r = act(d, 'chuyenvien2', 'recall', { note: 'Chuyển nhầm' });
    expect(r.toAccount).toBeNull();
    expect(d.handler).toBe('chuyenvien2');
    // Once the receiver acts, the hand-over can no longer be recalled.
    act(d, 'chuyenvien2', 'forward', { toAccount: 'lanhdao2' });
    expect(actionChoices(d, 'chuyenvien2', NOW).map((c) => c.kind)).toContain('recall');
    act(d, 'lanhdao2', 'approve', { toAccount: 'giamdoc1' });
    expect(actionChoices(d, 'chuyenvien2', NOW).map((c) => c.kind)).not.toContain('recall');
    expect(actionChoices(d, 'lanhdao2', NOW).map((c) => c.kind)).toContain('recall');
  });

  it('rejects at the desk, stops a dossier, and writes an apology with a new appointment for a late one', () => {
    const a = online();
    act(a, 'motcua2', 'reject', { note: 'Không thuộc thẩm quyền' });
    expect(a).toMatchObject({ status: 3, handler: null, stepIndex: null });

    const late = world.store.dossiers.find(
      (d) => d.unitId === SO && d.status === 4 && d.handler && Date.parse(d.appointmentAt!) < NOW.getTime(),
    )!;
    expect(late).toBeDefined();
    const holder = late.handler!;
    const when = new Date(NOW.getTime() + 3 * 86_400_000);
    const t = act(late, holder, 'apology', { newAppointment: when, note: 'Phải xác minh thêm' });
    expect(t.action).toBe('apology');
    expect(late.appointmentAt).toBe(when.toISOString());
    expect(late.apologies.at(-1)?.reason).toBe('Phải xác minh thêm');

    const s = act(late, holder, 'stop', { note: 'Công dân đề nghị dừng' });
    expect(s.stepAfter).toBeNull();
    expect(late.status).toBe(8);
  });

  it('shows each button only when it is valid: a specialist holding a dossier cannot receive or return the result', () => {
    const held = world.store.dossiers.find((d) => d.handler === 'chuyenvien1' && d.status === 4)!;
    const kinds = actionChoices(held, 'chuyenvien1', NOW).map((c) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['forward', 'return', 'transfer', 'supplement_request', 'update_result', 'stop']));
    expect(kinds).not.toContain('receive');
    expect(kinds).not.toContain('return_result');
    expect(actionChoices(held, 'lanhdao1', NOW)).toEqual([]);
  });
});
