import { createHash } from 'node:crypto';
import type { EventTable } from '../db/tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Every stored column except the chain's own: editing any of them breaks the chain. */
export const HASHED_FIELDS = [
  'unit_id', 'id', 'official_id', 'kind', 'dossier_code', 'action', 'to_account', 'to_official_id',
  'procedure_code', 'status', 'step', 'appointment_at', 'at', 'client_at', 'start_at', 'end_at', 'active_ms',
  'received_at', 'skew_ms', 'profile_id', 'profile_version', 'backoffice_user', 'identity_mismatch', 'extra', 'chain_seq',
] as const satisfies readonly (keyof EventTable)[];

export type HashedRow = Pick<EventTable, (typeof HASHED_FIELDS)[number]>;

function canonical(row: HashedRow): string {
  return JSON.stringify(HASHED_FIELDS.map((f) => {
    const v = row[f];
    return typeof v === 'bigint' ? Number(v) : (v ?? null);
  }));
}

export function chainHash(prevHash: string, row: HashedRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(row)).digest('hex');
}
