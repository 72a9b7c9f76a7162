// The supernode safeguard: a node with more neighbours than the threshold is not expanded blindly;
// the analyst sees what its neighbours are and picks the largest ones or one kind of them.
import type { ExpandRequest, ExpandResult } from '../api';
import { useI18n } from '../i18n';
import { dataName } from '../../../core/i18n/legend';

export interface PendingExpansion {
  id: string;
  request: Partial<ExpandRequest>;
  result: ExpandResult;
}

export function ExpandDialog({
  pending,
  threshold,
  onAddTop,
  onFilter,
  onCancel,
}: {
  pending: PendingExpansion;
  threshold: number;
  onAddTop: () => void;
  onFilter: (request: Partial<ExpandRequest>) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const { result } = pending;
  const name = lang === 'en' && result.node.nameEn ? result.node.nameEn : result.node.name;
  const rows = [...result.summary].sort((a, b) => b.count - a.count);
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="expand-title">
        <h3 id="expand-title">{t('supernodeTitle')}</h3>
        <p>
          <b>{name}</b>: <b data-field="total">{result.total.toLocaleString(lang)}</b>{' '}
          {t('noun_neighbours', { count: result.total })}, {t('supernodeText2')} ({threshold.toLocaleString(lang)}).
        </p>
        <table className="summary">
          <thead>
            <tr>
              <th>{t('relationships')}</th>
              <th>{t('nodeType')}</th>
              <th>{t('count')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.rel}|${r.dir}|${r.type}`}>
                <td>
                  {dataName(t, 'rel', r.rel)} ({t(r.dir)})
                </td>
                <td>{t.name('type', r.type)}</td>
                <td className="num">{r.count.toLocaleString(lang)}</td>
                <td>
                  <button
                    className="link"
                    onClick={() => onFilter({ ...pending.request, rel: [r.rel], dir: r.dir, types: [r.type] })}
                  >
                    {r.count > threshold ? `${t('showTop')} ${threshold}` : t('showThese')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="buttons">
          <button className="primary" onClick={onAddTop} autoFocus>
            {t('addTop')} {result.returned.toLocaleString(lang)}
          </button>
          <button onClick={onCancel}>{t('cancel')}</button>
        </div>
        <p className="legend-note">{t('supernodeRanking')}</p>
      </div>
    </div>
  );
}
