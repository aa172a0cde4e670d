import type { FieldRule, PageRule } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import { DOSSIER_CODE_PATTERN, DOSSIER_CODE_RE, PROCEDURE_CODE_RE } from '../../shared/schemas/dossier-code.ts';
import { fieldPattern, lastFoundElement, valueIn } from './read-field.ts';
import { parseLocalDate } from './parse-date.ts';
import { boundedMemo } from './memo.ts';

/**
 * What one row gives: its code (null when it shows none), the element the code was read from, the
 * whitelisted fields. `complete` is false when only status and step were read (see `readRow`).
 */
export type RowRead = { dossierCode: string | null; codeElement: Element | null; fields: DossierFields; complete: boolean };

const CODE_IN_TEXT = new RegExp(DOSSIER_CODE_PATTERN);

export function asCode(text: string | null): string | null {
  if (!text) return null;
  if (DOSSIER_CODE_RE.test(text)) return text;
  return CODE_IN_TEXT.exec(text)?.[0] ?? null;
}

/** Parsed dates per format: lists repeat dates, and parsing one costs more than remembering it. */
const dates = new Map<string, ReturnType<typeof boundedMemo<string | null>>>();

/** The raw texts of the fields, kept only when they have the expected shape. */
export function toFields(
  procedure: string | null,
  status: string | null,
  step: string | null,
  appointment: string | null,
  dateFormat: string,
  handler: string | null = null,
): DossierFields {
  const out: DossierFields = {};
  if (procedure && PROCEDURE_CODE_RE.test(procedure)) out.procedureCode = procedure;
  if (status) out.status = status.slice(0, 200);
  if (step) out.step = step.slice(0, 200);
  // An official's account or name: anything longer is not one (the page's layout changed).
  if (handler && handler.length <= 100) out.handler = handler;
  if (appointment) {
    let memo = dates.get(dateFormat);
    if (!memo) dates.set(dateFormat, (memo = boundedMemo<string | null>(2000)));
    let iso = memo.get(appointment);
    if (iso === undefined) memo.set(appointment, (iso = parseLocalDate(appointment, dateFormat)));
    if (iso) out.appointmentAt = iso;
  }
  return out;
}

/** A field rule with its pattern compiled; `broken` when the pattern is invalid (the field then reads nothing). */
type Compiled = { rule: FieldRule; re: RegExp | null; broken: boolean } | null;
type CompiledRule = {
  code: Compiled;
  procedureCode: Compiled;
  status: Compiled;
  step: Compiled;
  appointmentAt: Compiled;
  handler: Compiled;
};

const compiled = new WeakMap<PageRule, CompiledRule>();
const compileField = (rule: FieldRule | undefined): Compiled => {
  if (!rule) return null;
  const re = rule.pattern ? fieldPattern(rule.pattern) : null;
  return { rule, re, broken: !!rule.pattern && !re };
};

function compile(rule: PageRule): CompiledRule {
  let c = compiled.get(rule);
  if (!c) {
    const f = rule.fields ?? {};
    c = {
      code: compileField(rule.code),
      procedureCode: compileField(f.procedureCode),
      status: compileField(f.status),
      step: compileField(f.step),
      appointmentAt: compileField(f.appointmentAt),
      handler: compileField(f.handler),
    };
    compiled.set(rule, c);
  }
  return c;
}

/** A field through its compiled rule; nothing when the rule is absent or its pattern invalid. */
const fieldIn = (root: Element, c: Compiled): string | null => (c && !c.broken ? valueIn(root, c.rule, c.re) : null);

/**
 * One list row, read by queries inside it. A row without a code is dropped by the reader, so its
 * fields are not read. With `complete` false only the code, status and step are read (what tells
 * whether a row changed); `completeRow` reads the rest when it is needed.
 */
export function readRow(row: Element, rule: PageRule, dateFormat: string, complete = true): RowRead {
  const c = compile(rule);
  const dossierCode = asCode(fieldIn(row, c.code));
  if (!dossierCode) return { dossierCode: null, codeElement: null, fields: {}, complete: true };
  const codeElement = lastFoundElement();
  const status = fieldIn(row, c.status);
  const step = fieldIn(row, c.step);
  const handler = fieldIn(row, c.handler);
  if (!complete) return { dossierCode, codeElement, fields: toFields(null, status, step, null, dateFormat, handler), complete: false };
  return {
    dossierCode,
    codeElement,
    fields: toFields(
      fieldIn(row, c.procedureCode),
      status,
      step,
      fieldIn(row, c.appointmentAt),
      c.appointmentAt?.rule.dateFormat ?? dateFormat,
      handler,
    ),
    complete: true,
  };
}

/** Reads the fields a partial reading left out, into the same `fields` object. */
export function completeRow(row: Element, read: RowRead, rule: PageRule, dateFormat: string): void {
  if (read.complete) return;
  const c = compile(rule);
  const more = toFields(
    fieldIn(row, c.procedureCode),
    null,
    null,
    fieldIn(row, c.appointmentAt),
    c.appointmentAt?.rule.dateFormat ?? dateFormat,
  );
  if (more.procedureCode) read.fields.procedureCode = more.procedureCode;
  if (more.appointmentAt) read.fields.appointmentAt = more.appointmentAt;
  read.complete = true;
}
