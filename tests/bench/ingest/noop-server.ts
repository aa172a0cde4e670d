/**
 * The HTTP limit of the ingest benchmark: Hono on @hono/node-server, as the API, with a route
 * that reads the body and answers at once. Whatever the API loses against this is its own work.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono()
  .get('/healthz', (c) => c.json({ ok: true }))
  .post('/v1/events', async (c) => {
    const body = await c.req.arrayBuffer();
    return c.json({ ok: true, bytes: body.byteLength });
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: process.env.HOST ?? '127.0.0.1' });
