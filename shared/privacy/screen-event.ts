import type { CaptureEvent, DossierFields } from '../schemas/events.ts';
import { personalDataKind, type PersonalDataKind, type TextRole } from './personal-data.ts';

/** A free-text field of an event that a page reading fills. */
export type ScreenedField = 'status' | 'step' | 'handler' | 'toAccount' | 'backofficeUser';

/** One value held back: where it was and what it looked like, never the value itself. */
export type PersonalDataSuspect = { path: string; field: ScreenedField; kind: PersonalDataKind };

const ROLE: Record<ScreenedField, TextRole> = {
  status: 'label',
  step: 'label',
  handler: 'account',
  toAccount: 'account',
  backofficeUser: 'account',
};

function screenFields(fields: DossierFields | undefined, prefix: string, suspects: PersonalDataSuspect[]): DossierFields | undefined {
  if (!fields) return fields;
  let out: DossierFields | undefined;
  for (const field of ['status', 'step', 'handler'] as const) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const kind = personalDataKind(value, ROLE[field]);
    if (!kind) continue;
    suspects.push({ path: `${prefix}fields.${field}`, field, kind });
    out ??= { ...fields };
    delete out[field];
  }
  return out ?? fields;
}

/**
 * The event with every free-text value that looks like a citizen's personal data removed, and
 * what was removed (field and kind only). The rest of the event goes on: the dossier code, the
 * action and the times are the facts the product needs, and they are not free text.
 */
export function screenEvent<E extends CaptureEvent>(event: E): { event: E; suspects: PersonalDataSuspect[] } {
  const suspects: PersonalDataSuspect[] = [];
  let e: CaptureEvent = event;
  if (e.backofficeUser !== undefined) {
    const kind = personalDataKind(e.backofficeUser, 'account');
    if (kind) {
      suspects.push({ path: 'backofficeUser', field: 'backofficeUser', kind });
      const { backofficeUser: _dropped, identityMismatch: _mismatch, ...rest } = e;
      e = rest as CaptureEvent;
    }
  }
  if (e.kind === 'action' && e.toAccount !== undefined) {
    const kind = personalDataKind(e.toAccount, 'account');
    if (kind) {
      suspects.push({ path: 'toAccount', field: 'toAccount', kind });
      const { toAccount: _dropped, ...rest } = e;
      e = rest;
    }
  }
  if (e.kind === 'open' || e.kind === 'action') {
    const fields = screenFields(e.fields, '', suspects);
    if (fields !== e.fields) e = { ...e, fields };
  } else if (e.kind === 'list_seen') {
    let changed = false;
    const rows = e.rows.map((r, i) => {
      const fields = screenFields(r.fields, `rows.${i}.`, suspects);
      if (fields === r.fields) return r;
      changed = true;
      return { ...r, fields };
    });
    if (changed) e = { ...e, rows };
  }
  return { event: e as E, suspects };
}

/** One line per suspect for an answer or a log: field and kind, never the value. */
export function describeSuspects(suspects: readonly PersonalDataSuspect[]): string {
  return suspects
    .map((s) => `${s.path}: nghi là dữ liệu cá nhân (${s.kind}), không lưu / suspected personal data (${s.kind}), not stored`)
    .join('; ');
}
