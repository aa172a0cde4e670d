/**
 * The classic variant's action form, loaded in the popup's iframe. A plain form POST with the
 * action in a hidden `task` input; the dossier's code and key facts repeat at the top so the
 * frame page can be read on its own.
 */
import type { DemoOfficial } from '../../shared/demo/roster.ts';
import { CLASSIC_TASKS } from './action-slugs.ts';
import { htmlDocument, userBadge } from './classic-layout.ts';
import { html, raw, type Raw } from './html.ts';
import type { DetailView } from './present.ts';
import type { ActionChoice, Person } from './rules.ts';

const TITLES: Record<string, string> = {
  receive: 'TIẾP NHẬN HỒ SƠ',
  reject: 'TỪ CHỐI TIẾP NHẬN HỒ SƠ',
  forward: 'CHUYỂN BƯỚC XỬ LÝ',
  return: 'TRẢ LẠI BƯỚC TRƯỚC',
  transfer: 'CHUYỂN NỘI BỘ',
  supplement_request: 'YÊU CẦU BỔ SUNG HỒ SƠ',
  supplement_done: 'HOÀN THÀNH BỔ SUNG',
  update_result: 'CẬP NHẬT KẾT QUẢ XỬ LÝ',
  approve: 'DUYỆT THÔNG QUA',
  stop: 'DỪNG XỬ LÝ',
  finish: 'KẾT THÚC XỬ LÝ',
  return_result: 'TRẢ KẾT QUẢ',
  recall: 'THU HỒI HỒ SƠ',
  apology: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
};

const row = (label: string, control: Raw | string, required = false) =>
  html`<tr><td class="nhan">${label}${required ? html` <font color="red">(*)</font>` : ''}</td><td>${control}</td></tr>`;

const people = (list: Person[]) =>
  html`<select name="nguoi_nhan" required="required">${list.map((p) => html`<option value="${p.account}">${p.name} - ${p.account}</option>`)}</select>`;

const area = (name: string, required: boolean, value = '') =>
  html`<textarea name="${name}" rows="3" cols="60"${required ? raw(' required="required"') : ''}>${value}</textarea>`;

function fields(d: DetailView, c: ActionChoice, stepCode: string | null): Raw[] {
  switch (c.kind) {
    case 'forward': {
      const step = c.steps!.find((s) => s.code === stepCode) ?? c.steps![0]!;
      const reload = `location.href='index.php?mod=xuly&act=form&id=${d.id}&task=chuyenbuoc&buoc='+this.value`;
      return [
        row(
          'Bước tiếp theo:',
          html`<select name="buoc_tiep" onchange="${reload}">${c.steps!.map((s) => html`<option value="${s.code}"${s.code === step.code ? raw(' selected="selected"') : ''}>${s.name}</option>`)}</select>`,
          true,
        ),
        row('Người nhận:', people(step.receivers), true),
        row('Ý kiến xử lý:', area('y_kien', false)),
      ];
    }
    case 'approve':
    case 'transfer':
      return [
        row(c.kind === 'transfer' ? 'Cán bộ nhận:' : 'Chuyển cho:', people(c.receivers!), true),
        row('Ý kiến:', area('y_kien', false, c.kind === 'approve' ? 'Đồng ý' : '')),
      ];
    case 'supplement_done':
      return [
        c.receivers ? row('Chuyển lại cho:', people(c.receivers), true) : raw(''),
        row('Ghi chú:', area('y_kien', false, 'Công dân đã nộp bổ sung đủ giấy tờ')),
      ];
    case 'return':
      return [row('Trả lại cho:', people(c.receivers!), true), row('Lý do trả lại:', area('ly_do', true), true)];
    case 'supplement_request':
      return [
        row(
          'Giấy tờ cần bổ sung:',
          html`${c.papers!.map((p) => html`<label><input type="checkbox" name="giay_to[]" value="${p}" /> ${p}</label><br />`)}`,
        ),
        row('Nội dung yêu cầu:', area('noi_dung', true), true),
      ];
    case 'update_result':
      return [
        row('Số, ký hiệu văn bản:', html`<input type="text" name="so_ket_qua" size="30" />`),
        row('Trích yếu:', area('trich_yeu', false)),
      ];
    case 'apology':
      return [
        row('Ngày hẹn trả cũ:', d.appointmentAt),
        row(
          'Ngày hẹn trả mới:',
          html`<input type="text" name="ngay_hen_moi" size="20" value="${d.suggestedAppointment}" required="required" pattern="\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}" /> (dd/mm/yyyy hh:mm)`,
          true,
        ),
        row('Lý do chậm trễ:', area('ly_do', true, 'Hồ sơ phải xác minh thêm nên giải quyết chậm so với ngày hẹn'), true),
      ];
    case 'reject':
    case 'stop':
    case 'recall':
      return [row('Lý do:', area('ly_do', true), true)];
    case 'receive':
    case 'return_result':
      return [
        row(
          'Hình thức:',
          html`<select name="hinh_thuc"><option>Trực tiếp</option><option>Bưu chính công ích</option><option>Trực tuyến</option></select>`,
        ),
        row('Ghi chú:', area('y_kien', false)),
      ];
    default:
      return [row('Ý kiến:', area('y_kien', false))];
  }
}

