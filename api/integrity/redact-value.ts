import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { IntegrityKey } from './signing-key.ts';
import { ApiFailure } from '../http/errors.ts';
import { REDACTABLE_FIELDS, REDACTED_VALUE, type RedactableField } from '../ingest/hash-chain.ts';
import { redactEventField } from './redaction.ts';

/** `%`, `_` and the escape itself taken literally in a LIKE pattern on both databases. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The stored events (id, unit, field) whose redactable fields hold `value` anywhere, unit then id
 * order. What an admin looks for once a citizen's data is known to have slipped in: the value
 * itself, wherever it landed.
 */
export async function findEventsHolding(
  db: Db,
  value: string,
  unitId?: string,
): Promise<{ unitId: string; eventId: string; field: RedactableField }[]> {
  const pattern = `%${likeLiteral(value)}%`;
  const found: { unitId: string; eventId: string; field: RedactableField }[] = [];
  for (const field of REDACTABLE_FIELDS) {
    let q = db
      .selectFrom('events')
      .select(['unit_id', 'id', sql<string>`${sql.ref(field)}`.as('value')])
      .where(sql<boolean>`${sql.ref(field)} like ${pattern} escape '\\'`)
      .where(field, '!=', REDACTED_VALUE);
    if (unitId) q = q.where('unit_id', '=', unitId);
    // SQLite's LIKE ignores ASCII case, PostgreSQL's does not: the exact match decides on both.
    for (const r of await q.execute()) if (String(r.value).includes(value)) found.push({ unitId: r.unit_id, eventId: r.id, field });
  }
  return found.sort((a, b) => (a.unitId + a.eventId + a.field < b.unitId + b.eventId + b.field ? -1 : 1));
}

/**
 * Redacts every stored occurrence of a value, one field of one event at a time through
 * `redactEventField` (each recorded in the audit log, the chains left verifying). Refuses a value
 * too short to name one thing.
 */
export async function redactValue(
  db: Db,
  key: IntegrityKey,
  input: { value: string; unitId?: string; reason: string; by: string; now: number },
) {
  const value = input.value.trim();
  if (value.length < 4)
    throw new ApiFailure(
      400,
      'value_too_short',
      'Giá trị cần ẩn quá ngắn (ít nhất 4 ký tự) / The value is too short to redact by (at least 4 characters)',
    );
  const hits = await findEventsHolding(db, value, input.unitId);
  const done = [];
  for (const h of hits)
    done.push(
      await redactEventField(db, key, {
        eventId: h.eventId,
        unitId: h.unitId,
        field: h.field,
        reason: input.reason,
        by: input.by,
        now: input.now,
      }),
    );
  return done;
}
