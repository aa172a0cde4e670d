// Ant-style toasts ("message"), stacked at the top and gone after a few seconds.
import { html } from './dom.js';

function holder() {
  let el = document.querySelector('.ant-message');
  if (!el) {
    el = document.createElement('div');
    el.className = 'ant-message';
    document.body.append(el);
  }
  return el;
}

export function toast(type, text, ms = 3000) {
  const notice = document.createElement('div');
  notice.className = `ant-message-notice ant-message-notice-${type}`;
  notice.innerHTML = html`<div class="ant-message-notice-content"><div class="ant-message-custom-content ant-message-${type}"><span class="anticon">${type === 'success' ? '✔' : '✖'}</span><span class="ant-message-text">${text}</span></div></div>`;
  holder().append(notice);
  setTimeout(() => notice.remove(), ms);
}
