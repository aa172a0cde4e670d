import { createHash, randomBytes } from 'node:crypto';
import type { EventTable } from '../db/tables.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Every stored column except the chain's own: editing any of them breaks the chain. */
export const HASHED_FIELDS = [
  'unit_id',
  'id',
  'official_id',
  'kind',
  'dossier_code',
  'action',
  'to_account',
  'to_official_id',
  'procedure_code',
  'status',
  'step',
  'appointment_at',
  'at',
  'client_at',
  'start_at',
  'end_at',
  'active_ms',
  'received_at',
  'skew_ms',
  'profile_id',
  'profile_version',
  'backoffice_user',
  'identity_mismatch',
  'extra',
  'chain_seq',
] as const satisfies readonly (keyof EventTable)[];
export type HashedField = (typeof HASHED_FIELDS)[number];

export type HashedRow = Pick<EventTable, HashedField>;

/**
 * Text a page gave us that could, through a careless profile, hold a citizen's personal data:
 * these fields may be redacted (`npm run admin -- events redact`) without breaking the chain.
 */
export const REDACTABLE_FIELDS = ['status', 'step', 'backoffice_user', 'to_account', 'extra'] as const satisfies readonly HashedField[];
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];
export const isRedactable = (f: string): f is RedactableField => (REDACTABLE_FIELDS as readonly string[]).includes(f);
/** What a redacted field holds afterwards. */
export const REDACTED_VALUE = '[đã xóa / redacted]';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v ?? null));
const canonicalValue = (v: unknown) => JSON.stringify(plain(v));

/* ---- v1: rows chained before migration 0007 (no salt, no tag) ---- */

function canonicalV1(row: HashedRow): string {
  return JSON.stringify(HASHED_FIELDS.map((f) => plain(row[f])));
}

export function chainHashV1(prevHash: string, row: HashedRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalV1(row)).digest('hex');
}

/* ---- v2: per-field commitments, keyed row tags ---- */

/**
 * The row commits to one digest per field, and a redactable field's digest is salted: after a
 * redaction the original digest is kept (in the audit log) but not its salt, so the removed value
 * can be neither recovered nor confirmed by guessing, while the row's hash and tag still verify.
 * The row's random salt yields each field's salt; once a field is redacted the row keeps, instead,
 * a JSON map of the remaining fields' own salts.
 */
// Salts come from a pool refilled 4,096 at a time: one randomBytes call per row costs more than
// all the row's hashing.
let pool = Buffer.alloc(0);
let used = 0;
export function newRowSalt(): string {
  if (used + 16 > pool.length) {
    pool = randomBytes(16 * 4096);
    used = 0;
  }
  used += 16;
  return pool.toString('hex', used - 16, used);
}

/** Each redactable field's salt: its 16-byte slice of SHAKE-256 of the row salt (one hash for all). */
function derivedSalts(salt: string): string {
  return createHash('shake256', { outputLength: 16 * REDACTABLE_FIELDS.length })
    .update(`dp-salts-v2\u0000${salt}`, 'utf8')
    .digest('hex');
}

export function fieldSaltOf(salt: string, field: RedactableField): string | null {
  if (salt.startsWith('{')) return (JSON.parse(salt) as Record<string, string>)[field] ?? null;
  const i = REDACTABLE_FIELDS.indexOf(field);
  return derivedSalts(salt).slice(i * 32, i * 32 + 32);
}

/** An empty field has nothing to hide or redact: its commitment is a constant, unsalted. */
const EMPTY = new Map<string, string>();
export function fieldDigest(field: HashedField, value: unknown, fieldSalt: string | null): string {
  if (value === null || value === undefined) {
    let d = EMPTY.get(field);
    if (!d) EMPTY.set(field, (d = sha256(`dp-field-v2\u0000${field}\u0000\u0000null`)));
    return d;
  }
  return sha256(`dp-field-v2\u0000${field}\u0000${fieldSalt ?? ''}\u0000${canonicalValue(value)}`);
}

const FIXED_FIELDS = HASHED_FIELDS.filter((f) => !isRedactable(f));

/**
 * F, the digest the chain and the tag commit to: one digest of every field that cannot be
 * redacted, then one salted digest per redactable field. A redacted field contributes the digest
 * recorded when it was redacted (`redacted`), not its present placeholder.
 */
export function fieldsDigest(row: HashedRow, salt: string, redacted?: ReadonlyMap<string, string>): string {
  const parts = [sha256(`dp-fields-v2\u0000${JSON.stringify(FIXED_FIELDS.map((f) => plain(row[f])))}`)];
  let derived: string | null = null;
  REDACTABLE_FIELDS.forEach((f, i) => {
    const kept = redacted?.get(f);
    if (kept) return void parts.push(kept);
    const v = row[f];
    if (v === null || v === undefined) return void parts.push(fieldDigest(f, v, null));
    if (salt.startsWith('{')) return void parts.push(fieldDigest(f, v, fieldSaltOf(salt, f)));
    derived ??= derivedSalts(salt);
    parts.push(fieldDigest(f, v, derived.slice(i * 32, i * 32 + 32)));
  });
  return sha256(parts.join('\n'));
}

export function chainHashV2(prevHash: string, fields: string): string {
  return sha256(`dp-chain-v2\u0000${prevHash}\u0000${fields}`);
}

/** The row's tag authenticates its fields, its official and its place in the chain (chain_seq is a field). */
export const rowTag = (key: IntegrityKey, fields: string) => key.tag('row-v2', fields);
export const headTag = (key: IntegrityKey, officialId: string, seq: number, hash: string) =>
  key.tag('head-v2', `${officialId}\u0000${seq}\u0000${hash}`);

/** Salt, hash and tag for a new row after `prevHash`. */
export function sealRow(key: IntegrityKey, prevHash: string, row: HashedRow): { salt: string; hash: string; tag: string } {
  const salt = newRowSalt();
  const fields = fieldsDigest(row, salt);
  return { salt, hash: chainHashV2(prevHash, fields), tag: rowTag(key, fields) };
}
