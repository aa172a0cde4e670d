import { useI18n } from '../i18n/i18n.tsx';
import { formatDelta } from '../../../../shared/format/format.ts';

/** A figure with its change against the previous period; the arrow and sign carry the meaning, not colour alone. */
export function WithDelta(props: {
  shown: string;
  now: number | null | undefined;
  before: number | null | undefined;
  kind: 'count' | 'hours' | 'points';
}) {
  const { lang, t } = useI18n();
  const delta = formatDelta(props.now, props.before, lang, props.kind);
  return (
    <span class="with-delta">
      {props.shown}
      {delta && (
        // One neutral colour: whether up is good depends on the figure (on-time share vs late share).
        <span class="delta">
          {' '}
          {delta}
          <span class="visually-hidden"> {t('deltaVsPrevious')}</span>
        </span>
      )}
    </span>
  );
}
