import type { CaptureEvent } from '../../shared/schemas/events.ts';
import type { EventTable } from '../db/tables.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { normalizeName } from './official-directory.ts';

export type UnchainedRow = Omit<EventTable, 'chain_seq' | 'prev_hash' | 'hash' | 'salt' | 'tag'>;

/**
 * Whether the back-office page was signed in as someone else: the server decides, from the
 * official's configured back-office accounts, whatever the client says. With no account
 * configured (or no account read off the page) nothing can be told either way.
 */
export function identityMismatch(backofficeUser: string | undefined, accounts: readonly string[]): boolean {
  if (!backofficeUser || accounts.length === 0) return false;
  const user = normalizeName(backofficeUser);
  return !accounts.some((a) => normalizeName(a) === user);
}

const YEAR_MS = 365.25 * 86_400_000;
/** An appointment further than this from the event it was read with is a misread, not a date. */
export const APPOINTMENT_RANGE_MS = 3 * YEAR_MS;

/**
 * Why a row's instants cannot be trusted, or null. The calendar works within its years, and an
 * appointment years away from when it was read is a misread page or a forged event: either would
 * stop the dossier's derivation, so it is refused at the door, one event at a time.
 */
export function instantProblem(row: UnchainedRow): string | null {
  const appointments: { where: string; at: number }[] = [];
  if (row.appointment_at !== null) appointments.push({ where: 'fields.appointmentAt', at: row.appointment_at });
  if (row.kind === 'list_seen' && row.extra) {
    (JSON.parse(row.extra) as { fields?: { appointmentAt?: string } }[]).forEach((r, i) => {
      if (r.fields?.appointmentAt) appointments.push({ where: `rows.${i}.fields.appointmentAt`, at: Date.parse(r.fields.appointmentAt) });
    });
  }
  for (const a of appointments) {
    if (!(Math.abs(a.at - row.at) <= APPOINTMENT_RANGE_MS)) {
      return `${a.where}: ngày hẹn trả cách thời điểm sự kiện hơn 3 năm / appointment date more than 3 years from the event`;
    }
  }
  if (
    row.start_at !== null &&
    row.end_at !== null &&
    !(Math.abs(row.start_at - row.at) <= 86_400_000 && Math.abs(row.end_at - row.at) <= 86_400_000)
  ) {
    return 'start, end: khoảng hoạt động không khớp thời điểm sự kiện / active span far from the event time';
  }
  return null;
}

/** Flattens a validated event into its row; times are shifted by the batch's clock skew. */
export function toEventRow(
  e: CaptureEvent,
  official: SessionOfficial,
  receivedAt: number,
  skewMs: number,
  accounts: readonly string[] = [],
): UnchainedRow {
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
    identity_mismatch: identityMismatch(e.backofficeUser, accounts) ? 1 : 0,
    extra:
      e.kind === 'list_seen'
        ? JSON.stringify(e.rows)
        : e.kind === 'profile_miss'
          ? JSON.stringify({ pageKind: e.pageKind, anchor: e.anchor })
          : fields?.handler
            ? JSON.stringify({ handler: fields.handler })
            : null,
  };
  return row;
}
