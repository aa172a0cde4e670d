import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv, Services } from './http/context.ts';
import { ApiFailure, errorBody } from './http/errors.ts';
import { bodyLimits, rejectNulInUrl, securityHeaders } from './http/hardening.ts';
import { createAuthRoutes } from './auth/auth.routes.ts';
import { createEventRoutes } from './ingest/events.routes.ts';
import { createStatsRoutes } from './stats/stats.routes.ts';
import { createUnitStatsRoutes } from './stats/units.routes.ts';
import { createMeRoutes } from './stats/me.routes.ts';
import { createDossierRoutes } from './dossiers/dossiers.routes.ts';
import { createFlagRoutes } from './flags/flags.routes.ts';
import { createAdminRoutes } from './admin/admin.routes.ts';
import { createProfileFeedRoutes } from './admin/profiles.routes.ts';
import { createOpenApiRoutes } from './openapi/openapi.routes.ts';
import { createInspectionRoutes } from './inspections/inspections.routes.ts';
import { createExportRoutes } from './exports/exports.routes.ts';
import { createDashboardRoutes } from './dashboard/dashboard.routes.ts';
import { createCheckpointRoutes } from './integrity/checkpoints.routes.ts';
import { createReconcileRoutes } from './reconcile/reconcile.routes.ts';
import { createExplanationRoutes } from './explanations/explanations.routes.ts';
import { createAccessLogRoutes } from './access-log/access-log.routes.ts';
import { createSheetRoutes } from './sheets/sheets.routes.ts';
import { createMetrics } from './metrics/metrics.ts';
import { countRequests, metricsEndpoint } from './metrics/metrics.routes.ts';

/** Builds the whole API from its routers. */
export function createApp(services: Services) {
  const metrics = createMetrics(services.db, services.now);
  const app = new Hono<AppEnv>()
    .use(securityHeaders())
    .use(requestId())
    .use(countRequests(metrics))
    .use(async (c, next) => {
      c.set('services', services);
      const started = performance.now();
      await next();
      services.log.info('request', {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    })
    .use(rejectNulInUrl())
    .use(bodyLimits())
    .use('/v1/*', async (c, next) => {
      // The extension calls from its own origin; the dashboard is same-origin.
      await next();
      const origin = c.req.header('origin');
      if (origin?.startsWith('chrome-extension://') || origin?.startsWith('moz-extension://')) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Vary', 'Origin');
      }
    })
    .options('/v1/*', (c) => {
      const origin = c.req.header('origin') ?? '';
      if (!/^(chrome|moz)-extension:\/\//.test(origin)) return c.body(null, 204);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Headers', 'authorization, content-type');
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    })
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      await services.db.selectFrom('units').select('id').limit(1).execute();
      return c.json({ ok: true, database: services.dialect });
    })
    .get('/metrics', metricsEndpoint(metrics))
    .route('/v1/auth', createAuthRoutes())
    .route('/v1/events', createEventRoutes())
    .route('/v1/stats', createStatsRoutes())
    .route('/v1/stats/units', createUnitStatsRoutes())
    .route('/v1/dossiers', createDossierRoutes())
    .route('/v1/flags', createFlagRoutes())
    .route('/v1/me', createMeRoutes())
    .route('/v1/me/reads', createAccessLogRoutes())
    .route('/v1/explanations', createExplanationRoutes())
    .route('/v1/sheets', createSheetRoutes())
    .route('/v1/admin', createAdminRoutes())
    .route('/v1/profiles', createProfileFeedRoutes())
    .route('/v1/inspections', createInspectionRoutes())
    .route('/v1/exports', createExportRoutes())
    .route('/v1/checkpoints', createCheckpointRoutes())
    .route('/v1/reconcile', createReconcileRoutes())
    .route('/', createOpenApiRoutes())
    // The admin web UI; the bare origin is where people type, so it leads there.
    .get('/', (c) => c.redirect('/dashboard/', 302))
    .route('/dashboard', createDashboardRoutes());

  app.notFound((c) => c.json(errorBody('not_found', `Không có đường dẫn ${c.req.method} ${c.req.path} / No such route`), 404));
  app.onError((err, c) => {
    if (err instanceof ApiFailure) return c.json(errorBody(err.code, err.message, err.details), err.status);
    services.log.error('unhandled', {
      requestId: c.var.requestId,
      error: String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return c.json(errorBody('internal', 'Lỗi máy chủ / Internal server error'), 500);
  });
  return app;
}
