// The details of one node (GET /api/nodes/:id) in plain language; shared by the search page and the overview.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type NodeDetail } from './api';
import { type Reference } from '../../core/schemas';
import { t, PROPERTY_NAMES, RELATIONSHIP_NAMES, SIZE_NAMES, TYPE_NAMES, VALUE_NAMES, type Lang } from '../../core/i18n';

export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof ApiError) return error.reason ? `${error.message} (${error.reason})` : error.message;
  return `${t(lang, 'error')}: ${String(error)}`;
}

/** Names for the codes that properties hold (regions, chains, stages, OKVED). */
export function referenceNames(ref: Reference | undefined, lang: Lang): Map<string, string> {
  const names = new Map<string, string>();
  if (!ref) return names;
  const pick = (x: { name: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.name);
  for (const r of ref.regions) names.set(`region:${r.code}`, `${pick(r)} (${r.code})`);
  for (const c of ref.chains) {
    names.set(`chain:${c.id}`, pick(c));
    for (const s of c.stages) names.set(`stage:${s.id}`, `${pick(s)} (${pick(c)})`);
  }
  for (const o of ref.okved) names.set(`okved:${o.code}`, `${o.code} ${pick(o)}`);
  return names;
}

const NAMED: Record<string, string> = { region: 'region', chains: 'chain', chain: 'chain', stages: 'stage', okved: 'okved', okvedAll: 'okved' };

function formatValue(lang: Lang, key: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return '—';
  const kind = NAMED[key];
  if (kind) {
    const name = (v: unknown) => names.get(`${kind}:${v}`) ?? String(v);
    if (Array.isArray(value)) return value.map(name).join('; ');
    return name(value);
  }
  if (key === 'size' && typeof value === 'string') return SIZE_NAMES[value]?.[lang] ?? value;
  if ((key === 'kind' || key === 'status') && typeof value === 'string') return VALUE_NAMES[value]?.[lang] ?? value;
  if (typeof value === 'boolean') return value ? (lang === 'ru' ? 'да' : 'yes') : lang === 'ru' ? 'нет' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return value.toLocaleString(lang);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const HIDDEN = new Set(['id', 'nameLatin', 'synthetic', 'syntheticFigures', 'sizeSource', 'location', 'federalDistrict', 'federalDistrictNameEn', 'centerEn', 'regions']);

/** `heading={false}` leaves out the kind and name when the view around already shows them. */
export function Details({ lang, node, heading = true }: { lang: Lang; node: NodeDetail; heading?: boolean }) {
  const p = node.properties;
  const reference = useQuery({ queryKey: ['reference'], queryFn: ({ signal }) => api.reference(signal), staleTime: Infinity });
  const names = referenceNames(reference.data, lang);
  return (
    <section className="details" aria-label={t(lang, 'properties')}>
      {heading && <div className="kind">{TYPE_NAMES[node.type]?.[lang] ?? node.type}</div>}
      {heading && <h2>{String(lang === 'en' && p.nameEn ? p.nameEn : p.name ?? node.id)}</h2>}
      {p.synthetic === true && <p className="note synthetic">{t(lang, 'synthetic')}</p>}
      {p.syntheticFigures === true && p.synthetic !== true && <p className="note synthetic">{t(lang, 'syntheticFigures')}</p>}
      {p.synthetic !== true && node.syntheticLinks > 0 && <p className="note synthetic">{t(lang, 'syntheticLinks')}</p>}
      <h3>{t(lang, 'properties')}</h3>
      <table>
        <tbody>
          {Object.entries(p)
            .filter(([k]) => !HIDDEN.has(k))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <tr key={k}>
                <th>{PROPERTY_NAMES[k]?.[lang] ?? k}</th>
                <td>{formatValue(lang, k, v, names)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>{t(lang, 'relationships')}</h3>
      <ul className="rels">
        {node.relationships.map((r) => (
          <li key={r.type + r.direction}>
            {RELATIONSHIP_NAMES[r.type]?.[lang] ?? r.type} ({t(lang, r.direction)}): <b>{r.count.toLocaleString(lang)}</b>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Loads a node by id and shows its details, with loading and error states. */
export function NodeDetails({ lang, id, heading = true }: { lang: Lang; id: string; heading?: boolean }) {
  const node = useQuery({ queryKey: ['node', id], queryFn: ({ signal }) => api.node(id, signal) });
  if (node.isPending) return <p className="loading">{t(lang, 'loading')}</p>;
  if (node.isError) return <p className="error" role="alert">{errorText(lang, node.error)}</p>;
  return <Details lang={lang} node={node.data} heading={heading} />;
}
