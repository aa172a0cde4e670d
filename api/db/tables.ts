import type { Generated, Selectable } from 'kysely';

/** Instants are epoch milliseconds in both dialects (bigint in PostgreSQL, parsed back to number). */
export interface UnitTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: number;
}

export interface OfficialTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  role: 'clerk' | 'leader' | 'inspector' | 'admin';
  /** The official's account on the back-office, used to resolve hand-over receivers. */
  backoffice_account: string | null;
  password_hash: string;
  active: number;
  created_at: number;
}

export interface SessionTable {
  id: string;
  official_id: string;
  expires_at: number;
  created_at: number;
}

export interface EventTable {
  unit_id: string;
  id: string;
  official_id: string;
  kind: string;
  dossier_code: string | null;
  action: string | null;
  to_account: string | null;
  to_official_id: string | null;
  procedure_code: string | null;
  status: string | null;
  step: string | null;
  appointment_at: number | null;
  /** Occurrence time corrected for the client's clock skew. */
  at: number;
  client_at: number;
  start_at: number | null;
  end_at: number | null;
  active_ms: number | null;
  received_at: number;
  skew_ms: number;
  profile_id: string;
  profile_version: number;
  backoffice_user: string | null;
  identity_mismatch: number;
  /** Kind-specific extras (list rows, the missing anchor), as JSON. */
  extra: string | null;
  chain_seq: number;
  prev_hash: string;
  hash: string;
  /**
   * Migration 0007: the row's random salt (hex), from which each field's commitment salt is
   * derived; after a redaction, a JSON map of the remaining fields' own salts. Null on rows
   * chained before 0007 (hash format v1).
   */
  salt: string | null;
  /** HMAC of the row's field commitments under the checkpoint key: unforgeable without it. */
  tag: string | null;
}

export interface ChainHeadTable {
  official_id: string;
  unit_id: string;
  seq: number;
  hash: string;
  tag: string | null;
}

/** One row per event id, whatever the unit: ids are unique across the whole system. */
export interface EventIdTable {
  id: string;
  unit_id: string;
  official_id: string;
}

/** The append-only, hash-chained, tagged log of what changes records: redactions, closed inspections. */
export interface AuditLogTable {
  seq: number;
  kind: string;
  subject: string;
  /** Canonical JSON. */
  body: string;
  at: number;
  actor: string | null;
  prev_hash: string;
  hash: string;
  tag: string;
}

export interface AuditHeadTable {
  name: string;
  seq: number;
  hash: string;
  tag: string | null;
}

/** Signed statements of every chain's length and head (and the audit log's). */
export interface CheckpointTable {
  seq: number;
  issued_at: number;
  key_id: string;
  /** The signed canonical JSON text, exactly. */
  body: string;
  /** Ed25519 signature of `body`, base64. */
  signature: string;
}

export interface LoginThrottleTable {
  key: string;
  /** Password checks admitted since the last success (or since the counter aged out). */
  failures: number;
  /** No further check before this instant. */
  next_at: number;
  last_at: number;
}

export interface LoginKnownClientTable {
  username: string;
  client: string;
  last_success_at: number;
}

export interface SecurityAlertTable {
  kind: string;
  subject: string;
  /** The account's unit when the alert concerns an account (scopes who sees it). */
  unit_id: string | null;
  first_at: number;
  last_at: number;
  count: number;
  /** JSON. */
  details: string;
}

export interface AppLockTable {
  name: string;
  at: number;
}

export interface ProfileMissQuotaTable {
  official_id: string;
  /** Local day YYYY-MM-DD. */
  day: string;
  unit_id: string;
  /** profile_miss events stored (chained) today. */
  stored: number;
  /** Reports beyond the cap, counted only. */
  over_cap: number;
  /** Reports naming a profile the server does not know, counted only. */
  unknown_profile: number;
}

export interface Database {
  units: UnitTable;
  officials: OfficialTable;
  sessions: SessionTable;
  events: EventTable;
  chain_heads: ChainHeadTable;
  procedures: ProcedureTable;
  calendars: CalendarTable;
  site_profiles: SiteProfileTable;
  rule_settings: RuleSettingsTable;
  profile_misses: ProfileMissTable;
  derive_queue: DeriveQueueTable;
  dossiers: DossierTable;
  segments: SegmentTable;
  flags: FlagTable;
  rollups: RollupTable;
  rollup_buckets: RollupBucketTable;
  rollup_months: RollupMonthTable;
  rollup_month_buckets: RollupMonthBucketTable;
  rollup_years: RollupYearTable;
  rollup_year_buckets: RollupYearBucketTable;
  inspections: InspectionTable;
  inspection_dossiers: InspectionDossierTable;
  inspection_reports: InspectionReportTable;
  readings: ReadingTable;
  official_accounts: OfficialAccountTable;
  event_ids: EventIdTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  checkpoints: CheckpointTable;
  login_throttle: LoginThrottleTable;
  login_known_clients: LoginKnownClientTable;
  security_alerts: SecurityAlertTable;
  app_locks: AppLockTable;
  profile_miss_quota: ProfileMissQuotaTable;
  derive_saved_indexes: DeriveSavedIndexTable;
  backoffice_mappings: BackofficeMappingTable;
  backoffice_imports: BackofficeImportTable;
  backoffice_log: BackofficeLogTable;
  pii_quarantine: PiiQuarantineTable;
  explanation_reasons: ExplanationReasonTable;
  explanations: ExplanationTable;
  access_log: AccessLogTable;
  kpi_settings: KpiSettingsTable;
  kpi_sheets: KpiSheetTable;
}

