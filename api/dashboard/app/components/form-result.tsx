import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.tsx';
import { issuesOf } from './json-editor.tsx';
import { ApiError } from '../lib/api-client.ts';

export type Result = { ok: boolean; text: string; issues?: { path: string; message: string }[] } | null;

/** Runs a form's request and keeps its outcome, the API's refusal included, for FormResult to show. */
export function useSubmit() {
  const { t } = useI18n();
  const [result, setResult] = useState<Result>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<string>) {
    setBusy(true);
    setResult(null);
    try {
      setResult({ ok: true, text: await action() });
    } catch (e) {
      setResult({
        ok: false,
        text: t('serverRefused', { message: (e as Error).message }),
        issues: e instanceof ApiError ? issuesOf(e.details) : [],
      });
    } finally {
      setBusy(false);
    }
  }
  return { result, busy, run };
}

export function FormResult(props: { result: Result }) {
  const r = props.result;
  return (
    <div role="status" aria-live="polite">
      {r && (
        <div class={r.ok ? 'notice notice-ok' : 'notice notice-error'}>
          <p>{r.text}</p>
          {r.issues && r.issues.length > 0 && (
            <ul>
              {r.issues.map((i, n) => (
                <li key={n}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
