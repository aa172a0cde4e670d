/**
 * The interactive documentation: one self-contained page (no CDN, nothing fetched but our own
 * /openapi.json) that lists the operations and sends requests with the "try it" form. The script
 * builds the DOM with textContent only, so nothing in the document is ever parsed as HTML.
 */
const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#0b3d63;color:#fff;padding:12px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0 16px 0 0}header a{color:#cfe3f5}header input{padding:4px 6px;min-width:260px}
main{max-width:1100px;margin:0 auto;padding:12px 20px}h2{font-size:16px;margin:24px 0 8px;text-transform:capitalize}
details{background:#fff;border:1px solid #d6dbe1;border-radius:6px;margin:6px 0}summary{cursor:pointer;padding:8px 10px;display:flex;gap:10px;align-items:baseline}
.m{font-weight:700;text-transform:uppercase;min-width:58px;font-family:monospace}.get{color:#0a7a3b}.post{color:#0b5cad}.put,.patch{color:#9a5b00}.delete{color:#b3261e}
.p{font-family:monospace}.s{color:#55606e}.roles{font-size:12px;color:#55606e}.body{padding:0 12px 12px}
textarea{width:100%;min-height:120px;font-family:monospace;font-size:12px}label{display:block;margin:6px 0 2px}
pre{background:#0f1720;color:#d7e3ee;padding:8px;overflow:auto;max-height:360px;font-size:12px}button{padding:4px 12px;margin-top:6px}
`;

const SCRIPT = `
const $ = (tag, attrs = {}, ...kids) => { const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v); }
  for (const k of kids) if (k != null) e.append(k); return e; };
const tokenBox = document.getElementById('token');
tokenBox.value = sessionStorage.getItem('dp-token') || '';
tokenBox.addEventListener('change', () => sessionStorage.setItem('dp-token', tokenBox.value.trim()));
let doc;
const resolve = (s) => { let n = 0; while (s && s.$ref && n++ < 20) s = doc.components.schemas[s.$ref.split('/').pop()]; return s || {}; };
function skeleton(schema, depth = 0) {
  const s = resolve(schema);
  if (depth > 4) return null;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0]; if (s.const !== undefined) return s.const;
  if (s.anyOf || s.oneOf) return skeleton((s.anyOf || s.oneOf)[0], depth + 1);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'object': { const o = {}; for (const k of s.required || []) o[k] = skeleton(s.properties?.[k], depth + 1); return o; }
    case 'array': return []; case 'string': return ''; case 'number': case 'integer': return 0; case 'boolean': return false; default: return null;
  }
}
function operation(path, method, op) {
  const inputs = {};
  const params = (op.parameters || []).map((p) => { const i = $('input', { placeholder: p.in + (p.required ? ' *' : '') }); inputs[p.name] = [p, i]; return $('label', {}, p.name + ' ', i); });
  const media = op.requestBody?.content?.['application/json'];
  const body = media ? $('textarea', {}) : null;
  if (body) body.value = JSON.stringify(media.example ?? skeleton(media.schema), null, 2);
  const out = $('pre', {}, '');
  async function send() {
    let url = path; const q = new URLSearchParams();
    for (const [name, [p, i]] of Object.entries(inputs)) { if (!i.value) continue; if (p.in === 'path') url = url.replace('{' + name + '}', encodeURIComponent(i.value)); else q.set(name, i.value); }
    if ([...q].length) url += '?' + q;
    const headers = {}; const token = tokenBox.value.trim();
    if (token) headers.authorization = 'Bearer ' + token;
    if (body) headers['content-type'] = 'application/json';
    out.textContent = '…';
    try {
      const res = await fetch(url, { method: method.toUpperCase(), headers, body: body ? body.value : undefined });
      const text = await res.text(); let shown = text;
      try { const json = JSON.parse(text); shown = JSON.stringify(json, null, 2); if (json.token && path === '/v1/auth/login') { tokenBox.value = json.token; sessionStorage.setItem('dp-token', json.token); } } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\\n\\n' + shown;
    } catch (e) { out.textContent = String(e); }
  }
  const roles = (op['x-roles'] || []).join(', ') + (op['x-scoped'] ? ' · phạm vi đơn vị / unit scope' : '') + (op['x-province-wide'] ? ' · cấp tỉnh / province admin' : '');
  const schemaView = $('details', {}, $('summary', {}, 'Schema'), $('pre', {}, JSON.stringify({ request: media ? resolve(media.schema) : undefined, responses: op.responses }, null, 2)));
  return $('details', { 'data-search': (method + ' ' + path + ' ' + op.summary).toLowerCase() },
    $('summary', {}, $('span', { class: 'm ' + method }, method), $('span', { class: 'p' }, path), $('span', { class: 's' }, op.summary)),
    $('div', { class: 'body' }, $('div', { class: 'roles' }, 'Vai trò / roles: ' + roles), ...params,
      body ? $('label', {}, 'Nội dung / body (JSON)') : null, body, $('button', { onclick: send }, 'Gửi / Send'), out, schemaView));
}
async function main() {
  doc = await (await fetch('openapi.json')).json();
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version + ' (OpenAPI ' + doc.openapi + ')';
  const main = document.querySelector('main'); const groups = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags || ['other'])[0]; if (!groups.has(tag)) groups.set(tag, []); groups.get(tag).push(operation(path, method, op)); }
  for (const [tag, items] of groups) main.append($('h2', {}, tag), ...items);
  document.getElementById('filter').addEventListener('input', (e) => { const q = e.target.value.toLowerCase();
    for (const d of main.querySelectorAll('details[data-search]')) d.style.display = d.dataset.search.includes(q) ? '' : 'none'; });
}
main().catch((e) => { document.querySelector('main').textContent = 'Không tải được tài liệu / Could not load the document: ' + e; });
`;

export function docsPage(nonce: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dossier Pulse API</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header><h1 id="title">Dossier Pulse API</h1>
<input id="token" placeholder="Bearer token (đăng nhập qua /v1/auth/login / sign in with /v1/auth/login)" autocomplete="off">
<input id="filter" placeholder="Lọc / filter"><a href="openapi.json">openapi.json</a></header>
<main></main><script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

/** Inline code runs only with this request's nonce; requests may go only to this server. */
export function docsCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
