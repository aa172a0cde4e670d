import type { DossierDetail, FlagView } from '../messaging/api-types.ts';
import { formatWorkingHours } from '../../shared/format/format.ts';
import { RULE_LABELS } from '../messaging/api-types.ts';

const STYLE = `
:host { all: initial; }
.badge { position: absolute; top: 0; left: 0; pointer-events: auto; font: 600 11px/13px system-ui, sans-serif; padding: 2px 6px; height: 17px; box-sizing: border-box;
  border-radius: 10px; color: #fff; background: #b54708; white-space: nowrap; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.badge.critical { background: #b42318; } .badge.info { background: #475467; }
.strip { position: fixed; bottom: 8px; left: 8px; max-width: 460px; pointer-events: none; background: #fff; color: #1d2939;
  border: 1px solid #d0d5dd; border-radius: 8px; padding: 6px 8px; font: 12px/1.35 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(16,24,40,.15); }
.bars { display: flex; gap: 2px; margin-top: 4px; }
.bar { height: 10px; background: #175cd3; border-radius: 2px; min-width: 4px; }
.bar.pause { background: repeating-linear-gradient(45deg, #98a2b3 0 4px, #d0d5dd 4px 8px); }
.seg { margin: 2px 0 0; } .en { color: #667085; }
.strip .toggle { pointer-events: auto; } .strip.through, .strip.through .toggle { pointer-events: none; opacity: 0.85; }
.strip.collapsed { max-width: none; padding: 2px 8px; } .strip.collapsed > :not(.toggle) { display: none; }
.toggle { all: unset; cursor: pointer; font: 600 11px/16px system-ui, sans-serif; color: #175cd3; float: right; margin-left: 8px; }
`;

/** What a person can click or type into on the page: the strip must never lie over one. */
const CONTROLS =
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=menuitem], [onclick], [tabindex]:not([tabindex="-1"])';

type Rect = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Places the fixed strip at the first spot (corners, then edges' middles) that covers no control; false when none is free. */
function placeFixed(el: HTMLElement, doc: Document): boolean {
  const win = doc.defaultView!;
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  const vw = doc.documentElement.clientWidth || win.innerWidth;
  const vh = doc.documentElement.clientHeight || win.innerHeight;
  const m = 8;
  const spots: [number, number][] = [
    [m, vh - h - m],
    [vw - w - m, vh - h - m - 48], // above the timing pill, bottom right
    [(vw - w) / 2, vh - h - m],
    [vw - w - m, m],
    [m, m],
    [(vw - w) / 2, m],
    [m, (vh - h) / 2],
    [vw - w - m, (vh - h) / 2],
  ];
  const controls: Rect[] = [];
  for (const c of doc.querySelectorAll(CONTROLS)) {
    const r = c.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh) controls.push(r);
  }
  for (const [x, y] of spots) {
    const spot = { left: x - 2, top: y - 2, right: x + w + 2, bottom: y + h + 2 };
    if (x < 0 || y < 0 || controls.some((c) => overlaps(spot, c))) continue;
    el.style.cssText = `left:${Math.round(x)}px;top:${Math.round(y)}px;right:auto;bottom:auto;`;
    return true;
  }
  return false;
}

/** `anchor`: the element the code was read from, when the reader knows it. */
type Row = { element: Element; dossierCode: string; anchor?: Element | null };
type Box = { width: number; height: number; top: number; bottom: number; left: number };
type Badge = { row: Element; anchor: Element; el: HTMLElement; look: string; transform: string; shown: boolean };

/** Fixed in the style above (11px text on a 13px line, 2px padding), so it never has to be measured. */
const BADGE_HEIGHT = 17;
const CELL = 'td, th, [role=cell], li';

