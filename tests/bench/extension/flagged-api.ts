import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiLogin, waitFor } from '../../support/stack.ts';
import { startApiProcess } from '../support/api-process.ts';

const DAY = 86_400_000;
const PROFILE = { id: 'backoffice-classic', version: 1 };

async function send(url: string, token: string, events: object[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: events.slice(i, i + 500) }),
    });
    if (!res.ok) throw new Error(`seeding flags: ${res.status} ${await res.text()}`);
  }
}

/**
 * Makes `codes` flagged on a running API with the demo accounts: received two weeks ago and
 * handed to chuyenvien1, who has not touched them since. Once derived, each carries open flags
 * naming chuyenvien1, so the extension signed in as chuyenvien1 badges those rows; resolves when
 * nearly all are derived.
 */
export async function seedFlags(url: string, codes: readonly string[]): Promise<void> {
  const desk = await apiLogin(url, 'motcua1');
  const clerk = await apiLogin(url, 'chuyenvien1');
  const t0 = Date.now() - 14 * DAY;
  const fields = {
    procedureCode: '1.001193.000.00.00.H32',
    status: 'Đang xử lý',
    step: 'Thẩm định hồ sơ',
    appointmentAt: new Date(t0 + 7 * DAY).toISOString(),
  };
  const at = (ms: number) => new Date(ms).toISOString();
  await send(
    url,
    desk,
    codes.flatMap((code) => [
      {
        id: randomUUID(),
        kind: 'action',
        action: 'receive',
        at: at(t0),
        dossierCode: code,
        profile: PROFILE,
        fields: { ...fields, step: 'Tiếp nhận hồ sơ' },
      },
      {
        id: randomUUID(),
        kind: 'action',
        action: 'forward',
        toAccount: 'chuyenvien1',
        at: at(t0 + 3600_000),
        dossierCode: code,
        profile: PROFILE,
        fields: { ...fields, step: 'Tiếp nhận hồ sơ' },
      },
    ]),
  );
  await send(
    url,
    clerk,
    codes.map((code) => ({ id: randomUUID(), kind: 'open', at: at(t0 + 2 * 3600_000), dossierCode: code, profile: PROFILE, fields })),
  );
  // The API's own worker derives them; wait until most carry a flag the clerk can see.
  await waitFor(
    async () => {
      const res = await fetch(`${url}/v1/flags?limit=1`, { headers: { authorization: `Bearer ${clerk}` } });
      return ((await res.json()) as { page?: { total?: number } }).page?.total ?? 0;
    },
    (n) => n >= codes.length * 0.9,
    120_000,
    1000,
  );
}

/** The real API (own process, SQLite, demo accounts) with `codes` flagged (see `seedFlags`). */
export async function startFlaggedApi(codes: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dp-bench-ext-'));
  const api = await startApiProcess({ sqlitePath: join(dir, 'api.sqlite') }, { env: { DEMO: '1' } });
  try {
    await seedFlags(api.url, codes);
  } catch (e) {
    await api.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: api.url,
    async close() {
      await api.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
