import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure } from '../http/errors.ts';
import type { Metrics } from './metrics.ts';

/**
 * Counts every request by its route pattern (never the raw path, so the series stay few) and the
 * outcome of each ingested event, read from the ingest answer so the ingest code stays unaware.
 */
export function countRequests(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observeRequest(c.req.method, routePath(c, -1), c.res.status, (performance.now() - started) / 1000);
    if (c.req.method === 'POST' && c.req.path === '/v1/events' && c.res.status === 200) {
      const body = (await c.res
        .clone()
        .json()
        .catch(() => null)) as { accepted?: number; duplicate?: number; rejected?: number } | null;
      if (body) metrics.countIngest({ accepted: body.accepted ?? 0, duplicate: body.duplicate ?? 0, rejected: body.rejected ?? 0 });
    }
  };
}

/** GET /metrics for Prometheus; with METRICS_TOKEN set, only for a scraper that sends it. */
export function metricsEndpoint(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c) => {
    const token = c.var.services.config.metricsToken;
    if (token) {
      const given = Buffer.from(c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
      const wanted = Buffer.from(token);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        throw new ApiFailure(401, 'unauthenticated', 'Cần mã METRICS_TOKEN / The metrics token is required');
      }
    }
    const { contentType, body } = await metrics.scrape();
    return c.body(body, 200, { 'content-type': contentType });
  };
}
