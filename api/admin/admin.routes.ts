import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure } from '../http/errors.ts';
import { createUnitRoutes } from './units.routes.ts';
import { createOfficialRoutes } from './officials.routes.ts';
import { createProcedureRoutes } from './procedures.routes.ts';
import { createCalendarRoutes } from './calendars.routes.ts';
import { createProfileAdminRoutes } from './profiles.routes.ts';
import { createRuleSettingsRoutes } from './rule-settings.routes.ts';
import { createProfileHealthRoutes } from './profile-health.routes.ts';
import { createDeriveFailureRoutes } from './derive-failures.routes.ts';
import type { RuleSettingsSchema } from './rule-settings.schemas.ts';

const MAX_ADMIN_BODY = 512 * 1024;

/** Everything under /v1/admin; each router states its own roles, and checks scope on the server. */
export function createAdminRoutes(opts: { ruleSettingsSchema?: RuleSettingsSchema } = {}) {
  return new Hono<AppEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_ADMIN_BODY,
        onError: () => {
          throw new ApiFailure(413, 'body_too_large', `Nội dung vượt quá ${MAX_ADMIN_BODY} byte / Body exceeds ${MAX_ADMIN_BODY} bytes`);
        },
      }),
    )
    .route('/units', createUnitRoutes())
    .route('/officials', createOfficialRoutes())
    .route('/procedures', createProcedureRoutes())
    .route('/calendars', createCalendarRoutes())
    .route('/profiles', createProfileAdminRoutes())
    .route('/rule-settings', createRuleSettingsRoutes({ schema: opts.ruleSettingsSchema }))
    .route('/profile-health', createProfileHealthRoutes())
    .route('/derive-failures', createDeriveFailureRoutes());
}
