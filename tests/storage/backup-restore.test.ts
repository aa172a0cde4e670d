import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestApi } from '../support/test-api.ts';
import { freshPostgresDatabase, freshSqlite } from '../support/databases.ts';
import { postgresAvailable } from '../support/requirements.ts';
import { actionEvent, activeEvent, batch, openEvent } from '../support/events.ts';
import { drainQueue } from '../../api/derive/index.ts';
import { openStorage, type DatabaseTarget } from '../../api/db/connect.ts';
import { tableDigest } from '../../api/ops/tables.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);
/** The commands exactly as the README's operations guide gives them. */
async function npm(script: string, args: string[], env: Record<string, string>) {
  try {
    const r = await exec('node', [join(ROOT, 'api/cli', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}
const envOf = (t: DatabaseTarget): Record<string, string> =>
  t.kind === 'postgres' ? { DATABASE_URL: t.url } : { DATABASE_URL: '', SQLITE_PATH: t.path };
const where = (t: DatabaseTarget) => (t.kind === 'postgres' ? t.url : t.path);

/** A database with demo accounts, a few officials' events and their derived rows. */
async function populated(target: DatabaseTarget) {
  const api = await createTestApi(target);
  try {
    await ingestAndDerive(api);
  } finally {
    await api.close();
  }
}

async function ingestAndDerive(api: Awaited<ReturnType<typeof createTestApi>>) {
  const start = Date.now() - 3600_000;
  for (const who of ['motcua1', 'chuyenvien1', 'lanhdao1']) {
    const code = `000.00.12.H32-251120-${String(who.length).padStart(4, '0')}`;
    const r = await api.call(who, '/v1/events', {
      body: batch([
        openEvent({ dossierCode: code }),
        activeEvent(start, 90, { dossierCode: code }),
        actionEvent('forward', { dossierCode: code, toAccount: 'lanhdao1' }),
      ]),
    });
    expect(r.json.accepted, JSON.stringify(r.json)).toBe(3);
  }
  await drainQueue(api.services.db, { now: Date.now });
}

const dir = mkdtempSync(join(tmpdir(), 'dp-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

const DIALECTS: { name: string; available: () => Promise<boolean>; make(): Promise<DatabaseTarget> }[] = [
  { name: 'sqlite', available: async () => true, make: async () => freshSqlite().target },
  {
    name: 'postgres',
    available: postgresAvailable,
    async make() {
      const db = await freshPostgresDatabase('dp_backup');
      cleanups.push(db.drop);
      return { kind: 'postgres', url: db.url };
    },
  },
];

for (const d of DIALECTS) {
  describe.skipIf(!(await d.available()))(`backup and restore on ${d.name}`, () => {
    test('a backup restores into a new database that the verifier accepts; a tampered or damaged copy is refused', async () => {
      const source = await d.make();
      await populated(source);
      const file = join(dir, `${d.name}-1.backup`);
      const made = await npm('backup', ['create', file], envOf(source));
      expect(made.out).toMatch(/✓ .*: 9 events/);
      const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
      expect(manifest).toMatchObject({
        format: 'dossier-pulse-backup/1',
        source: d.name,
        tables: { events: 9, officials: expect.any(Number), segments: expect.any(Number) },
      });
      expect(manifest.tables.segments).toBeGreaterThan(0);

      const copy = await d.make();
      const restoredTo = d.name === 'sqlite' ? { kind: 'sqlite' as const, path: join(dir, `${d.name}-restored.sqlite`) } : copy;
      const restored = await npm('backup', ['restore', file, '--to', where(restoredTo)], {});
      expect(restored.out).toMatch(/✓ restored .*: 9 events of 3 officials/);
      expect(restored.code).toBe(0);
      // The copy equals the source table by table.
      const [a, b] = [await openStorage(source, { migrate: false }), await openStorage(restoredTo, { migrate: false })];
      for (const t of ['events', 'chain_heads', 'segments', 'rollups', 'officials'])
        expect(await tableDigest(b.db, restoredTo.kind, t)).toEqual(await tableDigest(a.db, source.kind, t));
      // Someone edits an event in the restored copy: its chain no longer verifies.
      await b.db.updateTable('events').set({ action: 'return' }).where('kind', '=', 'action').where('action', '=', 'forward').execute();
      await a.close();
      await b.close();
      const verified = await npm('backup', ['verify', file, '--to', where(restoredTo)], {});
      expect(verified.code).toBe(1);
      expect(verified.out).toMatch(/✗ events: \d+ rows break their official’s hash chain/);
      // Restoring again into the same place is refused, not merged.
      expect((await npm('backup', ['restore', file, '--to', where(restoredTo)], {})).out).toMatch(/exists already|not empty/);
      // A damaged backup file is refused before anything is written.
      const damaged = join(dir, `${d.name}-damaged.backup`);
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
      writeFileSync(damaged, bytes);
      writeFileSync(`${damaged}.manifest.json`, readFileSync(`${file}.manifest.json`));
      const other = d.name === 'sqlite' ? join(dir, 'never.sqlite') : where(await d.make());
      const refused = await npm('backup', ['restore', damaged, '--to', other], {});
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/is damaged: its SHA-256 is/);
      if (d.name === 'sqlite') expect(existsSync(other)).toBe(false);
    });
  });
}

describe.skipIf(!(await postgresAvailable()))('moving the embedded SQLite database to PostgreSQL', () => {
  test('one command copies every table, proves each equal and every chain intact; a database in use is refused', async () => {
    const sqlite = freshSqlite();
    cleanups.push(sqlite.drop);
    await populated(sqlite.target);
    const db = await freshPostgresDatabase('dp_move');
    cleanups.push(db.drop);
    const moved = await npm('move-to-postgres', [db.url], envOf(sqlite.target));
    expect(moved.out).toMatch(/✓ \d+ rows in \d+ tables copied and equal; 9 events of 3 officials, chains intact/);
    expect(moved.code).toBe(0);
    const [a, b] = [await openStorage(sqlite.target), await openStorage({ kind: 'postgres', url: db.url })];
    for (const t of ['events', 'units', 'rollup_buckets', 'flags', 'sessions'])
      expect(await tableDigest(b.db, 'postgres', t)).toEqual(await tableDigest(a.db, 'sqlite', t));
    await a.close();
    await b.close();
    const again = await npm('move-to-postgres', [db.url], envOf(sqlite.target));
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/the PostgreSQL database is not empty/);
  });
});
