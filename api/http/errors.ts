import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { findTextProblem } from '../../shared/schemas/safe-text.ts';

/** An expected failure that becomes `{ error: { code, message } }` with its status. */
export class ApiFailure extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details?: unknown;
  constructor(status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** `application/json`, with or without parameters: a cross-site form cannot send it without a preflight. */
export function requireJsonContentType(c: Context): void {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiFailure(415, 'unsupported_media_type', 'Nội dung phải là application/json / Body must be application/json');
  }
}

/**
 * Reads and validates a JSON body: it must say it is JSON; malformed JSON, a string no database
 * can store as sent (NUL, a lone surrogate, anywhere in the body) and schema failures are 400s
 * with the reason.
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  requireJsonContentType(c);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiFailure(400, 'invalid_json', 'Nội dung không phải JSON hợp lệ / Body is not valid JSON');
  }
  const problem = findTextProblem(body);
  if (problem) throw new ApiFailure(400, 'invalid_text', `${problem.path.join('.') || '(body)'}: ${problem.message}`);
  return parseWith(schema, body, 'invalid_body');
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, code: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiFailure(400, code, zodMessage(r.error), r.error.issues);
  return r.data;
}
