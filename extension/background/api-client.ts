import type { EventResult, CaptureEvent } from '../../shared/schemas/events.ts';
import type { LoginResponse } from '../../shared/schemas/api.ts';

export type PostOutcome =
  | { kind: 'ok'; results: EventResult[]; serverTime?: string; sentAt: number; answeredAt: number }
  | { kind: 'too_large' }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'retry'; afterMs: number | null; message: string };

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function login(serverUrl: string, username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(new URL('/v1/auth/login', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(await errorMessage(res));
  return (await res.json()) as LoginResponse;
}

export async function logout(serverUrl: string, token: string): Promise<void> {
  await fetch(new URL('/v1/auth/logout', serverUrl), { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
    () => undefined,
  );
}

/** `sentAt` is stamped at each attempt so the server measures this client's clock skew. */
export async function postEvents(serverUrl: string, token: string, events: CaptureEvent[], clockOffsetMs?: number): Promise<PostOutcome> {
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetch(new URL('/v1/events', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ sentAt: new Date(sentAt).toISOString(), ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}), events }),
    });
  } catch (e) {
    return { kind: 'retry', afterMs: null, message: `Không kết nối được máy chủ / Server unreachable (${String(e)})` };
  }
  if (res.ok) {
    const body = (await res.json()) as { results: EventResult[]; serverTime?: string };
    return { kind: 'ok', results: body.results, serverTime: body.serverTime, sentAt, answeredAt: Date.now() };
  }
  if (res.status === 413) return { kind: 'too_large' };
  if (res.status === 401) return { kind: 'unauthorized', message: await errorMessage(res) };
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    kind: 'retry',
    afterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    message: await errorMessage(res),
  };
}
