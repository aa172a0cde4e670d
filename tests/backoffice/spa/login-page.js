// Sign-in page of the /dvc/ app.
import { api } from './api.js';
import { html } from './dom.js';
import { signedIn } from './main.js';

export function renderLogin(root) {
  delete root.dataset.account;
  root.innerHTML = html`<div class="login-page">
    <div class="ant-card login-card"><div class="ant-card-body">
      <div class="login-title">HỆ THỐNG THÔNG TIN GIẢI QUYẾT TTHC</div>
      <div class="login-sub">Tỉnh Khánh Hòa — dành cho cán bộ, công chức</div>
      <form id="form-dang-nhap" class="ant-form ant-form-vertical" autocomplete="off">
        <div class="ant-form-item"><label for="username">Tên đăng nhập</label><input id="username" name="username" class="ant-input" required></div>
        <div class="ant-form-item"><label for="password">Mật khẩu</label><input id="password" name="password" type="password" class="ant-input" required></div>
        <div class="ant-form-item-explain-error login-error" hidden></div>
        <button type="submit" class="ant-btn ant-btn-primary ant-btn-block">Đăng nhập</button>
      </form>
    </div></div></div>`.toString();
  const form = root.querySelector('#form-dang-nhap');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = form.querySelector('.login-error');
    try {
      await api('/auth/login', { body: { username: form.username.value, password: form.password.value } });
      await signedIn();
    } catch (x) {
      err.textContent = x.message;
      err.hidden = false;
    }
  });
}
