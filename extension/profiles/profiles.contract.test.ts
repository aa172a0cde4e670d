import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { BUNDLED_PROFILES, GENERIC, profilesFor } from './registry.ts';
import { readPage } from './read-page.ts';
import type { SavedPage } from '../../tests/fixtures/save-pages.ts';

const DIR = join(import.meta.dirname, '../../tests/fixtures/pages');
const pages = JSON.parse(readFileSync(join(DIR, 'pages.json'), 'utf8')) as SavedPage[];
const load = (p: SavedPage) => parseHTML(readFileSync(join(DIR, p.file), 'utf8')).document as unknown as Document;

/** One contract, every profile: the readers run on pages saved from both back-office variants. */
describe.each(pages.filter((p) => !p.broken))('profile readers on $file', (saved) => {
  test('exactly one bundled profile claims the page, and reads it right', () => {
    const claim = profilesFor(BUNDLED_PROFILES, saved.url);
    expect(claim).toHaveLength(1);
    const reading = readPage(load(saved), saved.url, claim[0]!);
    expect(reading.pageKind).toBe(saved.kind);
    expect(reading.misses).toEqual([]);
    expect(reading.user).toBe(saved.user);
    if (saved.kind === 'list') {
      expect(reading.rows.map((r) => r.dossierCode).sort()).toEqual(saved.codes);
      expect(reading.rows.every((r) => r.fields.status && r.fields.appointmentAt)).toBe(true);
      // The page's own word on who holds each dossier, so the server can confirm custody.
      expect(reading.rows.map((r) => r.fields.handler)).toEqual(saved.codes.map(() => saved.handler));
    } else {
      expect(reading.dossier?.dossierCode).toBe(saved.codes[0]);
      if (saved.fields) expect(reading.dossier?.fields).toEqual(saved.fields);
    }
  });

  test('the generic profile, with no configuration, finds the dossier of a detail page', () => {
    const reading = readPage(load(saved), saved.url, GENERIC);
    if (saved.kind === 'detail') expect(reading.dossier?.dossierCode).toBe(saved.codes[0]);
    else expect(reading.rows.map((r) => r.dossierCode).sort()).toEqual(saved.codes);
    // Nothing but the code shape is read: no fields, no user.
    expect(reading.dossier?.fields ?? {}).toEqual({});
    expect(reading.user).toBeNull();
  });
});

describe.each(pages.filter((p) => p.broken))('altered markup: $file', (saved) => {
  test('the missing anchor is reported, not guessed', () => {
    const [profile] = profilesFor(BUNDLED_PROFILES, saved.url);
    const reading = readPage(load(saved), saved.url, profile!);
    expect(reading.misses).toContain('code');
    expect(reading.dossier).toBeNull();
    expect(reading.rows).toEqual([]);
  });
});
