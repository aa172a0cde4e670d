import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { flagListQuerySchema, listFlags, type FlagScope } from './flags.repository.ts';

export function createFlagRoutes() {
  return new Hono<AppEnv>().get('/', requireSession(), async (c) => {
    const { db, now } = c.var.services;
    const me = c.var.official;
    const q = parseWith(flagListQuerySchema, c.req.query(), 'invalid_query');
    let scope: FlagScope;
    if (me.role === 'clerk') {
      // A clerk sees the flags that name them, nobody else's.
      if (q.officialId && q.officialId !== me.id) throw new ApiFailure(403, 'forbidden', 'Chỉ xem được cảnh báo của chính mình / Only your own flags');
      scope = { kind: 'official', officialId: me.id };
    } else {
      const units = await unitsInScope(db, me);
      if (q.unitId && !units.has(q.unitId)) throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
      scope = { kind: 'units', units: [...units] };
    }
    return c.json(await listFlags(db, scope, q, now()));
  });
}
