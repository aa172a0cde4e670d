import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { createUnmatchedClicks, likelyActionControl } from './unmatched-clicks.ts';

const page = () =>
  parseHTML(`<html><body>
    <table><tr><td><button id="open">Chuyển bước xử lý</button></td><td><button id="row-receive"><i class="material-icons">done</i> Tiếp nhận</button></td></tr></table>
    <div class="cdk-overlay-container"><div role="dialog"><h2>Xác nhận</h2><button id="ok"><span class="mat-icon">check</span> Đồng ý</button><button id="cancel">Hủy</button></div></div>
    <button id="plain">Đồng ý</button>
  </body></html>`).document;

function harness() {
  const reports: string[] = [];
  const timers: (() => void)[] = [];
  let t = 0;
  const u = createUnmatchedClicks({ report: (k) => reports.push(k), now: () => t, later: (fn) => timers.push(fn) });
  return { u, reports, settle: () => timers.splice(0).forEach((f) => f()), tick: () => t++ };
}

describe('clicks on likely action controls that no rule matched', () => {
  test('recognises action labels (icon text before them ignored) and confirm buttons inside dialogs only', () => {
    const doc = page();
    expect(likelyActionControl(doc.querySelector('#row-receive i')!)?.kind).toBe('receive');
    expect(likelyActionControl(doc.querySelector('#ok span')!)?.kind).toBe('confirm');
    expect(likelyActionControl(doc.querySelector('#cancel')!)).toBeNull();
    // "Đồng ý" outside any dialog or form is not taken for a confirmation.
    expect(likelyActionControl(doc.querySelector('#plain')!)).toBeNull();
  });

  test('a dialog confirmed and closed with nothing recorded is reported; one whose action was recorded is not', () => {
    const doc = page();
    const h = harness();
    h.u.click(doc.querySelector('#ok')!, false);
    doc.querySelector('[role=dialog]')!.remove();
    h.settle();
    expect(h.reports).toEqual(['confirm']);

    const again = page();
    const h2 = harness();
    h2.u.click(again.querySelector('#ok')!, false);
    h2.u.actionRecorded();
    again.querySelector('[role=dialog]')!.remove();
    h2.settle();
    expect(h2.reports).toEqual([]);
  });

  test('a button that only opens a dialog stays on the page and is not reported; a matched click never is', () => {
    const doc = page();
    const h = harness();
    h.u.click(doc.querySelector('#open')!, false);
    h.settle();
    expect(h.reports).toEqual([]);
    h.u.click(doc.querySelector('#row-receive')!, true);
    doc.querySelector('#row-receive')!.remove();
    h.settle();
    expect(h.reports).toEqual([]);
  });
});
