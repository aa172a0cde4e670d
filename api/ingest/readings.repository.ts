import type { Kysely, Transaction } from 'kysely';
import type { Database, EventTable, ReadingTable } from '../db/tables.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { enqueue } from '../derive/queue.repository.ts';
import type { OfficialDirectory } from './official-directory.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type Row = Pick<EventTable, 'id' | 'kind' | 'official_id' | 'at' | 'dossier_code' | 'extra' | 'identity_mismatch'>;

const CHUNK = 500;

/** Every page reading of a current handler that the rows carry: an open's or action's page, each list row. */
export function readingsOf(rows: readonly Row[], directory: OfficialDirectory): ReadingTable[] {
  const out: ReadingTable[] = [];
  const push = (r: Row, code: string, handler: unknown) => {
    if (typeof handler !== 'string' || !handler) return;
    out.push({
      unit_id: unitOfDossier(code),
      dossier_code: code,
      event_id: r.id,
      official_id: r.official_id,
      at: r.at,
      handler,
      handler_official_id: directory.resolveHandler(handler),
      identity_mismatch: r.identity_mismatch,
    });
  };
  for (const r of rows) {
    if (!r.extra) continue;
    const extra = JSON.parse(r.extra) as unknown;
    if (r.kind === 'list_seen' && Array.isArray(extra)) {
      for (const row of extra as { dossierCode: string; fields?: { handler?: unknown } }[]) push(r, row.dossierCode, row.fields?.handler);
    } else if ((r.kind === 'open' || r.kind === 'action') && r.dossier_code) {
      push(r, r.dossier_code, (extra as { handler?: unknown }).handler);
    }
  }
  return out;
}

/**
 * Stores the readings in the ingest transaction. A list's rows only matter for dossiers already
 * followed, and only when they could change something: the page names someone other than the
 * holder on record, or a holder whose custody is not confirmed yet. Those dossiers are marked for
 * derivation (opens and actions mark their own dossier anyway).
 */
export async function recordReadings(trx: Executor, readings: readonly ReadingTable[], at: number): Promise<void> {
  if (readings.length === 0) return;
  for (let i = 0; i < readings.length; i += CHUNK) {
    await trx
      .insertInto('readings')
      .values(readings.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['unit_id', 'dossier_code', 'event_id']).doNothing())
      .execute();
  }
  const listed = readings.filter((r) => r.identity_mismatch === 0);
  const codes = [...new Set(listed.map((r) => r.dossier_code))];
  const dirty = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const chunk = codes.slice(i, i + CHUNK);
    const known = await trx
      .selectFrom('dossiers')
      .select(['code', 'current_holder_id', 'holder_evidence', 'holder_state'])
      .where('unit_id', 'in', [...new Set(chunk.map(unitOfDossier))])
      .where('code', 'in', chunk)
      .execute();
    const byCode = new Map(known.map((d) => [d.code, d]));
    for (const r of listed) {
      const d = byCode.get(r.dossier_code);
      if (!d || d.holder_state === 'finished' || d.holder_state === 'paused') continue;
      if (d.current_holder_id !== r.handler_official_id || d.holder_evidence !== 'confirmed') dirty.add(r.dossier_code);
    }
  }
  await enqueue(trx, [...dirty].sort(), at);
}
