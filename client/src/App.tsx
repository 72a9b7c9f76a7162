import { Component, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, SIGNED_OUT_EVENT, api, getJson, sendJson, setCsrfToken, type SessionInfo } from './api';
import { ChangePassword, Login, ROLE_RANK, UserMenu } from './Login';
import { Details, errorText } from './Details';
import { OverviewView } from './Overview';
import { Explorer } from './explorer/Explorer';
import { Planner } from './planner/Planner';
import { DataView } from './data/DataView';
import { Admin } from './admin/Admin';
import { useDebounced } from './useDebounced';
import { HitMeta } from './HitMeta';
import { useI18n } from './i18n';

function HealthBadge() {
  const { t } = useI18n();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api.health(signal),
    refetchInterval: 15_000,
  });
  if (health.isPending) return <span className="badge">{t('loading')}</span>;
  if (health.isError)
    return (
      <span className="badge bad" role="status">
        {t('dbDown')}: {errorText(t, health.error)}
      </span>
    );
  const c = health.data.counts;
  return (
    <span
      className="badge ok"
      role="status"
      title={Object.entries(c)
        .map(([k, v]) => `${t.name('type', k)}: ${v}`)
        .join('\n')}
    >
      {t('dbUp')} {health.data.neo4j.version} · {t('type_Enterprise')}: {t.num(c.Enterprise ?? 0)} ·{' '}
      {t('type_SUPPLIES')}: {t.num(c.SUPPLIES ?? 0)}
    </span>
  );
}

/** A view that fails while drawing shows its error instead of blanking the whole page. */
class ViewBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return <ViewCrashed message={this.state.error.message} />;
  }
}

function ViewCrashed({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <main>
      <section className="panel">
        <p className="error" role="alert">
          {t('viewCrashed')}: {message}
        </p>
        <button onClick={() => location.reload()}>{t('reload')}</button>
      </section>
    </main>
  );
}

type View = 'overview' | 'explore' | 'planner' | 'search' | 'data' | 'admin';
const VIEWS: View[] = ['overview', 'explore', 'planner', 'search', 'data', 'admin'];
/** The role each view needs (the server checks every request anyway). */
const VIEW_ROLE: Record<View, keyof typeof ROLE_RANK> = {
  overview: 'viewer',
  explore: 'viewer',
  search: 'viewer',
  planner: 'planner',
  data: 'editor',
  admin: 'admin',
};
const VIEW_TITLE = {
  overview: 'viewOverview',
  explore: 'viewExplorer',
  planner: 'viewPlanner',
  search: 'viewSearch',
  data: 'viewData',
  admin: 'viewAdmin',
} as const;
/** The overview is the landing view; `#explore…` is the graph, `#search` the list search, and so on. */
function viewFromHash(): View {
  const h = location.hash;
  return VIEWS.find((v) => h === `#${v}` || h.startsWith(`#${v}?`)) ?? 'overview';
}
const HASH = Object.fromEntries(VIEWS.map((v) => [v, `#${v}`])) as Record<View, string>;

