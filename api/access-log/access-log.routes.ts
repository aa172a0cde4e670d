import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { requireSession } from '../auth/middleware.ts';
import { readsOf } from './access-log.repository.ts';

/** The signed-in official's own "who looked" list: who read their figures, dossiers or sheets, when, what. */
export function createAccessLogRoutes() {
  return new Hono<AppEnv>().get('/', requireSession(), async (c) => {
    const { db } = c.var.services;
    return c.json({ reads: await readsOf(db, c.var.official.id) });
  });
}
