import { useId, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError } from '../lib/api-client.ts';

export type Issue = { path: string; message: string };

/** zod issues, or the API's `details` (zod issues sent back), as path + message lines. */
export function issuesOf(value: unknown): Issue[] {
  if (!Array.isArray(value)) return [];
  return value.map((i: { path?: (string | number)[]; message?: string }) => ({
    path: (i.path ?? []).join('.') || '(gốc / root)',
    message: i.message ?? String(i),
  }));
}

/**
 * A JSON text area checked in the browser with the same zod schema the API uses, then sent; what
 * either side refuses is listed next to the field (and announced), with the path of each problem.
 */
export function JsonEditor<T>(props: {
  label: string;
  initial: string;
  schema: z.ZodType<T>;
  submitLabel: string;
  /** Resolves to the message to show, and optionally the text to edit next (the saved value, bumped). */
  onSubmit: (value: T) => Promise<string | { message: string; next: string }>;
  rows?: number;
  testId?: string;
  /** Fields of the same form shown above the text (a date), merged in by `prepare`. */
  children?: ComponentChildren;
  prepare?: (parsed: unknown) => unknown;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(props.initial);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function check(): T | null {
    setMessage(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setIssues([{ path: '(JSON)', message: t('invalidJson', { message: (e as Error).message }) }]);
      return null;
    }
    const r = props.schema.safeParse(props.prepare ? props.prepare(parsed) : parsed);
    setIssues(r.success ? [] : issuesOf(r.error.issues));
    return r.success ? r.data : null;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const value = check();
    if (value === null) return;
    setBusy(true);
    try {
      const r = await props.onSubmit(value);
      if (typeof r !== 'string') setText(r.next);
      setMessage({ ok: true, text: typeof r === 'string' ? r : r.message });
    } catch (err) {
      const details = err instanceof ApiError ? issuesOf(err.details) : [];
      setIssues(details);
      setMessage({ ok: false, text: t('serverRefused', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  const errorsId = `${id}-errors`;
  return (
    <form class="json-editor" onSubmit={submit} data-testid={props.testId}>
      {props.children}
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 14}
        spellcheck={false}
        value={text}
        aria-invalid={issues.length > 0}
        aria-describedby={issues.length ? errorsId : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" class="secondary" onClick={() => check() !== null && setMessage({ ok: true, text: t('valid') })}>
          {t('validate')}
        </button>
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : props.submitLabel}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {message && <p class={message.ok ? 'notice notice-ok' : 'notice notice-error'}>{message.text}</p>}
      </div>
      {issues.length > 0 && (
        <div id={errorsId} class="notice notice-error" role="alert">
          <p>{t('validationErrors')}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
