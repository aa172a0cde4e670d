import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { signIn } from '../backoffice/scenario.ts';
import { createScenario, resetBackoffice, type Scenario } from './harness.ts';
import spaProfile from '../../extension/profiles/bundled/backoffice-spa.ts';

/**
 * Issue 16: a single-page app that lands where no page rule reads (its sign-in screen) and routes
 * to a list without loading a page still uses its profile; a profile published through the API
 * reaches the running extension, and the page already open, within a minute.
 */
describe.skipIf(!chromiumAvailable())('profiles in a single-page app', () => {
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let s: Scenario;
  beforeAll(async () => {
    bo = await createBackofficeHandle({ seed: 16 });
    await resetBackoffice(bo.url, 16);
    s = await createScenario(bo.url, 'chuyenvien1');
  });
  afterAll(async () => {
    await s?.close();
    await bo?.close();
  });

  const events = (kind: string) =>
    s.api.services.db
      .selectFrom('events')
      .select(['kind', 'profile_id', 'profile_version', 'extra', 'at'])
      .where('kind', '=', kind)
      .orderBy('at')
      .execute();

  test('landing on the sign-in screen (no rule), then routed to a list in the page: the list is read by the profile', {
    timeout: 180_000,
  }, async () => {
    const page = await s.browser.context.newPage();
    // The app starts at /dvc/dang-nhap and, once signed in, routes to its home list with pushState.
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    await page.locator('.dossier-list[data-state="loaded"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dvc/xu-ly-ho-so/dang-xu-ly');
    const lists = await waitFor(
      () => events('list_seen'),
      (rows) => rows.length > 0,
      60_000,
      1000,
    );
    expect(lists.map((r) => r.profile_id)).toContain('backoffice-spa');
    // The sign-in screen was not read by the profile, and profile health was told so.
    const misses = await waitFor(
      () => events('profile_miss'),
      (rows) => rows.filter((r) => JSON.parse(r.extra!).pageKind === 'none').length >= 2,
      60_000,
      1000,
    );
    const none = misses.filter((r) => JSON.parse(r.extra!).pageKind === 'none');
    // Both bundled profiles claim the demo origin: each hears that the generic reader stood in.
    expect(none.map((r) => r.profile_id).sort()).toEqual(['backoffice-classic', 'backoffice-spa']);
    for (const r of none) expect(JSON.parse(r.extra!).anchor).toBe(`generic_stood_in ${new URL(bo.url).origin}`);

    // A new version is published; the open page picks it up without being reloaded.
    const admin = await apiLogin(s.api.url, 'admin');
    // Versions are consecutive on the server; the extension takes a managed one newer than its bundled one.
    const post = (version: number) =>
      fetch(`${s.api.url}/v1/admin/profiles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...spaProfile, version }),
      });
    const stored = (await (await fetch(`${s.api.url}/v1/admin/profiles`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      profiles: { id: string; version: number }[];
    };
    let version = (stored.profiles.find((p) => p.id === 'backoffice-spa')?.version ?? 0) + 1;
    for (; version <= spaProfile.version; version++) expect((await post(version)).status).toBe(201);
    const res = await post(version);
    expect(res.status).toBe(201);
    const publishedAt = Date.now();
    // Routing inside the app (a menu link) keeps the same document.
    const seen = await waitFor(
      async () => {
        await page.locator('a[href="/dvc/xu-ly-ho-so/dang-xu-ly"]').first().click();
        return events('list_seen');
      },
      (rows) => rows.some((r) => r.profile_version === version),
      75_000,
      3000,
    );
    const first = seen.find((r) => r.profile_version === version)!;
    expect(first.profile_id).toBe('backoffice-spa');
    expect(Number(first.at) - publishedAt).toBeLessThan(60_000);
    await page.close();
  });
});
