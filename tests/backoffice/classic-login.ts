/** Sign-in page of the classic variant: a plain form POST to login.php. */
import { htmlDocument } from './classic-layout.ts';
import { html } from './html.ts';

export function loginPage(error: string | null, username: string): string {
  const body = html`<table width="100%" cellspacing="0" cellpadding="0"><tr><td align="center" valign="middle" style="padding-top:120px">
<form name="frmDangNhap" id="frmDangNhap" method="post" action="login.php">
<table id="khungdangnhap" cellspacing="0" cellpadding="6">
<tr><td colspan="2" class="dn-tieude">HỆ THỐNG MỘT CỬA ĐIỆN TỬ<br /><small>Tỉnh Khánh Hòa</small></td></tr>
${error ? html`<tr><td colspan="2" class="loi">${error}</td></tr>` : ''}
<tr><td align="right">Tài khoản:</td><td><input type="text" name="taikhoan" id="taikhoan_dn" size="24" value="${username}" /></td></tr>
<tr><td align="right">Mật khẩu:</td><td><input type="password" name="matkhau" id="matkhau" size="24" /></td></tr>
<tr><td></td><td><input type="submit" value="Đăng nhập" class="nut" /></td></tr>
</table></form></td></tr></table>`;
  return htmlDocument('Đăng nhập - Hệ thống một cửa điện tử', body, 'trang-dangnhap');
}
