// The second line of a search hit: kind, region, OKVED, INN, SME category.
import type { SearchHit } from '../../core/schemas';
import { SIZE_NAMES, TYPE_NAMES, t, type Lang } from '../../core/i18n';

export function HitMeta({ lang, hit }: { lang: Lang; hit: SearchHit }) {
  return (
    <span className="meta">
      {TYPE_NAMES[hit.type]?.[lang] ?? hit.type}
      {hit.regionName ? ` · ${hit.regionName}` : ''}
      {hit.okved ? ` · ${hit.okved}` : ''}
      {hit.inn ? ` · ${t(lang, 'inn')} ${hit.inn}` : ''}
      {hit.size ? ` · ${SIZE_NAMES[hit.size]?.[lang] ?? hit.size}` : ''}
    </span>
  );
}
