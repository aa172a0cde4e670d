import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { dossierScope } from './dossier-access.ts';
import { dossierDetail, listDossiers } from './dossiers.repository.ts';
import { dossierCodeParamSchema, dossierListQuerySchema } from './dossiers.schemas.ts';
import { recordReads } from '../access-log/access-log.repository.ts';

export function createDossierRoutes() {
  return new Hono<AppEnv>()
    .get('/', requireSession(), async (c) => {
      const { db } = c.var.services;
      const me = c.var.official;
      const q = parseWith(dossierListQuerySchema, c.req.query(), 'invalid_query');
      const scope = await dossierScope(db, me);
      if (scope.kind === 'holder' && q.officialId && q.officialId !== me.id) {
        throw new ApiFailure(403, 'forbidden', 'Chỉ xem được hồ sơ mình đã giữ / Only dossiers you held');
      }
      if (scope.kind === 'units' && q.unitId && !scope.units.includes(q.unitId)) {
        throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
      }
      return c.json(await listDossiers(db, scope, q));
    })
    .get('/:code', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const { code } = parseWith(dossierCodeParamSchema, { code: c.req.param('code') }, 'invalid_path');
      // Out of scope and unknown look the same (404): existence is not revealed.
      const detail = await dossierDetail(db, code, await dossierScope(db, c.var.official), now());
      // Each holder sees that someone read the dossier they held ("who looked").
      await recordReads(
        db,
        c.var.official,
        detail.segments.map((s) => s.holder.id),
        'dossier',
        code,
        now(),
      );
      return c.json(detail);
    });
}
