/**
 * The single-page variant under /dvc/: one HTML shell for every client-side route, static ES
 * modules, and the JSON API the page fetches (`/dvc/api/...`), slowed down a little so content
 * appears late as it does on real back-offices.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ACTION_KINDS } from '../../shared/schemas/dossier.ts';
import { DEMO_PROCEDURES, type DemoOfficial } from '../../shared/demo/roster.ts';
import { SPA_FORM_IDS } from './action-slugs.ts';
import { parseDateTime } from './format.ts';
import { perform } from './lifecycle.ts';
import { listQueue, parseSort } from './list-query.ts';
import { describeOfficial, presentDetail, presentRow } from './present.ts';
import { findQueue, QUEUE_GROUPS, queuesFor } from './queues.ts';
import { checkCredentials, SPA_COOKIE } from './sessions.ts';
import { spaShell } from './spa-shell.ts';
import { serveFile } from './static-files.ts';
import { now } from './store.ts';
import type { World } from './world.ts';

const ASSETS = join(import.meta.dirname, 'spa');

const actionBody = z.object({
  kind: z.enum(ACTION_KINDS),
  toAccount: z.string().max(100).optional(),
  nextStep: z.string().max(100).optional(),
  note: z.string().max(4000).optional(),
  newAppointment: z.string().max(40).optional(),
  papers: z.array(z.string().max(400)).max(20).optional(),
  resultNumber: z.string().max(100).optional(),
});

const loginBody = z.object({ username: z.string().max(100), password: z.string().max(200) });

type Env = { Variables: { me: DemoOfficial } };

const error = (c: Context, status: 400 | 401 | 403 | 404 | 409, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

export function spaRoutes(world: World): Hono<Env> {
  const app = new Hono<Env>();
  const s = world.store;
  const sleep = () => new Promise((r) => setTimeout(r, s.latencyMs));

  app.get('/assets/:name', (c) => serveFile(c, ASSETS, c.req.param('name')));

  app.post('/api/auth/login', async (c) => {
    const parsed = loginBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return error(c, 400, 'bad_request', 'Thiếu tên đăng nhập hoặc mật khẩu.');
    const r = checkCredentials(parsed.data.username, parsed.data.password);
    if (!r.ok) return error(c, 401, 'bad_credentials', r.message);
    setCookie(c, SPA_COOKIE, world.sessions.create(r.official.username), { path: '/dvc', httpOnly: true, sameSite: 'Lax' });
    return c.json({ user: describeOfficial(r.official.username) });
  });

  app.post('/api/auth/logout', (c) => {
    world.sessions.destroy(getCookie(c, SPA_COOKIE));
    deleteCookie(c, SPA_COOKIE, { path: '/dvc' });
    return c.json({ ok: true });
  });

  app.use('/api/*', async (c, next) => {
    const me = world.sessions.official(getCookie(c, SPA_COOKIE));
    if (!me) return error(c, 401, 'unauthenticated', 'Phiên đăng nhập đã hết hạn.');
    c.set('me', me);
    await next();
  });

  app.get('/api/session', (c) => {
    const me = c.get('me');
    const at = now(s);
    const mine = queuesFor(me);
    const menu = QUEUE_GROUPS.map((g) => ({
      key: g.key,
      label: g.label,
      queues: mine
        .filter((q) => q.group === g.key)
        .map((q) => ({ key: q.key, label: q.label, count: s.dossiers.filter((d) => q.test(d, me, at)).length })),
    })).filter((g) => g.queues.length > 0);
    const procedures = DEMO_PROCEDURES.filter((p) => p.unitIds.includes(me.unitId)).map((p) => ({ code: p.code, name: p.name }));
    return c.json({ user: describeOfficial(me.username), menu, procedures, ui: { broken: s.brokenMarkup.spa }, now: at.toISOString() });
  });

  app.get('/api/queues/:group/:key', async (c) => {
    const q = findQueue(c.req.param('group'), c.req.param('key'));
    if (!q) return error(c, 404, 'not_found', 'Không có danh sách này.');
    const me = c.get('me');
    await sleep();
    const at = now(s);
    const page = listQueue(s.dossiers, q, me, at, {
      q: c.req.query('q'),
      procedure: c.req.query('procedure') || undefined,
      sort: parseSort(c.req.query('sort')),
      dir: c.req.query('dir') === 'desc' ? 'desc' : 'asc',
      page: Number(c.req.query('page') ?? 1) || 1,
      size: Number(c.req.query('size') ?? 10) || 10,
    });
    return c.json({ queue: { group: q.group, key: q.key, label: q.label }, ...page, items: page.items.map((d) => presentRow(d, at)) });
  });

  app.get('/api/ho-so/tra-cuu', (c) => {
    const d = s.byCode.get((c.req.query('ma') ?? '').trim());
    if (!d || d.unitId !== c.get('me').unitId) return error(c, 404, 'not_found', 'Không tìm thấy hồ sơ.');
    return c.json({ id: d.id });
  });

  app.get('/api/ho-so/:id', async (c) => {
    const d = s.byId.get(Number(c.req.param('id')));
    const me = c.get('me');
    if (!d || d.unitId !== me.unitId) return error(c, 404, 'not_found', 'Không tìm thấy hồ sơ hoặc hồ sơ không thuộc đơn vị.');
    await sleep();
    const view = presentDetail(d, me.username, now(s));
    return c.json({ ...view, actions: view.actions.map((a) => ({ ...a, formId: SPA_FORM_IDS[a.kind] })) });
  });

  app.post('/api/ho-so/:id/xu-ly', async (c) => {
    const parsed = actionBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return error(c, 400, 'bad_request', 'Dữ liệu gửi lên không hợp lệ.');
    const b = parsed.data;
    const newAppointment = b.newAppointment ? parseDateTime(b.newAppointment) : undefined;
    if (b.newAppointment && !newAppointment) return error(c, 400, 'bad_request', 'Ngày hẹn trả mới không đúng định dạng dd/MM/yyyy HH:mm.');
    const me = c.get('me');
    const out = perform(s, {
      account: me.username,
      dossierId: Number(c.req.param('id')),
      kind: b.kind,
      input: {
        toAccount: b.toAccount,
        nextStep: b.nextStep,
        note: b.note,
        newAppointment: newAppointment ?? undefined,
        papers: b.papers,
        resultNumber: b.resultNumber,
      },
      variant: 'spa',
    });
    if (!out.ok) return error(c, out.code === 'not_found' ? 404 : out.code === 'forbidden' ? 403 : 409, out.code, out.message);
    return c.json({ ok: true });
  });

  app.all('/api/*', (c) => error(c, 404, 'not_found', 'Không có API này.'));

  // Every other path is a client-side route: the shell boots the app, which reads the URL.
  app.get('*', (c) => c.html(spaShell()));
  return app;
}
