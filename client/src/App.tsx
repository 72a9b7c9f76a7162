import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type NodeDetail, type Reference } from './api';
import { t, PROPERTY_NAMES, RELATIONSHIP_NAMES, SIZE_NAMES, TYPE_NAMES, VALUE_NAMES, type Lang } from './i18n';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function errorText(lang: Lang, error: unknown): string {
  if (error instanceof ApiError) return error.reason ? `${error.message} (${error.reason})` : error.message;
  return `${t(lang, 'error')}: ${String(error)}`;
}

function HealthBadge({ lang }: { lang: Lang }) {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => api.health(signal), refetchInterval: 15_000 });
  if (health.isPending) return <span className="badge">{t(lang, 'loading')}</span>;
  if (health.isError) return <span className="badge bad" role="status">{t(lang, 'dbDown')}: {errorText(lang, health.error)}</span>;
  const c = health.data.counts;
  return (
    <span className="badge ok" role="status" title={Object.entries(c).map(([k, v]) => `${TYPE_NAMES[k]?.[lang] ?? k}: ${v}`).join('\n')}>
      {t(lang, 'dbUp')} {health.data.neo4j.version} · {TYPE_NAMES.Enterprise[lang]}: {c.Enterprise?.toLocaleString(lang)} · {TYPE_NAMES.SUPPLIES[lang]}: {c.SUPPLIES?.toLocaleString(lang)}
    </span>
  );
}

/** Names for the codes that properties hold (regions, chains, stages, OKVED). */
function referenceNames(ref: Reference | undefined, lang: Lang): Map<string, string> {
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

function Details({ lang, node }: { lang: Lang; node: NodeDetail }) {
  const p = node.properties;
  const reference = useQuery({ queryKey: ['reference'], queryFn: ({ signal }) => api.reference(signal), staleTime: Infinity });
  const names = referenceNames(reference.data, lang);
  return (
    <section className="details" aria-label={t(lang, 'properties')}>
      <div className="kind">{TYPE_NAMES[node.type]?.[lang] ?? node.type}</div>
      <h2>{String(lang === 'en' && p.nameEn ? p.nameEn : p.name ?? node.id)}</h2>
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

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('lang') === 'en' ? 'en' : 'ru'));
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const q = useDebounced(text.trim(), 200);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'title');
    localStorage.setItem('lang', lang);
  }, [lang]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement !== input.current) {
        e.preventDefault();
        input.current?.focus();
      } else if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = useQuery({ queryKey: ['search', q], queryFn: ({ signal }) => api.search(q, signal), enabled: q.length > 0 });
  const node = useQuery({ queryKey: ['node', selected], queryFn: ({ signal }) => api.node(selected!, signal), enabled: !!selected });

  return (
    <div className="app">
      <header>
        <h1>{t(lang, 'title')}</h1>
        <HealthBadge lang={lang} />
        <div className="lang" role="group" aria-label="Language">
          <button aria-pressed={lang === 'ru'} onClick={() => setLang('ru')}>RU</button>
          <button aria-pressed={lang === 'en'} onClick={() => setLang('en')}>EN</button>
        </div>
      </header>
      <main>
        <section className="search">
          <input
            ref={input}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t(lang, 'searchPlaceholder')}
            aria-label={t(lang, 'searchPlaceholder')}
            autoFocus
          />
          {q.length === 0 && <p className="empty">{t(lang, 'typeToSearch')}</p>}
          {q.length > 0 && hits.isFetching && <p className="loading">{t(lang, 'searching')}</p>}
          {hits.isError && <p className="error" role="alert">{errorText(lang, hits.error)}</p>}
          {hits.data && hits.data.hits.length === 0 && !hits.isFetching && <p className="empty">{t(lang, 'noHits')}</p>}
          <ul className="hits" role="listbox">
            {hits.data?.hits.map((h) => (
              <li key={h.id} role="option" aria-selected={selected === h.id}>
                <button onClick={() => setSelected(h.id)} data-id={h.id}>
                  <span className="name">{lang === 'en' && h.nameEn ? h.nameEn : h.name}</span>
                  <span className="meta">
                    {TYPE_NAMES[h.type]?.[lang] ?? h.type}
                    {h.regionName ? ` · ${h.regionName}` : ''}
                    {h.okved ? ` · ${h.okved}` : ''}
                    {h.inn ? ` · ${t(lang, 'inn')} ${h.inn}` : ''}
                    {h.size ? ` · ${SIZE_NAMES[h.size]?.[lang] ?? h.size}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          {!selected && <p className="empty">{t(lang, 'selectHint')}</p>}
          {selected && node.isPending && <p className="loading">{t(lang, 'loading')}</p>}
          {node.isError && <p className="error" role="alert">{errorText(lang, node.error)}</p>}
          {node.data && <Details lang={lang} node={node.data} />}
        </section>
      </main>
    </div>
  );
}
