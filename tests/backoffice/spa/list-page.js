// A queue's list. Paging, sorting and filtering re-render the table body in place (the page and
// the table element stay), after a fetch that takes a moment, as on Ant Design back-offices.
import { api } from './api.js';
import { html } from './dom.js';
import { app } from './main.js';

const COLUMNS = [
  { title: 'STT' },
  { title: 'Mã hồ sơ', sort: 'code' },
  { title: 'Thủ tục / Nội dung' },
  { title: 'Trạng thái', sort: 'status' },
  { title: 'Thời gian', sort: 'appointmentAt' },
  { title: 'Người nộp' },
  { title: 'Lệ phí' },
  { title: 'Đang xử lý' },
  { title: 'Thao tác' },
];

const codeClass = () => (app.session?.ui?.broken ? 'dossier-no' : 'dossier-code');

function row(item, n) {
  const a = item.applicant;
  return html`<tr class="ant-table-row ant-table-row-level-0${item.late ? ' row-late' : ''}" data-row-key="${item.id}">
    <td class="ant-table-cell col-stt">${n}</td>
    <td class="ant-table-cell col-code"><a class="${codeClass()}" href="/dvc/ho-so/${item.id}">${item.code}</a><div><span class="ant-tag channel-tag">${item.channel}</span></div></td>
    <td class="ant-table-cell col-procedure"><div class="procedure-name">${item.procedureName}</div><div class="procedure-code ant-typography-secondary">${item.procedureCode}</div><div class="dossier-subject">${item.subject}</div></td>
    <td class="ant-table-cell col-status"><span class="ant-tag dossier-status status-${item.statusCode}">${item.statusName}</span><div class="dossier-state">${item.stateLabel}</div></td>
    <td class="ant-table-cell col-dates"><div class="dossier-dates">${item.datesLine}</div>${item.late ? html`<div class="late-text">${item.lateText}</div>` : ''}</td>
    <td class="ant-table-cell col-applicant"><div class="applicant-name">${a.name}</div><div>CCCD: ${a.idNumber}</div><div>ĐT: ${a.phone}</div><div>Email: ${a.email}</div><div class="applicant-address">${a.address}</div></td>
    <td class="ant-table-cell col-fee">${item.fee}</td>
    <td class="ant-table-cell col-step"><div class="current-step">${item.stepName}</div><div class="current-handler">${item.handlerName}</div></td>
    <td class="ant-table-cell col-actions"><a class="ant-btn ant-btn-link ant-btn-sm" href="/dvc/ho-so/${item.id}">Xem</a></td>
  </tr>`;
}

function pagination(data) {
  const pages = Math.max(1, Math.ceil(data.total / data.size));
  const items = [];
  for (let p = 1; p <= pages; p++) {
    items.push(
      html`<li class="ant-pagination-item ant-pagination-item-${p}${p === data.page ? ' ant-pagination-item-active' : ''}" title="${p}" data-page="${p}"><a>${p}</a></li>`,
    );
  }
  return html`<li class="ant-pagination-total-text">Tổng số ${data.total} hồ sơ</li>
    <li class="ant-pagination-prev${data.page <= 1 ? ' ant-pagination-disabled' : ''}" data-page="${data.page - 1}" title="Trang trước"><button class="ant-pagination-item-link" type="button">‹</button></li>
    ${items}
    <li class="ant-pagination-next${data.page >= pages ? ' ant-pagination-disabled' : ''}" data-page="${data.page + 1}" title="Trang sau"><button class="ant-pagination-item-link" type="button">›</button></li>
    <li class="ant-pagination-options"><select class="ant-select page-size">${[10, 20, 50].map((n) => html`<option value="${n}"${n === data.size ? ' selected' : ''}>${n} / trang</option>`)}</select></li>`;
}

function header(state) {
  return COLUMNS.map((c) => {
    if (!c.sort) return html`<th class="ant-table-cell">${c.title}</th>`;
    const active = state.sort === c.sort;
    const arrow = active ? (state.dir === 'asc' ? '▲' : '▼') : '↕';
    return html`<th class="ant-table-cell ant-table-column-has-sorters${active ? ' ant-table-column-sort' : ''}" data-sort="${c.sort}"><div class="ant-table-column-sorters"><span class="ant-table-column-title">${c.title}</span><span class="ant-table-column-sorter">${arrow}</span></div></th>`;
  });
}

