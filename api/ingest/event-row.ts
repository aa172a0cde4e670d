import type { CaptureEvent } from '../../shared/schemas/events.ts';
import type { EventTable } from '../db/tables.ts';
import type { SessionOfficial } from '../auth/lucia.ts';

export type UnchainedRow = Omit<EventTable, 'chain_seq' | 'prev_hash' | 'hash' | 'salt' | 'tag'>;

/** Flattens a validated event into its row; times are shifted by the batch's clock skew. */
export function toEventRow(e: CaptureEvent, official: SessionOfficial, receivedAt: number, skewMs: number): UnchainedRow {
  const t = (iso: string) => Date.parse(iso) + skewMs;
  const fields = 'fields' in e ? e.fields : undefined;
  const row: UnchainedRow = {
    unit_id: official.unitId,
    id: e.id,
    official_id: official.id,
    kind: e.kind,
    dossier_code: 'dossierCode' in e ? e.dossierCode : null,
    action: e.kind === 'action' ? e.action : null,
    to_account: e.kind === 'action' ? (e.toAccount ?? null) : null,
    to_official_id: null,
    procedure_code: fields?.procedureCode ?? null,
    status: fields?.status ?? null,
    step: fields?.step ?? null,
    // The appointment date is read off the page and is not the client's clock: no skew shift.
    appointment_at: fields?.appointmentAt ? Date.parse(fields.appointmentAt) : null,
    at: t(e.at),
    client_at: Date.parse(e.at),
    start_at: e.kind === 'active' ? t(e.start) : null,
    end_at: e.kind === 'active' ? t(e.end) : null,
    active_ms: e.kind === 'active' ? Date.parse(e.end) - Date.parse(e.start) : null,
    received_at: receivedAt,
    skew_ms: skewMs,
    profile_id: e.profile.id,
    profile_version: e.profile.version,
    backoffice_user: e.backofficeUser ?? null,
    identity_mismatch: e.identityMismatch ? 1 : 0,
    extra:
      e.kind === 'list_seen'
        ? JSON.stringify(e.rows)
        : e.kind === 'profile_miss'
          ? JSON.stringify({ pageKind: e.pageKind, anchor: e.anchor })
          : null,
  };
  return row;
}
