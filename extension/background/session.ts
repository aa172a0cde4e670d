import { browser } from 'wxt/browser';
import type { LoginResponse } from '../../shared/schemas/api.ts';

export type Official = LoginResponse['official'];
export type SessionState = { serverUrl: string; token: string | null; official: Official | null; signedOutReason?: string };

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';
const KEY = 'session';

/** A province can preset the server through enterprise policy (storage.managed). */
async function managedServerUrl(): Promise<string | null> {
  try {
    const managed = await browser.storage.managed.get('serverUrl');
    return typeof managed.serverUrl === 'string' && managed.serverUrl ? managed.serverUrl : null;
  } catch {
    return null;
  }
}

export async function loadSession(): Promise<SessionState> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as SessionState | undefined;
  const managed = await managedServerUrl();
  const state = stored ?? { serverUrl: DEFAULT_SERVER_URL, token: null, official: null };
  return managed ? { ...state, serverUrl: managed } : state;
}

export async function saveSession(state: SessionState): Promise<void> {
  await browser.storage.local.set({ [KEY]: state });
}