/** The app behind sign-in: the session decides what is shown (the server checks every request anyway). */
export function App() {
  const { lang, setLang, t } = useI18n();
  const client = useQueryClient();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [changing, setChanging] = useState(false);
  useEffect(() => {
    // The token is set before the views mount: their first requests may already be changes.
    getJson<SessionInfo>('/api/auth/session').then(
      (s) => {
        setCsrfToken(s.csrf);
        setSession(s);
      },
      (e) => setSession(e instanceof ApiError && e.status === 401 ? null : undefined),
    );
    const onSignedOut = () => setSession(null);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);
  useEffect(() => setCsrfToken(session?.csrf ?? ''), [session]);
  const signedIn = (s: SessionInfo) => {
    setCsrfToken(s.csrf);
    client.clear();
    setSession(s);
  };
  const signOut = async () => {
    await sendJson<null>('POST', '/api/auth/logout').catch(() => undefined);
    client.clear();
    setSession(null);
  };
  const langSwitch = (
    <div className="lang" role="group" aria-label={t('language')}>
      <button aria-pressed={lang === 'ru'} onClick={() => setLang('ru')}>
        RU
      </button>
      <button aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
        EN
      </button>
    </div>
  );
  if (session === undefined)
    return (
      <div className="app">
        <header>
          <h1>{t('title')}</h1>
          {langSwitch}
        </header>
        <main>
          <p className="loading" role="status">
            {t('loading')}
          </p>
        </main>
      </div>
    );
  if (session === null)
    return (
      <div className="app">
        <header>
          <h1>{t('title')}</h1>
          {langSwitch}
        </header>
        <Login onSignedIn={signedIn} />
      </div>
    );
  if (session.mustChangePassword || changing) {
    return (
      <div className="app">
        <header>
          <h1>{t('title')}</h1>
          {langSwitch}
        </header>
        <main className="login">
          {session.mustChangePassword && <p className="legend-note">{t('passwordMustChange')}</p>}
          <ChangePassword
            onDone={() => {
              setChanging(false);
              setSession({ ...session, mustChangePassword: false });
            }}
            onCancel={session.mustChangePassword ? undefined : () => setChanging(false)}
          />
        </main>
      </div>
    );
  }
  return (
    <SignedIn session={session} langSwitch={langSwitch} onSignOut={signOut} onPassword={() => setChanging(true)} />
  );
}

function SignedIn({
  session,
  langSwitch,
  onSignOut,
  onPassword,
}: {
  session: SessionInfo;
  langSwitch: ReactNode;
  onSignOut: () => void;
  onPassword: () => void;
}) {
  const { t } = useI18n();
  const [view, setView] = useState<View>(viewFromHash);
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const focusSearch = useRef(false);
  const q = useDebounced(text.trim(), 200);

  useEffect(() => {
    document.title = t('title');
  }, [t]);
  const may = (v: View) => ROLE_RANK[session.role] >= ROLE_RANK[VIEW_ROLE[v]];

  useEffect(() => {
    // pushState from the explorer fires neither event; the back button fires popstate.
    const onNavigate = () => setView(viewFromHash());
    window.addEventListener('hashchange', onNavigate);
    window.addEventListener('popstate', onNavigate);
    return () => {
      window.removeEventListener('hashchange', onNavigate);
      window.removeEventListener('popstate', onNavigate);
    };
  }, []);
  const go = (next: View) => {
    if (location.hash !== HASH[next]) history.pushState(null, '', HASH[next]);
    setView(next);
  };

  useEffect(() => {
    if (focusSearch.current && input.current) {
      focusSearch.current = false;
      input.current.focus();
    }
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLSelectElement ||
        e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        if (!input.current) {
          // The overview has no search box: `/` opens the graph with its search focused.
          focusSearch.current = true;
          history.pushState(null, '', HASH.explore);
          setView('explore');
        }
        input.current?.focus();
      } else if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.search(q, signal),
    enabled: q.length > 0,
  });
  const node = useQuery({
    queryKey: ['node', selected],
    queryFn: ({ signal }) => api.node(selected!, signal),
    enabled: !!selected,
  });

  return (
    <div className="app">
      <header>
        <h1 title={t('title')}>
          {t('title').split(' — ')[0]}
          <span className="subtitle"> — {t('title').split(' — ')[1]}</span>
        </h1>
        <nav className="tabs" aria-label={t('views')}>
          {VIEWS.filter(may).map((v) => (
            <a
              key={v}
              href={HASH[v]}
              aria-current={view === v ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(v);
              }}
            >
              {t(VIEW_TITLE[v])}
            </a>
          ))}
        </nav>
        <HealthBadge />
        <UserMenu session={session} onSignOut={onSignOut} onPassword={onPassword} />
        {langSwitch}
      </header>
      {view === 'overview' && (
        <ViewBoundary>
          <OverviewView />
        </ViewBoundary>
      )}
      {view !== 'overview' && !may(view) && (
        <main>
          <section className="panel">
            <p className="empty">
              {t(
                VIEW_ROLE[view] === 'planner'
                  ? 'needsPlanner'
                  : VIEW_ROLE[view] === 'editor'
                    ? 'needsEditor'
                    : 'needsAdmin',
              )}
            </p>
          </section>
        </main>
      )}
      {view === 'planner' && may(view) && (
        <ViewBoundary>
          <Planner />
        </ViewBoundary>
      )}
      {view === 'data' && may(view) && (
        <ViewBoundary>
          <DataView />
        </ViewBoundary>
      )}
      {view === 'admin' && may(view) && (
        <ViewBoundary>
          <Admin self={session.username} />
        </ViewBoundary>
      )}
      {view === 'explore' && (
        <ViewBoundary>
          <Explorer
            searchRef={input}
            user={{
              username: session.username,
              isAdmin: session.role === 'admin',
              // POST /api/export is the planner's (server/routes/export.ts).
              mayServerExport: ROLE_RANK[session.role] >= ROLE_RANK.planner,
            }}
          />
        </ViewBoundary>
      )}
      {view === 'search' && (
        <main>
          <section className="search">
            <input
              ref={input}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('searchPlaceholder')}
              aria-label={t('searchPlaceholder')}
              autoFocus
            />
            {q.length === 0 && <p className="empty">{t('typeToSearch')}</p>}
            {q.length > 0 && hits.isFetching && <p className="loading">{t('searching')}</p>}
            {hits.isError && (
              <p className="error" role="alert">
                {errorText(t, hits.error)}
              </p>
            )}
            {hits.data && hits.data.hits.length === 0 && !hits.isFetching && <p className="empty">{t('noHits')}</p>}
            {/* A list of buttons, not a listbox: an option may not hold a button (nested controls). */}
            <ul className="hits" aria-label={t('searchHits')}>
              {hits.data?.hits.map((h) => (
                <li key={h.id}>
                  <button onClick={() => setSelected(h.id)} data-id={h.id} aria-pressed={selected === h.id}>
                    <span className="name">{t.pick(h)}</span>
                    <HitMeta hit={h} />
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel">
            {!selected && <p className="empty">{t('selectHint')}</p>}
            {selected && node.isPending && <p className="loading">{t('loading')}</p>}
            {node.isError && (
              <p className="error" role="alert">
                {errorText(t, node.error)}
              </p>
            )}
            {node.data && (
              <a className="button open-graph" href={`#explore?x=${encodeURIComponent(node.data.id)}`}>
                {t('openInGraph')}
              </a>
            )}
            {node.data && <Details node={node.data} />}
          </section>
        </main>
      )}
    </div>
  );
}
