import type { Generated, Insertable, Selectable } from 'kysely';

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
  role: 'clerk' | 'inspector' | 'admin';
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
}

export interface ChainHeadTable {
  official_id: string;
  unit_id: string;
  seq: number;
  hash: string;
}

export interface Database {
  units: UnitTable;
  officials: OfficialTable;
  sessions: SessionTable;
  events: EventTable;
  chain_heads: ChainHeadTable;
}

export type OfficialRow = Selectable<OfficialTable>;
export type EventRow = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type { Generated };
