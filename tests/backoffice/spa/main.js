// Boots the /dvc/ app: reads the session, then renders the route in the URL. Navigation is
// client-side (History API), so the document is loaded once, as on real single-page back-offices.
import { api } from './api.js';
import { renderLayout, refreshMenu } from './layout.js';
import { renderLogin } from './login-page.js';
import { renderList } from './list-page.js';
import { renderDetail } from './detail-page.js';
import { html } from './dom.js';

const HOME = '/dvc/xu-ly-ho-so/dang-xu-ly';
export const app = { session: null };

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

async function loadSession() {
  try {
    app.session = await api('/session');
  } catch {
    app.session = null;
  }
}

async function openByCode(code) {
  try {
    const { id } = await api(`/ho-so/tra-cuu?ma=${encodeURIComponent(code)}`);
    navigate(`/dvc/ho-so/${id}`, { replace: true });
    return true;
  } catch {
    return false;
  }
}

export async function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/dvc';
  if (path === '/dvc/dang-nhap') {
    if (app.session) return navigate(HOME, { replace: true });
    return renderLogin(document.getElementById('root'));
  }
  if (!app.session) await loadSession();
  if (!app.session) return navigate('/dvc/dang-nhap', { replace: true });
  const content = renderLayout(document.getElementById('root'), app.session);
  refreshMenu();
  if (path === '/dvc') return navigate(HOME, { replace: true });
  const ma = new URLSearchParams(location.search).get('ma');
  if (path === '/dvc/tra-cuu' && ma && (await openByCode(ma))) return;
  if (path === '/dvc/tra-cuu') return renderList(content, 'tra-cuu', 'tat-ca');
  const detail = /^\/dvc\/ho-so\/(\d+)$/.exec(path);
  if (detail) return renderDetail(content, Number(detail[1]));
  const list = /^\/dvc\/([a-z-]+)\/([a-z-]+)$/.exec(path);
  if (list) return renderList(content, list[1], list[2]);
  content.innerHTML = html`<div class="ant-result ant-result-404"><div class="ant-result-title">404</div><div class="ant-result-subtitle">Trang không tồn tại.</div></div>`;
}

export async function signedIn() {
  await loadSession();
  navigate(HOME, { replace: true });
}

export function signedOut() {
  app.session = null;
  navigate('/dvc/dang-nhap', { replace: true });
}

// Links inside the app are routed without reloading the document.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[href^="/dvc/"]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', route);
window.addEventListener('dvc:unauthenticated', signedOut);
route();
