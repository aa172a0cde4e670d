// A dossier's detail at /dvc/ho-so/:id (the internal id; the code is only on the page). The
// action bar shows exactly the actions the server allows this official in this state.
import { api } from './api.js';
import { html } from './dom.js';
import { app } from './main.js';
import { openActionDialog } from './dialogs.js';
import { refreshMenu } from './layout.js';

const codeClass = () => (app.session?.ui?.broken ? 'dossier-no' : 'dossier-code');

function item(label, value, extra = '') {
  return html`<th class="ant-descriptions-item-label">${label}</th><td class="ant-descriptions-item-content${extra}">${value}</td>`;
}

function card(title, body, cls = '') {
  return html`<div class="ant-card ${cls}"><div class="ant-card-head"><div class="ant-card-head-title">${title}</div></div><div class="ant-card-body">${body}</div></div>`;
}

function view(d) {
  const a = d.applicant;
  const info = html`<table class="ant-descriptions-view"><tbody>
    <tr class="ant-descriptions-row">${item('Mã hồ sơ', html`<span class="${codeClass()}">${d.code}</span>`)}${item('Kênh nộp', d.channel)}</tr>
    <tr class="ant-descriptions-row">${item('Thủ tục', html`<span class="procedure-code">${d.procedureCode}</span> — <span class="procedure-name">${d.procedureName}</span>`)}${item('Đơn vị tiếp nhận', d.unitName)}</tr>
    <tr class="ant-descriptions-row">${item('Nội dung', d.subject)}${item('Lệ phí', d.fee)}</tr>
    <tr class="ant-descriptions-row">${item('Trạng thái', html`<span class="ant-tag dossier-status status-${d.statusCode}">${d.statusName}</span> <span class="dossier-state">${d.stateLabel}</span>`)}${item('Bước hiện tại', html`<span class="current-step">${d.stepName}</span>`)}</tr>
    <tr class="ant-descriptions-row">${item('Người đang xử lý', html`<span class="current-handler">${d.handlerName}</span>`)}${item('Hạn xử lý của bước', html`<span class="step-deadline">${d.stepDeadline || '—'}</span>`)}</tr>
    <tr class="ant-descriptions-row">${item('Ngày nộp', d.submittedAt)}${item('Ngày tiếp nhận', html`<span class="received-at">${d.receivedAt || '—'}</span>`)}</tr>
    <tr class="ant-descriptions-row">${item('Ngày hẹn trả', html`<span class="appointment-at">${d.appointmentAt || '—'}</span>${d.late ? html` <span class="ant-tag ant-tag-red late-text">${d.lateText}</span>` : ''}`)}${item('Tình trạng', d.late ? 'Quá hạn' : d.statusCode === 5 ? 'Tạm dừng tính thời gian (chờ bổ sung)' : 'Trong hạn')}</tr>
  </tbody></table>`;
  const applicant = html`<table class="ant-descriptions-view applicant"><tbody>
    <tr class="ant-descriptions-row">${item('Họ và tên', html`<span class="applicant-name">${a.name}</span>`)}${item('Số CCCD', a.idNumber)}</tr>
    <tr class="ant-descriptions-row">${item('Năm sinh', a.birthYear)}${item('Điện thoại', a.phone)}</tr>
    <tr class="ant-descriptions-row">${item('Email', a.email)}${item('Địa chỉ', a.address)}</tr>
  </tbody></table>`;
  const steps = html`<div class="ant-steps ant-steps-horizontal">${d.steps.map(
    (s, i) =>
      html`<div class="ant-steps-item${s.current ? ' ant-steps-item-process' : ''}"><div class="ant-steps-item-icon">${i + 1}</div><div class="ant-steps-item-content"><div class="ant-steps-item-title">${s.name}</div><div class="ant-steps-item-description">${s.role} · ${s.hours} giờ</div></div></div>`,
  )}</div>`;
  const papers = html`<ol class="papers">${d.papers.map((p) => html`<li>${p}</li>`)}</ol>`;
  const extra = [
    d.supplement &&
      card(
        'Yêu cầu bổ sung',
        html`<p>${d.supplement.by} yêu cầu lúc ${d.supplement.at}: ${d.supplement.note}</p><ul>${d.supplement.papers.map((p) => html`<li>${p}</li>`)}</ul>`,
        'card-supplement',
      ),
    d.result &&
      card('Kết quả xử lý', html`<p>Số ${d.result.number} — ${d.result.summary} (${d.result.by}, ${d.result.at})</p>`, 'card-result'),
    d.apologies.length > 0 &&
      card(
        'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
        html`<ul>${d.apologies.map((x) => html`<li>${x.at} — ${x.by}: hẹn lại ${x.newAppointment}. ${x.reason}</li>`)}</ul>`,
        'card-apology',
      ),
  ];
  const history = html`<div class="ant-table"><table class="history-table"><thead class="ant-table-thead"><tr><th>STT</th><th>Thời gian</th><th>Người chuyển</th><th>Người nhận</th><th>Bước xử lý</th><th>Hạn xử lý</th><th>Thao tác</th><th>Ý kiến</th><th>Trạng thái</th></tr></thead>
    <tbody class="ant-table-tbody">${d.history.map((h, i) => html`<tr class="ant-table-row"><td>${i + 1}</td><td>${h.at}</td><td>${h.from}</td><td>${h.to}</td><td>${h.step}</td><td>${h.deadline}</td><td>${h.action}</td><td>${h.note}</td><td>${h.status}</td></tr>`)}</tbody></table></div>`;
  const actions = html`<div class="dossier-actions ant-space">${d.actions.map(
    (x) =>
      html`<button type="button" class="ant-btn ${x.kind === 'forward' || x.kind === 'receive' ? 'ant-btn-primary' : 'ant-btn-default'} btn-action" data-action="${x.kind}">${x.label}</button>`,
  )}${d.actions.length === 0 ? html`<span class="ant-typography-secondary">Không có thao tác nào cho tài khoản này ở trạng thái hiện tại.</span>` : ''}</div>`;
  return html`<div class="dossier-detail" data-id="${d.id}">
    <div class="ant-page-header"><a class="ant-page-header-back" href="javascript:history.back()">← Quay lại</a><div class="ant-page-header-heading-title">Chi tiết hồ sơ</div></div>
    ${actions}
    ${card('Thông tin hồ sơ', info)}
    ${card('Thông tin người nộp', applicant)}
    ${card('Quy trình xử lý', steps)}
    ${card('Thành phần hồ sơ', papers)}
    ${extra}
    ${card('Quá trình xử lý', history, 'card-history')}
  </div>`;
}

export async function renderDetail(content, id) {
  content.innerHTML =
    html`<div class="page-detail"><div class="ant-skeleton ant-skeleton-active detail-skeleton"><div class="ant-skeleton-title"></div><div class="ant-skeleton-paragraph"><i></i><i></i><i></i></div></div></div>`.toString();
  const page = content.firstElementChild;
  let d;
  try {
    d = await api(`/ho-so/${id}`);
  } catch (e) {
    page.innerHTML = html`<div class="ant-result ant-result-404"><div class="ant-result-title">${e.message}</div></div>`.toString();
    return;
  }
  if (!page.isConnected) return;
  page.innerHTML = view(d).toString();
  page.querySelector('.dossier-actions').addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-action]');
    if (!btn) return;
    const choice = d.actions.find((x) => x.kind === btn.dataset.action);
    openActionDialog(d, choice, async () => {
      await renderDetail(content, id);
      refreshMenu();
    });
  });
}
