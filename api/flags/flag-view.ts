import type { FlagTable } from '../db/tables.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

/** A stored flag as the API answers it; evidence is the ids of the events that prove it. */
export function flagView(f: FlagTable, now: number) {
  return {
    key: f.key,
    dossierCode: f.dossier_code,
    unitId: f.unit_id,
    responsibleUnitId: f.responsible_unit_id,
    rule: f.rule,
    severity: f.severity,
    officialId: f.official_id,
    since: iso(Number(f.since)),
    /** Elapsed hours since the condition began (until it closed). */
    ageHours: Math.round(((Number(f.closed_at ?? now) - Number(f.since)) / 3600_000) * 100) / 100,
    hoursOver: Number(f.hours_over),
    evidence: JSON.parse(f.evidence) as string[],
    details: JSON.parse(f.details) as Record<string, unknown>,
    openedAt: iso(Number(f.opened_at)),
    closedAt: iso(f.closed_at === null ? null : Number(f.closed_at)),
    status: f.closed_at === null ? 'open' : 'closed',
  };
}
