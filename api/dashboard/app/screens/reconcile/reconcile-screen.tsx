import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Me } from '../../lib/types.ts';
import { ImportPanel } from './import-panel.tsx';
import { ReconcilePanel } from './reconcile-panel.tsx';

/** The back-office's tracking book beside the capture: import (admins), reconciliation and control slips. */
export function ReconcileScreen(props: { me: Me }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  return (
    <>
      <h1>{t('reconcileTitle')}</h1>
      <p>{t('reconcileIntro')}</p>
      {props.me.role === 'admin' && <ImportPanel />}
      <ReconcilePanel unitId={props.me.unitId} />
      <section aria-labelledby="slip-title" class="card">
        <h2 id="slip-title">{t('slipTitle')}</h2>
        <form
          onSubmit={(e) => (
            e.preventDefault(), code && window.open(`/v1/reconcile/slips/${encodeURIComponent(code.trim())}/print`, '_blank', 'noopener')
          )}
          data-testid="slip-form"
        >
          <label>
            {t('slipCode')}
            <input name="code" value={code} required onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('openSlip')}</button>
        </form>
      </section>
    </>
  );
}
