import { describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { useTestApi } from '../support/test-api.ts';
import { actionEvent, activeEvent, batch, CODE, openEvent } from '../support/events.ts';
import { chainHashV2, fieldsDigest, GENESIS_HASH, rowTag } from '../../api/ingest/hash-chain.ts';

// One contract, every storage implementation.
describe.each(STORAGE_DIALECTS)('event storage on $name', ({ make }) => {
  const suite = useTestApi(make);

  test('a mixed batch stores exactly the valid events and explains each rejection', async () => {
    const good = [openEvent(), activeEvent(Date.now() - 60_000, 30), actionEvent('forward', { toAccount: 'lanhdao1' })];
    const bad = [
      { ...openEvent(), applicantName: 'Nguyễn Văn A' },
      { ...openEvent(), dossierCode: 'not-a-code' },
      { ...actionEvent('forward'), action: 'teleport' },
      'just a string',
    ];
    const res = await suite.api.call('chuyenvien1', '/v1/events', {
      body: batch([good[0], bad[0], good[1], bad[1], bad[2], good[2], bad[3]]),
    });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'rejected',
      'rejected',
      'accepted',
      'rejected',
    ]);
    expect(res.json.results[1].reason).toMatch(/applicantName/);
    expect(res.json.results[3].reason).toMatch(/dossierCode/);
    expect(res.json.results[4].reason).toMatch(/action/);
    const stored = await suite.api.services.db.selectFrom('events').select(['id', 'to_official_id']).execute();
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(good.map((g) => g.id)));
    const lanhdao = await suite.api.services.db
      .selectFrom('officials')
      .select('id')
      .where('username', '=', 'lanhdao1')
      .executeTakeFirstOrThrow();
    expect(stored.find((s) => s.id === good[2]!.id)?.to_official_id).toBe(lanhdao.id);
  });

  test('the same events delivered again are duplicates, within a batch and across batches', async () => {
    const e = openEvent();
    const first = await suite.api.call('chuyenvien1', '/v1/events', { body: batch([e, e]) });
    expect(first.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'duplicate']);
    const again = await suite.api.call('chuyenvien1', '/v1/events', { body: batch([e]) });
    expect(again.json.results[0].status).toBe('duplicate');
    const rows = await suite.api.services.db.selectFrom('events').select('id').where('id', '=', e.id).execute();
    expect(rows).toHaveLength(1);
  });

  test('another official cannot reuse an event id', async () => {
    const e = openEvent();
    await suite.api.call('chuyenvien1', '/v1/events', { body: batch([e]) });
    const res = await suite.api.call('chuyenvien2', '/v1/events', { body: batch([e]) });
    expect(res.json.results[0].status).toBe('rejected');
  });

  test('concurrent overlapping batches store each event once and keep the hash chain whole', async () => {
    const events = Array.from({ length: 60 }, () => openEvent());
    const batches = Array.from({ length: 6 }, (_, i) => events.slice(i * 8, i * 8 + 20));
    const replies = await Promise.all(batches.map((b) => suite.api.call('motcua1', '/v1/events', { body: batch(b) })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const accepted = replies.flatMap((r) => r.json.results).filter((r: { status: string }) => r.status === 'accepted').length;
    const official = await suite.api.services.db
      .selectFrom('officials')
      .select('id')
      .where('username', '=', 'motcua1')
      .executeTakeFirstOrThrow();
    const rows = await suite.api.services.db
      .selectFrom('events')
      .selectAll()
      .where('official_id', '=', official.id)
      .orderBy('chain_seq')
      .execute();
    const expectedIds = new Set(batches.flat().map((e) => e.id));
    expect(rows).toHaveLength(expectedIds.size);
    expect(accepted).toBe(expectedIds.size);
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      expect(Number(row.chain_seq)).toBe(i + 1);
      expect(row.prev_hash).toBe(prev);
      const fields = fieldsDigest(row, row.salt!);
      expect(chainHashV2(prev, fields)).toBe(row.hash);
      expect(rowTag(suite.api.services.integrity, fields)).toBe(row.tag);
      prev = row.hash;
    });
  });

  test('client clock skew is corrected from the batch sentAt', async () => {
    const twoHours = 2 * 3600_000;
    const clientNow = Date.now() + twoHours;
    const e = openEvent({ at: new Date(clientNow - 5000).toISOString() });
    const res = await suite.api.call('chuyenvien3', '/v1/events', { body: batch([e], new Date(clientNow)) });
    expect(res.json.results[0].status).toBe('accepted');
    const row = await suite.api.services.db
      .selectFrom('events')
      .select(['at', 'client_at'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(Math.abs(Number(row.at) - (Date.now() - 5000))).toBeLessThan(2000);
    expect(Number(row.client_at) - Number(row.at)).toBeGreaterThan(twoHours - 2000);
  });

  test('per-official stats count dossiers acted on and active seconds', async () => {
    const start = Date.now() - 3600_000;
    await suite.api.call('lanhdao1', '/v1/events', {
      body: batch([activeEvent(start, 40), activeEvent(start + 100_000, 20), actionEvent('approve')]),
    });
    const mine = await suite.api.call('lanhdao1', '/v1/stats/officials');
    expect(mine.status).toBe(200);
    expect(mine.json.officials).toHaveLength(1);
    expect(mine.json.officials[0]).toMatchObject({ username: 'lanhdao1', dossiersHandled: 1, actions: 1, activeSeconds: 60 });
    expect(mine.json.officials[0].dossiers).toEqual([{ dossierCode: CODE, actions: 1, activeSeconds: 60 }]);
    const inspector = await suite.api.call('thanhtra', '/v1/stats/officials');
    expect(inspector.json.officials.map((o: { username: string }) => o.username)).toContain('lanhdao1');
  });

  test('errors share one JSON shape', async () => {
    const unauth = await suite.api.call(null, '/v1/events', { body: batch([]) });
    expect(unauth.status).toBe(401);
    expect(unauth.json.error.code).toBe('unauthenticated');
    const malformed = await suite.api.call('chuyenvien1', '/v1/events', { body: '{"sentAt": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'invalid_json' });
    const tooMany = await suite.api.call('chuyenvien1', '/v1/events', { body: batch(Array.from({ length: 1001 }, () => ({}))) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.error.message).toMatch(/1000/);
  });
});
