import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { COMMON } from './messages-common.ts';
import { STATS } from './messages-stats.ts';
import { DOSSIER } from './messages-dossier.ts';
import { LABELS } from './messages-labels.ts';
import { ADMIN } from './messages-admin.ts';
import { RECONCILE } from './messages-reconcile.ts';

import { EVALUATION } from './messages-evaluation.ts';

const MESSAGES = { ...COMMON, ...STATS, ...DOSSIER, ...LABELS, ...ADMIN, ...RECONCILE, ...EVALUATION };

// A key defined in two files would silently lose one text to the spread above.
type Overlap<A, B> = Extract<keyof A, keyof B>;
type Clashes =
  | Overlap<typeof COMMON, typeof STATS & typeof DOSSIER & typeof LABELS & typeof ADMIN>
  | Overlap<typeof STATS, typeof DOSSIER & typeof LABELS & typeof ADMIN>
  | Overlap<typeof DOSSIER, typeof LABELS & typeof ADMIN>
  | Overlap<typeof LABELS, typeof ADMIN>
  | Overlap<typeof RECONCILE, typeof COMMON & typeof STATS & typeof DOSSIER & typeof LABELS & typeof ADMIN>;
const noClashes: [Clashes] extends [never] ? true : Clashes = true;
void noClashes;
type EvaluationClashes = Overlap<typeof EVALUATION, typeof COMMON & typeof STATS & typeof DOSSIER & typeof LABELS & typeof ADMIN>;
const noEvaluationClashes: [EvaluationClashes] extends [never] ? true : EvaluationClashes = true;
void noEvaluationClashes;
export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'vi' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'dp.dashboard.lang';

/** Vietnamese unless the user chose English on this browser before. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  document.documentElement.lang = lang;
}

export function translator(lang: Lang): Translate {
  return (key, params) => {
    const text: string = MESSAGES[key][lang === 'vi' ? 0 : 1];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** A label for an API code (`rule`, `overdue`), or the code itself when the dashboard does not know it yet. */
export function labelOf(t: Translate, group: string, code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${group}.${code}`;
  return key in MESSAGES ? t(key as MessageKey) : code;
}

export type I18n = { lang: Lang; t: Translate; setLang: (lang: Lang) => void };
export const I18nContext = createContext<I18n>({ lang: 'vi', t: translator('vi'), setLang: () => undefined });
export const useI18n = () => useContext(I18nContext);
