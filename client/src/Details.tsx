// The details of one node (GET /api/nodes/:id) in plain language; shared by the search page and the overview.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type NodeDetail } from './api';
import { type Reference } from '../../core/schemas';
import { createT, type Lang, type TextKey, type Translator } from '../../core/i18n';
import { dataName, datasetName, isoDate } from '../../core/i18n/legend';
import { useI18n } from './i18n';

/**
 * An API error in the reader's language: the words for its `reason` (apiReason_…) or, when the
 * server wrote it in that language already, its message, else the words for its code
 * (apiError_…); never the server's English in a Russian interface. Other errors: «Ошибка: …».
 * Takes the translator; a language still works for callers that have not moved to useI18n().
 */
export function errorText(t: Translator | Lang, error: unknown): string {
  if (typeof t === 'string') t = createT(t);
  if (error instanceof ApiError) {
    const ids = (error.ids ?? []).join(', ');
    const reason = `apiReason_${error.reason}`;
    if (error.reason && t.has(reason)) return t(reason as TextKey, { ids });
    const russian = /[\u0400-\u04ff]/.test(error.message);
    const code = `apiError_${error.code}`;
    const text =
      error.message && russian === (t.lang === 'ru')
        ? error.message
        : t.has(code)
          ? t(code as TextKey)
          : t('apiError_other', { status: error.status });
    // A failure of the server's side keeps its technical cause, for whoever looks into it.
    return error.reason && error.status >= 500 ? `${text} (${error.reason})` : text;
  }
  return `${t('error')}: ${String(error)}`;
}

/** Names for the codes that properties hold (regions, chains, stages, OKVED). */
function referenceNames(ref: Reference | undefined, t: Translator): Map<string, string> {
  const names = new Map<string, string>();
  if (!ref) return names;
  const pick = t.pick;
  for (const r of ref.regions) names.set(`region:${r.code}`, `${pick(r)} (${r.code})`);
  for (const c of ref.chains) {
    names.set(`chain:${c.id}`, pick(c));
    for (const s of c.stages) names.set(`stage:${s.id}`, `${pick(s)} (${pick(c)})`);
  }
  for (const o of ref.okved) names.set(`okved:${o.code}`, `${o.code} ${pick(o)}`);
  return names;
}

const NAMED: Record<string, string> = {
  region: 'region',
  chains: 'chain',
  chain: 'chain',
  stages: 'stage',
  okved: 'okved',
  okvedAll: 'okved',
};

/** Properties holding an ISO date (the SME register's). */
const DATES = new Set(['registeredAt', 'registerState', 'leftRegisterAt']);
/** Figures shown with the year they are for (`employeesYear`, `revenueYear`). */
const YEAR_OF: Record<string, string> = { employees: 'employeesYear', revenueMlnRub: 'revenueYear' };

function formatValue(
  t: Translator,
  key: string,
  value: unknown,
  names: Map<string, string>,
  p: Record<string, unknown>,
): string {
  if (value === null || value === undefined) return '—';
  const kind = NAMED[key];
  if (kind) {
    const name = (v: unknown) => names.get(`${kind}:${v}`) ?? String(v);
    if (Array.isArray(value)) return value.map(name).join('; ');
    return name(value);
  }
  if (key === 'size' && typeof value === 'string')
    return p.sizeSource === 'register'
      ? t('tiesSizeByRegister', { size: t.name('sizeCat', value) })
      : t.name('sizeCat', value);
  if (key === 'subject' && typeof value === 'string') return dataName(t, 'subject', value);
  if (key === 'source' && typeof value === 'string') return dataName(t, 'value', value);
  if (DATES.has(key) && typeof value === 'string') return isoDate(t, value);
  if (key === 'datasets' && Array.isArray(value)) return value.map((d) => datasetName(t, String(d))).join('; ');
  if (key === 'products' && Array.isArray(value)) return value.join('; ');
  const year = YEAR_OF[key] && p[YEAR_OF[key]];
  if (typeof value === 'number' && (typeof year === 'number' || typeof year === 'string'))
    return t('tiesFigureYear', { value: t.num(value), year: String(year) });
  if ((key === 'kind' || key === 'status') && typeof value === 'string') return t.name('value', value);
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return t.num(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const HIDDEN = new Set([
  'id',
  'nameLatin',
  'synthetic',
  'syntheticFigures',
  'sizeSource',
  'location',
  'federalDistrict',
  'federalDistrictNameEn',
  'centerEn',
  'regions',
  // Shown within other rows or as notes: the year of a figure, the sources, ties only, left the register.
  'employeesYear',
  'revenueYear',
  'employeesSource',
  'revenueSource',
  'sizeDataset',
  'tiesOnly',
  'leftRegisterAt',
]);

/** `heading={false}` leaves out the kind and name when the view around already shows them. */
export function Details({ node, heading = true }: { node: NodeDetail; heading?: boolean }) {
  const { t } = useI18n();
  const p = node.properties;
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const names = referenceNames(reference.data, t);
  return (
    <section className="details" aria-label={t('properties')}>
      {heading && <div className="kind">{t.name('type', node.type)}</div>}
      {heading && (
        <h2>{t.pick({ name: String(p.name ?? node.id), nameEn: typeof p.nameEn === 'string' ? p.nameEn : null })}</h2>
      )}
      {p.synthetic === true && <p className="note synthetic">{t('synthetic')}</p>}
      {p.syntheticFigures === true && p.synthetic !== true && <p className="note synthetic">{t('syntheticFigures')}</p>}
      {p.synthetic !== true && node.syntheticLinks > 0 && <p className="note synthetic">{t('syntheticLinks')}</p>}
      {p.tiesOnly === true && (
        <p className="note" data-note="ties-only">
          {t('tiesOnlyNote')}
        </p>
      )}
      {typeof p.leftRegisterAt === 'string' && (
        <p className="note" data-note="left-register">
          {t('tiesLeftNote', { date: isoDate(t, p.leftRegisterAt) })}
        </p>
      )}
      <h3>{t('properties')}</h3>
      <table>
        <tbody>
          {Object.entries(p)
            .filter(([k]) => !HIDDEN.has(k))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <tr key={k} data-prop={k}>
                <th>{dataName(t, 'prop', k)}</th>
                <td>{formatValue(t, k, v, names, p)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>{t('relationships')}</h3>
      <ul className="rels">
        {node.relationships.map((r) => (
          <li key={r.type + r.direction}>
            {dataName(t, 'rel', r.type)} ({t(r.direction)}): <b>{t.num(r.count)}</b>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Loads a node by id and shows its details, with loading and error states. */
export function NodeDetails({ id, heading = true }: { id: string; heading?: boolean }) {
  const { t } = useI18n();
  const node = useQuery({ queryKey: ['node', id], queryFn: ({ signal }) => api.node(id, signal) });
  if (node.isPending) return <p className="loading">{t('loading')}</p>;
  if (node.isError)
    return (
      <p className="error" role="alert">
        {errorText(t, node.error)}
      </p>
    );
  return <Details node={node.data} heading={heading} />;
}
