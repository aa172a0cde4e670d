import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Ajv } from 'ajv';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, activeEvent, batch, openEvent } from '../support/events.ts';
import { createOfficial } from '../../api/admin/officials.repository.ts';

const dialects = STORAGE_DIALECTS;

const NOW = Date.parse('2025-11-28T10:00:00+07:00');
const at = (day: string, hm: string) => `2025-11-${day}T${hm}:00+07:00`;
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const XA2 = '000.31.07.H32';
const D1 = `${SO}-251127-0001`;
const D2 = `${XA1}-251127-0001`;
/** Everything XML escaping must survive, including a line break inside an attribute value. */
const ODD_STEP = `Tiếp nhận & "kiểm tra" <sơ bộ>\n'lại'`;

const schema = JSON.parse(readFileSync(new URL('./exports-ocel-2.0.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validateOcel = ajv.compile(schema);

// An independent parser: numeric character references decoded, repeated elements always arrays.
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => ['trace', 'event', 'string', 'date', 'id', 'extension', 'global', 'classifier'].includes(name),
});

type Expected = {
  id: string;
  dossier: string;
  action: string;
  resource: string;
  group: string;
  time: string;
  step: string | null;
  to: string | null;
  official: string;
};

describe.each(dialects)('event-log exports (XES, OCEL 2.0) on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let displayNames: string[] = [];

  /** The stored action events, as the exports must show them, in trace order. */
  async function stored(filter: (e: Expected) => boolean = () => true): Promise<Expected[]> {
    const rows = await api.services.db
      .selectFrom('events')
      .innerJoin('officials', 'officials.id', 'events.official_id')
      .select([
        'events.id',
        'events.dossier_code',
        'events.action',
        'events.unit_id',
        'events.at',
        'events.step',
        'events.to_official_id',
        'events.official_id',
        'officials.username',
      ])
      .where('events.kind', '=', 'action')
      .execute();
    return rows
      .map((r) => ({
        id: r.id,
        dossier: r.dossier_code!,
        action: r.action!,
        resource: r.username,
        group: r.unit_id,
        time: new Date(Number(r.at)).toISOString(),
        step: r.step,
        to: r.to_official_id,
        official: r.official_id,
      }))
      .filter(filter)
      .sort((a, b) =>
        a.dossier !== b.dossier
          ? a.dossier < b.dossier
            ? -1
            : 1
          : a.time !== b.time
            ? a.time < b.time
              ? -1
              : 1
            : a.group !== b.group
              ? a.group < b.group
                ? -1
                : 1
              : a.id < b.id
                ? -1
                : 1,
      );
  }

  async function xes(who: string, query = '') {
    const res = await api.app.request(`/v1/exports/events.xes${query}`, { headers: { authorization: `Bearer ${await api.login(who)}` } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  /** Traces and events read back from the XES with the independent parser. */
  function readXes(text: string): Expected[] {
    expect(XMLValidator.validate(text)).toBe(true);
    const log = xml.parse(text).log;
    const key = (list: any[] | undefined, k: string) => list?.find((a) => a.key === k)?.value ?? null;
    const out: Expected[] = [];
    for (const trace of log.trace ?? []) {
      for (const e of trace.event) {
        out.push({
          id: key(e.id, 'identity:id'),
          dossier: key(trace.string, 'concept:name'),
          action: key(e.string, 'concept:name'),
          resource: key(e.string, 'org:resource'),
          group: key(e.string, 'org:group'),
          time: new Date(key(e.date, 'time:timestamp')).toISOString(),
          step: key(e.string, 'step'),
          to: null,
          official: '',
        });
      }
    }
    return out;
  }
  const forXes = (list: Expected[]) => list.map((e) => ({ ...e, to: null, official: '' }));

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => NOW });
    await createOfficial(
      api.services.db,
      { username: 'thanhtra_xa1', displayName: 'Thanh tra xã', unitId: XA1, role: 'inspector', password: 'demo', backofficeAccount: null },
      NOW,
    );
    const send = async (who: string, events: unknown[]) =>
      expect((await api.call(who, '/v1/events', { body: batch(events, new Date(NOW)) })).json.rejected).toBe(0);
    await send('motcua1', [
      actionEvent('receive', { dossierCode: D1, at: at('27', '08:00'), fields: { step: ODD_STEP, status: 'Được tiếp nhận' } }),
      actionEvent('forward', { dossierCode: D1, at: at('27', '08:30'), toAccount: 'chuyenvien1' }),
    ]);
    await send('chuyenvien1', [
      openEvent({ dossierCode: D1, at: at('27', '09:00') }),
      activeEvent(Date.parse(at('27', '09:00')), 600, { dossierCode: D1 }),
      actionEvent('forward', { dossierCode: D1, at: at('28', '08:00'), toAccount: 'lanhdao1', fields: { step: 'Thẩm định hồ sơ' } }),
    ]);
    await send('motcuaxa1', [
      actionEvent('receive', { dossierCode: D2, at: at('27', '14:00') }),
      actionEvent('forward', { dossierCode: D2, at: at('27', '14:05'), toAccount: 'tuphapxa1' }),
    ]);
    await send('tuphapxa1', [actionEvent('finish', { dossierCode: D2, at: at('28', '09:00') })]);
    displayNames = (await api.services.db.selectFrom('officials').select('display_name').execute()).map((o) => o.display_name);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('XES: well-formed IEEE 1849 with the standard extensions, traces equal the stored actions', async () => {
    const res = await xes('thanhtra');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/xml; charset=utf-8/);
    const log = xml.parse(res.text).log;
    expect(log['xes.version']).toBe('1849-2016');
    expect(log.xmlns).toBe('http://www.xes-standard.org/');
    const ext = Object.fromEntries(log.extension.map((e: any) => [e.prefix, e.uri]));
    for (const p of ['concept', 'time', 'org', 'lifecycle']) expect(ext[p]).toBe(`http://www.xes-standard.org/${p}.xesext`);
    const read = readXes(res.text);
    expect(read).toEqual(forXes(await stored()));
    expect(read.find((e) => e.action === 'receive' && e.dossier === D1)!.step).toBe(ODD_STEP);
    expect(read.map((e) => e.action)).not.toContain('open');
    for (const name of displayNames) expect(res.text).not.toContain(name);
  });

  test('XES: unit, period and clerk filters; scope enforced', async () => {
    expect(readXes((await xes('thanhtra', `?unitId=${XA1}`)).text)).toEqual(forXes(await stored((e) => e.group === XA1)));
    expect(readXes((await xes('thanhtra_xa1')).text)).toEqual(forXes(await stored((e) => e.group === XA1)));
    expect(readXes((await xes('thanhtra', '?from=2025-11-28')).text)).toEqual(
      forXes(await stored((e) => e.time >= '2025-11-27T17:00:00.000Z')),
    );
    expect(readXes((await xes('thanhtra', '?to=2025-11-27')).text)).toEqual(
      forXes(await stored((e) => e.time < '2025-11-27T17:00:00.000Z')),
    );
    const mine = readXes((await xes('chuyenvien1')).text);
    expect(mine.map((e) => e.resource)).toEqual(['chuyenvien1']);
    expect(readXes((await xes('chuyenvien1', `?unitId=${XA1}`)).text)).toEqual([]);
    expect((await xes('thanhtra_xa1', `?unitId=${SO}`)).status).toBe(403);
    expect((await xes('thanhtra', `?unitId=${XA2}`)).status).toBe(200);
    expect((await xes('thanhtra', '?from=yesterday')).status).toBe(400);
  });

  test('OCEL 2.0: valid against the schema, references resolve, content equals the stored actions', async () => {
    const res = await api.call('thanhtra', '/v1/exports/events.ocel.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const log = res.json;
    expect(validateOcel(log), JSON.stringify(validateOcel.errors)).toBe(true);
    // The schema has teeth: an event without its relationships, or an undeclared member, fails.
    expect(validateOcel({ ...log, events: [{ ...log.events[0], relationships: undefined }] })).toBe(false);
    expect(validateOcel({ ...log, extra: [] })).toBe(false);

    const objectTypes = new Map(log.objectTypes.map((t: any) => [t.name, new Set(t.attributes.map((a: any) => a.name))]));
    const eventTypes = new Map(log.eventTypes.map((t: any) => [t.name, new Set(t.attributes.map((a: any) => a.name))]));
    const objects = new Map(log.objects.map((o: any) => [o.id, o]));
    expect(objects.size).toBe(log.objects.length);
    for (const o of log.objects) {
      expect(objectTypes.has(o.type)).toBe(true);
      for (const a of o.attributes) expect((objectTypes.get(o.type) as Set<string>).has(a.name)).toBe(true);
      for (const r of o.relationships) expect(objects.has(r.objectId)).toBe(true);
    }
    for (const e of log.events) {
      expect(eventTypes.has(e.type)).toBe(true);
      for (const a of e.attributes) expect((eventTypes.get(e.type) as Set<string>).has(a.name)).toBe(true);
      for (const r of e.relationships) expect(objects.has(r.objectId), r.objectId).toBe(true);
    }

    const expected = await stored();
    const rel = (e: any, q: string) => e.relationships.find((r: any) => r.qualifier === q)?.objectId ?? null;
    expect(
      log.events.map((e: any) => ({
        id: e.id,
        action: e.type,
        time: e.time,
        dossier: rel(e, 'dossier'),
        official: rel(e, 'actor'),
        group: rel(e, 'unit'),
        to: rel(e, 'receiver'),
        step: e.attributes.find((a: any) => a.name === 'step')?.value ?? null,
      })),
    ).toEqual(
      expected.map((e) => ({
        id: e.id,
        action: e.action,
        time: e.time,
        dossier: `dossier:${e.dossier}`,
        official: `official:${e.official}`,
        group: `unit:${e.group}`,
        to: e.to ? `official:${e.to}` : null,
        step: e.step,
      })),
    );
    const official = (username: string) =>
      log.objects.find((o: any) => o.type === 'official' && o.attributes.some((a: any) => a.name === 'username' && a.value === username));
    expect(official('chuyenvien1').relationships).toEqual([{ objectId: `unit:${SO}`, qualifier: 'member of' }]);
    expect(objects.get(`unit:${XA1}`)).toMatchObject({
      attributes: [
        { name: 'name', value: 'UBND xã Diên Khánh' },
        { name: 'parentId', value: '000.00.00.H32' },
      ],
    });
    expect(objects.get(`dossier:${D2}`)).toMatchObject({ relationships: [{ objectId: `unit:${XA1}`, qualifier: 'received by' }] });
    const text = JSON.stringify(log);
    for (const name of displayNames) expect(text).not.toContain(name);
  });

  test('OCEL 2.0: scoped like the XES', async () => {
    const commune = await api.call('thanhtra_xa1', '/v1/exports/events.ocel.json');
    expect(validateOcel(commune.json)).toBe(true);
    expect(commune.json.events.map((e: any) => e.id).sort()).toEqual((await stored((e) => e.group === XA1)).map((e) => e.id).sort());
    const clerk = await api.call('motcua1', '/v1/exports/events.ocel.json');
    expect(clerk.json.events).toHaveLength(2);
    expect((await api.call('thanhtra_xa1', `/v1/exports/events.ocel.json?unitId=${SO}`)).status).toBe(403);
    expect((await api.call(null, '/v1/exports/events.ocel.json')).status).toBe(401);
  });
});
