import { useI18n } from '../i18n/i18n.tsx';

/** Loading and failure as text in a live region, so screen readers hear them too. */
export function Status(props: { loading?: boolean; error?: Error | null; onRetry?: () => void }) {
  const { t } = useI18n();
  if (props.error) {
    return (
      <div role="alert" class="notice notice-error">
        <p>{t('error', { message: props.error.message })}</p>
        {props.onRetry && (
          <button type="button" onClick={props.onRetry}>
            {t('retry')}
          </button>
        )}
      </div>
    );
  }
  if (props.loading) {
    return (
      <p role="status" class="notice">
        {t('loading')}
      </p>
    );
  }
  return null;
}
