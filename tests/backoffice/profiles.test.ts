import { describe, expect, it } from 'vitest';
import { ACTION_KINDS } from '../../shared/schemas/dossier.ts';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import classic from '../../extension/profiles/bundled/backoffice-classic.ts';
import spa from '../../extension/profiles/bundled/backoffice-spa.ts';
import { CLASSIC_TASKS, SPA_FORM_IDS } from './action-slugs.ts';

const kindAt = (profile: typeof spa, url: string) => {
  const u = new URL(url, 'http://127.0.0.1:8788');
  return siteProfileSchema.parse(profile).pages.find((p) => new RegExp(p.path).test(u.pathname + u.search + u.hash))?.kind ?? null;
};

describe('bundled profiles of the simulated back-office', () => {
  for (const [name, profile] of [
    ['spa', spa],
    ['classic', classic],
  ] as const) {
    it(`${name}: is a valid site profile with a confirm rule for every action kind`, () => {
      const p = siteProfileSchema.parse(profile);
      expect(p.actions.map((a) => a.kind).sort()).toEqual([...ACTION_KINDS].sort());
      expect(p.actions.every((a) => a.on === 'submit')).toBe(true);
      for (const a of p.actions) {
        expect(['forward', 'return', 'transfer', 'approve', 'supplement_done'].includes(a.kind)).toBe(!!a.toAccount);
      }
      // Detail paths must not capture: the reader would take a capture group as the code.
      for (const page of p.pages) expect(new RegExp(`${page.path}|`).exec('')!.length).toBe(1);
    });
  }

  it('spa: tells list routes from detail routes', () => {
    expect(kindAt(spa, '/dvc/xu-ly-ho-so/dang-xu-ly')).toBe('list');
    expect(kindAt(spa, '/dvc/tra-cuu')).toBe('list');
    expect(kindAt(spa, '/dvc/ho-so/48402')).toBe('detail');
    expect(kindAt(spa, '/dvc/dang-nhap')).toBeNull();
    expect(kindAt(spa, '/motcua/index.php?mod=hoso&act=list&loai=dangxuly')).toBeNull();
  });

  it('classic: knows the list, the popup and the framed form', () => {
    expect(kindAt(classic, '/motcua/index.php?mod=hoso&act=list&loai=dangxuly&q=&page=2')).toBe('list');
    expect(kindAt(classic, '/motcua/index.php?mod=hoso&act=view&id=48402&kq=ok&task=chuyenbuoc')).toBe('detail');
    expect(kindAt(classic, '/motcua/index.php?mod=xuly&act=form&id=48402&task=chuyenbuoc')).toBe('detail');
    expect(kindAt(classic, '/motcua/index.php?mod=xuly&act=done&id=48402&task=chuyenbuoc')).toBeNull();
    expect(kindAt(classic, '/dvc/ho-so/48402')).toBeNull();
  });

  it('points at the names the back-office renders', () => {
    for (const k of ACTION_KINDS) {
      expect(siteProfileSchema.parse(spa).actions.find((a) => a.kind === k)!.selector).toBe(`form#${SPA_FORM_IDS[k]}`);
      expect(siteProfileSchema.parse(classic).actions.find((a) => a.kind === k)!.selector).toContain(`[value="${CLASSIC_TASKS[k]}"]`);
    }
  });
});
