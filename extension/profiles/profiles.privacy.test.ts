import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { BUNDLED_PROFILES, GENERIC, profilesFor } from './registry.ts';
import { readPage } from './read-page.ts';
import { personalDataKind } from '../../shared/privacy/personal-data.ts';
import type { SavedPage } from '../../tests/fixtures/save-pages.ts';

const DIR = join(import.meta.dirname, '../../tests/fixtures/pages');
const pages = JSON.parse(readFileSync(join(DIR, 'pages.json'), 'utf8')) as SavedPage[];

/**
 * The privacy half of the profile contract (docs/profile-guide.md, section 5): on every saved page,
 * which show citizens' names, ID numbers, phones and addresses, nothing a profile reads looks like
 * personal data, so the screen before the outbox never has to drop a bundled profile's value.
 */
describe.each(pages.filter((p) => !p.broken))('privacy of what profiles read on $file', (saved) => {
  test('no field, user or receiver read looks like personal data', () => {
    const doc = parseHTML(readFileSync(join(DIR, saved.file), 'utf8')).document as unknown as Document;
    const values: { where: string; value: string; role: 'label' | 'account' }[] = [];
    for (const profile of [...profilesFor(BUNDLED_PROFILES, saved.url), GENERIC]) {
      const r = readPage(doc, saved.url, profile);
      if (r.user) values.push({ where: `${profile.id} user`, value: r.user, role: 'account' });
      const fieldSets = [...(r.dossier ? [r.dossier.fields] : []), ...r.rows.map((x) => x.fields)];
      for (const f of fieldSets) {
        for (const k of ['status', 'step'] as const) if (f[k]) values.push({ where: `${profile.id} ${k}`, value: f[k]!, role: 'label' });
        if (f.handler) values.push({ where: `${profile.id} handler`, value: f.handler, role: 'account' });
      }
    }
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => personalDataKind(v.value, v.role)).map((v) => `${v.where}: ${v.value}`)).toEqual([]);
  });
});
