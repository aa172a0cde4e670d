/**
 * How each table would spread over a distributed PostgreSQL (Citus) when one server is no longer
 * enough (README, "Growing beyond one server"). Kept as data beside the migrations so a test over
 * the real schema (tests/storage/citus-compat.test.ts) holds every table to it: a new table must
 * be placed here, and nothing may be added that Citus could not enforce (a primary or unique key
 * without the distribution column, a foreign key between differently placed tables).
 */
export type Placement =
  /** Sharded by this column; tables sharded by `unit_id` are co-located (joins by unit stay on one node). */
  | { kind: 'distributed'; column: string; why: string }
  /** Copied whole to every node: small, read everywhere, written rarely. */
  | { kind: 'reference'; why: string };

const byUnit = (why: string): Placement => ({ kind: 'distributed', column: 'unit_id', why });
const reference = (why: string): Placement => ({ kind: 'reference', why });

export const DISTRIBUTION: Readonly<Record<string, Placement>> = {
  // The directory and the rules: every query joins them, admins change them now and then.
  units: reference('the unit tree: every scope check walks it'),
  officials: reference('who is who: usernames and back-office accounts are unique across the country'),
  official_accounts: reference('back-office account → official, looked up by account at ingest'),
  procedures: reference('procedures and their steps, read by derivation everywhere'),
  calendars: reference('working-time calendars, read by derivation everywhere'),
  site_profiles: reference('site profiles the extensions download'),
  rule_settings: reference('stall-rule thresholds'),
  derive_saved_indexes: reference('index definitions a bulk rebuild set aside: empty between rebuilds'),
  // Looked up by their own key only.
  sessions: { kind: 'distributed', column: 'id', why: 'one lookup by token per request; no join but to officials (reference)' },
  chain_heads: {
    kind: 'distributed',
    column: 'official_id',
    why: 'one row per official, locked by each ingest batch; not co-located with events, so a batch is a two-shard transaction',
  },
  // The evidence and everything derived from it, by unit.
  events: byUnit('the official’s unit: a batch lands on one shard'),
  readings: byUnit('the dossier’s unit'),
  profile_misses: byUnit('the official’s unit'),
  pii_quarantine: byUnit('the official’s unit: counted inside the ingest of that unit'),
  derive_queue: byUnit('the dossier’s unit: a worker claims within a shard'),
  dossiers: byUnit('the dossier’s unit'),
  segments: byUnit('the dossier’s unit'),
  flags: byUnit('the dossier’s unit'),
  rollups: byUnit('the holder’s unit, per day: a unit’s and its officials’ figures read one shard'),
  rollup_buckets: byUnit('the holder’s unit, per day: a unit’s and its officials’ figures read one shard'),
  rollup_months: byUnit('the holder’s unit, per month: a unit’s and its officials’ figures read one shard'),
  rollup_month_buckets: byUnit('the holder’s unit, per month: a unit’s and its officials’ figures read one shard'),
  rollup_years: byUnit('the holder’s unit, per year: a unit’s and its officials’ figures read one shard'),
  rollup_year_buckets: byUnit('the holder’s unit, per year: a unit’s and its officials’ figures read one shard'),
  inspections: byUnit('the inspected unit'),
  inspection_dossiers: byUnit('the inspected unit'),
  inspection_reports: byUnit('the inspected unit'),
  // Integrity and sign-in (migration 0007).
  event_ids: {
    kind: 'distributed',
    column: 'id',
    why: 'an event id is unique across the country: claimed by the id alone, one shard per id',
  },
  audit_log: reference('the one audit log (redactions, closed inspections): small, appended rarely, read whole by verify'),
  audit_head: reference('the audit log’s head: one row'),
  checkpoints: reference('signed checkpoints: a few a day, read by inspectors everywhere'),
  login_throttle: { kind: 'distributed', column: 'key', why: 'sign-in counters, each looked up and locked by its own key' },
  login_known_clients: { kind: 'distributed', column: 'username', why: 'where each account signed in from, looked up by account' },
  security_alerts: { kind: 'distributed', column: 'kind', why: 'a handful of alert rows, looked up by kind and subject' },
  app_locks: reference('named locks (the unit tree, the audit log, checkpoints): a few rows, each a lock'),
  // The back-office's handling log (migration 0009).
  backoffice_mappings: reference('column mappings of back-office exports: a few versioned rows'),
  backoffice_imports: byUnit('the unit whose dossiers the import covered'),
  backoffice_log: byUnit('the dossier’s unit, as readings'),
  // Periodic evaluation (migration 0010).
  explanation_reasons: reference('the short list of explanation reasons admins extend'),
  kpi_settings: reference('versions of the KPI weights and thresholds'),
  explanations: byUnit('the explaining official’s unit'),
  access_log: byUnit('the unit of the official whose records were read'),
  kpi_sheets: byUnit('the evaluated official’s or unit’s unit'),
  profile_miss_quota: {
    kind: 'distributed',
    column: 'official_id',
    why: 'each official’s daily quota, locked inside that official’s ingest batch',
  },
};

/** The statements that distribute a migrated database on Citus: reference tables, events, the rest. */
export function citusStatements(): string[] {
  const entries = Object.entries(DISTRIBUTION);
  const sharded = entries.filter(([t, p]) => p.kind === 'distributed' && t !== 'events') as [string, { column: string }][];
  return [
    ...entries.filter(([, p]) => p.kind === 'reference').map(([t]) => `select create_reference_table('${t}');`),
    `select create_distributed_table('events', 'unit_id');`,
    ...sharded.map(([t, p]) =>
      p.column === 'unit_id'
        ? `select create_distributed_table('${t}', 'unit_id', colocate_with => 'events');`
        : `select create_distributed_table('${t}', '${p.column}');`,
    ),
  ];
}