export function actionFormPage(
  me: DemoOfficial,
  d: DetailView,
  c: ActionChoice,
  opts: { broken: boolean; error: string | null; stepCode: string | null },
): string {
  const task = CLASSIC_TASKS[c.kind];
  const body = html`<form name="frmXuLy" id="frmXuLy" method="post" action="index.php?mod=xuly&amp;act=save">
<input type="hidden" name="task" value="${task}" />
<input type="hidden" name="id" value="${d.id}" />
<input type="hidden" name="ma_ho_so" value="${d.code}" />
<table class="tblForm" width="100%" cellspacing="0" cellpadding="4">
<tr><td colspan="2" class="frm-tieude">${TITLES[c.kind]} - Hồ sơ số: <span id="${opts.broken ? 'frm_mahs' : 'frm_mahoso'}">${d.code}</span></td></tr>
${opts.error ? html`<tr><td colspan="2" class="loi">${opts.error}</td></tr>` : ''}
<tr><td class="nhan">Thủ tục:</td><td><span id="frm_mathutuc">${d.procedureCode}</span> - ${d.procedureName}</td></tr>
<tr><td class="nhan">Trạng thái:</td><td id="frm_trangthai">${d.statusName}</td></tr>
<tr><td class="nhan">Bước hiện tại:</td><td id="frm_buoc">${d.stepName}</td></tr>
<tr><td class="nhan">Ngày hẹn trả:</td><td id="frm_hentra">${d.appointmentAt || '—'}</td></tr>
${fields(d, c, opts.stepCode)}
<tr><td class="nhan">Người thực hiện:</td><td>${userBadge(me)}</td></tr>
<tr><td></td><td><input type="submit" name="btnLuu" value="Ghi lại" class="nut nut-luu" /> <input type="button" value="Hủy bỏ" class="nut" onclick="parent.dongXuLy()" /></td></tr>
</table></form>`;
  return htmlDocument(TITLES[c.kind]!, body, 'khung-xuly');
}

/** After a save: reload the popup with a message (and the list window behind it), old-style. */
export function donePage(id: number, task: string): string {
  const target = `index.php?mod=hoso&act=view&id=${id}&kq=ok&task=${encodeURIComponent(task)}`;
  const body = html`<p class="thongbao-ok">Cập nhật thành công. Đang tải lại hồ sơ...</p>
<script type="text/javascript">
try { if (window.top.opener && !window.top.opener.closed) window.top.opener.location.reload(); } catch (e) {}
window.parent.location.href = '${raw(target)}';
</script>`;
  return htmlDocument('Cập nhật thành công', body, 'khung-xuly');
}
