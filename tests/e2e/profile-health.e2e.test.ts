import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiGet, apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { openQueue, signIn } from '../backoffice/scenario.ts';
import { createScenario, resetBackoffice, type Scenario } from './harness.ts';

type Health = { misses: { profileId: string; pageKind: string; anchor: string; count: number; lastOfficialUsername: string | null }[] };

/** A back-office changed its markup: admins learn it from the extension before anyone complains. */
describe.skipIf(!chromiumAvailable())('profile health', () => {
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let s: Scenario;
  beforeAll(async () => {
    bo = await createBackofficeHandle({ seed: 11 });
    await resetBackoffice(bo.url, 11);
    s = await createScenario(bo.url, 'chuyenvien1');
  });
  afterAll(async () => {
    await fetch(`${bo.url}/__test/markup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant: 'spa', broken: false }),
    });
    await s?.close();
    await bo?.close();
  });

  test('a broken selector on the list page reaches the API as a profile_miss and shows in profile health', async () => {
    const admin = await apiLogin(s.api.url, 'admin');
    expect((await apiGet<Health>(s.api.url, admin, '/v1/admin/profile-health')).misses).toEqual([]);
    const res = await fetch(`${bo.url}/__test/markup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant: 'spa', broken: true }),
    });
    expect(res.ok).toBe(true);
    const page = await s.browser.context.newPage();
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    await openQueue(page, 'xu-ly-ho-so/dang-xu-ly', 'spa');
    const health = await waitFor(
      () => apiGet<Health>(s.api.url, admin, '/v1/admin/profile-health'),
      (h) => h.misses.some((m) => m.profileId === 'backoffice-spa' && m.anchor === 'code'),
      60_000,
      1000,
    );
    const miss = health.misses.find((m) => m.profileId === 'backoffice-spa' && m.anchor === 'code')!;
    expect(miss).toMatchObject({ pageKind: 'list', lastOfficialUsername: 'chuyenvien1' });
    // The report carries which anchor broke, never page content.
    const rows = await s.api.services.db
      .selectFrom('events')
      .select(['kind', 'extra', 'dossier_code'])
      .where('kind', '=', 'profile_miss')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.dossier_code).toBeNull();
      expect(Object.keys(JSON.parse(r.extra!)).sort()).toEqual(['anchor', 'pageKind']);
    }
  });
});
