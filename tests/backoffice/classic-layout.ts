/**
 * Page chrome of the classic variant, in the style of older PHP one-stop systems: table
 * layout, a banner, a left menu of queues, and the signed-in official in the header.
 */
import { unitById, type DemoOfficial } from '../../shared/demo/roster.ts';
import { formatDate } from './format.ts';
import { html, raw, type Raw } from './html.ts';
import { QUEUE_GROUPS, queuesFor } from './queues.ts';
import type { Dossier } from './model.ts';

export function htmlDocument(title: string, body: Raw, bodyClass = ''): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>${html`${title}`.value}</title>
<link rel="stylesheet" type="text/css" href="css/motcua.css" />
<script type="text/javascript" src="js/motcua.js"></script>
</head>
<body class="${bodyClass}">
${body.value}
</body>
</html>`;
}

/** The account sits in `#taikhoan` on every page (main window, popup and frame). */
export function userBadge(me: DemoOfficial): Raw {
  return html`<b class="hoten">${me.displayName}</b> (<span id="taikhoan">${me.username}</span>)`;
}

export function menu(me: DemoOfficial, dossiers: Dossier[], at: Date, current: string): Raw {
  const mine = queuesFor(me);
  const groups = QUEUE_GROUPS.map((g) => {
    const qs = mine.filter((q) => q.group === g.key);
    if (qs.length === 0) return raw('');
    const links = qs.map((q) => {
      const n = dossiers.filter((d) => q.test(d, me, at)).length;
      const cls = q.classic === current ? 'menu-chon' : '';
      return html`<tr><td class="menu-muc ${cls}">&raquo; <a href="index.php?mod=hoso&amp;act=list&amp;loai=${q.classic}">${q.label}</a> <span class="soluong">(${n})</span></td></tr>`;
    });
    return html`<tr><td class="menu-nhom">${g.label.toUpperCase()}</td></tr>${links}`;
  });
  return html`<table id="menutrai" class="menu" width="100%" cellspacing="0" cellpadding="4">${groups}</table>`;
}

export function mainPage(me: DemoOfficial, title: string, menuHtml: Raw, content: Raw, at: Date): string {
  const unit = unitById(me.unitId)?.name ?? me.unitId;
  const body = html`<table id="khung" width="100%" cellspacing="0" cellpadding="0">
<tr><td colspan="2" id="banner"><table width="100%" cellspacing="0" cellpadding="0"><tr>
  <td class="banner-trai"><div class="tieude-ht">HỆ THỐNG MỘT CỬA ĐIỆN TỬ</div><div class="tieude-dv">${unit.toUpperCase()} - TỈNH KHÁNH HÒA</div></td>
  <td class="banner-phai" align="right" id="thongtincanbo">Xin chào: ${userBadge(me)}<br /><span class="chucvu">${me.title}</span> | <a href="logout.php">Thoát</a></td>
</tr></table></td></tr>
<tr><td colspan="2" id="thanhngang">Hôm nay: <span id="ngayhientai">${formatDate(at)}</span></td></tr>
<tr valign="top"><td id="cottrai" width="230">${menuHtml}</td><td id="noidung">
<div class="tieude-trang">${title}</div>
${content}
</td></tr>
<tr><td colspan="2" id="chantrang">Bản quyền &copy; Văn phòng UBND tỉnh Khánh Hòa. Phiên bản 3.2 (mô phỏng)</td></tr>
</table>`;
  return htmlDocument(`${title} - Hệ thống một cửa điện tử`, body);
}
