// The second line of a search hit: kind, region, OKVED, INN, SME category, known only from ties.
import type { SearchHit } from '../../core/schemas';
import { useI18n } from './i18n';

export function HitMeta({ hit }: { hit: SearchHit }) {
  const { t } = useI18n();
  return (
    <span className="meta">
      {t.name('type', hit.type)}
      {hit.regionName ? ` · ${hit.regionName}` : ''}
      {hit.okved ? ` · ${hit.okved}` : ''}
      {hit.inn ? ` · ${t('inn')} ${hit.inn}` : ''}
      {hit.size ? ` · ${t.name('sizeCat', hit.size)}` : ''}
      {hit.tiesOnly ? ` · ${t('tiesOnlyHit')}` : ''}
    </span>
  );
}
