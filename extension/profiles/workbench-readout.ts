import type { SiteProfile } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import { personalDataKind, type PersonalDataKind } from '../../shared/privacy/personal-data.ts';
import { pageRuleFor, readPage } from './read-page.ts';
import { matchAction } from './match-action.ts';

const MASK = '[nghi dữ liệu cá nhân / suspected personal data]';

/** What the workbench shows an admin about the open page: read right now, by the active profile or a draft. */
export type WorkbenchReadout =
  | { ok: false; invalid: string[] }
  | {
      ok: true;
      profile: { id: string; version: number; draft: boolean } | null;
      pageRule: string | null;
      pageKind: string | null;
      user: string | null;
      dossier: { dossierCode: string; fields: DossierFields } | null;
      rows: { dossierCode: string; fields: DossierFields }[];
      rowCount: number;
      misses: string[];
      /** Values that look like personal data: where and what kind; the value is masked above. */
      personalData: { where: string; kind: PersonalDataKind }[];
      /** The last click on the page, as the profile's action rules see it. */
      lastClick: { kind: string | null; toAccount: string | null } | null;
    };

/**
 * Reads the page as the extension would, with `draft` (validated here) or the active profile,
 * masking any value that looks like a citizen's personal data. `lastClick` is the element the
 * admin last clicked, matched against the same profile's action rules.
 */
export function workbenchReadout(
  doc: Document,
  url: string,
  active: SiteProfile | null,
  draft: SiteProfile | null | undefined,
  lastClick: Element | null,
): WorkbenchReadout {
  // A pasted draft arrives checked against the schema by the background (workbenchDraft).
  const profile = draft ?? active;
  const personalData: { where: string; kind: PersonalDataKind }[] = [];
  const masked = (where: string, f: DossierFields): DossierFields => {
    const out = { ...f };
    for (const [k, role] of [
      ['status', 'label'],
      ['step', 'label'],
      ['handler', 'account'],
    ] as const) {
      const kind = f[k] ? personalDataKind(f[k]!, role) : null;
      if (kind) {
        personalData.push({ where: `${where}.${k}`, kind });
        out[k] = MASK;
      }
    }
    return out;
  };
  if (!profile)
    return {
      ok: true,
      profile: null,
      pageRule: null,
      pageKind: null,
      user: null,
      dossier: null,
      rows: [],
      rowCount: 0,
      misses: [],
      personalData,
      lastClick: null,
    };
  const rule = pageRuleFor(profile, url);
  const r = readPage(doc, url, profile);
  const userKind = r.user ? personalDataKind(r.user, 'account') : null;
  if (userKind) personalData.push({ where: 'user', kind: userKind });
  const hit = lastClick ? matchAction(profile, 'click', lastClick, doc) : null;
  return {
    ok: true,
    profile: { id: profile.id, version: profile.version, draft: profile !== active },
    pageRule: rule ? `${rule.kind} ${rule.path}` : null,
    pageKind: r.pageKind,
    user: userKind ? MASK : r.user,
    dossier: r.dossier ? { dossierCode: r.dossier.dossierCode, fields: masked('dossier', r.dossier.fields) } : null,
    rows: r.rows.slice(0, 20).map((x, i) => ({ dossierCode: x.dossierCode, fields: masked(`rows.${i}`, x.fields) })),
    rowCount: r.rows.length,
    misses: r.misses,
    personalData,
    lastClick: lastClick
      ? { kind: hit?.kind ?? null, toAccount: hit?.toAccount && !personalDataKind(hit.toAccount, 'account') ? hit.toAccount : null }
      : null,
  };
}
