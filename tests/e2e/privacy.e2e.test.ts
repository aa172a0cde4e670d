import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiGet, apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { openQueue, signIn } from '../backoffice/scenario.ts';
import { dumpDatabase } from '../support/db-scan.ts';
import { createScenario, expectNoPersonalData, resetBackoffice, type Scenario } from './harness.ts';
import spaProfile from '../../extension/profiles/bundled/backoffice-spa.ts';
import type { SiteProfileInput } from '../../shared/schemas/profile.ts';

type Health = { misses: { profileId: string; profileVersion: number; pageKind: string; anchor: string }[] };

/**
 * Issue 16: an admin's plausible first selector takes a whole cell that holds a citizen's name,
 * ID number, phone, email and address. Nothing of it leaves the browser or reaches either store;
 * the field is reported to profile health by name.
 */
describe.skipIf(!chromiumAvailable())('personal data stopped in the browser', () => {
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let s: Scenario;
  beforeAll(async () => {
    bo = await createBackofficeHandle({ seed: 61 });
    await resetBackoffice(bo.url, 61);
    s = await createScenario(bo.url, 'chuyenvien1');
  });
  afterAll(async () => {
    await s?.close();
    await bo?.close();
  });

  test('a careless status selector sends no personal data; the field is reported', { timeout: 240_000 }, async () => {
    const admin = await apiLogin(s.api.url, 'admin');
    // The list's status read from the applicant's cell, as a hurried admin might pick it.
    const careless: SiteProfileInput = {
      ...spaProfile,
      pages: spaProfile.pages.map((p) =>
        p.kind === 'list' ? { ...p, fields: { ...p.fields, status: { selectors: ['td.col-applicant'] } } } : p,
      ),
    };
    const stored = (await (await fetch(`${s.api.url}/v1/admin/profiles`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      profiles: { id: string; version: number }[];
    };
    let version = (stored.profiles.find((p) => p.id === 'backoffice-spa')?.version ?? 0) + 1;
    const post = (v: number) =>
      fetch(`${s.api.url}/v1/admin/profiles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...careless, version: v }),
      });
    for (; version <= spaProfile.version; version++) expect((await post(version)).status).toBe(201);
    expect((await post(version)).status).toBe(201);

    const page = await s.browser.context.newPage();
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    // Reloaded until the extension has the careless version (it polls the feed every 30 s).
    const lists = await waitFor(
      async () => {
        await openQueue(page, 'xu-ly-ho-so/dang-xu-ly', 'spa');
        return s.api.services.db
          .selectFrom('events')
          .select(['profile_version', 'extra'])
          .where('kind', '=', 'list_seen')
          .where('profile_version', '=', version)
          .execute();
      },
      (rows) => rows.length > 0,
      90_000,
      5000,
    );
    // The rows went with their codes, procedure and step, without the status read from the wrong cell.
    const rows = JSON.parse(lists[0]!.extra!) as { dossierCode: string; fields?: { status?: string; step?: string } }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.fields?.status === undefined)).toBe(true);
    expect(rows.some((r) => r.fields?.step)).toBe(true);

    const health = await waitFor(
      () => apiGet<Health>(s.api.url, admin, '/v1/admin/profile-health'),
      (h) => h.misses.some((m) => m.anchor === 'pii_suspected:status'),
      60_000,
      1000,
    );
    expect(health.misses.find((m) => m.anchor === 'pii_suspected:status')).toMatchObject({
      profileId: 'backoffice-spa',
      profileVersion: version,
      pageKind: 'list',
    });

    await s.drained();
    await page.close();
    // Every body the extension sent, and every value of every table.
    expect(s.proxy.bodies.length).toBeGreaterThan(0);
    await expectNoPersonalData(bo.url, [...s.proxy.bodies, await dumpDatabase(s.api.services.db)]);
  });
});
