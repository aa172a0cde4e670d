import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_OFFICIALS } from '../../../shared/demo/roster.ts';
import { mainPage } from '../../backoffice/classic-layout.ts';
import { listContent } from '../../backoffice/classic-list.ts';
import { raw } from '../../backoffice/html.ts';
import { queuesFor } from '../../backoffice/queues.ts';
import type { RowView } from '../../backoffice/present.ts';

const STATIC = resolve(import.meta.dirname, '../../backoffice/classic');
export const LIST_PATH = '/motcua/index.php?mod=hoso&act=list&loai=dangxuly';

/** The dossier code on row `i` (the demo unit's, so the demo API can hold flags for it). */
export const codeOf = (i: number) => `000.00.12.H32-2511${String(1 + (i % 28)).padStart(2, '0')}-${String(1 + i).padStart(4, '0')}`;

function rowView(i: number): RowView {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const code = codeOf(i);
  return {
    id: 100_000 + i,
    code,
    procedureCode: '1.001193.000.00.00.H32',
    procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất',
    subject: `Hồ sơ số ${i + 1}`,
    channel: 'Trực tiếp',
    statusCode: 4,
    statusName: 'Đang xử lý',
    stateLabel: 'Chờ xử lý',
    stepName: 'Thẩm định hồ sơ',
    handlerAccount: 'chuyenvien1',
    handlerName: 'Nguyễn Văn An',
    receivedAt: `${day}/11/2025 08:00`,
    appointmentAt: `${day}/12/2025 17:00`,
    datesLine: `Tiếp nhận: ${day}/11/2025 08:00, hẹn trả: ${day}/12/2025 17:00`,
    late: i % 9 === 0,
    lateText: 'Quá hạn 2 ngày',
    fee: '0 đ',
    applicant: {
      name: 'Trần Thị Bình',
      idNumber: '056190001234',
      birthYear: 1980,
      phone: '0905123456',
      email: 'binh@example.vn',
      address: 'Nha Trang, Khánh Hòa',
    },
  };
}

/**
 * A list that re-renders continuously, as a polling single-page list does: every 250 ms a tenth
 * of the rows get a new status (what a framework's re-render changes in the DOM).
 * `window.__benchRenders` counts renders so the benchmark can check the page kept up.
 */
const RERENDER = `<script>
(function () {
  var cells = document.querySelectorAll('#dsHoSo tr.hs-row .trangthai');
  var labels = ['Đang xử lý', 'Chờ ký duyệt', 'Chuyển phòng chuyên môn'];
  var tick = 0;
  window.__benchRenders = 0;
  setInterval(function () {
    tick++;
    for (var i = tick % 10; i < cells.length; i += 10) cells[i].textContent = labels[(tick + i) % labels.length];
    window.__benchRenders++;
  }, 250);
})();
</script>`;

/** The simulated classic back-office's list page (its own renderers) with `rows` dossiers. */
export function listPageHtml(rows: number, rerender: boolean): string {
  const me = DEMO_OFFICIALS.find((o) => o.username === 'chuyenvien1')!;
  const queue = queuesFor(me).find((q) => q.classic === 'dangxuly') ?? queuesFor(me)[0]!;
  const views = Array.from({ length: rows }, (_, i) => rowView(i));
  const page = { items: [], total: rows, page: 1, size: rows, sort: 'appointmentAt', dir: 'asc' } as never;
  const content = listContent(me, queue, { q: '', procedure: '' }, page, views, false);
  const html = mainPage(
    me,
    'Hồ sơ đang xử lý',
    raw(''),
    raw(`${content.value}<span id="bench-tick" hidden></span>`),
    new Date('2025-11-28T09:00:00+07:00'),
  );
  return rerender ? html.replace('</body>', `${RERENDER}</body>`) : html;
}

/** Serves the list (static or re-rendering) and the classic variant's css/js on 127.0.0.1. */
export async function startListServer(rows: number): Promise<{ url: string; close(): Promise<void> }> {
  const pages = { static: listPageHtml(rows, false), rerender: listPageHtml(rows, true) };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/motcua\/(?:css|js)\/(motcua\.(?:css|js)|xem\.svg)$/.exec(url.pathname)?.[1];
    if (file) {
      const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'image/svg+xml';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(readFileSync(resolve(STATIC, file)));
    } else if (url.pathname === '/motcua/index.php') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(url.searchParams.get('bench') === 'rerender' ? pages.rerender : pages.static);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
