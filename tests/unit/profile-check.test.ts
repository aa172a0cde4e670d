import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkProfileOnPage } from '../../scripts/profile-check.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, 'tests/fixtures/material');
const profile = JSON.parse(readFileSync(join(DIR, 'profile.json'), 'utf8'));
const list = readFileSync(join(DIR, 'list.html'), 'utf8');
const URL = 'http://mat.test/app/ho-so';

/** Trying a draft profile on a saved page before publishing it (docs/profile-guide.md). */
describe('npm run profile-check', () => {
  test('a good draft reads the saved list and is ready to publish', () => {
    const c = checkProfileOnPage(profile, list, URL);
    expect(c).toMatchObject({ ok: true, pageKind: 'list', user: 'cv.tran', misses: [], personalData: [] });
    expect('rows' in c && c.rows.map((r) => r.fields.status)).toEqual(['Đang xử lý', 'Chờ bổ sung']);
  });

  test('a careless selector is caught before anything is published; a wrong URL and a broken anchor are named', () => {
    const careless = { ...profile, pages: [{ ...profile.pages[0], fields: { status: { selectors: ['.mat-column-applicant'] } } }] };
    const c = checkProfileOnPage(careless, list, URL);
    expect(c.ok).toBe(false);
    expect('personalData' in c && c.personalData.map((p) => p.where)).toEqual(['rows.0.status', 'rows.1.status']);
    expect(JSON.stringify(c)).not.toMatch(/0935518663|Khoa/);
    expect(checkProfileOnPage(profile, list, 'http://other.test/app/ho-so')).toMatchObject({ ok: false, matchesUrl: false });
    const broken = { ...profile, pages: [{ ...profile.pages[0], code: { selectors: ['.no-such-code'] } }] };
    expect(checkProfileOnPage(broken, list, URL)).toMatchObject({ ok: false, misses: ['code'] });
  });

  test('the command: exit 0 clean, 1 with suspected personal data (field named, value not printed), 2 for an invalid profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dp-profile-check-'));
    const run = (p: unknown) => {
      const file = join(dir, `p-${Math.random()}.json`);
      writeFileSync(file, JSON.stringify(p));
      return spawnSync(process.execPath, [join(ROOT, 'scripts/profile-check.ts'), file, join(DIR, 'list.html'), '--url', URL], {
        encoding: 'utf8',
        timeout: 30_000,
      });
    };
    const clean = run(profile);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/Sẵn sàng đăng/);
    const careless = run({ ...profile, pages: [{ ...profile.pages[0], fields: { status: { selectors: ['.mat-column-applicant'] } } }] });
    expect(careless.status).toBe(1);
    expect(careless.stdout).toMatch(/suspected personal data: rows\.0\.status \(phone\), rows\.1\.status \(phone\)/);
    expect(careless.stdout).not.toMatch(/0935518663|Khoa/);
    const invalid = run({ ...profile, version: 0 });
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toMatch(/version/);
  });
});
