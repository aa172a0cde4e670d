import type { ReadReply, StatusReply } from '../messaging/protocol.ts';
import type { MeSummary } from '../messaging/api-types.ts';
import { atRiskLine, figureRows } from './figures.ts';
import { isOtherAccount } from '../capture/identity.ts';

const STYLE = `
:host { all: initial; }
.pill { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; font: 13px/1.3 system-ui, sans-serif;
  background: #fff; color: #1d2939; border: 1px solid #d0d5dd; border-radius: 999px; padding: 6px 12px;
  box-shadow: 0 2px 8px rgba(16,24,40,.15); cursor: pointer; display: flex; gap: 6px; align-items: center; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #12b76a; }
.off .dot { background: #f04438; }
.warn { color: #b54708; }
.panel { position: fixed; right: 12px; bottom: 52px; z-index: 2147483647; width: 280px; background: #fff; color: #1d2939;
  border: 1px solid #d0d5dd; border-radius: 8px; padding: 12px; font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(16,24,40,.2); }
.panel h2 { font-size: 14px; margin: 0 0 8px; }
.panel dl { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; margin: 0; }
.panel dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
.en { color: #667085; font-size: 11px; }
`;

/**
 * The always-visible sign that handling time is recorded (officials must know). It lives in a
 * closed shadow root attached to a fixed-position host, so it never shifts the page's layout.
 */
export function mountPill(doc: Document, deps: { status: () => Promise<StatusReply>; meSummary: () => Promise<ReadReply<MeSummary>> }) {
  const host = doc.createElement('dossier-pulse-pill');
  host.style.cssText = 'position:fixed;width:0;height:0;top:0;left:0;z-index:2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>${STYLE}</style><div class="pill" role="button" tabindex="0" aria-expanded="false"><span class="dot"></span><span class="label"></span></div>`;
  doc.documentElement.appendChild(host);
  const pill = root.querySelector('.pill') as HTMLElement;
  const label = root.querySelector('.label') as HTMLElement;
  let panel: HTMLElement | null = null;
  /** Set while the page is signed in as another account: recording on this page is paused. */
  let paused: { vi: string; en: string } | null = null;
  /** No profile reads this page (issue 16): timing may be on, but nothing here is captured. */
  let unread = false;

  async function refresh() {
    const s = await deps.status().catch(() => null);
    const on = !!s?.recording && !paused;
    pill.classList.toggle('off', !on);
    label.textContent =
      paused && s?.recording
        ? 'Tạm dừng ghi nhận · '
        : on
          ? `Đang ghi nhận thời gian xử lý${s?.queued ? ` · chờ gửi ${s.queued}` : ''}`
          : 'Chưa đăng nhập Dossier Pulse · không ghi nhận';
    pill.title =
      paused && s?.recording
        ? `Recording paused on this page: ${paused.en}`
        : on
          ? 'Handling time is being recorded — click for your own figures'
          : 'Not signed in — nothing is recorded';
    if (on && unread) label.textContent = 'Trang này chưa có cấu hình đọc · thao tác ở đây không được ghi nhận';
    if (on && unread) pill.title = 'No site profile reads this page: actions here are not captured';
    if (paused && s?.recording)
      label.append(
        Object.assign(doc.createElement('span'), { className: 'warn', textContent: paused.vi }),
        Object.assign(doc.createElement('span'), { className: 'en', textContent: ` / ${paused.en}` }),
      );
    if (s?.backlogWarning) label.append(' · nhiều sự kiện chưa gửi được');
    // The root is closed: the host says the state for tests and tools (`on`, `off`, `paused`, `unread`).
    host.dataset.state = paused && s?.recording ? 'paused' : on && unread ? 'unread' : on ? 'on' : 'off';
    host.dataset.message = label.textContent ?? '';
  }

  async function togglePanel() {
    if (panel) {
      panel.remove();
      panel = null;
      pill.setAttribute('aria-expanded', 'false');
      return;
    }
    panel = doc.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Số liệu của tôi / My figures');
    panel.textContent = 'Đang tải… / Loading…';
    root.appendChild(panel);
    pill.setAttribute('aria-expanded', 'true');
    const r = await deps.meSummary();
    if (!panel) return;
    panel.replaceChildren();
    if (!r.data) {
      panel.append(Object.assign(doc.createElement('p'), { textContent: r.error }));
      return;
    }
    const title = doc.createElement('h2');
    title.textContent = 'Số liệu của tôi ';
    title.append(Object.assign(doc.createElement('span'), { className: 'en', textContent: 'My figures' }));
    const dl = doc.createElement('dl');
    for (const [vi, en, v] of figureRows(r.data)) {
      const dt = Object.assign(doc.createElement('dt'), { textContent: `${vi} ` });
      dt.append(Object.assign(doc.createElement('span'), { className: 'en', textContent: en }));
      dl.append(dt, Object.assign(doc.createElement('dd'), { textContent: v }));
    }
    panel.append(title, dl);
    for (const risk of r.data.atRisk.slice(0, 5))
      panel.append(Object.assign(doc.createElement('p'), { className: 'warn', textContent: atRiskLine(risk) }));
  }

  pill.addEventListener('click', () => void togglePanel());
  pill.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') void togglePanel();
  });
  void refresh();
  const timer = setInterval(() => void refresh(), 5000);
  return {
    refresh,
    /**
     * Says recording is paused when the page's account is not the official's (the background then
     * records nothing from the page); redraws only when that changes.
     */
    setIdentityWarning(pageUser: string | null, mine: string | null) {
      const next =
        pageUser && mine && isOtherAccount(pageUser, mine)
          ? {
              vi: `trang đang đăng nhập tài khoản ${pageUser}, không phải tài khoản của bạn (${mine})`,
              en: `the back-office is signed in as ${pageUser}, not your account (${mine})`,
            }
          : null;
      if (next?.vi === paused?.vi) return;
      paused = next;
      void refresh();
    },
    /** Says when the page is not read by a profile; redraws only on a change. */
    setUnread(next: boolean) {
      if (next === unread) return;
      unread = next;
      void refresh();
    },
    remove() {
      clearInterval(timer);
      host.remove();
    },
  };
}
