import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../http/context.ts';
import { readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import { notFound, requireProvinceAdmin } from './admin-access.ts';
import { addProfileVersion, latestProfiles, profileVersions } from './profiles.repository.ts';

/** Site profiles describe back-offices used across the province: managed by province admins. */
export function createProfileAdminRoutes() {
  return new Hono<AppEnv>()
    .get('/', requireSession('admin'), requireProvinceAdmin(), async (c) => c.json({ profiles: await latestProfiles(c.var.services.db) }))
    .get('/:id/versions', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const versions = await profileVersions(c.var.services.db, c.req.param('id'));
      if (!versions.length) throw notFound('hồ sơ trang / site profile');
      return c.json({ profiles: versions });
    })
    .post('/', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, siteProfileSchema);
      return c.json({ profile: await addProfileVersion(db, body, c.var.official.id, now()) }, 201);
    });
}

/** `GET /v1/profiles` for any signed-in official: the extension polls it, so an ETag saves the body. */
export function createProfileFeedRoutes() {
  return new Hono<AppEnv>().get('/', requireSession(), etag(), async (c) => {
    const profiles = await latestProfiles(c.var.services.db);
    return c.json({ profiles: profiles.map((p) => p.profile) });
  });
}
