import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { flagListQuerySchema, listFlags } from './flags.repository.ts';
import { flagScopeFor } from './flag-scope.ts';

export function createFlagRoutes() {
  return new Hono<AppEnv>().get('/', requireSession(), async (c) => {
    const { db, now } = c.var.services;
    const me = c.var.official;
    const q = parseWith(flagListQuerySchema, c.req.query(), 'invalid_query');
    return c.json(await listFlags(db, await flagScopeFor(db, me, q), q, now()));
  });
}
