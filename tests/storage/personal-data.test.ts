import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { useTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent, PROFILE } from '../support/events.ts';
import { dumpDatabase } from '../support/db-scan.ts';
import { TEST_KEY_FILE } from '../support/integrity.ts';
import { runVerify } from '../../api/verify/run-verify.ts';
import { REDACTED_VALUE } from '../../api/ingest/hash-chain.ts';

const CLI = resolve(import.meta.dirname, '../../api/cli/admin.ts');
const VERIFY = resolve(import.meta.dirname, '../../api/cli/verify.ts');
const PHONE = '0935518663';
const CITIZEN_ID = '056089001234';
const NAME = 'Lê Quang Khoa';

/**
 * Personal data stopped at the server (issue 16): what a careless profile read into a free-text
 * field is dropped before the chain sees it, reported per event and per profile version, and a
 * value that slipped in anyway is redacted by value with the chains still verifying.
 */
describe.each(STORAGE_DIALECTS)('personal data and silence at ingest on $name', { timeout: 120_000 }, ({ make }) => {
  const suite = useTestApi(make);

  test('a suspect field is dropped, named in the answer, counted in profile health, and stored nowhere', async () => {
    const events = [
      openEvent({ fields: { status: `Chờ bổ sung Đã thông báo cho công dân ${NAME} qua SĐT ${PHONE}`, step: 'Thẩm định' } }),
      actionEvent('transfer', { toAccount: CITIZEN_ID, fields: { status: 'Đang xử lý' } }),
      {
        id: crypto.randomUUID(),
        kind: 'list_seen',
        at: new Date().toISOString(),
        profile: PROFILE,
        rows: [
          { dossierCode: '000.00.12.H32-251120-0008', fields: { status: 'Đang xử lý' } },
          { dossierCode: '000.00.12.H32-251120-0009', fields: { status: `Chờ bổ sung (${NAME}, khoa.le@gmail.com)` } },
        ],
      },
      openEvent({ fields: { status: 'Đang xử lý', step: 'Thẩm định' } }),
    ];
    const res = await suite.api.call('chuyenvien1', '/v1/events', { body: batch(events) });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(4);
    const reasons = res.json.results.map((r: { reason?: string }) => r.reason ?? null);
    expect(reasons[0]).toMatch(/^fields\.status: .*\(phone\)/);
    expect(reasons[1]).toMatch(/^toAccount: .*\(citizen_id\)/);
    expect(reasons[2]).toMatch(/^rows\.1\.fields\.status: .*\(email\)/);
    expect(reasons[3]).toBeNull();
    // The answer names the field and the kind, never the value.
    expect(JSON.stringify(res.json)).not.toMatch(new RegExp(`${PHONE}|${CITIZEN_ID}|Khoa`));

    const db = suite.api.services.db;
    const dump = await dumpDatabase(db);
    for (const planted of [PHONE, CITIZEN_ID, 'Quang Khoa', 'khoa.le@gmail.com']) expect(dump).not.toContain(planted);
    // The rest of each event is kept: the clean step, the action, the clean row.
    const stored = await db
      .selectFrom('events')
      .select(['id', 'status', 'step', 'to_account', 'action'])
      .where(
        'id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(byId.get(events[0]!.id)).toMatchObject({ status: null, step: 'Thẩm định' });
    expect(byId.get(events[1]!.id)).toMatchObject({ action: 'transfer', to_account: null, status: 'Đang xử lý' });

    // Redelivering the batch does not count twice.
    await suite.api.call('chuyenvien1', '/v1/events', { body: batch(events) });
    const health = await suite.api.call('admin', '/v1/admin/profile-health');
    expect(health.status).toBe(200);
    const held = health.json.personalData as { profileId: string; field: string; kind: string; count: number }[];
    expect(held.map((h) => `${h.profileId} ${h.field} ${h.kind} ${h.count}`).sort()).toEqual([
      `${PROFILE.id} status email 1`,
      `${PROFILE.id} status phone 1`,
      `${PROFILE.id} toAccount citizen_id 1`,
    ]);

    const verified = await runVerify(db, { key: suite.api.services.integrity });
    expect(verified.chains.tampers).toEqual([]);
    expect(verified.ok).toBe(true);
  });

  test('hand-overs whose receiver is no known official are reported per profile version', async () => {
    const profile = { id: 'receivers-test', version: 2 };
    const events = [
      actionEvent('transfer', { profile, toAccount: 'khong-ai-ca' }),
      actionEvent('forward', { profile }),
      actionEvent('forward', { profile }),
      actionEvent('transfer', { profile, toAccount: 'chuyenvien2' }),
      // Approval names a receiver only sometimes: without one it is no silence.
      actionEvent('approve', { profile }),
    ];
    expect((await suite.api.call('chuyenvien1', '/v1/events', { body: batch(events) })).json.accepted).toBe(5);
    const health = await suite.api.call('admin', '/v1/admin/profile-health');
    const mine = (health.json.receivers as { profileId: string; profileVersion: number; receiver: string; count: number }[]).filter(
      (r) => r.profileId === 'receivers-test',
    );
    expect(mine.map((r) => `${r.profileVersion} ${r.receiver} ${r.count}`).sort()).toEqual(['2 not_read 2', '2 unknown 1']);
  });

  test('a value that slipped past the patterns is redacted by value: gone from every event, recorded, chains verify', async () => {
    // Text no pattern can tell from a label: the admin learns of it and removes it by its value.
    const slipped = 'Hồ sơ của Khoa nhà bên';
    const events = [
      openEvent({ fields: { step: slipped } }),
      actionEvent('forward', { fields: { status: slipped } }),
      openEvent({ fields: { step: 'Thẩm định' } }),
    ];
    const res = await suite.api.call('motcua1', '/v1/events', { body: batch(events) });
    expect(res.json.accepted).toBe(3);
    const db = suite.api.services.db;
    expect(await dumpDatabase(db)).toContain(slipped);

    const target = suite.database.target;
    const env = {
      PATH: process.env.PATH,
      LOG_LEVEL: 'silent',
      CHECKPOINT_KEY_FILE: TEST_KEY_FILE,
      ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { SQLITE_PATH: target.path }),
    };
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
    const refused = run(['events', 'redact-value', 'Kh', '--reason', 'x', '--by', 'admin']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/too short/);
    const notAdmin = run(['events', 'redact-value', 'nhà bên', '--reason', 'x', '--by', 'motcua1']);
    expect(notAdmin.status).not.toBe(0);

    const r = run(['events', 'redact-value', 'Khoa nhà bên', '--reason', 'tên công dân lọt qua bộ lọc', '--by', 'admin', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const done = JSON.parse(r.stdout) as { eventId: string; field: string }[];
    expect(done.map((d) => `${d.eventId} ${d.field}`).sort()).toEqual([`${events[0]!.id} step`, `${events[1]!.id} status`].sort());

    expect(await dumpDatabase(db)).not.toContain('Khoa nhà bên');
    const rows = await db.selectFrom('events').select(['id', 'status', 'step']).where('id', 'in', [events[0]!.id, events[1]!.id]).execute();
    expect(rows.map((x) => x.step ?? x.status).sort()).toEqual([REDACTED_VALUE, REDACTED_VALUE]);
    // Nothing left to find: a second run redacts nothing.
    const again = run(['events', 'redact-value', 'Khoa nhà bên', '--reason', 'lần hai', '--by', 'admin']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/not in any stored event/);

    const verified = await runVerify(db, { key: suite.api.services.integrity, derived: true });
    expect(verified.chains.tampers).toEqual([]);
    expect(verified.redactions.map((x) => `${x.field} ${x.reason}`).sort()).toEqual([
      'status tên công dân lọt qua bộ lọc',
      'step tên công dân lọt qua bộ lọc',
    ]);
    expect(verified.derived!.differences).toEqual([]);
    expect(verified.ok).toBe(true);
    // `npm run verify` as an operator runs it: clean, and it counts the two redactions.
    const cli = spawnSync(process.execPath, [VERIFY], { env, encoding: 'utf8', timeout: 60_000 });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/intact.*; 2 redactions/);
  });
});