/** Periodic evaluation (migration 0010): records, never rebuilt. */
export interface ExplanationReasonTable {
  code: string;
  label_vi: string;
  label_en: string;
  created_at: number;
  created_by: string | null;
}

export interface ExplanationTable {
  unit_id: string;
  id: string;
  official_id: string;
  subject_kind: 'flag' | 'dossier';
  subject_key: string;
  dossier_unit_id: string;
  dossier_code: string;
  segment_from: number | null;
  reason: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: number;
  decided_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
}

export interface AccessLogTable {
  unit_id: string;
  id: string;
  official_id: string;
  reader_id: string;
  reader_role: string;
  what: 'figures' | 'dossier' | 'sheet' | 'export';
  detail: string;
  at: number;
}

export interface KpiSettingsTable {
  version: number;
  body: string;
  created_at: number;
  created_by: string | null;
}

export interface KpiSheetTable {
  unit_id: string;
  id: string;
  subject_kind: 'official' | 'unit';
  subject_id: string;
  period: string;
  settings_version: number;
  body: string;
  body_sha256: string;
  checkpoint_seq: number | null;
  status: 'issued' | 'seen' | 'signed';
  issued_by: string;
  issued_at: number;
  seen_at: number | null;
  comment: string | null;
  signed_by: string | null;
  signed_at: number | null;
}

/** Column mappings of back-offices' handling logs, versioned (migration 0009). */
export interface BackofficeMappingTable {
  backoffice: string;
  version: number;
  mapping: string;
  created_at: number;
  created_by: string | null;
}

/** One row per unit an import touched, with the period its file covers there. */
export interface BackofficeImportTable {
  unit_id: string;
  id: string;
  backoffice: string;
  mapping_version: number;
  file_sha256: string;
  period_from: number;
  period_to: number;
  rows_read: number;
  rows_stored: number;
  dropped_columns: string;
  imported_at: number;
  imported_by: string | null;
}

/** The back-office's handling log: whitelisted facts only, keyed by their digest. */
export interface BackofficeLogTable {
  unit_id: string;
  row_key: string;
  dossier_code: string;
  procedure_code: string | null;
  step: string | null;
  action: string;
  actor_account: string;
  receiver_account: string | null;
  actor_id: string | null;
  receiver_id: string | null;
  at: number;
  import_id: string;
}

/** Values dropped at ingest as suspected personal data (migration 0011): counts only, never the value. */
export interface PiiQuarantineTable {
  unit_id: string;
  profile_id: string;
  profile_version: number;
  /** The event's field, e.g. `status`, `toAccount`, `backofficeUser`. */
  field: string;
  /** What it looked like (shared/privacy/personal-data.ts). */
  kind: string;
  first_at: number;
  last_at: number;
  count: number;
  last_official_id: string;
  last_event_id: string;
}

/** Secondary indexes a bulk rebuild set aside (migration 0008); empty unless one is running or was killed. */
export interface DeriveSavedIndexTable {
  name: string;
  definition: string;
  saved_at: number;
}

/** Admin tables (migration 0002); JSON columns are text, validated when read back. */
export interface ProcedureTable {
  code: string;
  name: string;
  unit_id: string;
  total_amount: number;
  time_type: 'working_days' | 'calendar_days';
  steps: string;
  version: number;
  updated_at: number;
  updated_by: string | null;
}

/** One row per version; the definition is the whole calendar as of that version. */
export interface CalendarTable {
  unit_id: string;
  version: number;
  valid_from: string;
  definition: string;
  created_at: number;
  created_by: string | null;
}

export interface SiteProfileTable {
  id: string;
  version: number;
  body: string;
  created_at: number;
  created_by: string | null;
}

export interface RuleSettingsTable {
  scope_kind: 'default' | 'unit' | 'procedure';
  /** '' for the default scope, so the key stays non-null on both dialects. */
  scope_id: string;
  settings: string;
  updated_at: number;
  updated_by: string | null;
}

