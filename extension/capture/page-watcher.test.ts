import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import type { ContentMessage, PageObservation } from '../messaging/protocol.ts';
import type { PageReading } from '../profiles/read-page.ts';
import { startPageWatcher, type ReadingChange } from './page-watcher.ts';
import { DIALOG_WAIT_MS } from './action-gate.ts';

const PROFILE = siteProfileSchema.parse({
  id: 'test-list',
  version: 1,
  name: 'test',
  matches: ['<all_urls>'],
  pages: [
    {
      kind: 'list',
      path: '^/list',
      rows: { selectors: ['table#ds tr.row'] },
      code: { selectors: ['td.code a'] },
      fields: {
        procedureCode: { selectors: ['.proc'] },
        status: { selectors: ['.status'] },
        step: { selectors: ['.step'] },
        appointmentAt: { selectors: ['.dates'], pattern: 'hẹn trả: (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})' },
      },
    },
    { kind: 'detail', path: '^/detail', code: { selectors: ['#code'] } },
  ],
  user: { selectors: ['#user'] },
  actions: [{ kind: 'forward', on: 'click', selector: 'button.forward' }],
});

const code = (i: number) => `000.00.12.H32-251120-${String(i).padStart(4, '0')}`;
const row = (i: number, status = 'Đang xử lý') =>
  `<tr class="row" id="r${i}"><td class="code"><a>${code(i)}</a></td><td><span class="proc">1.001193.000.00.00.H32</span></td>` +
  `<td><span class="status">${status}</span></td><td><span class="step">Thẩm định</span></td>` +
  `<td><span class="dates">Tiếp nhận: 01/11/2025 08:00, hẹn trả: 01/12/2025 17:00</span></td><td><button class="forward">Chuyển</button></td></tr>`;
const page = (n: number) =>
  `<html><body><div id="head"><span id="user">chuyenvien1</span> <span id="tick">0</span></div>` +
  `<table id="ds"><tbody>${Array.from({ length: n }, (_, i) => row(i)).join('')}</tbody></table></body></html>`;

type Rec = { type: 'childList' | 'characterData'; target: Node; addedNodes: Node[]; removedNodes: Node[]; previousSibling?: Node | null };

/** A watcher on a parsed page, with a window whose MutationObserver delivers the records a test makes. */
function watch(rows: number, opts: { clock?: () => number; intersections?: boolean; profile?: typeof PROFILE } = {}) {
  const win = parseHTML(page(rows)) as unknown as Window & typeof globalThis;
  const doc = win.document;
  let deliver: ((records: Rec[]) => void) | null = null;
  class Observer {
    constructor(cb: (records: Rec[]) => void) {
      deliver = cb;
    }
    observe() {}
    disconnect() {}
  }
  // With `intersections`, an IntersectionObserver whose callback the test calls (`near`).
  const watched: Element[] = [];
  let intersect: ((entries: { target: Element; isIntersecting: boolean }[]) => void) | null = null;
  class Intersections {
    constructor(cb: typeof intersect) {
      intersect = cb;
    }
    observe(el: Element) {
      watched.push(el);
    }
    disconnect() {
      watched.length = 0;
    }
  }
  const near = (el: Element) => intersect!([{ target: el, isIntersecting: true }]);
  const location = { href: 'http://bo.test/list?q=1' };
  const fake = {
    document: doc,
    location,
    MutationObserver: Observer,
    ...(opts.intersections ? { IntersectionObserver: Intersections } : {}),
    addEventListener() {},
    removeEventListener() {},
  } as unknown as Window;
  const sent: ContentMessage[] = [];
  const readings: { reading: PageReading; change: ReadingChange }[] = [];
  const watcher = startPageWatcher({
    win: fake,
    profiles: [opts.profile ?? PROFILE],
    generic: null,
    send: (m) => sent.push(m),
    onReading: (reading, change) => readings.push({ reading, change }),
    clock: opts.clock ?? (() => 0),
  });
  const observed = (kind: PageObservation['kind']) =>
    sent.flatMap((m) => (m.type === 'observe' && m.observation.kind === kind ? [m.observation] : []));
  /** Changes text in the page and reports it as a re-render does (children replaced). */
  const setText = (el: Element, text: string) => {
    const removed = [...el.childNodes];
    el.textContent = text;
    deliver!([{ type: 'childList', target: el, addedNodes: [...el.childNodes], removedNodes: removed }]);
  };
  return { win, doc, location, sent, readings, watcher, observed, setText, watched, near, deliver: (r: Rec[]) => deliver!(r) };
}

