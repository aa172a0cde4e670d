/**
 * The classic variant's queue list: a full page per request, a GET search form, sort links in
 * the header, numbered page links, and dossier codes that open the detail in a popup window.
 */
import { DEMO_PROCEDURES, type DemoOfficial } from '../../shared/demo/roster.ts';
import { html, raw, type Raw } from './html.ts';
import type { ListPage, SortKey } from './list-query.ts';
import type { RowView } from './present.ts';
import type { QueueDef } from './queues.ts';

export interface ClassicListParams {
  q: string;
  procedure: string;
}

function link(queue: QueueDef, p: ClassicListParams, page: ListPage, over: Partial<{ page: number; sort: SortKey; dir: string }>): string {
  const qs = new URLSearchParams({
    mod: 'hoso',
    act: 'list',
    loai: queue.classic,
    q: p.q,
    thutuc: p.procedure,
    sort: over.sort ?? page.sort,
    dir: over.dir ?? page.dir,
    page: String(over.page ?? page.page),
  });
  return `index.php?${qs}`;
}

function sortHeader(label: string, key: SortKey, queue: QueueDef, p: ClassicListParams, page: ListPage): Raw {
  const active = page.sort === key;
  const dir = active && page.dir === 'asc' ? 'desc' : 'asc';
  return html`<a class="sapxep" href="${link(queue, p, page, { sort: key, dir, page: 1 })}">${label}</a>${active ? (page.dir === 'asc' ? ' ▲' : ' ▼') : ''}`;
}

function row(r: RowView, n: number, codeClass: string): Raw {
  const a = r.applicant;
  return html`<tr class="hs-row ${n % 2 ? 'row1' : 'row0'}${r.late ? ' quahan' : ''}" id="hs_${r.id}">
<td class="c-stt" align="center">${n}</td>
<td class="c-mahoso"><a href="javascript:void(0)" class="${codeClass}" onclick="moHoSo(${r.id}); return false;">${r.code}</a><br /><i class="kenh">${r.channel}</i></td>
<td class="c-thutuc">${r.procedureName}<br /><span class="mathutuc">${r.procedureCode}</span><br /><span class="noidung">${r.subject}</span></td>
<td class="c-trangthai"><span class="trangthai">${r.statusName}</span><br /><span class="tinhtrang">${r.stateLabel}</span></td>
<td class="c-thoigian"><span class="thoigian">${r.datesLine}</span>${r.late ? html`<br /><font color="red"><b>${r.lateText}</b></font>` : ''}</td>
<td class="c-nguoinop"><b>${a.name}</b><br />CCCD: ${a.idNumber}<br />ĐT: ${a.phone}<br />Email: ${a.email}<br />Đ/c: ${a.address}</td>
<td class="c-lephi" align="right">${r.fee}</td>
<td class="c-buoc"><span class="buocxuly">${r.stepName}</span><br /><span class="canbo">${r.handlerName}</span></td>
<td class="c-thaotac" align="center"><a href="javascript:void(0)" onclick="moHoSo(${r.id}); return false;" title="Xem chi tiết"><img src="css/xem.svg" alt="Xem" width="16" height="16" border="0" /></a></td>
</tr>`;
}

export function listContent(
  me: DemoOfficial,
  queue: QueueDef,
  p: ClassicListParams,
  page: ListPage,
  rows: RowView[],
  broken: boolean,
): Raw {
  const procs = DEMO_PROCEDURES.filter((x) => x.unitIds.includes(me.unitId));
  const start = (page.page - 1) * page.size;
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const pageLinks: Raw[] = [];
  for (let i = 1; i <= pages; i++)
    pageLinks.push(
      i === page.page
        ? html`<b class="trang-hientai">[${i}]</b> `
        : html`<a class="trang" href="${link(queue, p, page, { page: i })}">${i}</a> `,
    );
  const codeClass = broken ? 'lnk-mahs' : 'lnk-mahoso';
  return html`<form name="frmTimKiem" id="frmTimKiem" method="get" action="index.php">
<input type="hidden" name="mod" value="hoso" /><input type="hidden" name="act" value="list" /><input type="hidden" name="loai" value="${queue.classic}" />
<table class="timkiem" cellspacing="0" cellpadding="3"><tr>
<td>Từ khóa:</td><td><input type="text" name="q" size="36" value="${p.q}" /></td>
<td>Thủ tục:</td><td><select name="thutuc"><option value="">--- Tất cả ---</option>${procs.map((x) => html`<option value="${x.code}"${x.code === p.procedure ? raw(' selected="selected"') : ''}>${x.name}</option>`)}</select></td>
<td><input type="submit" value="Tìm kiếm" class="nut" /></td></tr></table></form>
<table id="dsHoSo" class="tblList" width="100%" cellspacing="0" cellpadding="4" border="1">
<tr class="trHeader">
<th width="30">STT</th><th>${sortHeader('Mã hồ sơ', 'code', queue, p, page)}</th><th>Thủ tục</th><th>${sortHeader('Trạng thái', 'status', queue, p, page)}</th>
<th>${sortHeader('Thời gian', 'appointmentAt', queue, p, page)}</th><th>Người nộp</th><th>Lệ phí</th><th>Bước / Cán bộ xử lý</th><th>Xem</th>
</tr>
${rows.length ? rows.map((r, i) => row(r, start + i + 1, codeClass)) : html`<tr><td colspan="9" align="center"><i>Không có hồ sơ nào.</i></td></tr>`}
</table>
<div class="phantrang">Tổng số: <b>${page.total}</b> hồ sơ. Trang: ${pageLinks}</div>`;
}
