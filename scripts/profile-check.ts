/**
 * `npm run profile-check -- <profile.json> <saved-page.html> --url <the page's address> [--json]`:
 * tries a draft site profile on a page saved from the back-office (Ctrl+S), with the extension's
 * own readers, before it is published. Prints which page rule reads the page, what it reads
 * (kind, user, dossier or rows), the anchors it misses, and every value that looks like a
 * citizen's personal data. Exit 0 when the reading is clean, 1 when something is missing or
 * suspect, 2 when the profile itself is invalid. The guide is docs/profile-guide.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { profileMatches } from '../extension/profiles/match-url.ts';
import { workbenchDraft } from '../extension/background/workbench-draft.ts';
import { workbenchReadout, type WorkbenchReadout } from '../extension/profiles/workbench-readout.ts';

export type ProfileCheck =
  | { ok: false; invalid: string[] }
  | (Omit<Extract<WorkbenchReadout, { ok: true }>, 'ok'> & { ok: boolean; matchesUrl: boolean });

/** The workbench's readout of a saved page with a draft, and whether it is ready to publish. */
export function checkProfileOnPage(profileJson: unknown, html: string, url: string): ProfileCheck {
  const doc = parseHTML(html).document as unknown as Document;
  const draft = workbenchDraft(profileJson);
  if ('invalid' in draft) return { ok: false, invalid: draft.invalid };
  const r = workbenchReadout(doc, url, null, draft.profile, null);
  if (!r.ok) return r;
  const matchesUrl = profileMatches(draft.profile!, url);
  const read = r.dossier !== null || r.rows.length > 0;
  return { ...r, matchesUrl, ok: matchesUrl && !!r.pageRule && read && r.misses.length === 0 && r.personalData.length === 0 };
}

function print(c: ProfileCheck): string[] {
  if ('invalid' in c) return ['✗ Hồ sơ trang không hợp lệ / invalid profile:', ...c.invalid.map((l) => `  ${l}`)];
  const lines = [
    `${c.matchesUrl ? '✓' : '✗'} matches: ${c.matchesUrl ? 'địa chỉ khớp / the URL matches' : 'địa chỉ không khớp `matches` / the URL does not match'}`,
    `${c.pageRule ? '✓' : '✗'} quy tắc trang / page rule: ${c.pageRule ?? 'không có / none'}`,
    `  người dùng / user: ${c.user ?? '—'}`,
  ];
  if (c.dossier) lines.push(`  hồ sơ / dossier: ${c.dossier.dossierCode} ${JSON.stringify(c.dossier.fields)}`);
  lines.push(`  dòng / rows: ${c.rows.length}`);
  for (const row of c.rows.slice(0, 10)) lines.push(`    ${row.dossierCode} ${JSON.stringify(row.fields)}`);
  lines.push(c.misses.length ? `✗ thiếu / missing: ${c.misses.join(', ')}` : '✓ không thiếu mốc nào / no anchor missing');
  lines.push(
    c.personalData.length
      ? `✗ nghi dữ liệu cá nhân / suspected personal data: ${c.personalData.map((p) => `${p.where} (${p.kind})`).join(', ')}`
      : '✓ không thấy dữ liệu cá nhân / no personal data seen',
  );
  lines.push(c.ok ? '✓ Sẵn sàng đăng / ready to publish' : '✗ Chưa sẵn sàng / not ready');
  return lines;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, json: { type: 'boolean' } } });
  const [profileFile, pageFile] = positionals;
  if (!profileFile || !pageFile || !values.url) {
    console.error('Cách dùng / usage: npm run profile-check -- <profile.json> <saved-page.html> --url <page address> [--json]');
    process.exit(2);
  }
  let profile: unknown;
  try {
    profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  } catch (e) {
    console.error(`✗ Không đọc được / cannot read ${profileFile}: ${(e as Error).message}`);
    process.exit(2);
  }
  const result = checkProfileOnPage(profile, readFileSync(pageFile, 'utf8'), values.url);
  console.log(values.json ? JSON.stringify(result, null, 2) : print(result).join('\n'));
  process.exit('invalid' in result ? 2 : result.ok ? 0 : 1);
}
