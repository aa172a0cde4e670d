// The Material-style app: client-side routes /mat/ho-so (list) and /mat/ho-so/:id (detail).
const root = document.querySelector('app-root');
const overlay = document.querySelector('.cdk-overlay-container');
const PAGE_SIZE = 5;
const TITLES = { forward: 'Chuyển bước xử lý', transfer: 'Chuyển nội bộ', return: 'Trả lại bước trước' };
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
let page = 1;

async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`/dvc/api${path}`, { credentials: 'same-origin', ...init });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data?.error?.message ?? `Lỗi ${res.status}`);
  return data;
}

/** dd/MM/yyyy HH:mm → yyyy-MM-dd HH:mm: this app writes dates its own way in the list. */
const iso = (s) => (/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2})$/.exec(s ?? '') ? s.replace(/^(\d{2})\/(\d{2})\/(\d{4}) /, '$3-$2-$1 ') : '');

function navigate(path) {
  history.pushState(null, '', path);
  route();
}

async function shell() {
  const session = await api('/session');
  return `<mat-toolbar class="mat-toolbar"><span>Cổng xử lý hồ sơ</span><a href="/mat/ho-so" class="nav">Hồ sơ đang xử lý</a>
    <button class="user-menu-trigger" aria-label="Tài khoản"><mat-icon class="mat-icon material-icons">account_circle</mat-icon></button>
    <div class="mat-menu-panel user-menu" hidden><span class="mat-menu-item">Tài khoản: <b class="account">${esc(session.user.username ?? session.user.account)}</b></span></div></mat-toolbar>`;
}

async function renderList() {
  const head = await shell();
  const data = await api(`/queues/xu-ly-ho-so/dang-xu-ly?page=${page}&size=${PAGE_SIZE}`);
  const rows = data.items
    .map(
      (d) => `<mat-row class="mat-row" role="row" data-id="${d.id}">
      <mat-cell class="mat-column-code"><a class="code-link" href="/mat/ho-so/${d.id}">${esc(d.code)}</a></mat-cell>
      <mat-cell class="mat-column-applicant">${esc(d.applicant.name)} · ${esc(d.applicant.phone)}</mat-cell>
      <mat-cell class="mat-column-status"><mat-icon class="mat-icon material-icons">schedule</mat-icon> ${esc(d.statusName)}</mat-cell>
      <mat-cell class="mat-column-step">${esc(d.stepName)}</mat-cell>
      <mat-cell class="mat-column-due">${esc(iso(d.appointmentAt))}</mat-cell>
      <mat-cell class="mat-column-actions">
        <button class="row-action" data-kind="forward"><mat-icon class="mat-icon material-icons">send</mat-icon> Chuyển xử lý</button>
        <button class="row-action" data-kind="transfer"><mat-icon class="mat-icon material-icons">swap_horiz</mat-icon> Chuyển nội bộ</button>
      </mat-cell></mat-row>`,
    )
    .join('');
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  root.innerHTML = `${head}<app-dossier-list><mat-table class="mat-table" data-state="loaded">
    <mat-header-row class="mat-header-row"><mat-header-cell>Mã hồ sơ</mat-header-cell><mat-header-cell>Người nộp</mat-header-cell><mat-header-cell>Trạng thái</mat-header-cell><mat-header-cell>Bước</mat-header-cell><mat-header-cell>Hạn</mat-header-cell><mat-header-cell>Thao tác</mat-header-cell></mat-header-row>
    <div class="rows">${rows}</div></mat-table>
    <mat-paginator class="mat-paginator"><span class="mat-paginator-range-label">Trang ${page} / ${pages}</span>
    <button class="mat-paginator-navigation-previous" ${page <= 1 ? 'disabled' : ''}><mat-icon class="mat-icon material-icons">chevron_left</mat-icon></button>
    <button class="mat-paginator-navigation-next" ${page >= pages ? 'disabled' : ''}><mat-icon class="mat-icon material-icons">chevron_right</mat-icon></button></mat-paginator></app-dossier-list>`;
}

async function renderDetail(id) {
  const head = await shell();
  const d = await api(`/ho-so/${id}`);
  const pair = (label, value) => `<div class="info-label">${label}</div>\n<div class="info-value">${value}</div>\n`;
  root.innerHTML = `${head}<app-dossier-detail><mat-card class="mat-card"><div class="info-grid">
${pair('Mã hồ sơ', esc(d.code))}${pair('Thủ tục', `${esc(d.procedureCode)} – ${esc(d.procedureName)}`)}${pair('Người nộp', esc(d.applicant.name))}${pair('Trạng thái', `<mat-icon class="mat-icon material-icons">schedule</mat-icon> ${esc(d.statusName)}`)}${pair('Bước xử lý', esc(d.stepName))}${pair('Ngày hẹn trả', esc(d.appointmentAt))}
</div></mat-card></app-dossier-detail>`;
}

/** One shared dialog component for every row action: its title says which; no form, "Đồng ý" confirms. */
async function openDialog(id, kind) {
  const d = await api(`/ho-so/${id}`);
  const choice = d.actions.find((a) => a.kind === kind);
  if (!choice) return alert('Không thực hiện được thao tác này với hồ sơ.');
  const step = choice.steps?.[0];
  const receivers = step?.receivers ?? choice.receivers ?? [];
  overlay.innerHTML = `<div class="cdk-overlay-pane"><mat-dialog-container class="mat-dialog-container" role="dialog">
    <h2 mat-dialog-title class="mat-dialog-title">${TITLES[kind]}</h2>
    <mat-dialog-content><p>Hồ sơ đang chọn sẽ được chuyển.</p><label>Người nhận
    <mat-select class="receiver"><span class="mat-select-value-text" data-account="${esc(receivers[0]?.account)}">${esc(receivers[0]?.name)} - Cán bộ</span></mat-select></label></mat-dialog-content>
    <mat-dialog-actions><button class="mat-button cancel">Hủy</button><button class="mat-raised-button confirm"><mat-icon class="mat-icon material-icons">check</mat-icon> Đồng ý</button></mat-dialog-actions>
  </mat-dialog-container></div>`;
  overlay.querySelector('.cancel').onclick = () => (overlay.innerHTML = '');
  overlay.querySelector('.confirm').onclick = async () => {
    await api(`/ho-so/${id}/xu-ly`, { kind, toAccount: receivers[0]?.account, nextStep: step?.code });
    overlay.innerHTML = '';
    await renderList();
  };
}

document.addEventListener('click', (e) => {
  const link = e.target.closest('a[href^="/mat/"]');
  if (link) {
    e.preventDefault();
    return navigate(link.getAttribute('href'));
  }
  const action = e.target.closest('.row-action');
  if (action) return void openDialog(action.closest('mat-row').dataset.id, action.dataset.kind);
  if (e.target.closest('.mat-paginator-navigation-next')) {
    page++;
    return void renderList();
  }
  if (e.target.closest('.mat-paginator-navigation-previous')) {
    page--;
    return void renderList();
  }
});

async function route() {
  const detail = /^\/mat\/ho-so\/(\d+)$/.exec(location.pathname);
  try {
    if (detail) await renderDetail(detail[1]);
    else await renderList();
  } catch (err) {
    root.innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
}
window.addEventListener('popstate', route);
route();
