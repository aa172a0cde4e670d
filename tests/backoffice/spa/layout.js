// The frame around every page: header with the signed-in official, the queue menu, content.
import { api } from './api.js';
import { html } from './dom.js';
import { app, signedOut } from './main.js';

function initials(name) {
  const parts = name.split(' ');
  return (parts[0][0] + parts[parts.length - 1][0]).toUpperCase();
}

function menuHtml(menu) {
  const here = location.pathname;
  return html`${menu.map(
    (g) => html`<li class="ant-menu-submenu ant-menu-submenu-inline ant-menu-submenu-open">
      <div class="ant-menu-submenu-title">${g.label}</div>
      <ul class="ant-menu ant-menu-sub ant-menu-inline">${g.queues.map((q) => {
        const href = g.key === 'tra-cuu' ? '/dvc/tra-cuu' : `/dvc/${g.key}/${q.key}`;
        const selected = here === href ? ' ant-menu-item-selected' : '';
        return html`<li class="ant-menu-item${selected}" data-menu-key="${g.key}/${q.key}"><a href="${href}">${q.label}</a>${g.key === 'tra-cuu' ? '' : html`<sup class="ant-badge-count">${q.count}</sup>`}</li>`;
      })}</ul></li>`,
  )}`;
}

/** Renders the layout once per session and returns the content element routes render into. */
export function renderLayout(root, session) {
  const existing = root.querySelector('#app-content');
  if (existing && root.dataset.account === session.user.account) {
    root.querySelector('.ant-menu-root').innerHTML = menuHtml(session.menu).toString();
    return existing;
  }
  const u = session.user;
  root.dataset.account = u.account;
  root.innerHTML = html`<section class="ant-layout app-layout">
    <header class="ant-layout-header app-header">
      <div class="app-logo"><span class="app-logo-mark">★</span><div><div class="app-logo-title">HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</div><div class="app-logo-sub">Tỉnh Khánh Hòa · ${u.unitName}</div></div></div>
      <div class="user-info ant-dropdown-trigger" title="${u.title}">
        <span class="ant-avatar ant-avatar-circle">${initials(u.displayName)}</span>
        <span class="user-info__text"><span class="user-info__name">${u.displayName}</span><span class="user-info__account">${u.account}</span></span>
        <span class="user-info__role">${u.roleLabel}</span>
        <button type="button" class="ant-btn ant-btn-text btn-logout">Đăng xuất</button>
      </div>
    </header>
    <section class="ant-layout ant-layout-has-sider">
      <aside class="ant-layout-sider ant-layout-sider-light"><div class="ant-layout-sider-children"><ul class="ant-menu ant-menu-root ant-menu-inline ant-menu-light">${menuHtml(session.menu)}</ul></div></aside>
      <main class="ant-layout-content" id="app-content"></main>
    </section>
  </section>`.toString();
  root.querySelector('.btn-logout').addEventListener('click', async () => {
    await api('/auth/logout', { body: {} }).catch(() => {});
    signedOut();
  });
  return root.querySelector('#app-content');
}

/** Counts change after every action; the menu is refreshed without touching the page. */
export async function refreshMenu() {
  try {
    app.session = await api('/session');
    const menu = document.querySelector('.ant-menu-root');
    if (menu) menu.innerHTML = menuHtml(app.session.menu).toString();
  } catch {
    // A failed refresh leaves the old counts; the next navigation tries again.
  }
}
