import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiLogin, waitFor } from '../support/stack.ts';
import { codeOf, LIST_PATH, startListServer } from '../bench/extension/list-page.ts';
import { seedFlags } from '../bench/extension/flagged-api.ts';
import { ROWS_AT_FIRST } from '../../extension/capture/reach.ts';
import { createScenario, type Scenario } from './harness.ts';

const ROWS = 300;
/** One row in seven is flagged: rows 0, 7, 14… */
const FLAGGED = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 7 === 0);

const badgeCodes = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('dossier-pulse-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.badge') ?? [])].map(
      (b) => b.dataset.code!,
    ),
  );

/**
 * A 300-row list of the classic back-office in real Chromium with the built extension: it reads
 * the rows the official has in front of them, and more as they scroll, so every flagged row is
 * badged by the time it is on screen and the list_seen observation names only rows read.
 */
describe.skipIf(!chromiumAvailable())('a long list', () => {
  let list: Awaited<ReturnType<typeof startListServer>>;
  let s: Scenario;
  beforeAll(async () => {
    list = await startListServer(ROWS);
    s = await createScenario(list.url, 'chuyenvien1');
    await seedFlags(s.api.url, FLAGGED.map(codeOf));
    // Every flag derived before the page opens: the extension keeps the flags it fetched a minute.
    const clerk = await apiLogin(s.api.url, 'chuyenvien1');
    await waitFor(
      async () => {
        const codes = new Set<string>();
        for (let offset: number | null = 0; offset !== null; ) {
          const res = await fetch(`${s.api.url}/v1/flags?limit=200&offset=${offset}`, { headers: { authorization: `Bearer ${clerk}` } });
          const body = (await res.json()) as { flags: { dossierCode: string }[]; page: { nextOffset: number | null } };
          for (const f of body.flags) codes.add(f.dossierCode);
          offset = body.page.nextOffset;
        }
        return codes.size;
      },
      (n) => n === FLAGGED.length,
      120_000,
      1000,
    );
  }, 240_000);
  afterAll(async () => {
    await s?.close();
    await list?.close();
  });

  test('is read as far as the official scrolls: the first rows at load, every flagged row badged by the end', async () => {
    const page = await s.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(list.url + LIST_PATH);
    const near = FLAGGED.filter((i) => i < ROWS_AT_FIRST).map(codeOf);
    await waitFor(
      () => badgeCodes(page),
      (c) => c.length >= near.length,
      30_000,
      200,
    );
    // Nothing scrolled: no row below the first ones is read, so none of them is badged.
    await page.waitForTimeout(1500);
    expect((await badgeCodes(page)).sort()).toEqual(near.sort());

    // What the official saw, as the API stored it: the first rows, with their fields.
    await s.drained();
    const seen = await s.api.services.db.selectFrom('events').select(['extra']).where('kind', '=', 'list_seen').execute();
    expect(seen).toHaveLength(1);
    const rows = JSON.parse(seen[0]!.extra!) as { dossierCode: string; fields: Record<string, string> }[];
    expect(rows.map((r) => r.dossierCode)).toEqual(Array.from({ length: ROWS_AT_FIRST }, (_, i) => codeOf(i)));
    expect(Object.keys(rows[0]!.fields).sort()).toEqual(['appointmentAt', 'handler', 'procedureCode', 'status', 'step']);
    // The page's word on who holds each dossier (the row's handler cell).
    expect(rows[0]!.fields.handler).toBe('Nguyễn Văn An');

    // A screen at a time to the bottom: the rows coming near are read and badged.
    await page.evaluate(async () => {
      while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1) {
        window.scrollBy(0, window.innerHeight);
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    const all = await waitFor(
      () => badgeCodes(page),
      (c) => c.length === FLAGGED.length,
      30_000,
      200,
    );
    expect(all.sort()).toEqual(FLAGGED.map(codeOf).sort());
    // The last flagged row is on screen now, and so is its badge.
    const last = codeOf(FLAGGED.at(-1)!);
    await waitFor(
      () =>
        page.evaluate(
          (code) =>
            document
              .querySelector('dossier-pulse-overlay')!
              .shadowRoot!.querySelector<HTMLElement>(`.badge[data-code="${code}"]`)!
              .getAttribute('style') ?? '',
          last,
        ),
      (style) => style.startsWith('transform'),
      10_000,
      200,
    );
    await page.close();
  }, 180_000);
});
