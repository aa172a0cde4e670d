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
import { siteProfileSchema } from '../shared/schemas/profile.ts';
import { personalDataKind, type PersonalDataKind } from '../shared/privacy/personal-data.ts';
import { pageRuleFor, readPage } from '../extension/profiles/read-page.ts';
import { profileMatches } from '../extension/profiles/match-url.ts';

const MASK = '[nghi dữ liệu cá nhân / suspected personal data]';

export type ProfileCheck =
  | { ok: false; invalid: string[] }
  | {
      ok: boolean;
      matchesUrl: boolean;
      pageRule: string | null;
      pageKind: string | null;
      user: string | null;
      dossier: { dossierCode: string; fields: Record<string, unknown> } | null;
      rows: { dossierCode: string; fields: Record<string, unknown> }[];
      misses: string[];
      personalData: { where: string; kind: PersonalDataKind }[];
    };

/** The check itself, pure over its inputs (the command reads the files). */
export function checkProfileOnPage(profileJson: unknown, html: string, url: string): ProfileCheck {
  const parsed = siteProfileSchema.safeParse(profileJson);
  if (!parsed.success) return { ok: false, invalid: parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc / root)'}: ${i.message}`) };
  const profile = parsed.data;
  const doc = parseHTML(html).document as unknown as Document;
  const rule = pageRuleFor(profile, url);
  const r = readPage(doc, url, profile);
  const personalData: { where: string; kind: PersonalDataKind }[] = [];
  /** Whether the value looks like personal data (recorded by where, never by value). */
  const suspect = (where: string, value: unknown, role: 'label' | 'account') => {
    const kind = typeof value === 'string' ? personalDataKind(value, role) : null;
    if (kind) personalData.push({ where, kind });
    return !!kind;
  };
  // What is shown is masked where it is suspect: the check's output is not another place for it.
  const masked = (where: string, f: Record<string, unknown>) => {
    const out = { ...f };
    for (const [k, role] of [['status', 'label'], ['step', 'label'], ['handler', 'account']] as const) if (suspect(`${where}.${k}`, f[k], role)) out[k] = MASK;
    return out;
  };
  const user = suspect('user', r.user, 'account') ? MASK : r.user;
  const dossier = r.dossier ? { dossierCode: r.dossier.dossierCode, fields: masked('dossier', r.dossier.fields) } : null;
  const rows = r.rows.map((x, i) => ({ dossierCode: x.dossierCode, fields: masked(`rows.${i}`, x.fields) }));
  const matchesUrl = profileMatches(profile, url);
  const read = r.dossier !== null || r.rows.length > 0;
  return {
    ok: matchesUrl && !!rule && read && r.misses.length === 0 && personalData.length === 0,
    matchesUrl,
    pageRule: rule ? `${rule.kind} ${rule.path}` : null,
    pageKind: r.pageKind,
    user,
    dossier,
    rows,
    misses: r.misses,
    personalData,
  };
}

function print(c: ProfileCheck): string[] {
  if (!c.ok && 'invalid' in c) return ['✗ Hồ sơ trang không hợp lệ / invalid profile:', ...c.invalid.map((l) => `  ${l}`)];
  const lines = [
    `${c.matchesUrl ? '✓' : '✗'} matches: ${c.matchesUrl ? 'địa chỉ khớp / the URL matches' : 'địa chỉ không khớp `matches` / the URL does not match'}`,
    `${c.pageRule ? '✓' : '✗'} quy tắc trang / page rule: ${c.pageRule ?? 'không có / none'}`,
    `  người dùng / user: ${c.user ?? '—'}`,
  ];
  if (c.dossier) lines.push(`  hồ sơ / dossier: ${c.dossier.dossierCode} ${JSON.stringify(c.dossier.fields)}`);
  lines.push(`  dòng / rows: ${c.rows.length}`);
  for (const row of c.rows.slice(0, 10)) lines.push(`    ${row.dossierCode} ${JSON.stringify(row.fields)}`);
  lines.push(c.misses.length ? `✗ thiếu / missing: ${c.misses.join(', ')}` : '✓ không thiếu mốc nào / no anchor missing');
  lines.push(c.personalData.length ? `✗ nghi dữ liệu cá nhân / suspected personal data: ${c.personalData.map((p) => `${p.where} (${p.kind})`).join(', ')}` : '✓ không thấy dữ liệu cá nhân / no personal data seen');
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
