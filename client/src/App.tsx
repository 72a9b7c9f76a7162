import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { Details, errorText } from './Details';
import { OverviewView } from './Overview';
import { t, SIZE_NAMES, TYPE_NAMES, type Lang } from './i18n';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
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

type View = 'search' | 'overview';
const viewFromHash = (): View => (location.hash === '#overview' ? 'overview' : 'search');

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('lang') === 'en' ? 'en' : 'ru'));
  const [view, setView] = useState<View>(viewFromHash);
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
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: View) => {
    // The hash keeps the view across reloads and makes the back button switch views.
    if (next !== view) location.hash = next === 'overview' ? 'overview' : '';
    setView(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement !== input.current) {
        e.preventDefault();
        if (!input.current) {
          location.hash = '';
          setView('search');
        }
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
        <nav className="tabs" aria-label={t(lang, 'views')}>
          <a href="#" aria-current={view === 'search' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go('search'); }}>{t(lang, 'viewSearch')}</a>
          <a href="#overview" aria-current={view === 'overview' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go('overview'); }}>{t(lang, 'viewOverview')}</a>
        </nav>
        <HealthBadge lang={lang} />
        <div className="lang" role="group" aria-label="Language">
          <button aria-pressed={lang === 'ru'} onClick={() => setLang('ru')}>RU</button>
          <button aria-pressed={lang === 'en'} onClick={() => setLang('en')}>EN</button>
        </div>
      </header>
      {view === 'overview' && <OverviewView lang={lang} />}
      {view === 'search' && <main>
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
      </main>}
    </div>
  );
}
