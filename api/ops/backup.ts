import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite';
import { sql, type Kysely } from 'kysely';
import { openStorage, type DatabaseTarget } from '../db/connect.ts';
import { verifyChains } from '../verify/verify-chain.ts';
import { appliedMigrations, dataTables, tableCounts, type Dialect } from './tables.ts';

/**
 * Backups a province can restore and prove: PostgreSQL through pg_dump's custom format taken in
 * an exported snapshot, the embedded SQLite through its online backup API. Beside each backup a
 * manifest records, from the same snapshot, every table's row count and the officials' chain
 * heads; a restored copy is accepted only when it has the same, and every hash chain verifies.
 */
export type BackupManifest = {
  format: 'dossier-pulse-backup/1';
  createdAt: string;
  source: Dialect;
  file: string;
  sha256: string;
  migrations: string[];
  tables: Record<string, number>;
  /** SHA-256 over every official's chain head (id, seq, hash): the tip of all the evidence. */
  chainHeads: string;
};

export const manifestPath = (file: string) => `${file}.manifest.json`;

async function snapshotFacts(db: Kysely<any>, dialect: Dialect) {
  const tables = await dataTables(db, dialect);
  const heads = await db.selectFrom('chain_heads').select(['official_id', 'seq', 'hash']).orderBy('official_id').execute();
  const chainHeads = createHash('sha256')
    .update(JSON.stringify(heads.map((h) => [h.official_id, Number(h.seq), h.hash])))
    .digest('hex');
  return { migrations: await appliedMigrations(db), tables: await tableCounts(db, tables), chainHeads };
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (is the PostgreSQL client installed?)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`))));
  });
}

/** Writes `file` (and `file.manifest.json`) from the live database; the API may keep running. */
export async function createBackup(source: DatabaseTarget, file: string): Promise<BackupManifest> {
  if (existsSync(file)) throw new Error(`${file} exists already; a backup never overwrites one`);
  let facts: Awaited<ReturnType<typeof snapshotFacts>>;
  if (source.kind === 'sqlite') {
    const live = new DatabaseSync(source.path, { readOnly: true });
    try {
      // One step (every page at once) under one read lock: a consistent copy while ingest goes on.
      await sqliteBackup(live, file, { rate: 1_000_000_000 });
    } finally {
      live.close();
    }
    const copy = await openStorage({ kind: 'sqlite', path: file }, { migrate: false });
    try {
      facts = await snapshotFacts(copy.db, 'sqlite');
    } finally {
      await copy.close();
    }
  } else {
    const storage = await openStorage(source, { migrate: false, poolSize: 1 });
    try {
      facts = await storage.db.connection().execute(async (conn) => {
        // pg_dump reads the very snapshot the counts come from, however busy ingest is.
        await sql`begin isolation level repeatable read read only`.execute(conn);
        try {
          const snap = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(conn);
          const f = await snapshotFacts(conn, 'postgres');
          await run('pg_dump', ['--format=custom', `--snapshot=${snap.rows[0]!.id}`, `--file=${file}`, `--dbname=${source.url}`]);
          return f;
        } finally {
          await sql`commit`.execute(conn);
        }
      });
    } finally {
      await storage.close();
    }
  }
  const manifest: BackupManifest = {
    format: 'dossier-pulse-backup/1',
    createdAt: new Date().toISOString(),
    source: source.kind,
    file: basename(file),
    sha256: await fileSha256(file),
    ...facts,
  };
  writeFileSync(manifestPath(file), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function readManifest(file: string): BackupManifest {
  const path = manifestPath(file);
  if (!existsSync(path)) throw new Error(`${path} is missing: a backup is restored only with the manifest written beside it`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (m.format !== 'dossier-pulse-backup/1') throw new Error(`${path}: unknown format ${String(m.format)}`);
  return m;
}

export type CopyCheck = { ok: boolean; problems: string[]; events: number; officials: number };

/** Is `target` exactly what the manifest describes, with every hash chain intact? */
export async function verifyCopy(manifest: BackupManifest, target: DatabaseTarget): Promise<CopyCheck> {
  const storage = await openStorage(target, { migrate: false });
  try {
    const problems: string[] = [];
    const facts = await snapshotFacts(storage.db, target.kind);
    if (facts.migrations.join() !== manifest.migrations.join())
      problems.push(`migrations: ${facts.migrations.join(', ')} ≠ ${manifest.migrations.join(', ')}`);
    for (const t of new Set([...Object.keys(manifest.tables), ...Object.keys(facts.tables)])) {
      if (facts.tables[t] !== manifest.tables[t])
        problems.push(`${t}: ${facts.tables[t] ?? 'no table'} rows, the backup had ${manifest.tables[t] ?? 'no table'}`);
    }
    if (facts.chainHeads !== manifest.chainHeads) problems.push('chain_heads: the officials’ chain heads differ from the backup’s');
    const chains = await verifyChains(storage.db);
    if (chains.tampers.length)
      problems.push(`events: ${chains.tampers.length} rows break their official’s hash chain (npm run verify names them)`);
    return { ok: problems.length === 0, problems, events: chains.rows, officials: chains.officials };
  } finally {
    await storage.close();
  }
}

/**
 * Restores into a new, empty target (a database made with `createdb`, or a SQLite path not yet
 * taken) and verifies the copy against the manifest.
 */
export async function restoreBackup(file: string, target: DatabaseTarget): Promise<CopyCheck> {
  const manifest = readManifest(file);
  const sha = await fileSha256(file);
  if (sha !== manifest.sha256) throw new Error(`${file} is damaged: its SHA-256 is ${sha}, the manifest says ${manifest.sha256}`);
  if (manifest.source !== target.kind)
    throw new Error(
      `a ${manifest.source} backup restores into ${manifest.source}, not ${target.kind} (to move SQLite to PostgreSQL: npm run move-to-postgres)`,
    );
  if (target.kind === 'sqlite') {
    if (existsSync(target.path)) throw new Error(`${target.path} exists already; restore into a new path`);
    if (!existsSync(dirname(target.path))) throw new Error(`${dirname(target.path)} does not exist`);
    copyFileSync(file, target.path);
  } else {
    const probe = await openStorage(target, { migrate: false, poolSize: 1 });
    try {
      const tables = await dataTables(probe.db, 'postgres');
      if (tables.length)
        throw new Error(`the target database is not empty (${tables.slice(0, 5).join(', ')}…); restore into a new one (createdb)`);
    } finally {
      await probe.close();
    }
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file]);
  }
  return verifyCopy(manifest, target);
}

/** `backup-2026-11-22T0300.dump` in `dir`: a name that sorts by time and never overwrites. */
export function backupFileName(dir: string, kind: Dialect, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join(dir, `dossier-pulse-${stamp}.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
}
