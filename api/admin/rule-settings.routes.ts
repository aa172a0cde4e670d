import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { assertUnitInScope, notFound, procedureUnitsVisible, requireProvinceAdmin } from './admin-access.ts';
import { getProcedure } from './procedures.repository.ts';
import { getRuleSettings, putRuleSettings } from './rule-settings.repository.ts';
import { ruleSettingsSchema as defaultSchema, type RuleSettingsSchema } from './rule-settings.schemas.ts';

/**
 * Settings per scope: the province default, a unit (its subtree inherits), a procedure. Units
 * are managed by their admins; the default and procedures, being province-wide, by province admins.
 */
export function createRuleSettingsRoutes(opts: { schema?: RuleSettingsSchema } = {}) {
  const schema = opts.schema ?? defaultSchema;
  return new Hono<AppEnv>()
    .get('/default', requireSession('admin'), async (c) => c.json(await getRuleSettings(c.var.services.db, { kind: 'default', id: '' })))
    .put('/default', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, schema);
      return c.json(await putRuleSettings(db, { kind: 'default', id: '' }, body, c.var.official.id, now()));
    })
    .get('/units/:unitId', requireSession('admin'), async (c) => {
      const { db } = c.var.services;
      const id = c.req.param('unitId');
      await assertUnitInScope(db, c.var.official, id, true);
      return c.json(await getRuleSettings(db, { kind: 'unit', id }));
    })
    .put('/units/:unitId', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const id = c.req.param('unitId');
      const body = await readJson(c, schema);
      await assertUnitInScope(db, c.var.official, id, true);
      return c.json(await putRuleSettings(db, { kind: 'unit', id }, body, c.var.official.id, now()));
    })
    .get('/procedures/:code', requireSession('admin'), async (c) => {
      const { db } = c.var.services;
      const code = c.req.param('code');
      const p = await getProcedure(db, code);
      if (!p || !(await procedureUnitsVisible(db, c.var.official)).has(p.unitId)) throw notFound('thủ tục / procedure');
      return c.json(await getRuleSettings(db, { kind: 'procedure', id: code }));
    })
    .put('/procedures/:code', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const { db, now } = c.var.services;
      const code = c.req.param('code');
      const body = await readJson(c, schema);
      const p = await getProcedure(db, code);
      if (!p || !(await unitsInScope(db, c.var.official)).has(p.unitId)) throw notFound('thủ tục / procedure');
      return c.json(await putRuleSettings(db, { kind: 'procedure', id: code }, body, c.var.official.id, now()));
    });
}