/** The cell (or element) whose text shows the code, found by the text itself: any profile works. */
function codeCell(row: Element, code: string): Element {
  const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent?.includes(code)) {
      const el = n.parentElement!;
      return el.closest(CELL) ?? el;
    }
  }
  return row;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => (/[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : s);

const anchorOf = (row: Row) => (row.anchor ? (row.anchor.closest(CELL) ?? row.anchor) : codeCell(row.element, row.dossierCode));

/**
 * Everything drawn on the back-office page lives in one shadow root on an absolutely positioned,
 * zero-size host: badges are placed over rows by their boxes, never inserted into the page's own
 * markup, so its layout never moves and re-renders cannot wipe them. The boxes come from an
 * IntersectionObserver, which the browser fills in after its own layout: placing badges never
 * forces a layout of the page. Badges whose row and look are unchanged are kept as they are. The
 * host is added with the first thing to draw: a page with nothing flagged gets no element at all.
 */
export function createOverlay(doc: Document) {
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  const root = (): ShadowRoot => {
    if (shadow) return shadow;
    host = doc.createElement('dossier-pulse-overlay');
    host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483646;pointer-events:none;';
    // Open, so assistive technology and tests can read the badges; nothing secret is drawn here.
    shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<style>${STYLE}</style>`;
    doc.documentElement.appendChild(host);
    return shadow;
  };
  const win = doc.defaultView!;
  let badges = new Map<Element, Badge>();
  let strip: HTMLElement | null = null;
  let frame = 0;
  let boxes: IntersectionObserver | null = null;
  let watched = new Map<Element, Badge[]>();

  /**
   * The strip goes where it covers no control of the page; where every spot would, it folds to
   * one line (and to a button alone) that a click unfolds. Asked again on resize and whenever the
   * page's layout changes.
   */
  function placeStrip(collapse: boolean) {
    if (!strip) return;
    const toggle = strip.querySelector('.toggle') as HTMLElement;
    strip.classList.toggle('collapsed', collapse);
    strip.classList.remove('through');
    toggle.textContent = collapse ? 'Quá trình xử lý ▸' : 'Thu gọn';
    toggle.setAttribute('aria-expanded', String(!collapse));
    if (placeFixed(strip, doc)) return;
    if (!collapse) return placeStrip(true);
    // Folded and still no free spot (a small popup window full of buttons): the smallest thing, at
    // the bottom left, seen but let through, so a click there still reaches the page's control.
    strip.style.cssText = 'left:8px;bottom:8px;top:auto;right:auto;';
    strip.classList.add('through');
  }
  const replaceStrip = () => strip && placeStrip(strip.classList.contains('collapsed'));

  function hide(b: Badge) {
    if (!b.shown) return;
    b.el.setAttribute('style', 'display:none');
    b.shown = false;
  }

  function position(b: Badge, r: Box, sx: number, sy: number) {
    if (r.width === 0 && r.height === 0) return hide(b);
    // Bottom-left of the cell that shows the code: visible even when the table scrolls sideways.
    const y = r.height >= 2 * BADGE_HEIGHT + 8 ? r.bottom - BADGE_HEIGHT - 4 : r.top - BADGE_HEIGHT / 2;
    const transform = `translate(${Math.round(r.left + sx + 4)}px, ${Math.round(y + sy)}px)`;
    if (transform === b.transform && b.shown) return;
    b.el.setAttribute('style', `transform:${transform}`);
    b.transform = transform;
    b.shown = true;
  }

  function onBoxes(entries: IntersectionObserverEntry[]) {
    const sx = win.scrollX;
    const sy = win.scrollY;
    for (const e of entries) {
      const placed = watched.get(e.target);
      if (!placed) continue;
      // One call for the whole box instead of one per side.
      const box = e.boundingClientRect.toJSON() as Box;
      for (const b of placed) position(b, box, sx, sy);
    }
  }

  /** Asks for every badge's box again; they arrive after the browser's next layout. `fresh`: badges whose anchor was just read. */
  function place(fresh?: ReadonlySet<Badge>) {
    frame = 0;
    boxes?.disconnect();
    watched = new Map();
    if (!badges.size) return;
    boxes ??= new (win as Window & typeof globalThis).IntersectionObserver(onBoxes);
    for (const b of badges.values()) {
      // A cell replaced by a re-render: the row's box until the row is read again.
      const target = fresh?.has(b) || b.anchor.isConnected ? b.anchor : b.row;
      const list = watched.get(target);
      if (list) list.push(b);
      else {
        watched.set(target, [b]);
        boxes.observe(target);
      }
    }
  }

  const schedule = () => {
    if (!frame && badges.size) frame = win.requestAnimationFrame(() => place());
  };
  win.addEventListener('scroll', schedule, { passive: true, capture: true });
  win.addEventListener('resize', schedule, { passive: true });

  return {
    /** Badges the flagged rows among `rows`; rows whose badge would look the same keep theirs. */
    setBadges(rows: Row[], flags: Record<string, FlagView[]>) {
      const next = new Map<Element, Badge>();
      const seen = new Set<Element>();
      const fresh: { row: Row; look: string }[] = [];
      let html = '';
      for (const row of rows) {
        const list = flags[row.dossierCode];
        const top = list?.[0];
        if (!top || seen.has(row.element)) continue;
        seen.add(row.element);
        const [vi, en] = RULE_LABELS[top.rule] ?? [top.rule, top.rule];
        const text = `${vi}${top.hoursOver > 0 ? ` +${formatWorkingHours(top.hoursOver)}` : ''}`;
        const title = `${en}${top.hoursOver > 0 ? `, ${formatWorkingHours(top.hoursOver, 'en')} over` : ''} (${list!.length})`;
        // Hidden until its box is known.
        const look = `<span class="badge ${escape(top.severity)}" data-code="${escape(row.dossierCode)}" title="${escape(title)}" style="display:none">${escape(text)}</span>`;
        const had = badges.get(row.element);
        if (had && had.look === look) {
          if (row.anchor !== undefined) had.anchor = anchorOf(row);
          next.set(row.element, had);
          continue;
        }
        fresh.push({ row, look });
        html += look;
      }
      for (const [row, b] of badges) if (next.get(row) !== b) b.el.remove();
      const created = new Set<Badge>();
      if (fresh.length) {
        // One parse for all new badges instead of a handful of DOM calls each.
        const template = doc.createElement('template');
        template.innerHTML = html;
        const made = template.content.children;
        for (let i = 0; i < fresh.length; i++) {
          const { row, look } = fresh[i]!;
          const badge = { row: row.element, anchor: anchorOf(row), el: made[i] as HTMLElement, look, transform: '', shown: false };
          next.set(row.element, badge);
          created.add(badge);
        }
        root().append(template.content);
      }
      badges = next;
      place(created);
    },
    setStrip(detail: DossierDetail | null) {
      strip?.remove();
      strip = null;
      if (!detail || detail.segments.length === 0) return;
      strip = doc.createElement('div');
      strip.className = 'strip';
      strip.setAttribute('role', 'note');
      strip.setAttribute('aria-label', 'Quá trình xử lý / Custody');
      const total =
        detail.segments.reduce((s, x) => s + (x.workingHours ?? 0), 0) + detail.pauses.reduce((s, p) => s + (p.workingHours ?? 0), 0) || 1;
      const bars = doc.createElement('div');
      bars.className = 'bars';
      for (const s of detail.segments) {
        const bar = doc.createElement('span');
        bar.className = 'bar';
        bar.style.flexGrow = String((s.workingHours ?? 0) / total);
        bar.title = `${s.holder.displayName ?? s.holder.id} · ${s.stepLabel ?? s.step ?? ''} · ${formatWorkingHours(s.workingHours)}`;
        bars.append(bar);
      }
      for (const p of detail.pauses) {
        const bar = doc.createElement('span');
        bar.className = 'bar pause';
        bar.style.flexGrow = String((p.workingHours ?? 0) / total);
        bar.title = `Chờ bổ sung / supplement pause · ${formatWorkingHours(p.workingHours)}`;
        bars.append(bar);
      }
      const head = doc.createElement('div');
      head.textContent = `${detail.dossier.code} · ${detail.segments.length} lượt xử lý `;
      head.append(Object.assign(doc.createElement('span'), { className: 'en', textContent: 'custody' }));
      strip.append(head, bars);
      const last = detail.segments[detail.segments.length - 1]!;
      strip.append(
        Object.assign(doc.createElement('p'), {
          className: 'seg',
          textContent: `${last.to === null ? 'Đang giữ' : 'Người xử lý cuối'}: ${last.holder.displayName ?? last.holder.id} · ${formatWorkingHours(last.workingHours)}`,
        }),
      );
      const toggle = doc.createElement('button');
      toggle.className = 'toggle';
      toggle.type = 'button';
      strip.prepend(toggle);
      root().appendChild(strip);
      placeStrip(false);
      win.removeEventListener('resize', replaceStrip);
      win.addEventListener('resize', replaceStrip);
      toggle.addEventListener('click', () => placeStrip(!strip!.classList.contains('collapsed')));
    },
    /** Follows the page's layout: every badge's box is asked for again, and the strip's spot. */
    place: () => {
      place();
      replaceStrip();
    },
    remove() {
      win.removeEventListener('resize', replaceStrip);
      boxes?.disconnect();
      if (frame) win.cancelAnimationFrame(frame);
      win.removeEventListener('scroll', schedule, true);
      win.removeEventListener('resize', schedule);
      host?.remove();
    },
  };
}
