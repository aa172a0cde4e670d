import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Who is who on the back-office pages: officials' back-office accounts and display names, read at
 * most once a minute per database. A page names a handler by account or by display name (often
 * with the position after a dash, "Nguyễn Văn An - Chuyên viên"); two officials with one name are
 * namesakes, and a name that fits several officials resolves to nobody.
 */
export interface OfficialDirectory {
  /** Every account of the official (empty: none configured, so identity cannot be checked). */
  accountsOf(officialId: string): readonly string[];
  /** The official a page's handler text names; null when nobody, or more than one, fits it. */
  resolveHandler(text: string): string | null;
  /** The official a receiver's account names. */
  byAccount(account: string): string | null;
}

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; directory: Promise<OfficialDirectory> }>();

export const normalizeName = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** The text as the page wrote it, then without a trailing position ("… - Chuyên viên", "… (Chuyên viên)"). */
function candidates(text: string): string[] {
  const whole = normalizeName(text);
  const out = [whole];
  for (const sep of [' - ', ' – ', ' (', ', ']) {
    const i = whole.indexOf(sep);
    if (i > 0) out.push(whole.slice(0, i).trim());
  }
  return out;
}

export async function officialDirectory(db: Executor, now: number = Date.now()): Promise<OfficialDirectory> {
  const key = db as object;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.directory;
  const directory = loadDirectory(db);
  cache.set(key, { at: now, directory });
  directory.catch(() => cache.delete(key));
  return directory;
}

/** Forget the cached directory (an admin changed officials or accounts). */
export function forgetDirectory(db: Executor): void {
  cache.delete(db as object);
}

async function loadDirectory(db: Executor): Promise<OfficialDirectory> {
  const officials = await db.selectFrom('officials').select(['id', 'display_name', 'backoffice_account']).execute();
  const extra = await db.selectFrom('official_accounts').select(['account', 'official_id']).execute();
  const accounts = new Map<string, string[]>();
  const byAccount = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const addAccount = (account: string, id: string) => {
    accounts.set(id, [...(accounts.get(id) ?? []), account]);
    byAccount.set(normalizeName(account), id);
  };
  for (const o of officials) {
    if (o.backoffice_account) addAccount(o.backoffice_account, o.id);
    const name = normalizeName(o.display_name);
    byName.set(name, (byName.get(name) ?? new Set()).add(o.id));
  }
  for (const a of extra) addAccount(a.account, a.official_id);
  return {
    accountsOf: (id) => accounts.get(id) ?? [],
    byAccount: (account) => byAccount.get(normalizeName(account)) ?? null,
    resolveHandler(text) {
      for (const c of candidates(text)) {
        const account = byAccount.get(c);
        if (account) return account;
        const named = byName.get(c);
        if (named) return named.size === 1 ? [...named][0]! : null;
      }
      return null;
    },
  };
}
