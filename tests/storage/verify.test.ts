import { describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { useTestApi } from '../support/test-api.ts';
import { batch, openEvent } from '../support/events.ts';
import { verifyChains } from '../../api/verify/verify-chain.ts';

const dialects = STORAGE_DIALECTS;

describe.each(dialects)('tamper evidence on $name', ({ make }) => {
  const suite = useTestApi(make);

  test('names an edited, an inserted and a deleted event', async () => {
    const events = Array.from({ length: 10 }, () => openEvent());
    await suite.api.call('chuyenvien1', '/v1/events', { body: batch(events) });
    await suite.api.call('motcua1', '/v1/events', { body: batch([openEvent(), openEvent()]) });
    const db = suite.api.services.db;
    expect((await verifyChains(db, { key: suite.api.services.integrity })).tampers).toEqual([]);

    // Someone with database access shortens a stay, forges an event and removes another.
    await db.updateTable('events').set({ step: 'forged step' }).where('id', '=', events[2]!.id).execute();
    const victim = await db.selectFrom('events').selectAll().where('id', '=', events[5]!.id).executeTakeFirstOrThrow();
    // Sorting first among rows of its number, so the check cannot rely on order.
    const forgedId = '00000000-0000-4000-8000-000000000000';
    await db
      .insertInto('events')
      .values({ ...victim, id: forgedId, step: 'inserted' })
      .execute();
    await db.deleteFrom('events').where('id', '=', events[8]!.id).execute();

    const { tampers } = await verifyChains(db, { key: suite.api.services.integrity });
    const official = victim.official_id;
    expect(tampers).toContainEqual({ kind: 'edited', officialId: official, eventId: events[2]!.id, seq: 3, what: 'fields' });
    expect(tampers).toContainEqual({ kind: 'inserted', officialId: official, eventId: forgedId, seq: 6 });
    expect(tampers.filter((t) => t.kind === 'edited').map((t) => t.kind === 'edited' && t.eventId)).toEqual([events[2]!.id]);
    expect(tampers).toContainEqual({
      kind: 'deleted',
      officialId: official,
      seqFrom: 9,
      seqTo: 9,
      atEnd: false,
      after: events[7]!.id,
      before: events[9]!.id,
    });
    // The other official's chain is untouched and not reported.
    expect(tampers.every((t) => t.officialId === official)).toBe(true);
  });
});
