import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import { workbenchReadout } from './workbench-readout.ts';
import { workbenchDraft } from '../background/workbench-draft.ts';

const DIR = join(import.meta.dirname, '../../tests/fixtures/material');
const draft = JSON.parse(readFileSync(join(DIR, 'profile.json'), 'utf8'));
const doc = () => parseHTML(readFileSync(join(DIR, 'list.html'), 'utf8')).document as unknown as Document;
const URL = 'http://mat.test/app/ho-so';

describe('the workbench readout of the open page', () => {
  test('reads the page with a draft: rule, kind, user, rows; the last click matched against the action rules', () => {
    const d = doc();
    d.querySelector('.dialogs')!.innerHTML =
      '<div role="dialog"><h2 class="mat-dialog-title">Chuyển bước xử lý</h2><button class="ok"><mat-icon>check</mat-icon> Đồng ý</button></div>';
    const r = workbenchReadout(d, URL, null, siteProfileSchema.parse(draft), d.querySelector('.ok mat-icon'));
    expect(r).toMatchObject({
      ok: true,
      profile: { id: 'material-saved', version: 1, draft: true },
      pageKind: 'list',
      user: 'cv.tran',
      rowCount: 2,
      misses: [],
      personalData: [],
      lastClick: { kind: 'forward' },
    });
  });

  test('a careless draft: the suspect values are masked and named, never shown', () => {
    const careless = { ...draft, pages: [{ ...draft.pages[0], fields: { status: { selectors: ['.mat-column-applicant'] } } }] };
    const r = workbenchReadout(doc(), URL, null, siteProfileSchema.parse(careless), null);
    expect(r.ok && r.personalData.map((p) => `${p.where} ${p.kind}`)).toEqual(['rows.0.status phone', 'rows.1.status phone']);
    expect(JSON.stringify(r)).not.toMatch(/0935518663|Khoa/);
  });

  test('an invalid draft names its wrong fields; without a draft the active profile reads', () => {
    expect(workbenchDraft({ ...draft, version: 0 })).toMatchObject({ invalid: [expect.stringMatching(/^version/)] });
    expect(workbenchDraft(draft)).toMatchObject({ profile: { id: 'material-saved' } });
    const active = siteProfileSchema.parse(draft);
    expect(workbenchReadout(doc(), URL, active, undefined, null)).toMatchObject({
      ok: true,
      profile: { id: 'material-saved', draft: false },
      rowCount: 2,
    });
  });
});
