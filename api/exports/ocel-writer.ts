import { ACTION_KINDS, unitOfDossier } from '../../shared/schemas/dossier.ts';
import type { ActionEventRow } from './action-events.repository.ts';

type Directory = {
  officials: { id: string; username: string; role: string; unit_id: string }[];
  units: { id: string; name: string; parent_id: string | null }[];
  unitIds: string[];
};

/** Object ids carry their type, so a unit and an official can never collide. */
export const objectId = {
  dossier: (code: string) => `dossier:${code}`,
  official: (id: string) => `official:${id}`,
  unit: (id: string) => `unit:${id}`,
};

/** Static object attributes hold from the beginning of time, as OCEL 2.0 writes initial values. */
const EPOCH = '1970-01-01T00:00:00.000Z';
const attr = (name: string, value: string | null | undefined) =>
  value === null || value === undefined ? [] : [{ name, time: EPOCH, value }];

export const OCEL_OBJECT_TYPES = [
  {
    name: 'dossier',
    attributes: [
      { name: 'procedureCode', type: 'string' },
      { name: 'receivingUnitId', type: 'string' },
    ],
  },
  {
    name: 'official',
    attributes: [
      { name: 'username', type: 'string' },
      { name: 'role', type: 'string' },
    ],
  },
  {
    name: 'unit',
    attributes: [
      { name: 'name', type: 'string' },
      { name: 'parentId', type: 'string' },
    ],
  },
];

/** Every action kind is declared, present or not, so the header can be written before the events. */
export const OCEL_EVENT_TYPES = ACTION_KINDS.map((name) => ({
  name,
  attributes: [
    { name: 'step', type: 'string' },
    { name: 'status', type: 'string' },
  ],
}));

/**
 * OCEL 2.0 JSON. Events are streamed first; the objects they touch (dossiers, officials, units)
 * are collected on the way and written after them (member order means nothing in JSON), their
 * attributes looked up once at the end. No display names: usernames, roles and unit names only.
 */
export async function* ocelChunks(
  events: AsyncIterable<ActionEventRow>,
  lookup: (officials: Set<string>, units: Set<string>) => Promise<Directory>,
): AsyncGenerator<string> {
  yield `{"objectTypes":${JSON.stringify(OCEL_OBJECT_TYPES)},\n"eventTypes":${JSON.stringify(OCEL_EVENT_TYPES)},\n"events":[`;
  const dossiers = new Map<string, string | null>();
  const officials = new Set<string>();
  const units = new Set<string>();
  let first = true;
  let buffer = '';
  for await (const e of events) {
    const relationships = [
      { objectId: objectId.dossier(e.dossierCode), qualifier: 'dossier' },
      { objectId: objectId.official(e.officialId), qualifier: 'actor' },
      { objectId: objectId.unit(e.unitId), qualifier: 'unit' },
    ];
    if (e.toOfficialId) relationships.push({ objectId: objectId.official(e.toOfficialId), qualifier: 'receiver' });
    const attributes = [];
    if (e.step) attributes.push({ name: 'step', value: e.step });
    if (e.status) attributes.push({ name: 'status', value: e.status });
    buffer +=
      (first ? '\n' : ',\n') + JSON.stringify({ id: e.id, type: e.action, time: new Date(e.at).toISOString(), attributes, relationships });
    first = false;
    // The latest procedure code seen wins, as derivation reads it.
    dossiers.set(e.dossierCode, e.procedureCode ?? dossiers.get(e.dossierCode) ?? null);
    officials.add(e.officialId);
    if (e.toOfficialId) officials.add(e.toOfficialId);
    units.add(e.unitId);
    units.add(unitOfDossier(e.dossierCode));
    if (buffer.length > 64_000) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + '\n],\n"objects":[';

  const dir = await lookup(officials, units);
  const objects: unknown[] = [];
  for (const [code, procedureCode] of [...dossiers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const receiving = unitOfDossier(code);
    objects.push({
      id: objectId.dossier(code),
      type: 'dossier',
      attributes: [...attr('procedureCode', procedureCode), ...attr('receivingUnitId', receiving)],
      relationships: [{ objectId: objectId.unit(receiving), qualifier: 'received by' }],
    });
  }
  const known = new Map(dir.officials.map((o) => [o.id, o]));
  for (const id of [...officials].sort()) {
    const o = known.get(id);
    objects.push({
      id: objectId.official(id),
      type: 'official',
      attributes: [...attr('username', o?.username), ...attr('role', o?.role)],
      relationships: o ? [{ objectId: objectId.unit(o.unit_id), qualifier: 'member of' }] : [],
    });
  }
  const unitRows = new Map(dir.units.map((u) => [u.id, u]));
  const present = new Set(dir.unitIds);
  for (const id of dir.unitIds) {
    const u = unitRows.get(id);
    // A parent outside the export is named by its id but not described, so no dangling link.
    const parent = u?.parent_id ?? null;
    objects.push({
      id: objectId.unit(id),
      type: 'unit',
      attributes: [...attr('name', u?.name), ...attr('parentId', parent)],
      relationships: parent && present.has(parent) ? [{ objectId: objectId.unit(parent), qualifier: 'part of' }] : [],
    });
  }
  yield objects.map((o) => '\n' + JSON.stringify(o)).join(',') + '\n]}\n';
}
