/**
 * The server-rendered "classic" variant under /motcua/: index.php?mod=…&act=… URLs, full page
 * loads, a popup for the detail, an iframe for action forms, POST then redirect.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DemoOfficial } from '../../shared/demo/roster.ts';
import { CLASSIC_TASKS, kindOfTask } from './action-slugs.ts';
import { detailPage } from './classic-detail.ts';
import { actionFormPage, donePage } from './classic-form.ts';
import { mainPage, menu } from './classic-layout.ts';
import { listContent } from './classic-list.ts';
import { loginPage } from './classic-login.ts';
import { parseDateTime } from './format.ts';
import { perform } from './lifecycle.ts';
import { listQueue, parseSort } from './list-query.ts';
import { presentDetail, presentRow } from './present.ts';
import { findClassicQueue, queuesFor } from './queues.ts';
import { BUTTON_LABELS } from './rules.ts';
import { checkCredentials, CLASSIC_COOKIE } from './sessions.ts';
import { serveFile } from './static-files.ts';
import { now } from './store.ts';
import type { World } from './world.ts';

const ASSETS = join(import.meta.dirname, 'classic');
const HOME = 'index.php?mod=hoso&act=list&loai=dangxuly';

export function classicRoutes(world: World): Hono {
  const app = new Hono();
  const s = world.store;
  const me = (c: Context): DemoOfficial | null => world.sessions.official(getCookie(c, CLASSIC_COOKIE));
  const toLogin = (c: Context) => c.redirect('/motcua/login.php', 302);

  app.get('/css/:name', (c) => serveFile(c, ASSETS, c.req.param('name')));
  app.get('/js/:name', (c) => serveFile(c, ASSETS, c.req.param('name')));
  app.get('/', (c) => c.redirect(`/motcua/${HOME}`, 302));

  app.get('/login.php', (c) => (me(c) ? c.redirect(`/motcua/${HOME}`, 302) : c.html(loginPage(null, ''))));
  app.post('/login.php', async (c) => {
    const form = await c.req.formData();
    const username = String(form.get('taikhoan') ?? '');
    const r = checkCredentials(username, String(form.get('matkhau') ?? ''));
    if (!r.ok) return c.html(loginPage(r.message, username));
    setCookie(c, CLASSIC_COOKIE, world.sessions.create(r.official.username), { path: '/motcua', httpOnly: true, sameSite: 'Lax' });
    return c.redirect(`/motcua/${HOME}`, 302);
  });
  app.get('/logout.php', (c) => {
    world.sessions.destroy(getCookie(c, CLASSIC_COOKIE));
    deleteCookie(c, CLASSIC_COOKIE, { path: '/motcua' });
    return toLogin(c);
  });

  app.get('/index.php', (c) => {
    const official = me(c);
    if (!official) return toLogin(c);
    const mod = c.req.query('mod');
    const act = c.req.query('act');
    const at = now(s);
    if (mod === 'hoso' && act === 'list') {
      const queue = findClassicQueue(c.req.query('loai') ?? 'dangxuly');
      if (!queue || !queuesFor(official).includes(queue)) return c.redirect(`/motcua/${HOME}`, 302);
      const params = { q: c.req.query('q') ?? '', procedure: c.req.query('thutuc') ?? '' };
      const page = listQueue(s.dossiers, queue, official, at, {
        q: params.q,
        procedure: params.procedure || undefined,
        sort: parseSort(c.req.query('sort')),
        dir: c.req.query('dir') === 'desc' ? 'desc' : 'asc',
        page: Number(c.req.query('page') ?? 1) || 1,
        size: 15,
      });
      const content = listContent(
        official,
        queue,
        params,
        page,
        page.items.map((d) => presentRow(d, at)),
        s.brokenMarkup.classic,
      );
      return c.html(mainPage(official, queue.label.toUpperCase(), menu(official, s.dossiers, at, queue.classic), content, at));
    }
    if (mod === 'hoso' && act === 'tracuu') {
      const d = s.byCode.get((c.req.query('ma') ?? '').trim());
      if (!d || d.unitId !== official.unitId)
        return c.redirect(`/motcua/index.php?mod=hoso&act=list&loai=tracuu&q=${encodeURIComponent(c.req.query('ma') ?? '')}`, 302);
      return c.redirect(`/motcua/index.php?mod=hoso&act=view&id=${d.id}`, 302);
    }
    const d = s.byId.get(Number(c.req.query('id')));
    if (!d || d.unitId !== official.unitId) return c.html('<p>Không tìm thấy hồ sơ hoặc hồ sơ không thuộc đơn vị.</p>', 404);
    const view = presentDetail(d, official.username, at);
    if (mod === 'hoso' && act === 'view') {
      const kind = c.req.query('kq') === 'ok' ? kindOfTask(c.req.query('task') ?? '') : null;
      return c.html(detailPage(official, view, s.brokenMarkup.classic, kind ? `Đã thực hiện: ${BUTTON_LABELS[kind]}` : null));
    }
    if (mod === 'xuly' && act === 'form') {
      const kind = kindOfTask(c.req.query('task') ?? '');
      const choice = view.actions.find((x) => x.kind === kind);
      if (!choice)
        return c.html(
          `<p class="loi">Thao tác không hợp lệ với trạng thái hồ sơ.</p><input type="button" value="Đóng" onclick="parent.dongXuLy()">`,
          409,
        );
      return c.html(
        actionFormPage(official, view, choice, {
          broken: s.brokenMarkup.classic,
          error: c.req.query('loi') ?? null,
          stepCode: c.req.query('buoc') ?? null,
        }),
      );
    }
    if (mod === 'xuly' && act === 'done') return c.html(donePage(d.id, c.req.query('task') ?? ''));
    return c.redirect(`/motcua/${HOME}`, 302);
  });

  app.post('/index.php', async (c) => {
    const official = me(c);
    if (!official) return toLogin(c);
    if (c.req.query('mod') !== 'xuly' || c.req.query('act') !== 'save') return c.text('Bad request', 400);
    const form = await c.req.formData();
    const field = (n: string) => String(form.get(n) ?? '').trim() || undefined;
    const task = field('task') ?? '';
    const kind = kindOfTask(task);
    const id = Number(field('id'));
    const back = (msg: string) =>
      c.redirect(`/motcua/index.php?mod=xuly&act=form&id=${id}&task=${task}&loi=${encodeURIComponent(msg)}`, 303);
    if (!kind) return back('Thao tác không hợp lệ.');
    const when = field('ngay_hen_moi');
    const newAppointment = when ? parseDateTime(when) : null;
    if (when && !newAppointment) return back('Ngày hẹn trả mới không đúng định dạng dd/mm/yyyy hh:mm.');
    const out = perform(s, {
      account: official.username,
      dossierId: id,
      kind,
      input: {
        toAccount: field('nguoi_nhan'),
        nextStep: field('buoc_tiep'),
        note: field('ly_do') ?? field('noi_dung') ?? field('trich_yeu') ?? field('y_kien'),
        newAppointment: newAppointment ?? undefined,
        papers: form.getAll('giay_to[]').map(String),
        resultNumber: field('so_ket_qua'),
      },
      variant: 'classic',
    });
    if (!out.ok) return back(out.message);
    return c.redirect(`/motcua/index.php?mod=xuly&act=done&id=${id}&task=${CLASSIC_TASKS[kind]}`, 303);
  });

  app.all('*', (c) => c.html('<h1>404 Not Found</h1><p>Trang không tồn tại.</p>', 404));
  return app;
}
