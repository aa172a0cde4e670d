import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStorage } from '../../api/db/connect.ts';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { localIsoDate as localDate } from '../../shared/calendar/civil-date.ts';

const CLI = resolve(import.meta.dirname, '../../api/cli/admin.ts');
const dir = mkdtempSync(join(tmpdir(), 'dp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dialects = STORAGE_DIALECTS;

const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

test('usage and errors exit non-zero with a reason, before any database is opened', { timeout: 60_000 }, () => {
  const cli = (args: string[]) => {
    const env = { PATH: process.env.PATH, SQLITE_PATH: join(dir, 'never-created', 'x.sqlite') };
    const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const none = cli([]);
  expect(none.code).toBe(2);
  expect(none.err).toMatch(/officials add <username>/);
  expect(cli(['--help']).code).toBe(0);
  const unknown = cli(['frobnicate']);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown command: frobnicate/);
  const missing = cli(['units', 'add', '000.00.00.H32']);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/missing arguments/);
  expect(existsSync(join(dir, 'never-created'))).toBe(false);
});

// Each run starts Node and opens the database (most of a second); the tests run many.
describe.each(dialects)('admin CLI on $name', { timeout: 90_000 }, ({ make }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await make();
  });
  afterAll(async () => database?.drop());

  /** The CLI as an operator runs it: a child process configured by the environment only. */
  function cli(args: string[], input?: string) {
    const target = database.target;
    const env = target.kind === 'postgres' ? { DATABASE_URL: target.url } : { SQLITE_PATH: target.path };
    const r = spawnSync(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'silent' },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (r.status !== 0 && !/^✗ /.test(r.stderr)) console.error(`admin ${args.join(' ')}: ${r.status} ${r.error ?? ''}\n${r.stderr}`);
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('bootstraps a province: migrate, units, officials', async () => {
    expect(cli(['migrate']).code).toBe(0);
    expect(cli(['units', 'add', '000.00.00.H32', 'UBND tỉnh Khánh Hòa']).code).toBe(0);
    expect(cli(['units', 'add', '000.00.12.H32', 'Sở Tài nguyên và Môi trường', '--parent', '000.00.00.H32']).code).toBe(0);
    const bad = cli(['units', 'add', '000.00.13.H32', 'x', '--parent', '000.00.99.H32']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown_parent/);
    expect(cli(['units', 'list']).out).toMatch(/000\.00\.12\.H32\s+000\.00\.00\.H32\s+1/);

    const generated = cli(['officials', 'add', 'quantri', '--unit', '000.00.00.H32', '--role', 'admin', '--name', 'Quản trị']);
    expect(generated.code).toBe(0);
    const password = /password: (\S+)/.exec(generated.out)?.[1];
    expect(password).toBeTruthy();
    expect(
      cli(
        ['officials', 'add', 'cv1', '--unit', '000.00.12.H32', '--role', 'clerk', '--backoffice', 'cv1', '--password-stdin'],
        'mot-mat-khau-dai\n',
      ).code,
    ).toBe(0);
    expect(cli(['officials', 'add', 'cv2', '--unit', '000.00.12.H32', '--role', 'boss']).code).toBe(1);
    expect(cli(['officials', 'set-role', 'cv1', 'inspector']).code).toBe(0);

    const storage = await openStorage(database.target);
    try {
      const rows = await storage.db.selectFrom('officials').selectAll().orderBy('username').execute();
      expect(rows.map((r) => [r.username, r.role, r.unit_id])).toEqual([
        ['cv1', 'inspector', '000.00.12.H32'],
        ['quantri', 'admin', '000.00.00.H32'],
      ]);
      expect(await verifyPassword(rows[0]!.password_hash, 'mot-mat-khau-dai')).toBe(true);
      expect(await verifyPassword(rows[1]!.password_hash, password!)).toBe(true);
      await storage.db
        .insertInto('sessions')
        .values({ id: 'cli-test-session', official_id: rows[0]!.id, expires_at: Date.now() + 60_000, created_at: Date.now() })
        .execute();
    } finally {
      await storage.close();
    }
    expect(cli(['officials', 'deactivate', 'cv1']).code).toBe(0);
    const listed = JSON.parse(cli(['officials', 'list', '--json']).out) as { username: string; active: boolean }[];
    expect(listed.find((o) => o.username === 'cv1')?.active).toBe(false);
    const after = await openStorage(database.target);
    expect(await after.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    await after.close();
  });

  test('imports procedures, profiles, calendars and rule settings through the same validation', () => {
    const procedure = {
      code: '1.001193.000.00.00.H32',
      name: 'Đăng ký khai sinh',
      totalAmount: 1,
      timeType: 'working_days',
      steps: [
        { code: 'TIEP_NHAN', name: 'Tiếp nhận', role: 'desk_clerk', allottedHours: 2 },
        { code: 'XU_LY', name: 'Xử lý', role: 'specialist', allottedHours: 6 },
      ],
    };
    expect(cli(['procedures', 'import', file('p.json', [procedure])]).code).toBe(0);
    expect(cli(['procedures', 'import', file('p2.json', { ...procedure, name: 'Đăng ký khai sinh (sửa)' })]).out).toMatch(/v2/);
    const tooLong = cli(['procedures', 'import', file('p3.json', { ...procedure, totalAmount: 0.5 })]);
    expect(tooLong.code).toBe(1);
    expect(tooLong.err).toMatch(/steps/);
    expect(cli(['procedures', 'list']).out).toMatch(/1\.001193\.000\.00\.00\.H32\s+2\s+000\.00\.00\.H32/);

    const profile = {
      id: 'motcua',
      version: 1,
      name: 'Một cửa',
      matches: ['https://motcua.example.vn/*'],
      pages: [{ kind: 'list', path: '/ds' }],
    };
    expect(cli(['profiles', 'add', file('profile.json', profile)]).code).toBe(0);
    const again = cli(['profiles', 'add', file('profile.json', profile)]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/version_conflict/);
    expect(cli(['profiles', 'list']).out).toMatch(/motcua\s+1/);

    const future = localDate(Date.now() + 40 * 86_400_000);
    expect(
      cli([
        'calendars',
        'add',
        '000.00.12.H32',
        file('cal.json', { validFrom: future, weekly: { sat: [{ start: '07:30', end: '11:30' }] } }),
      ]).out,
    ).toMatch(/v1/);
    expect(cli(['calendars', 'add', '000.00.12.H32', file('old.json', { validFrom: '2020-01-01' })]).code).toBe(1);

    expect(cli(['rules', 'set', 'default', file('rules.json', { idle_at_holder: { idleHours: 16 } })]).code).toBe(0);
    expect(cli(['rules', 'set', 'unit:000.00.12.H32', file('r2.json', { overdue: { enabled: false } })]).code).toBe(0);
    expect(cli(['rules', 'set', 'everywhere', file('r3.json', {})]).code).toBe(1);
    expect(cli(['rules', 'set', 'default', join(dir, 'missing.json')]).err).toMatch(/bad_file/);
  });
});
