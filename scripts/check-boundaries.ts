// The import rules of the layout (README "Design notes"), checked by `npm run check:boundaries`:
//   shared/                 imports nothing of ours and no Node built-in: it runs everywhere
//   extension/              imports itself and shared/ only; no Node built-in
//   api/dashboard/app/      (the dashboard's browser app) imports itself and shared/ only; no Node built-in
//   api/<feature>/          never imports another feature's repository (api/<other>/*.repository.ts)
//   product code            never imports tests/
// Tests (tests/**, *.test.ts) may import anything. Known exceptions are listed below, each with
// why; an exception that no longer happens is reported too, so the list only shrinks.
//
// Usage: node scripts/check-boundaries.ts [root]   (root defaults to the repository)
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `from → to` pairs (repository paths) allowed for now. */
export const ALLOWED: readonly { from: string; to: string; why: string }[] = [
  // The demo: `npm start` builds its history from the demo back-office's own dossiers (one world),
  // which also serves the tests. They would move to a home of their own (e.g. demo/).
  { from: 'scripts/demo-world.ts', to: 'tests/backoffice/server.ts', why: 'demo back-office lives in tests/' },
  { from: 'scripts/demo-world.ts', to: 'tests/backoffice/model.ts', why: 'demo back-office lives in tests/' },
  { from: 'scripts/demo-events.ts', to: 'tests/backoffice/model.ts', why: 'demo back-office lives in tests/' },
  { from: 'scripts/demo-events.ts', to: 'tests/backoffice/rules.ts', why: 'demo back-office lives in tests/' },
];

/** A feature folder reading another's repository: to be replaced by that feature's service or a shared read. */
export const ALLOWED_REPOSITORY_READS: readonly string[] = [
  // Shared infrastructure kept in a feature folder: the derivation queue, the checkpoint and audit
  // chains, security alerts. Candidates for db/ or a service of their own.
  'api/admin/cli-commands.ts -> api/integrity/checkpoints.repository.ts',
  'api/admin/derive-failures.routes.ts -> api/derive/queue.repository.ts',
  // Periodic evaluation: every read of an official's records by someone else is recorded where the
  // read happens, and explanations and sheets are sealed in the audit and checkpoint chains.
  'api/dossiers/dossiers.routes.ts -> api/access-log/access-log.repository.ts',
  'api/exports/event-log.routes.ts -> api/access-log/access-log.repository.ts',
  'api/exports/table-csv.routes.ts -> api/access-log/access-log.repository.ts',
  'api/stats/units.routes.ts -> api/access-log/access-log.repository.ts',
  'api/sheets/sheets.repository.ts -> api/access-log/access-log.repository.ts',
  'api/explanations/explanations.repository.ts -> api/integrity/audit-log.repository.ts',
  'api/sheets/sheets.repository.ts -> api/integrity/audit-log.repository.ts',
  'api/sheets/sheets.repository.ts -> api/integrity/checkpoints.repository.ts',
  'api/reconcile/slip.repository.ts -> api/integrity/checkpoints.repository.ts',
  // The back-office's log is a second witness the derivation reads; suspected personal data is
  // counted where profile health reads it.
  'api/derive/dossier-events.ts -> api/reconcile/backoffice-log.repository.ts',
  'api/derive/rebuild.ts -> api/reconcile/backoffice-log.repository.ts',
  'api/ingest/events.routes.ts -> api/admin/pii-quarantine.repository.ts',
  'api/admin/security-alerts.routes.ts -> api/auth/security-alerts.repository.ts',
  'api/exports/exports.schemas.ts -> api/flags/flags.repository.ts',
  'api/exports/table-rows.ts -> api/stats/units.repository.ts',
  'api/exports/table-rows.ts -> api/stats/unit-officials.repository.ts',
  'api/exports/table-rows.ts -> api/dossiers/dossiers.repository.ts',
  'api/exports/table-rows.ts -> api/flags/flags.repository.ts',
  'api/ingest/events.repository.ts -> api/derive/queue.repository.ts',
  'api/ingest/events.repository.ts -> api/admin/profile-misses.repository.ts',
  'api/ingest/events.repository.ts -> api/admin/profile-miss-quota.repository.ts',
  'api/ingest/readings.repository.ts -> api/derive/queue.repository.ts',
  'api/inspections/evidence.ts -> api/dossiers/dossiers.repository.ts',
  'api/inspections/inspection-close.repository.ts -> api/integrity/checkpoints.repository.ts',
  'api/inspections/inspection-close.repository.ts -> api/integrity/audit-log.repository.ts',
  'api/inspections/inspections.repository.ts -> api/integrity/checkpoints.repository.ts',
  'api/integrity/checkpoints.repository.ts -> api/auth/security-alerts.repository.ts',
  'api/integrity/redaction.ts -> api/derive/queue.repository.ts',
  'api/openapi/read-route-specs.ts -> api/flags/flags.repository.ts',
  'api/verify/run-verify.ts -> api/integrity/checkpoints.repository.ts',
  'api/verify/verify-chain.ts -> api/integrity/checkpoints.repository.ts',
  'api/verify/verify-derived.ts -> api/ingest/readings.repository.ts',
  'api/verify/verify-log.ts -> api/integrity/audit-log.repository.ts',
];

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const CODE = /\.(ts|tsx|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', '.git', 'data', 'coverage', 'docs']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(root, path, out);
    else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
}

