/**
 * Test-only control routes: ground truth, reset, clock, personal data for privacy scans, the
 * altered markup, and the raw state. Real back-offices have none of this.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { parseDateTime } from './format.ts';
import { now, setClock } from './store.ts';
import type { Workday } from './workday.ts';
import { resetWorld, type World } from './world.ts';

async function body(c: Context): Promise<Record<string, unknown>> {
  try {
    const v = await c.req.json();
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const bad = (c: Context, message: string) => c.json({ error: { code: 'bad_request', message } }, 400);

function instant(v: unknown): Date | null | 'invalid' {
  if (v == null) return null;
  if (typeof v !== 'string') return 'invalid';
  return parseDateTime(v) ?? 'invalid';
}

export function testRoutes(world: World, workday: () => Workday | null): Hono {
  const app = new Hono();
  const s = world.store;

  app.get('/truth', (c) => c.json({ actions: s.truth }));

  app.post('/reset', async (c) => {
    const b = await body(c);
    const at = instant(b.now);
    if (at === 'invalid') return bad(c, 'now must be an ISO instant');
    if (b.seed != null && !Number.isInteger(b.seed)) return bad(c, 'seed must be an integer');
    const started = performance.now();
    resetWorld(world, { seed: b.seed as number | undefined, now: at ?? undefined, frozen: b.frozen !== false });
    return c.json({
      ok: true,
      seed: s.seed,
      now: now(s).toISOString(),
      dossiers: s.dossiers.length,
      ms: Math.round(performance.now() - started),
    });
  });

  app.post('/clock', async (c) => {
    const b = await body(c);
    const at = instant(b.now);
    if (at === 'invalid') return bad(c, 'now must be an ISO instant or null');
    setClock(s, at, b.frozen !== false);
    return c.json({ ok: true, now: now(s).toISOString(), frozen: s.clock.frozenAt != null });
  });

  app.get('/personal-data', (c) => {
    const citizens = s.dossiers.map((d) => ({
      name: d.applicant.name,
      idNumber: d.applicant.idNumber,
      phone: d.applicant.phone,
      email: d.applicant.email,
      address: d.applicant.address,
    }));
    const values = [...new Set(citizens.flatMap((x) => [x.name, x.idNumber, x.phone, x.email, x.address]))];
    return c.json({ citizens, values });
  });

  app.post('/markup', async (c) => {
    const b = await body(c);
    if (b.variant !== 'spa' && b.variant !== 'classic') return bad(c, "variant must be 'spa' or 'classic'");
    s.brokenMarkup[b.variant] = b.broken === true;
    return c.json({ ok: true, brokenMarkup: s.brokenMarkup });
  });

  app.post('/latency', async (c) => {
    const b = await body(c);
    if (typeof b.ms !== 'number' || b.ms < 0) return bad(c, 'ms must be a non-negative number');
    s.latencyMs = b.ms;
    return c.json({ ok: true, latencyMs: s.latencyMs });
  });

  app.post('/workday', async (c) => {
    const w = workday();
    if (!w) return bad(c, 'workday mode is not available');
    const b = await body(c);
    if (b.tick === true) return c.json({ ok: true, moved: w.tick() });
    if (b.running === true) w.start(typeof b.intervalMs === 'number' ? b.intervalMs : undefined);
    if (b.running === false) w.stop();
    return c.json({ ok: true, running: w.running() });
  });

  app.get('/dossiers', (c) => c.json({ now: now(s).toISOString(), seed: s.seed, dossiers: s.dossiers }));

  return app;
}
