import { useI18n } from '../i18n/i18n.tsx';
import { Link } from './link.tsx';

/** Where the drill-down is: unit → official → dossier, each a way back. */
export function Breadcrumb(props: { items: { label: string; href?: string }[] }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('breadcrumb')} class="breadcrumb">
      <ol>
        {props.items.map((item, i) => (
          <li key={i}>{item.href ? <Link href={item.href}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