export function renderList(content, group, key) {
  const state = { group, key, page: 1, size: 10, sort: 'appointmentAt', dir: 'asc', q: '', procedure: '' };
  const groupLabel = app.session.menu.find((g) => g.key === group)?.label ?? '';
  const queueLabel = app.session.menu.find((g) => g.key === group)?.queues.find((q) => q.key === key)?.label ?? '';
  const procedures = app.session.procedures ?? [];
  content.innerHTML = html`<div class="page-list" data-queue="${group}/${key}">
    <div class="ant-page-header"><div class="ant-breadcrumb">${groupLabel} / ${queueLabel}</div><div class="ant-page-header-heading-title">${queueLabel || 'Danh sách hồ sơ'}</div></div>
    <div class="ant-card"><div class="ant-card-body">
      <form class="ant-form ant-form-inline list-filter">
        <input class="ant-input" name="q" placeholder="Mã hồ sơ, tên người nộp, số CCCD, điện thoại">
        <select class="ant-select" name="procedure"><option value="">-- Tất cả thủ tục --</option>${procedures.map((p) => html`<option value="${p.code}">${p.name}</option>`)}</select>
        <button type="submit" class="ant-btn ant-btn-primary">Tìm kiếm</button>
      </form>
      <div class="dossier-list ant-table-wrapper" data-state="loading">
        <div class="ant-spin-nested-loading"><div class="list-spin ant-spin ant-spin-spinning"><span class="ant-spin-dot"><i></i><i></i><i></i><i></i></span></div>
          <div class="ant-spin-container ant-spin-blur"><div class="ant-table"><div class="ant-table-content"><table class="dossier-table">
            <thead class="ant-table-thead"><tr></tr></thead>
            <tbody class="ant-table-tbody"><tr class="ant-table-placeholder"><td colspan="9"><div class="ant-skeleton ant-skeleton-active"><div class="ant-skeleton-title"></div><div class="ant-skeleton-title"></div></div></td></tr></tbody>
          </table></div></div></div>
        </div>
        <ul class="ant-pagination"></ul>
      </div>
    </div></div></div>`.toString();
  const wrap = content.querySelector('.dossier-list');
  const thead = wrap.querySelector('thead tr');
  const tbody = wrap.querySelector('tbody');
  const pager = wrap.querySelector('.ant-pagination');
  const container = wrap.querySelector('.ant-spin-container');
  let ticket = 0;

  async function load() {
    const mine = ++ticket;
    wrap.dataset.state = 'loading';
    container.classList.add('ant-spin-blur');
    wrap.querySelector('.list-spin').hidden = false;
    thead.innerHTML = header(state).join('');
    const qs = new URLSearchParams({
      page: state.page,
      size: state.size,
      sort: state.sort,
      dir: state.dir,
      q: state.q,
      procedure: state.procedure,
    });
    let data;
    try {
      data = await api(`/queues/${group}/${key}?${qs}`);
    } catch (e) {
      tbody.innerHTML = html`<tr class="ant-table-placeholder"><td colspan="9">${e.message}</td></tr>`.toString();
      return;
    }
    if (mine !== ticket || !wrap.isConnected) return; // a newer request or a new page superseded this one
    state.page = data.page;
    const start = (data.page - 1) * data.size;
    tbody.innerHTML = data.items.length
      ? data.items.map((it, i) => row(it, start + i + 1)).join('')
      : html`<tr class="ant-table-placeholder"><td colspan="9"><div class="ant-empty">Không có dữ liệu</div></td></tr>`.toString();
    pager.innerHTML = pagination(data).toString();
    container.classList.remove('ant-spin-blur');
    wrap.querySelector('.list-spin').hidden = true;
    wrap.dataset.state = 'loaded';
  }

  content.querySelector('.list-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = e.target.q.value;
    state.procedure = e.target.procedure.value;
    state.page = 1;
    load();
  });
  thead.addEventListener('click', (e) => {
    const th = e.target.closest('th[data-sort]');
    if (!th) return;
    state.dir = state.sort === th.dataset.sort && state.dir === 'asc' ? 'desc' : 'asc';
    state.sort = th.dataset.sort;
    load();
  });
  pager.addEventListener('click', (e) => {
    const li = e.target.closest('li[data-page]');
    if (!li || li.classList.contains('ant-pagination-disabled')) return;
    state.page = Number(li.dataset.page);
    load();
  });
  pager.addEventListener('change', (e) => {
    if (!e.target.matches('.page-size')) return;
    state.size = Number(e.target.value);
    state.page = 1;
    load();
  });
  return load();
}
