import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import type { FlagView } from '../messaging/api-types.ts';
import { createOverlay } from './overlay.ts';

type Entry = { target: Element; boundingClientRect: { toJSON(): object } };

/** A page with rows, an overlay on it, and an IntersectionObserver the test answers. */
function setup() {
  const win = parseHTML(
    '<html><body><table><tr id="a"><td><a>A</a></td></tr><tr id="b"><td><a>B</a></td></tr><tr id="c"><td><a>C</a></td></tr></table></body></html>',
  ) as unknown as Window & Record<string, unknown>;
  const doc = win.document;
  const observed: Element[] = [];
  let answer: ((entries: Entry[]) => void) | null = null;
  Object.assign(win, {
    scrollX: 0,
    scrollY: 100,
    requestAnimationFrame: () => 0,
    cancelAnimationFrame: () => undefined,
    IntersectionObserver: class {
      constructor(cb: (entries: Entry[]) => void) {
        answer = cb;
      }
      observe(el: Element) {
        observed.push(el);
      }
      disconnect() {
        observed.length = 0;
      }
    },
  });
  const overlay = createOverlay(doc);
  const rows = ['a', 'b', 'c'].map((id) => ({
    element: doc.getElementById(id)!,
    dossierCode: `code-${id}`,
    anchor: doc.querySelector(`#${id} a`),
  }));
  const badges = () => [...(doc.querySelector('dossier-pulse-overlay')?.shadowRoot?.querySelectorAll('.badge') ?? [])] as HTMLElement[];
  const boxes = (box: (el: Element) => object) =>
    answer!(observed.map((target) => ({ target, boundingClientRect: { toJSON: () => box(target) } })));
  return { doc, overlay, rows, badges, observed, boxes };
}

const flag = (rule: string, hoursOver = 0, severity: FlagView['severity'] = 'warning') => ({ rule, hoursOver, severity }) as FlagView;

test('nothing is added to the page until there is something to draw', () => {
  const s = setup();
  s.overlay.setBadges(s.rows, {});
  s.overlay.setStrip(null);
  expect(s.doc.querySelector('dossier-pulse-overlay')).toBeNull();
  s.overlay.setBadges(s.rows, { 'code-b': [flag('overdue', 1)] });
  expect(s.doc.querySelectorAll('dossier-pulse-overlay')).toHaveLength(1);
  expect(s.badges()).toHaveLength(1);
});

test('flagged rows get a badge, hidden until the browser reports the box of the cell showing the code', () => {
  const s = setup();
  s.overlay.setBadges(s.rows, { 'code-a': [flag('overdue', 2)], 'code-c': [flag('ping_pong')] });
  expect(s.badges().map((b) => [b.dataset.code, b.textContent, b.getAttribute('style')])).toEqual([
    ['code-a', 'Quá hạn +2,0 giờ làm việc', 'display:none'],
    ['code-c', 'Chuyển qua lại', 'display:none'],
  ]);
  // The anchors are the code cells, observed instead of measured.
  expect(s.observed.map((el) => el.tagName)).toEqual(['TD', 'TD']);
  s.boxes((el) =>
    el.parentElement!.id === 'a'
      ? { top: 10, bottom: 60, left: 20, width: 80, height: 50 }
      : { top: 200, bottom: 220, left: 20, width: 80, height: 20 },
  );
  // Tall cell: bottom-left inside it; short cell: straddling its top edge. Page coordinates (scrolled by 100).
  expect(s.badges().map((b) => b.getAttribute('style'))).toEqual(['transform:translate(24px, 139px)', 'transform:translate(24px, 292px)']);
});

test('badges that would look the same are kept; changed ones are replaced, gone ones removed, unrendered rows hidden', () => {
  const s = setup();
  s.overlay.setBadges(s.rows, { 'code-a': [flag('overdue', 2)], 'code-b': [flag('due_soon')], 'code-c': [flag('ping_pong')] });
  s.boxes(() => ({ top: 10, bottom: 30, left: 0, width: 10, height: 20 }));
  const [a, b] = s.badges();
  s.overlay.setBadges(s.rows.slice(0, 2), { 'code-a': [flag('overdue', 2)], 'code-b': [flag('due_soon', 1, 'critical')] });
  const after = s.badges();
  expect(after).toHaveLength(2);
  expect(after[0]).toBe(a);
  expect(after[1]).not.toBe(b);
  expect(after[1]!.className).toBe('badge critical');
  s.boxes((el) =>
    el.parentElement!.id === 'b'
      ? { top: 0, bottom: 0, left: 0, width: 0, height: 0 }
      : { top: 10, bottom: 30, left: 0, width: 10, height: 20 },
  );
  expect(after.map((x) => x.getAttribute('style'))).toEqual(['transform:translate(4px, 102px)', 'display:none']);
});

test('the custody strip shows a dash for hours the API does not know yet (null), and the hours it knows', () => {
  const s = setup();
  const holder = { id: 'o1', displayName: 'Nguyễn Văn A', unitId: 'u1' };
  const segment = (seq: number, workingHours: number | null) => ({
    seq,
    holder,
    step: null,
    stepLabel: 'Thẩm định',
    from: '2025-11-17T01:00:00.000Z',
    to: null,
    workingHours,
    activeHours: null,
    endedBy: 'handover',
    startKnown: true,
    evidence: 'confirmed' as const,
    claimedBy: null,
    contested: false,
    blamedHours: null,
  });
  const dossier = {
    code: 'code-a',
    unitId: 'u1',
    procedureCode: null,
    appointmentAt: null,
    effectiveAppointmentAt: null,
    finishedAt: null,
    timeliness: null,
    currentStep: null,
    openFlags: 0,
  };
  s.overlay.setStrip({
    dossier,
    segments: [segment(1, 2.5), segment(2, null)],
    pauses: [{ reason: 'supplement', from: null, to: null, workingHours: null }],
    flags: [],
    events: [],
  });
  const strip = s.doc.querySelector('dossier-pulse-overlay')!.shadowRoot!.querySelector('.strip')!;
  expect([...strip.querySelectorAll('.bar')].map((b) => b.getAttribute('title'))).toEqual([
    'Nguyễn Văn A · Thẩm định · 2,5 giờ làm việc',
    'Nguyễn Văn A · Thẩm định · — giờ làm việc',
    'Chờ bổ sung / supplement pause · — giờ làm việc',
  ]);
  expect(strip.querySelector('.seg')!.textContent).toBe('Đang giữ: Nguyễn Văn A · — giờ làm việc');
});
