import type { DossierDetail, FlagList, MeSummary } from '../messaging/api-types.ts';

export class ApiReadError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function getJson<T>(
  serverUrl: string,
  token: string,
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const url = new URL(path, serverUrl);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiReadError(res.status, body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

/** The side panel's own calls (inspections): only the API's /v1/ routes, with the official's token. */
export async function apiCall(
  serverUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<unknown> {
  if (!path.startsWith('/v1/') || path.includes('..')) throw new ApiReadError(400, `Không được gọi ${path}`);
  const res = await fetch(new URL(path, serverUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const json = isJson && text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok)
    throw new ApiReadError(res.status, (json as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
  // Reports (HTML, CSV) come back as text for the panel to offer as a download.
  return isJson ? json : { text, contentType: res.headers.get('content-type') ?? 'text/plain' };
}

export type FlagQuery = {
  unitId?: string;
  rule?: string;
  severity?: string;
  minAgeHours?: number;
  limit?: number;
  offset?: number;
  dossierCodes?: string;
};

export const fetchFlags = (serverUrl: string, token: string, q: FlagQuery = {}) =>
  getJson<FlagList>(serverUrl, token, '/v1/flags', { status: 'open', ...q });
export const fetchDossier = (serverUrl: string, token: string, code: string) =>
  getJson<DossierDetail>(serverUrl, token, `/v1/dossiers/${encodeURIComponent(code)}`);
export const fetchMeSummary = (serverUrl: string, token: string) => getJson<MeSummary>(serverUrl, token, '/v1/me/summary');
