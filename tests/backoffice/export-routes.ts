/**
 * The exports a back-office offers its staff: the tracking book as CSV or xlsx for a period
 * (`?tu=dd/MM/yyyy&den=dd/MM/yyyy`, `&donvi=` for one unit), and a dossier's process control
 * slip (HTML, or JSON lines with `?dang=json` for tests).
 */
import { Hono } from 'hono';
import { formatDateTime, parseDateTime } from './format.ts';
import { esc } from './html.ts';
import { nameOf } from './present.ts';
import { BUTTON_LABELS } from './rules.ts';
import { controlSlip, trackingBookCsv, trackingBookXlsx, type BookFilter } from './tracking-book.ts';
import type { World } from './world.ts';

function filterOf(q: (k: string) => string | undefined): BookFilter | string {
  const f: BookFilter = {};
  const from = q('tu');
  const to = q('den');
  if (from) {
    const d = parseDateTime(`${from} 00:00`);
    if (!d) return 'tu phải có dạng dd/MM/yyyy';
    f.from = d.getTime();
  }
  if (to) {
    const d = parseDateTime(`${to} 00:00`);
    if (!d) return 'den phải có dạng dd/MM/yyyy';
    f.to = d.getTime() + 86_400_000;
  }
  const unit = q('donvi');
  if (unit) f.unitIds = [unit];
  return f;
}

export function exportRoutes(world: World): Hono {
  const app = new Hono();
  const s = world.store;
  app.get('/so-theo-doi.csv', (c) => {
    const f = filterOf((k) => c.req.query(k));
    if (typeof f === 'string') return c.json({ error: { code: 'bad_request', message: f } }, 400);
    c.header('Content-Disposition', 'attachment; filename="so-theo-doi-ho-so.csv"');
    return c.body(trackingBookCsv(s, f), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
  app.get('/so-theo-doi.xlsx', async (c) => {
    const f = filterOf((k) => c.req.query(k));
    if (typeof f === 'string') return c.json({ error: { code: 'bad_request', message: f } }, 400);
    c.header('Content-Disposition', 'attachment; filename="so-theo-doi-ho-so.xlsx"');
    const buf = await trackingBookXlsx(s, f);
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });
  app.get('/phieu-kiem-soat/:code', (c) => {
    const d = s.byCode.get(c.req.param('code'));
    if (!d) return c.json({ error: { code: 'not_found', message: 'Không tìm thấy hồ sơ.' } }, 404);
    const lines = controlSlip(d);
    if (c.req.query('dang') === 'json') return c.json({ code: d.code, lines });
    const rows = lines
      .map(
        (l, i) =>
          `<tr><td>${i + 1}</td><td>${esc(l.giver ? `${nameOf(l.giver)} (${l.giver})` : 'Tổ chức, cá nhân')}</td><td>${esc(l.receiver ? `${nameOf(l.receiver)} (${l.receiver})` : '')}</td><td>${formatDateTime(l.at)}</td><td>${esc(l.step ?? '')}</td><td>${esc(BUTTON_LABELS[l.action])}</td><td>${l.lateness}</td></tr>`,
      )
      .join('');
    return c.html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Phiếu kiểm soát ${esc(d.code)}</title></head><body>
<h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1><p>Mã hồ sơ: <b id="ma-ho-so">${esc(d.code)}</b></p>
<table id="phieu-kiem-soat" border="1"><thead><tr><th>STT</th><th>Bên giao</th><th>Bên nhận</th><th>Thời gian</th><th>Bước</th><th>Kết quả</th><th>Đánh giá</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
  });
  return app;
}
