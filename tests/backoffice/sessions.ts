/**
 * Cookie sessions of the simulated back-office. Each variant has its own cookie, as two real
 * systems would, so one browser can be signed in to both with different accounts.
 */
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, officialByUsername, type DemoOfficial } from '../../shared/demo/roster.ts';

export const SPA_COOKIE = 'DVC_SESSION';
export const CLASSIC_COOKIE = 'PHPSESSID';

export class SessionStore {
  #byToken = new Map<string, string>();

  create(account: string): string {
    const token = randomBytes(18).toString('hex');
    this.#byToken.set(token, account);
    return token;
  }

  official(token: string | undefined): DemoOfficial | null {
    const account = token ? this.#byToken.get(token) : undefined;
    return account ? (officialByUsername(account) ?? null) : null;
  }

  /** Whether someone is signed in with this account (in either variant). */
  signedIn(account: string): boolean {
    for (const a of this.#byToken.values()) if (a === account) return true;
    return false;
  }

  destroy(token: string | undefined): void {
    if (token) this.#byToken.delete(token);
  }
}

export type SignInResult = { ok: true; official: DemoOfficial } | { ok: false; message: string };

/** Only accounts with a back-office role may sign in here; API-only accounts exist elsewhere. */
export function checkCredentials(username: string, password: string): SignInResult {
  const o = officialByUsername(username.trim());
  if (!o || password !== DEMO_PASSWORD) return { ok: false, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' };
  if (!o.backofficeRole) return { ok: false, message: 'Tài khoản không có quyền sử dụng hệ thống một cửa.' };
  return { ok: true, official: o };
}
