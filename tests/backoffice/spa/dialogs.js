// Action dialogs (Ant-style modals). Each action kind has its own form id, so a site profile
// can tell the confirmations apart; opening and cancelling a dialog submits nothing.
import { api } from './api.js';
import { html } from './dom.js';
import { toast } from './message.js';

const TITLES = {
  receive: 'Tiếp nhận hồ sơ',
  reject: 'Từ chối tiếp nhận hồ sơ',
  forward: 'Chuyển bước xử lý',
  return: 'Trả lại bước trước',
  transfer: 'Chuyển nội bộ',
  supplement_request: 'Yêu cầu bổ sung hồ sơ',
  supplement_done: 'Hoàn thành bổ sung',
  update_result: 'Cập nhật kết quả xử lý',
  approve: 'Duyệt thông qua',
  stop: 'Dừng xử lý hồ sơ',
  finish: 'Kết thúc xử lý',
  return_result: 'Trả kết quả',
  recall: 'Thu hồi hồ sơ đã chuyển',
  apology: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
};

const field = (label, control, required = false) =>
  html`<div class="ant-form-item${required ? ' ant-form-item-required' : ''}"><label class="ant-form-item-label">${label}</label><div class="ant-form-item-control">${control}</div></div>`;

const receiverSelect = (people) =>
  html`<select class="ant-select" name="nguoiNhan" required>${people.map((p) => html`<option value="${p.account}">${p.name} (${p.account})</option>`)}</select>`;

const textarea = (name, required, placeholder = '', value = '') =>
  html`<textarea class="ant-input" name="${name}" rows="3" placeholder="${placeholder}"${required ? ' required' : ''}>${value}</textarea>`;

function body(d, c) {
  switch (c.kind) {
    case 'forward':
      return [
        field(
          'Bước tiếp theo',
          html`<select class="ant-select" name="buocTiep">${c.steps.map((s) => html`<option value="${s.code}">${s.name}</option>`)}</select>`,
          true,
        ),
        field('Người nhận', receiverSelect(c.steps[0]?.receivers ?? []), true),
        field('Ý kiến xử lý', textarea('yKien', false, 'Nhập ý kiến')),
      ];
    case 'approve':
      return [field('Chuyển cho', receiverSelect(c.receivers), true), field('Ý kiến phê duyệt', textarea('yKien', false, '', 'Đồng ý'))];
    case 'transfer':
      return [field('Cán bộ nhận', receiverSelect(c.receivers), true), field('Ý kiến', textarea('yKien', false))];
    case 'return':
      return [field('Trả lại cho', receiverSelect(c.receivers), true), field('Lý do trả lại', textarea('lyDo', true), true)];
    case 'supplement_done':
      return [
        c.receivers && field('Chuyển lại cho cán bộ yêu cầu', receiverSelect(c.receivers), true),
        field('Ghi chú', textarea('yKien', false, '', 'Công dân đã nộp bổ sung đủ giấy tờ')),
      ];
    case 'supplement_request':
      return [
        field(
          'Giấy tờ cần bổ sung',
          html`<div class="ant-checkbox-group">${c.papers.map((p) => html`<label class="ant-checkbox-wrapper"><input type="checkbox" name="giayTo" value="${p}"> ${p}</label>`)}</div>`,
        ),
        field('Nội dung yêu cầu bổ sung', textarea('noiDung', true, 'Nêu rõ giấy tờ, nội dung cần bổ sung'), true),
      ];
    case 'update_result':
      return [
        field('Số, ký hiệu văn bản kết quả', html`<input class="ant-input" name="soKetQua" placeholder="VD: 123/QĐ-STNMT">`),
        field('Trích yếu kết quả', textarea('trichYeu', false)),
      ];
    case 'apology':
      return [
        field('Ngày hẹn trả cũ', html`<input class="ant-input" value="${d.appointmentAt}" disabled>`),
        field(
          'Ngày hẹn trả mới (dd/MM/yyyy HH:mm)',
          html`<input class="ant-input" name="ngayHenMoi" required pattern="\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}" value="${d.suggestedAppointment}">`,
          true,
        ),
        field('Lý do chậm trễ', textarea('lyDo', true, '', 'Hồ sơ phải xác minh thêm nên giải quyết chậm so với ngày hẹn'), true),
      ];
    case 'reject':
    case 'stop':
    case 'recall':
      return [field('Lý do', textarea('lyDo', true), true)];
    case 'receive':
    case 'return_result':
      return [
        field(
          c.kind === 'receive' ? 'Hình thức nhận kết quả' : 'Hình thức trả',
          html`<select class="ant-select" name="hinhThuc"><option>Trực tiếp</option><option>Bưu chính công ích</option><option>Trực tuyến</option></select>`,
        ),
        field('Ghi chú', textarea('yKien', false)),
      ];
    default:
      return [field('Ý kiến', textarea('yKien', false))];
  }
}

function payload(c, form) {
  const v = (name) => form.elements[name]?.value?.trim() || undefined;
  return {
    kind: c.kind,
    toAccount: v('nguoiNhan'),
    nextStep: v('buocTiep'),
    note: v('lyDo') ?? v('noiDung') ?? v('trichYeu') ?? v('yKien'),
    newAppointment: v('ngayHenMoi'),
    resultNumber: v('soKetQua'),
    papers: [...form.querySelectorAll('input[name=giayTo]:checked')].map((x) => x.value),
  };
}

/** Opens the dialog for one action; `done` runs after the server accepted it. */
export function openActionDialog(d, c, done) {
  const root = document.createElement('div');
  root.className = 'ant-modal-root';
  root.innerHTML = html`<div class="ant-modal-mask"></div><div class="ant-modal-wrap" tabindex="-1">
    <div class="ant-modal" role="dialog" aria-modal="true" data-action="${c.kind}"><div class="ant-modal-content">
      <form id="${c.formId}" class="ant-form ant-form-vertical action-form">
        <div class="ant-modal-header"><div class="ant-modal-title">${TITLES[c.kind]}</div><button type="button" class="ant-modal-close" aria-label="Đóng">×</button></div>
        <div class="ant-modal-body"><div class="modal-dossier">Hồ sơ: <b>${d.code}</b> — ${d.procedureName}</div>${body(d, c)}</div>
        <div class="ant-modal-footer"><button type="button" class="ant-btn ant-btn-default btn-cancel">Hủy</button><button type="submit" class="ant-btn ant-btn-primary btn-confirm">${c.label}</button></div>
      </form>
    </div></div></div>`.toString();
  document.body.append(root);
  const form = root.querySelector('form');
  const close = () => root.remove();
  root.querySelector('.btn-cancel').addEventListener('click', close);
  root.querySelector('.ant-modal-close').addEventListener('click', close);
  const stepSelect = form.elements.buocTiep;
  stepSelect?.addEventListener('change', () => {
    const step = c.steps.find((s) => s.code === stepSelect.value);
    form.elements.nguoiNhan.innerHTML = step.receivers
      .map((p) => html`<option value="${p.account}">${p.name} (${p.account})</option>`)
      .join('');
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const confirm = form.querySelector('.btn-confirm');
    confirm.disabled = true;
    confirm.classList.add('ant-btn-loading');
    try {
      await api(`/ho-so/${d.id}/xu-ly`, { body: payload(c, form) });
      close();
      toast('success', `${c.label}: thực hiện thành công`);
      await done();
    } catch (x) {
      toast('error', x.message);
      confirm.disabled = false;
      confirm.classList.remove('ant-btn-loading');
    }
  });
  form.querySelector('select, textarea, input:not([disabled])')?.focus();
}
