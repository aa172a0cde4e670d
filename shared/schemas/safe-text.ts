import { z } from 'zod';

/**
 * Text and numbers both databases store as sent. JSON can carry a lone UTF-16 surrogate
 * ("\ud800") and a NUL; UTF-8 cannot hold the first (drivers store U+FFFD, so the stored row no
 * longer matches what was hashed) and PostgreSQL refuses the second (SQLite keeps it). So both
 * are refused where input enters, with the same answer on either database.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_NUL = 'chứa ký tự NUL / contains a NUL character';
export const TEXT_SURROGATE = 'không phải Unicode hợp lệ (nửa cặp surrogate) / not well-formed Unicode (lone surrogate)';

/** Why a string cannot be stored as is, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return TEXT_NUL;
  if (LONE_SURROGATE.test(s)) return TEXT_SURROGATE;
  return null;
}

/**
 * A string both databases store unchanged. `trim` (default true) trims first, then `min`/`max`
 * count what is stored.
 */
export function safeText(opts: { min?: number; max?: number; trim?: boolean } = {}) {
  let s = z.string().check((ctx) => {
    const problem = textProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
  if (opts.trim !== false) s = s.trim();
  if (opts.min !== undefined) s = s.min(opts.min);
  if (opts.max !== undefined) s = s.max(opts.max);
  return s;
}

/** PostgreSQL `integer` (SQLite's INTEGER is wider; the narrower bound is the one both keep). */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
export const int32 = () => z.number().int().min(INT32_MIN).max(INT32_MAX);

/**
 * The first string (value or key) anywhere in a parsed JSON value that cannot be stored, with
 * its path, or null: a backstop for bodies whose schema does not spell out every string
 * (calendars, rule settings, profiles).
 */
export function findTextProblem(
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { path, message } : null;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findTextProblem(value[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = textProblem(k);
    if (keyProblem) return { path: [...path, k], message: keyProblem };
    const p = findTextProblem(v, [...path, k], depth + 1);
    if (p) return p;
  }
  return null;
}
