/**
 * The classic variant's dossier detail, opened in a popup window. Action buttons open the
 * action form in an iframe below them; after the form is saved the popup reloads itself.
 */
import type { DemoOfficial } from '../../shared/demo/roster.ts';
import { CLASSIC_TASKS } from './action-slugs.ts';
import { htmlDocument, userBadge } from './classic-layout.ts';
import { html, type Raw } from './html.ts';
import type { DetailView } from './present.ts';

const line = (label: string, value: unknown, id?: string) =>
  id
    ? html`<tr><td class="nhan">${label}</td><td id="${id}">${value}</td></tr>`
    : html`<tr><td class="nhan">${label}</td><td>${value}</td></tr>`;

export function detailPage(me: DemoOfficial, d: DetailView, broken: boolean, message: string | null): string {
  const a = d.applicant;
  const codeId = broken ? 'mahs_moi' : 'ma_ho_so';
  const buttons = d.actions.map(
    (x) => html`<input type="button" class="btnXuLy" value="${x.label}" onclick="moXuLy('${CLASSIC_TASKS[x.kind]}')" /> `,
  );
  const body: Raw = html`<table width="100%" class="popup-dau" cellspacing="0" cellpadding="4"><tr>
<td class="popup-tieude">THÔNG TIN CHI TIẾT HỒ SƠ</td><td align="right">Cán bộ: ${userBadge(me)}</td></tr></table>
${message ? html`<div id="thongbao" class="thongbao-ok">${message}</div>` : ''}
<input type="hidden" id="hoso_id" value="${d.id}" />
<fieldset><legend>Thông tin hồ sơ</legend>
<table class="tblChiTiet" width="100%" cellspacing="0" cellpadding="4">
<tr><td class="nhan">Mã hồ sơ:</td><td><b id="${codeId}">${d.code}</b></td></tr>
${line('Mã thủ tục:', d.procedureCode, 'ma_thu_tuc')}
${line('Tên thủ tục:', d.procedureName)}
${line('Nội dung:', d.subject)}
${line('Đơn vị tiếp nhận:', d.unitName)}
${line('Kênh nộp:', d.channel)}
${line('Trạng thái:', d.statusName, 'trang_thai')}
${line('Tình trạng:', d.stateLabel)}
${line('Bước hiện tại:', d.stepName, 'buoc_hien_tai')}
${line('Cán bộ đang xử lý:', d.handlerName)}
${line('Hạn xử lý của bước:', d.stepDeadline || '—')}
${line('Ngày nộp:', d.submittedAt)}
${line('Ngày tiếp nhận:', d.receivedAt || '—')}
${line('Ngày hẹn trả:', d.appointmentAt || '—', 'ngay_hen_tra')}
${d.late ? line('Cảnh báo:', html`<font color="red"><b>${d.lateText}</b></font>`) : ''}
${line('Lệ phí:', d.fee)}
</table></fieldset>
<fieldset><legend>Thông tin người nộp hồ sơ</legend>
<table class="tblChiTiet" width="100%" cellspacing="0" cellpadding="4">
${line('Họ tên:', a.name)}${line('Số CCCD:', a.idNumber)}${line('Năm sinh:', a.birthYear)}${line('Điện thoại:', a.phone)}${line('Email:', a.email)}${line('Địa chỉ:', a.address)}
</table></fieldset>
<fieldset><legend>Thành phần hồ sơ</legend><ol>${d.papers.map((p) => html`<li>${p}</li>`)}</ol></fieldset>
${d.supplement ? html`<fieldset><legend>Yêu cầu bổ sung</legend>${d.supplement.by} (${d.supplement.at}): ${d.supplement.note}<ul>${d.supplement.papers.map((p) => html`<li>${p}</li>`)}</ul></fieldset>` : ''}
${d.result ? html`<fieldset><legend>Kết quả xử lý</legend>Số ${d.result.number}: ${d.result.summary} (${d.result.by}, ${d.result.at})</fieldset>` : ''}
${d.apologies.length ? html`<fieldset><legend>Phiếu xin lỗi và hẹn lại</legend><ul>${d.apologies.map((x) => html`<li>${x.at} - ${x.by}: hẹn lại ${x.newAppointment}. ${x.reason}</li>`)}</ul></fieldset>` : ''}
<fieldset><legend>Quá trình luân chuyển hồ sơ</legend>
<table id="tblLuanChuyen" class="tblList" width="100%" cellspacing="0" cellpadding="3" border="1">
<tr class="trHeader"><th>STT</th><th>Thời gian</th><th>Người chuyển</th><th>Người nhận</th><th>Bước</th><th>Hạn xử lý</th><th>Thao tác</th><th>Ý kiến</th><th>Trạng thái</th></tr>
${d.history.map((h, i) => html`<tr class="${i % 2 ? 'row1' : 'row0'}"><td align="center">${i + 1}</td><td>${h.at}</td><td>${h.from}</td><td>${h.to}</td><td>${h.step}</td><td>${h.deadline}</td><td>${h.action}</td><td>${h.note}</td><td>${h.status}</td></tr>`)}
</table></fieldset>
<div id="thanhcongcu" class="thanhcongcu">${buttons}<input type="button" class="nut" value="Đóng cửa sổ" onclick="window.close()" /></div>
<div id="khungXuLy" style="display:none"><iframe id="ifrXuLy" name="ifrXuLy" src="about:blank" width="100%" height="460" frameborder="0"></iframe></div>`;
  return htmlDocument(`Hồ sơ ${d.code}`, body, 'popup');
}
