import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { PageObservation } from '../messaging/protocol.ts';
import { createActionGate, DIALOG_WAIT_MS, REPEAT_MS } from './action-gate.ts';

type Action = Extract<PageObservation, { kind: 'action' }>;
const CODE = '000.00.12.H32-251120-0001';
const DIALOG = `<div role="dialog" id="dlg"><form id="f"><select name="nguoiNhan"><option value="lanhdao1" selected>Đặng Văn Hùng</option></select>
<button type="submit" id="ok">Đồng ý</button><button type="button" id="cancel">Hủy</button></form></div>`;

function setup() {
  const win = parseHTML(
    `<html><body><button type="button" id="open">Chuyển xử lý</button><form id="plain"><button id="send">Gửi</button></form></body></html>`,
  ) as unknown as Window;
  const doc = win.document;
  const recorded: Action[] = [];
  const gate = createActionGate({ win, now: () => Date.now(), record: (o) => recorded.push(o) });
  const obs = (action: Action['action'] = 'forward', toAccount: string | null = null): Action => ({
    kind: 'action',
    at: Date.now(),
    dossierCode: CODE,
    action,
    toAccount,
    fields: {},
  });
  const $ = (sel: string) => doc.querySelector(sel)!;
  const openDialog = () => doc.body.insertAdjacentHTML('beforeend', DIALOG);
  return { doc, gate, recorded, obs, $, openDialog };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-11-28T02:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('one action, once', () => {
  test('a confirm control firing twice records one action; again after the window, or after another action, it counts', () => {
    const g = setup();
    g.gate.matched('submit', g.$('#plain'), g.obs(), undefined);
    vi.advanceTimersByTime(300);
    g.gate.matched('submit', g.$('#plain'), g.obs(), undefined);
    expect(g.recorded.map((r) => r.action)).toEqual(['forward']);
    vi.advanceTimersByTime(REPEAT_MS + 1);
    g.gate.matched('submit', g.$('#plain'), g.obs(), undefined);
    g.gate.matched('submit', g.$('#plain'), g.obs('recall'), undefined);
    g.gate.matched('submit', g.$('#plain'), g.obs(), undefined);
    expect(g.recorded.map((r) => r.action)).toEqual(['forward', 'forward', 'recall', 'forward']);
  });

  test('the same kind to another receiver is another action', () => {
    const g = setup();
    g.gate.matched('submit', g.$('#plain'), g.obs('forward', 'lanhdao1'), undefined);
    g.gate.matched('submit', g.$('#plain'), g.obs('forward', 'lanhdao2'), undefined);
    expect(g.recorded.map((r) => r.toAccount)).toEqual(['lanhdao1', 'lanhdao2']);
  });
});

describe('actions bound to the control that opens a dialog', () => {
  test('a click that opens no dialog is recorded, at the time of the click', () => {
    const g = setup();
    const at = Date.now();
    g.gate.matched('click', g.$('#open'), g.obs(), undefined);
    expect(g.recorded).toEqual([]);
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    expect(g.recorded).toMatchObject([{ action: 'forward', at }]);
  });

  test('a dialog opened then cancelled records nothing', () => {
    const g = setup();
    g.gate.matched('click', g.$('#open'), g.obs(), undefined);
    g.openDialog();
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    g.gate.other('click', g.$('#cancel'));
    g.$('#dlg').remove();
    g.gate.check();
    g.gate.other('click', g.$('#open'));
    vi.advanceTimersByTime(REPEAT_MS);
    expect(g.recorded).toEqual([]);
  });

  test('a dialog closed some other way (the page removed it) records nothing', () => {
    const g = setup();
    g.gate.matched('click', g.$('#open'), g.obs(), undefined);
    g.openDialog();
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    g.$('#dlg').remove();
    g.gate.check();
    g.gate.flush();
    expect(g.recorded).toEqual([]);
  });

  test('the dialog confirmed records the action once, at the confirmation, with the receiver chosen in the dialog', () => {
    const g = setup();
    g.gate.matched('click', g.$('#open'), g.obs(), { selectors: ['select[name="nguoiNhan"]'], attr: 'value' });
    g.openDialog();
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    vi.advanceTimersByTime(5_000);
    const confirmedAt = Date.now();
    g.gate.other('click', g.$('#ok'));
    g.gate.other('submit', g.$('#f'));
    expect(g.recorded).toMatchObject([{ action: 'forward', dossierCode: CODE, toAccount: 'lanhdao1', at: confirmedAt }]);
  });

  test('a confirmation with a rule of its own is recorded once, not twice', () => {
    const g = setup();
    g.gate.matched('click', g.$('#open'), g.obs(), undefined);
    g.openDialog();
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    g.gate.matched('submit', g.$('#f'), g.obs('forward', 'lanhdao1'), undefined);
    g.gate.other('click', g.$('#ok'));
    expect(g.recorded.map((r) => r.toAccount)).toEqual(['lanhdao1']);
  });

  test('a page left right after the click (it navigated) still records it', () => {
    const g = setup();
    g.gate.matched('click', g.$('#open'), g.obs(), undefined);
    g.gate.flush();
    expect(g.recorded).toHaveLength(1);
  });
});
