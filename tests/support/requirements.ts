import { existsSync } from 'node:fs';
import pg from 'pg';

/**
 * Tests that need Chromium, Firefox or PostgreSQL skip on a newcomer's machine with a printed reason;
 * under CI=true a missing one is a failure, never a silent skip.
 */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function requirement(name: string, available: boolean, reason: string): boolean {
  if (available) return true;
  if (IN_CI) throw new Error(`${name} is required under CI=true but missing: ${reason}`);
  console.warn(`\n[skip] ${name} tests skipped: ${reason}\n`);
  return false;
}

export function chromiumAvailable(): boolean {
  return requirement('Chromium', existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} not found (apt-get install -y chromium)`);
}

export function firefoxAvailable(): boolean {
  return requirement('Firefox', existsSync(FIREFOX_PATH), `${FIREFOX_PATH} not found (apt-get install -y firefox-esr)`);
}

/** A program the deployment test runs (caddy, openssl, pg_dump), found on PATH. */
export function programAvailable(name: string, install: string): boolean {
  const found = (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${name}`));
  return requirement(name, found, `${name} not found on PATH (${install})`);
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return requirement('PostgreSQL', true, '');
  } catch (e) {
    return requirement('PostgreSQL', false, `cannot connect to ${POSTGRES_URL} (${(e as Error).message}); set TEST_DATABASE_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