export interface ProfileMissTable {
  unit_id: string;
  profile_id: string;
  profile_version: number;
  page_kind: string;
  anchor: string;
  first_at: number;
  last_at: number;
  count: number;
  last_official_id: string;
}

/** Derived tables (migration 0003): rebuilt from events by `npm run derive -- --rebuild`. */
export interface DeriveQueueTable {
  unit_id: string;
  dossier_code: string;
  dirty_at: number;
  dirty_seq: Generated<number>;
  claimed_by: string | null;
  claimed_until: number | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface DossierTable {
  unit_id: string;
  code: string;
  procedure_code: string | null;
  received_at: number | null;
  received_known: number;
  appointment_at: number | null;
  effective_appointment_at: number | null;
  finished_at: number | null;
  finished_action: string | null;
  timeliness: string | null;
  late_reason: string | null;
  supplement_requests: number;
  handling_seconds: number | null;
  holder_state: string | null;
  current_holder_id: string | null;
  current_holder_unit_id: string | null;
  current_step: string | null;
  /** JSON: [{from, to, workingSeconds}] */
  pauses: string;
  anomalies: number;
  holder_evidence: string | null;
  unconfirmed_finish: string | null;
  open_flags: number;
  event_count: number;
  last_event_at: number | null;
  derived_at: number;
}

export interface SegmentTable {
  unit_id: string;
  dossier_code: string;
  seq: number;
  holder_id: string;
  holder_unit_id: string;
  step: string;
  step_label: string | null;
  from_at: number;
  to_at: number | null;
  day: string | null;
  working_seconds: number;
  active_seconds: number;
  ended_by: string;
  start_known: number;
  /** confirmed | claimed | inferred (shared/custody Evidence). */
  evidence: string;
  cause: string;
  claimed_by: string | null;
  disputed_from: number | null;
  contested: number;
  /** Working seconds held against the holder: what rollups sum. */
  blamed_seconds: number;
  read_access: number;
}

/** Pages that named a dossier's current handler (migration 0006), by the dossier's unit. */
export interface ReadingTable {
  unit_id: string;
  dossier_code: string;
  event_id: string;
  official_id: string;
  at: number;
  handler: string;
  handler_official_id: string | null;
  identity_mismatch: number;
}

/** Officials' further back-office accounts (the first is officials.backoffice_account). */
export interface OfficialAccountTable {
  account: string;
  official_id: string;
  unit_id: string;
}

export interface FlagTable {
  unit_id: string;
  key: string;
  dossier_code: string;
  rule: string;
  severity: string;
  severity_rank: number;
  official_id: string | null;
  responsible_unit_id: string;
  since: number;
  hours_over: number;
  /** JSON array of event ids. */
  evidence: string;
  /** JSON object. */
  details: string;
  opened_at: number;
  closed_at: number | null;
  updated_at: number;
}

export interface RollupTable {
  unit_id: string;
  day: string;
  official_id: string;
  step: string;
  segments: number;
  handled: number;
  working_ms: number;
  active_ms: number;
}

export interface RollupBucketTable {
  unit_id: string;
  day: string;
  official_id: string;
  step: string;
  bucket: number;
  count: number;
}

/** The same sums per local month `YYYY-MM` and year `YYYY` (migration 0005): whole months and years of a period read these. */
export type RollupMonthTable = Omit<RollupTable, 'day'> & { month: string };
export type RollupMonthBucketTable = Omit<RollupBucketTable, 'day'> & { month: string };
export type RollupYearTable = Omit<RollupTable, 'day'> & { year: string };
export type RollupYearBucketTable = Omit<RollupBucketTable, 'day'> & { year: string };

/** Surprise inspections (migration 0004): records, not derived; JSON columns are text. */
export interface InspectionTable {
  unit_id: string;
  id: string;
  inspector_id: string;
  status: 'open' | 'closed';
  seed: string;
  sample_size: number;
  period_from: string | null;
  period_to: string | null;
  algorithm: string;
  weighting: string;
  population: string;
  population_size: number;
  drawn_at: number;
  closed_at: number | null;
  closed_by: string | null;
  conclusion: string | null;
  /** Migration 0007: the signed checkpoint the closing report shows. */
  checkpoint_seq: number | null;
}

export interface InspectionDossierTable {
  unit_id: string;
  inspection_id: string;
  dossier_code: string;
  position: number;
  dossier_unit_id: string;
  weight: number;
  risk: string;
  draw_key: number;
  evidence: string;
  evidence_sha256: string;
  delay_justified: number | null;
  responsible_official_id: string | null;
  note: string | null;
  found_by: string | null;
  found_at: number | null;
}

export interface InspectionReportTable {
  unit_id: string;
  inspection_id: string;
  format: 'html' | 'csv';
  body: string;
  sha256: string;
  created_at: number;
}

export type OfficialRow = Selectable<OfficialTable>;
export type EventRow = Selectable<EventTable>;
export type { Generated };
