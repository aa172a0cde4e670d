import type { Transaction } from 'kysely';
import type { Database, FlagTable } from '../db/tables.ts';
import { diffFlags, SEVERITY_RANK, type Flag } from '../../shared/rules/index.ts';

const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function toFlag(r: FlagTable): Flag {
  return {
    key: r.key,
    rule: r.rule as Flag['rule'],
    dossierCode: r.dossier_code,
    unitId: r.unit_id,
    severity: r.severity as Flag['severity'],
    since: Number(r.since),
    officialId: r.official_id,
    hoursOver: Number(r.hours_over),
    evidence: JSON.parse(r.evidence),
    details: JSON.parse(r.details),
  };
}

/** A flag as stored when it is opened (or updated: the upsert keeps an open flag's opening time). */
export function flagRow(
  d: { unitId: string; code: string },
  f: Flag,
  unitOf: (officialId: string | null, dossierUnit: string) => string,
  now: number,
): FlagTable {
  return {
    unit_id: d.unitId,
    key: f.key,
    dossier_code: d.code,
    rule: f.rule,
    severity: f.severity,
    severity_rank: SEVERITY_RANK[f.severity] ?? 3,
    official_id: f.officialId,
    responsible_unit_id: unitOf(f.officialId, d.unitId),
    since: f.since,
    hours_over: f.hoursOver,
    evidence: JSON.stringify(f.evidence),
    details: JSON.stringify(f.details),
    opened_at: now,
    closed_at: null,
    updated_at: now,
  };
}

/**
 * Opens, updates and closes the dossiers' flags against what the rules say now. A flag's key is
 * its identity (rule, dossier, official, since): a key no longer produced is closed, never
 * deleted, so an inspection can still see what was flagged and for how long. Returns the number
 * of open flags per dossier code.
 */
export async function writeFlags(
  trx: Transaction<Database>,
  dossiers: readonly { unitId: string; code: string; flags: readonly Flag[] }[],
  unitOf: (officialId: string | null, dossierUnit: string) => string,
  now: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (dossiers.length === 0) return counts;
  const units = [...new Set(dossiers.map((d) => d.unitId))];
  const stored = await trx
    .selectFrom('flags')
    .selectAll()
    .where('unit_id', 'in', units)
    .where(
      'dossier_code',
      'in',
      dossiers.map((d) => d.code),
    )
    .where('closed_at', 'is', null)
    .execute();

  const upserts: FlagTable[] = [];
  const closed: string[] = [];
  for (const d of dossiers) {
    const diff = diffFlags(stored.filter((r) => r.dossier_code === d.code).map(toFlag), d.flags, now);
    for (const f of [...diff.opened, ...diff.stillOpen]) {
      upserts.push(flagRow(d, f, unitOf, now));
    }
    closed.push(...diff.closed.map((f) => f.key));
    counts.set(d.code, diff.opened.length + diff.stillOpen.length);
  }

  upserts.sort(byKey);
  for (let i = 0; i < upserts.length; i += 100) {
    await trx
      .insertInto('flags')
      .values(upserts.slice(i, i + 100))
      .onConflict((oc) =>
        oc.columns(['unit_id', 'key']).doUpdateSet((eb) => ({
          severity: eb.ref('excluded.severity'),
          severity_rank: eb.ref('excluded.severity_rank'),
          official_id: eb.ref('excluded.official_id'),
          responsible_unit_id: eb.ref('excluded.responsible_unit_id'),
          hours_over: eb.ref('excluded.hours_over'),
          evidence: eb.ref('excluded.evidence'),
          details: eb.ref('excluded.details'),
          updated_at: eb.ref('excluded.updated_at'),
          // Still open: keeps when it was opened. Closed earlier and back (same key): reopened now.
          opened_at: eb.case().when('flags.closed_at', 'is', null).then(eb.ref('flags.opened_at')).else(eb.ref('excluded.opened_at')).end(),
          closed_at: null,
        })),
      )
      .execute();
  }
  closed.sort();
  for (let i = 0; i < closed.length; i += 200) {
    await trx
      .updateTable('flags')
      .set({ closed_at: now, updated_at: now })
      .where('unit_id', 'in', units)
      .where('key', 'in', closed.slice(i, i + 200))
      .execute();
  }
  return counts;
}