/** Counts querySelector calls made inside rows and row-list queries on the document. */
function countQueries(doc: Document) {
  let proto = Object.getPrototypeOf(doc.querySelector('tr.row')!);
  while (proto && !Object.hasOwn(proto, 'querySelector')) proto = Object.getPrototypeOf(proto);
  const inRows = vi.spyOn(proto as Element, 'querySelector');
  const lists = vi.spyOn(doc, 'querySelectorAll');
  return {
    rowsRead: () => new Set(inRows.mock.contexts.map((c) => (c as Element).closest?.('tr.row')).filter(Boolean)).size,
    listQueries: () => lists.mock.calls.filter(([sel]) => sel === 'table#ds tr.row').length,
    reset() {
      inRows.mockClear();
      lists.mockClear();
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-11-28T02:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('page watcher on a list', () => {
  test('reads every row at load and reports the list once, with all fields of the first rows', () => {
    const w = watch(3);
    const seen = w.observed('list_seen');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      rows: [
        {
          dossierCode: code(0),
          fields: {
            procedureCode: '1.001193.000.00.00.H32',
            status: 'Đang xử lý',
            step: 'Thẩm định',
            appointmentAt: '2025-12-01T10:00:00.000Z',
          },
        },
        { dossierCode: code(1) },
        { dossierCode: code(2) },
      ],
    });
    expect(w.readings).toHaveLength(1);
    expect(w.readings[0]!.change.rows).toBe(true);
    w.watcher.stop();
  });

  test('a change outside every row reads no row and does not look for rows again', () => {
    const w = watch(20);
    const q = countQueries(w.doc);
    w.setText(w.doc.getElementById('tick')!, '1');
    vi.advanceTimersByTime(300);
    expect(w.readings).toHaveLength(2);
    expect(w.readings[1]!.change.rows).toBe(false);
    expect(q.rowsRead()).toBe(0);
    expect(q.listQueries()).toBe(0);
    expect(w.observed('list_seen')).toHaveLength(1);
    w.watcher.stop();
  });

  test("changes to the extension's own elements cause no scan at all", () => {
    const w = watch(5);
    const host = w.doc.createElement('dossier-pulse-overlay');
    w.doc.documentElement.appendChild(host);
    w.deliver([{ type: 'childList', target: w.doc.documentElement, addedNodes: [host], removedNodes: [] }]);
    vi.advanceTimersByTime(1000);
    expect(w.readings).toHaveLength(1);
    w.watcher.stop();
  });

  test('a change inside one row re-reads that row only; the new status is reported once the interval has passed', () => {
    const w = watch(20);
    const q = countQueries(w.doc);
    w.setText(w.doc.querySelector('#r7 .status')!, 'Chờ ký duyệt');
    vi.advanceTimersByTime(300);
    expect(q.rowsRead()).toBe(1);
    expect(q.listQueries()).toBe(0);
    expect(w.readings.at(-1)!.reading.rows[7]!.fields.status).toBe('Chờ ký duyệt');
    expect(w.readings.at(-1)!.change.rows).toBe(false);
    // Within ten seconds of the last list_seen nothing is sent; the next change after that sends it.
    expect(w.observed('list_seen')).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    w.setText(w.doc.getElementById('tick')!, '2');
    vi.advanceTimersByTime(300);
    const seen = w.observed('list_seen');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.kind === 'list_seen' && seen[1]!.rows[7]!.fields.status).toBe('Chờ ký duyệt');
    w.watcher.stop();
  });

  test('a status changed and changed back before the interval sends no new list_seen', () => {
    const w = watch(4);
    const status = w.doc.querySelector('#r1 .status')!;
    w.setText(status, 'Chờ ký duyệt');
    vi.advanceTimersByTime(300);
    w.setText(status, 'Đang xử lý');
    vi.advanceTimersByTime(11_000);
    w.setText(w.doc.getElementById('tick')!, '3');
    vi.advanceTimersByTime(300);
    expect(w.observed('list_seen')).toHaveLength(1);
    w.watcher.stop();
  });

  test('rows added or removed are found again, and only the new row is read', () => {
    const w = watch(10);
    const tbody = w.doc.querySelector('#ds tbody')!;
    const q = countQueries(w.doc);
    const holder = w.doc.createElement('tbody');
    holder.innerHTML = row(10);
    const added = holder.firstElementChild!;
    tbody.insertBefore(added, tbody.firstElementChild);
    w.deliver([{ type: 'childList', target: tbody, addedNodes: [added], removedNodes: [] }]);
    vi.advanceTimersByTime(300);
    expect(q.listQueries()).toBe(1);
    expect(q.rowsRead()).toBe(1);
    expect(w.readings.at(-1)!.change.rows).toBe(true);
    expect(w.readings.at(-1)!.reading.rows.map((r) => r.dossierCode)).toEqual([10, ...Array.from({ length: 10 }, (_, i) => i)].map(code));

    const gone = w.doc.getElementById('r3')!;
    gone.remove();
    w.deliver([{ type: 'childList', target: tbody, addedNodes: [], removedNodes: [gone] }]);
    vi.advanceTimersByTime(300);
    expect(w.readings.at(-1)!.reading.rows.map((r) => r.dossierCode)).not.toContain(code(3));
    expect(w.readings.at(-1)!.reading.rows).toHaveLength(10);
    w.watcher.stop();
  });

  test('a route change reads the new page: leaving the list for a dossier opens it', () => {
    const w = watch(3);
    w.doc.body.insertAdjacentHTML('beforeend', `<p id="code">${code(42)}</p>`);
    w.location.href = 'http://bo.test/detail/42';
    vi.advanceTimersByTime(1000);
    expect(w.observed('open')).toMatchObject([{ dossierCode: code(42) }]);
    expect(w.readings.at(-1)!.reading.pageKind).toBe('detail');
    w.watcher.stop();
  });

  test('rows past the first 500 are read in part; an action on one still reports all its fields', () => {
    vi.stubGlobal('Element', (parseHTML('<p></p>') as unknown as typeof globalThis).Element);
    const w = watch(503);
    const seen = w.observed('list_seen')[0]!;
    expect(seen.kind === 'list_seen' && seen.rows).toHaveLength(500);
    expect(w.readings[0]!.reading.rows[501]!.fields).toEqual({ status: 'Đang xử lý', step: 'Thẩm định' });
    const button = w.doc.querySelector('#r501 button.forward')!;
    button.dispatchEvent(new (w.win as unknown as { Event: typeof Event }).Event('click', { bubbles: true }));
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    expect(w.observed('action')).toMatchObject([
      {
        action: 'forward',
        dossierCode: code(501),
        fields: {
          procedureCode: '1.001193.000.00.00.H32',
          status: 'Đang xử lý',
          step: 'Thẩm định',
          appointmentAt: '2025-12-01T10:00:00.000Z',
        },
      },
    ]);
    // A row that moves into the first 500 gets the rest of its fields.
    const first = w.doc.getElementById('r0')!;
    first.remove();
    w.deliver([{ type: 'childList', target: w.doc.querySelector('#ds tbody')!, addedNodes: [], removedNodes: [first] }]);
    vi.advanceTimersByTime(300);
    expect(w.readings.at(-1)!.reading.rows[499]!.fields.appointmentAt).toBe('2025-12-01T10:00:00.000Z');
    w.watcher.stop();
  });

  test('a long list is read over several tasks; changes meanwhile are read after, and nothing is reported before the end', async () => {
    vi.stubGlobal('Element', (parseHTML('<p></p>') as unknown as typeof globalThis).Element);
    let t = 0;
    const w = watch(700, { clock: () => (t += 1) });
    expect(w.readings).toHaveLength(0);
    expect(w.observed('list_seen')).toHaveLength(0);
    // One row already read and one not yet read change while the list is being read.
    w.setText(w.doc.querySelector('#r5 .status')!, 'Chờ ký duyệt');
    w.setText(w.doc.querySelector('#r650 .status')!, 'Chuyển phòng');
    // A click meanwhile still finds its row.
    w.doc
      .querySelector('#r640 button.forward')!
      .dispatchEvent(new (w.win as unknown as { Event: typeof Event }).Event('click', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(20);
    expect(w.readings).toHaveLength(1);
    expect(w.readings[0]!.reading.rows).toHaveLength(700);
    expect(w.observed('list_seen')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    const rows = w.readings.at(-1)!.reading.rows;
    expect([rows[5]!.fields.status, rows[650]!.fields.status]).toEqual(['Chờ ký duyệt', 'Chuyển phòng']);
    // The click (no dialog opened) is recorded with what its row showed when it was clicked.
    expect(w.observed('action')).toMatchObject([
      { dossierCode: code(640), fields: { status: 'Đang xử lý', appointmentAt: '2025-12-01T10:00:00.000Z' } },
    ]);
    w.watcher.stop();
  });

  test('a list whose rows show no code is reported once as a profile miss', () => {
    const w = watch(3);
    for (const a of w.doc.querySelectorAll('td.code a')) a.textContent = 'no code';
    w.watcher.scan();
    w.watcher.scan();
    expect(w.observed('profile_miss')).toMatchObject([{ pageKind: 'list', anchor: 'code' }]);
    w.watcher.stop();
  });
});

describe('page watcher on a long list', () => {
  const codes = (r: PageReading) => r.rows.map((x) => x.dossierCode);
  const first = (n: number, from = 0) => Array.from({ length: n }, (_, i) => code(from + i));

  test('reads the first 50 rows at load, then 50 more each time the official scrolls near the last ones read', () => {
    vi.stubGlobal('Element', (parseHTML('<p></p>') as unknown as typeof globalThis).Element);
    const w = watch(300, { intersections: true });
    const q = countQueries(w.doc);
    expect(codes(w.readings[0]!.reading)).toEqual(first(50));
    const seen = w.observed('list_seen')[0]!;
    expect(seen.kind === 'list_seen' && seen.rows.map((r) => r.dossierCode)).toEqual(first(50));
    // Half a batch before the end of what was read.
    expect(w.watched.map((el) => el.id)).toEqual(['r25']);

    w.near(w.watched[0]!);
    expect(q.rowsRead()).toBe(50);
    expect(w.readings.at(-1)!.change.rows).toBe(true);
    expect(codes(w.readings.at(-1)!.reading)).toEqual(first(100));
    expect(w.watched.map((el) => el.id)).toEqual(['r75']);
    w.watcher.stop();
  });

  test('reads to the end of the list and then watches nothing', () => {
    const w = watch(120, { intersections: true });
    w.near(w.watched[0]!);
    w.near(w.watched[0]!);
    expect(codes(w.readings.at(-1)!.reading)).toEqual(first(120));
    expect(w.watched).toEqual([]);
    w.watcher.stop();
  });

  test('a change in a row not read yet reads nothing and does not look for rows again', () => {
    const w = watch(300, { intersections: true });
    const q = countQueries(w.doc);
    w.setText(w.doc.querySelector('#r200 .status')!, 'Chờ ký duyệt');
    vi.advanceTimersByTime(300);
    expect(q.rowsRead()).toBe(0);
    expect(q.listQueries()).toBe(0);
    w.watcher.stop();
  });

  test('a row added among those read is found; one added below them is left for later', () => {
    const w = watch(300, { intersections: true });
    const tbody = w.doc.querySelector('#ds tbody')!;
    const holder = w.doc.createElement('tbody');
    holder.innerHTML = row(900) + row(901);
    const [above, below] = [...holder.children];
    tbody.insertBefore(above!, w.doc.getElementById('r10'));
    tbody.insertBefore(below!, w.doc.getElementById('r250'));
    const q = countQueries(w.doc);
    w.deliver([{ type: 'childList', target: tbody, addedNodes: [below!], removedNodes: [], previousSibling: below!.previousSibling }]);
    vi.advanceTimersByTime(300);
    expect(q.listQueries()).toBe(0);
    w.deliver([{ type: 'childList', target: tbody, addedNodes: [above!], removedNodes: [], previousSibling: above!.previousSibling }]);
    vi.advanceTimersByTime(300);
    expect(q.listQueries()).toBe(1);
    expect(codes(w.readings.at(-1)!.reading)).toEqual([...first(10), code(900), ...first(39, 10)]);
    w.watcher.stop();
  });

  test('an action on a row not read yet reports its code and all its fields', () => {
    vi.stubGlobal('Element', (parseHTML('<p></p>') as unknown as typeof globalThis).Element);
    const w = watch(300, { intersections: true });
    w.doc
      .querySelector('#r280 button.forward')!
      .dispatchEvent(new (w.win as unknown as { Event: typeof Event }).Event('click', { bubbles: true }));
    vi.advanceTimersByTime(DIALOG_WAIT_MS);
    expect(w.observed('action')).toMatchObject([
      {
        action: 'forward',
        dossierCode: code(280),
        fields: {
          procedureCode: '1.001193.000.00.00.H32',
          status: 'Đang xử lý',
          step: 'Thẩm định',
          appointmentAt: '2025-12-01T10:00:00.000Z',
        },
      },
    ]);
    w.watcher.stop();
  });

  test('another page starts again from the first rows', () => {
    const w = watch(300, { intersections: true });
    w.near(w.watched[0]!);
    expect(w.readings.at(-1)!.reading.rows).toHaveLength(100);
    w.location.href = 'http://bo.test/list?page=2';
    vi.advanceTimersByTime(1000);
    expect(w.readings.at(-1)!.reading.rows).toHaveLength(50);
    expect(w.watched.map((el) => el.id)).toEqual(['r25']);
    w.watcher.stop();
  });
});

describe('actions confirmed in a dialog', () => {
  test('a dialog outside any row, opened from a row, is about that row’s dossier; a cancelled one records nothing', () => {
    vi.stubGlobal('Element', (parseHTML('<p></p>') as unknown as typeof globalThis).Element);
    const profile = siteProfileSchema.parse({
      ...PROFILE,
      actions: [
        { kind: 'forward', on: 'submit', selector: 'form.dlg-form', toAccount: { selectors: ['select[name="to"]'], attr: 'value' } },
      ],
    });
    const w = watch(3, { profile });
    const Ev = (w.win as unknown as { Event: typeof Event }).Event;
    const openDialog = () => {
      w.doc.body.insertAdjacentHTML(
        'beforeend',
        '<div role="dialog" id="dlg"><form class="dlg-form"><select name="to"><option value="lanhdao1" selected>Đặng Văn Hùng</option></select></form></div>',
      );
      return w.doc.getElementById('dlg')!;
    };
    // Opened from row 1 and closed without confirming: nothing.
    w.doc.querySelector('#r1 button.forward')!.dispatchEvent(new Ev('click', { bubbles: true }));
    openDialog().remove();
    // Opened from row 2 and confirmed: row 2's dossier, the receiver chosen in the dialog.
    w.doc.querySelector('#r2 button.forward')!.dispatchEvent(new Ev('click', { bubbles: true }));
    openDialog()
      .querySelector('form')!
      .dispatchEvent(new Ev('submit', { bubbles: true }));
    expect(w.observed('action')).toMatchObject([
      { action: 'forward', dossierCode: code(2), toAccount: 'lanhdao1', fields: { status: 'Đang xử lý' } },
    ]);
    w.watcher.stop();
  });
});
