import type { DossierDetail, FlagView } from '../messaging/api-types.ts';
import { RULE_LABELS } from '../messaging/api-types.ts';

const STYLE = `
:host { all: initial; }
.badge { position: absolute; top: 0; left: 0; pointer-events: auto; font: 600 11px/1.2 system-ui, sans-serif; padding: 2px 6px;
  border-radius: 10px; color: #fff; background: #b54708; white-space: nowrap; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.badge.critical { background: #b42318; } .badge.info { background: #475467; }
.strip { position: fixed; top: 8px; right: 8px; max-width: 460px; pointer-events: auto; background: #fff; color: #1d2939;
  border: 1px solid #d0d5dd; border-radius: 8px; padding: 6px 8px; font: 12px/1.35 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(16,24,40,.15); }
.bars { display: flex; gap: 2px; margin-top: 4px; }
.bar { height: 10px; background: #175cd3; border-radius: 2px; min-width: 4px; }
.bar.pause { background: repeating-linear-gradient(45deg, #98a2b3 0 4px, #d0d5dd 4px 8px); }
.seg { margin: 2px 0 0; } .en { color: #667085; }
`;

type Row = { element: Element; dossierCode: string };

/** The cell (or element) whose text shows the code, found by the text itself: any profile works. */
function codeCell(row: Element, code: string): Element {
  const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent?.includes(code)) {
      const el = n.parentElement!;
      return el.closest('td, th, [role=cell], li') ?? el;
    }
  }
  return row;
}

/**
 * Everything drawn on the back-office page lives in one shadow root on an absolutely positioned,
 * zero-size host: badges are placed over rows by their boxes, never inserted into the page's own
 * markup, so its layout never moves and re-renders cannot wipe them.
 */
export function createOverlay(doc: Document) {
  const host = doc.createElement('dossier-pulse-overlay');
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483646;pointer-events:none;';
  // Open, so assistive technology and tests can read the badges; nothing secret is drawn here.
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${STYLE}</style>`;
  doc.documentElement.appendChild(host);
  const win = doc.defaultView!;
  let badges: { row: Element; anchor: Element; el: HTMLElement }[] = [];
  let strip: HTMLElement | null = null;
  let frame = 0;

  function place() {
    frame = 0;
    // All reads first, then all writes: interleaving them would lay the page out once per badge.
    const boxes = badges.map((b) => {
      const anchor = b.anchor.isConnected ? b.anchor : b.row;
      return b.row.isConnected ? anchor.getBoundingClientRect() : null;
    });
    const height = badges[0]?.el.offsetHeight || 16;
    const sx = win.scrollX;
    const sy = win.scrollY;
    badges.forEach((b, i) => {
      const r = boxes[i];
      if (!r || (r.width === 0 && r.height === 0)) {
        b.el.style.display = 'none';
        return;
      }
      b.el.style.display = '';
      // Bottom-left of the cell that shows the code: visible even when the table scrolls sideways.
      const y = r.height >= 2 * height + 8 ? r.bottom - height - 4 : r.top - height / 2;
      b.el.style.transform = `translate(${Math.round(r.left + sx + 4)}px, ${Math.round(y + sy)}px)`;
    });
  }

  const schedule = () => {
    if (!frame && badges.length) frame = win.requestAnimationFrame(place);
  };
  win.addEventListener('scroll', schedule, { passive: true, capture: true });
  win.addEventListener('resize', schedule, { passive: true });

  return {
    setBadges(rows: Row[], flags: Record<string, FlagView[]>) {
      for (const b of badges) b.el.remove();
      badges = [];
      for (const row of rows) {
        const top = flags[row.dossierCode]?.[0];
        if (!top) continue;
        const [vi, en] = RULE_LABELS[top.rule] ?? [top.rule, top.rule];
        const el = doc.createElement('span');
        el.className = `badge ${top.severity}`;
        el.dataset.code = row.dossierCode;
        el.textContent = `${vi}${top.hoursOver > 0 ? ` +${top.hoursOver.toFixed(1)} giờ` : ''}`;
        el.title = `${en}${top.hoursOver > 0 ? `, ${top.hoursOver.toFixed(1)} working hours over` : ''} (${flags[row.dossierCode]!.length})`;
        root.appendChild(el);
        badges.push({ row: row.element, anchor: codeCell(row.element, row.dossierCode), el });
      }
      place();
    },
    setStrip(detail: DossierDetail | null) {
      strip?.remove();
      strip = null;
      if (!detail || detail.segments.length === 0) return;
      strip = doc.createElement('div');
      strip.className = 'strip';
      strip.setAttribute('role', 'note');
      strip.setAttribute('aria-label', 'Quá trình xử lý / Custody');
      const total = detail.segments.reduce((s, x) => s + x.workingHours, 0) + detail.pauses.reduce((s, p) => s + p.workingHours, 0) || 1;
      const bars = doc.createElement('div');
      bars.className = 'bars';
      for (const s of detail.segments) {
        const bar = doc.createElement('span');
        bar.className = 'bar';
        bar.style.flexGrow = String(s.workingHours / total);
        bar.title = `${s.holder.displayName ?? s.holder.id} · ${s.stepLabel ?? s.step ?? ''} · ${s.workingHours.toFixed(1)} giờ`;
        bars.append(bar);
      }
      for (const p of detail.pauses) {
        const bar = doc.createElement('span');
        bar.className = 'bar pause';
        bar.style.flexGrow = String(p.workingHours / total);
        bar.title = `Chờ bổ sung / supplement pause · ${p.workingHours.toFixed(1)} giờ`;
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
          textContent: `Đang giữ: ${last.holder.displayName ?? last.holder.id} · ${last.workingHours.toFixed(1)} giờ làm việc`,
        }),
      );
      root.appendChild(strip);
    },
    place,
    remove() {
      win.removeEventListener('scroll', schedule, true);
      win.removeEventListener('resize', schedule);
      host.remove();
    },
  };
}