/** Specifiers of static imports, re-exports and dynamic imports with a literal path. */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]!);
  return found;
}

const isTest = (file: string) => file.startsWith('tests/') || /\.test\.tsx?$/.test(file);

/** Glob of the exception lists: `**` any depth, `*` within one path segment. */
function matches(glob: string, path: string): boolean {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`).test(path);
}

function zoneOf(file: string): 'shared' | 'extension' | 'dashboard' | 'api' | 'scripts' | 'other' {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('extension/')) return 'extension';
  if (file.startsWith('api/dashboard/app/')) return 'dashboard';
  if (file.startsWith('api/')) return 'api';
  if (file.startsWith('scripts/')) return 'scripts';
  return 'other';
}

const featureOf = (file: string) => (file.startsWith('api/') ? file.split('/')[1] : undefined);

/** The rule an import breaks, if any (before exceptions). */
export function ruleBroken(file: string, specifier: string): string | undefined {
  const zone = zoneOf(file);
  if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) {
    return zone === 'shared' || zone === 'extension' || zone === 'dashboard' ? `${zone}/ must not import Node built-ins` : undefined;
  }
  if (!specifier.startsWith('.')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (target.startsWith('tests/')) return 'product code must not import tests/';
  if (zone === 'shared' && !target.startsWith('shared/')) return 'shared/ imports nothing of ours outside shared/';
  if ((zone === 'extension' || zone === 'dashboard') && !target.startsWith('shared/') && zoneOf(target) !== zone) {
    return `${zone === 'extension' ? 'extension/' : 'the dashboard'} imports only itself and shared/`;
  }
  if (zone === 'api' && target.startsWith('api/') && target.endsWith('.repository.ts') && featureOf(target) !== featureOf(file)) {
    return "an api feature folder must not import another feature's repository";
  }
  return undefined;
}

export function checkBoundaries(root: string): { violations: Violation[]; unusedExceptions: string[] } {
  const files: string[] = [];
  for (const top of ['shared', 'extension', 'api', 'scripts']) {
    try {
      walk(root, top, files);
    } catch {
      // A partial tree (a probe's temporary copy) may lack a folder.
    }
  }
  const used = new Set<string>();
  const violations: Violation[] = [];
  for (const file of files) {
    if (isTest(file)) continue;
    for (const specifier of importsOf(readFileSync(join(root, file), 'utf8'))) {
      const rule = ruleBroken(file, specifier);
      if (!rule) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const allowed = ALLOWED.find((a) => matches(a.from, file) && matches(a.to, target));
      const key = `${file} -> ${target}`;
      if (allowed) used.add(`${allowed.from} -> ${allowed.to}`);
      else if (ALLOWED_REPOSITORY_READS.includes(key)) used.add(key);
      else violations.push({ file, specifier, rule });
    }
  }
  const listed = [...ALLOWED.map((a) => `${a.from} -> ${a.to}`), ...ALLOWED_REPOSITORY_READS];
  return { violations, unusedExceptions: listed.filter((k) => !used.has(k)) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ?? join(here, '..');
  const { violations, unusedExceptions } = checkBoundaries(root);
  for (const v of violations) console.error(`${v.file.split('/').join(sep)}: imports '${v.specifier}': ${v.rule}`);
  for (const k of unusedExceptions) console.error(`stale exception (no longer happens, remove it from scripts/check-boundaries.ts): ${k}`);
  const failed = violations.length + unusedExceptions.length;
  console.log(failed ? `boundaries: ${failed} problem(s) in ${relative(process.cwd(), root) || '.'}\n` : 'boundaries: ok');
  process.exitCode = failed ? 1 : 0;
}
