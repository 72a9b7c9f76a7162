// The analyst's graph: search → a node with its neighbours → expand, filter, colour, lay out,
// find supply paths; the URL holds the view (core/view/url.ts), so reload and the back button work.
//
// One ExplorerSigmaContainer draws the graphology graph of core/graph/model.ts with the settings of
// render.ts; the controllers inside it render nothing and each own one concern (appearance,
// events, drag, camera, layout, keyboard, size, what the page publishes — see controllers/).
// The state lives in a small store (hooks/store.ts): the view, and what a session adds to it.
import { useEffect, useMemo, useState, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { errorText } from '../Details';
import { useI18n } from '../i18n';
import {
  createExplorerGraph,
  indexReference,
  type EdgeAttrs,
  type LayoutId,
  type NodeAttrs,
} from '../../../core/graph/model';
import { EMPTY_VIEW, viewFromLocation } from '../../../core/view/url';
import type { Reference } from '../../../core/schemas';
import { explorerSettings } from './render';
import { ExplorerSigmaContainer } from './ExplorerSigmaContainer';
import { ExplorerContext, ExplorerStore, useExplorer, useExplorerState } from './hooks/store';
import { selectionOf, useExplorerActions, type ExplorerActions } from './hooks/useExplorerActions';
import { useGraphOps } from './hooks/useGraphOps';
import { useGraphSync } from './hooks/useGraphSync';
import { usePathSearch } from './hooks/usePathSearch';
import { useThreshold, useViewHistory } from './hooks/useViewHistory';
import { AppearanceController } from './controllers/AppearanceController';
import { EventsController } from './controllers/EventsController';
import { DragController } from './controllers/DragController';
import { CameraController } from './controllers/CameraController';
import { LayoutController } from './controllers/LayoutController';
import { BasemapController } from '../basemap/BasemapController';
import { KeyboardController } from './controllers/KeyboardController';
import { ResizeController } from './controllers/ResizeController';
import { StateController } from './controllers/StateController';
import { ChainGuides } from './ChainGuides';
import { LabelController } from './controllers/LabelController';
import { ExplorerSearch } from './ExplorerSearch';
import { AppearancePanel, FiltersPanel, Legend } from './Panels';
import { SelectionPanel } from './SelectionPanel';
import { HoverCard } from './HoverCard';
import { ExpandDialog } from './ExpandDialog';
import { SavedViews } from './SavedViews';
import { ExportDialog } from '../export/ExportDialog';
import { OnScreenList } from './OnScreenList';
import { NodeMenu } from './NodeMenu';
import './sigma.css';

interface ExplorerProps {
  searchRef?: Ref<HTMLInputElement>;
  /** The signed-in user; `mayServerExport`: the role may ask the server for a file (POST /api/export). */
  user?: { username: string; isAdmin: boolean; mayServerExport: boolean };
}

export function Explorer(props: ExplorerProps) {
  const [context] = useState(() => {
    const graph = createExplorerGraph();
    return { graph, store: new ExplorerStore(graph, viewFromLocation(location.hash) ?? EMPTY_VIEW) };
  });
  return (
    <ExplorerContext.Provider value={context}>
      <ExplorerView {...props} />
    </ExplorerContext.Provider>
  );
}

function ExplorerView({ searchRef, user }: ExplorerProps) {
  const { t } = useI18n();
  const { graph, store } = useExplorer();
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const index = useMemo(() => indexReference(reference.data), [reference.data]);
  useEffect(() => {
    store.set({ index, ...store.visibility(undefined, index) });
  }, [store, index]);
  const [threshold, setThreshold] = useThreshold();
  const actions = useExplorerActions(threshold);
  useViewHistory(actions.expand);
  useGraphSync(!!reference.data);
  usePathSearch();
  // Memoised: new settings would make the container build a new sigma.
  const settings = useMemo(() => explorerSettings<NodeAttrs, EdgeAttrs>(0), []);

  const view = useExplorerState((s) => s.view);
  const version = useExplorerState((s) => s.version);
  const legend = useExplorerState((s) => s.legend);
  const hasPath = useExplorerState((s) => !!s.pathResult?.found);
  const order = useExplorerState((s) => s.nodeCount);

  return (
    <main className="explorer">
      <aside className="side left">
        <FiltersPanel
          graph={graph}
          version={version}
          filters={view.filters}
          reference={reference.data}
          onChange={(filters) => store.setView({ filters })}
        />
        <AppearancePanel appearance={view.appearance} onChange={(appearance) => store.setView({ appearance })} />
        <section className="panel-block">
          <h3>{t('settings')}</h3>
          <label className="field">
            {t('expandThreshold')}
            <input
              type="number"
              min={10}
              max={5000}
              step={10}
              value={threshold}
              onChange={(e) => setThreshold(Math.max(10, Math.min(5000, Number(e.target.value) || 200)))}
            />
          </label>
        </section>
      </aside>
      <section className="graph-area">
        <Toolbar searchRef={searchRef} user={user} actions={actions} />
        <div className="canvas-wrap">
          <ExplorerSigmaContainer graph={graph} settings={settings} className="sigma">
            <AppearanceController />
            <EventsController expand={actions.expand} />
            <DragController />
            <LayoutController />
            <KeyboardController removeNodes={actions.removeNodes} undo={actions.undo} />
            <ResizeController />
            <CameraController />
            <StateController label={t('explorerGraph')} />
            <HoverCard />
            {/* Russia's outline under the geographic layout, whose region centres are projected as it is. */}
            <BasemapController enabled={view.layout === 'geo'} />
            <ChainGuides />
            {/* In the chain layout long names would run across the next columns' labels. */}
            <LabelController enabled={view.layout === 'chain'} />
          </ExplorerSigmaContainer>
          <Overlays
            reference={reference}
            actions={actions}
            threshold={threshold}
            mayServerExport={user?.mayServerExport ?? false}
          />
          <OnScreenList select={actions.select} />
        </div>
        <StatusBar />
        {legend && order > 0 && (
          <Legend
            legend={legend}
            appearance={view.appearance}
            reference={reference.data}
            graph={graph}
            greyMode={view.filters.mode === 'grey'}
            hasPath={hasPath}
            linksOff={view.filters.linksOff}
            basemap={view.layout === 'geo'}
          />
        )}
      </section>
      <aside className="side right panel">
        <SelectionSide version={version} actions={actions} />
      </aside>
    </main>
  );
}

function Toolbar({
  searchRef,
  user,
  actions,
}: Pick<ExplorerProps, 'searchRef' | 'user'> & { actions: ExplorerActions }) {
  const { t } = useI18n();
  const { store } = useExplorer();
  const { fit } = useGraphOps();
  const layout = useExplorerState((s) => s.view.layout);
  const running = useExplorerState((s) => s.fa2Running);
  const undoDepth = useExplorerState((s) => s.undo.length);
  const selected = useExplorerState((s) => s.view.selected);
  const multi = useExplorerState((s) => s.multi);
  const hasLegend = useExplorerState((s) => s.legend !== null);
  const order = useExplorerState((s) => s.nodeCount);
  const selection = selectionOf(selected, multi);
  const empty = order === 0;
  return (
    <div className="toolbar">
      <ExplorerSearch ref={searchRef} onChoose={actions.choose} />
      <div className="layouts" role="radiogroup" aria-label={t('layout')}>
        {(['geo', 'chain', 'force'] as LayoutId[]).map((l) => (
          <button
            key={l}
            role="radio"
            aria-checked={layout === l}
            data-layout={l}
            onClick={() => (l === 'force' && running ? actions.stopForce() : actions.chooseLayout(l))}
          >
            {t(`layout_${l}`)}
            {l === 'force' ? (running ? ' ■' : ' ▶') : ''}
          </button>
        ))}
        <button onClick={actions.runNoverlap} title={t('noverlapHint')} disabled={empty}>
          {t('noverlap')}
        </button>
      </div>
      <div className="actions">
        <button onClick={actions.undo} disabled={undoDepth === 0} title="Ctrl+Z">
          {t('undo')}
        </button>
        <button onClick={actions.keepOnly} disabled={selection.length === 0}>
          {t('keepOnly')}
        </button>
        <button onClick={() => actions.removeNodes(selection)} disabled={selection.length === 0} title="Delete">
          {t('remove')}
        </button>
        <button onClick={actions.clearAll} disabled={empty}>
          {t('clear')}
        </button>
        <button onClick={fit} disabled={empty}>
          {t('fit')}
        </button>
        <button onClick={() => store.set({ exporting: true })} disabled={empty || !hasLegend} data-action="export">
          {t('export')}
        </button>
        {user && <SavedViews username={user.username} isAdmin={user.isAdmin} disabled={empty} />}
      </div>
    </div>
  );
}

/** What lies over the canvas: the empty hint, progress, errors, the node menu and the dialogs. */
function Overlays({
  reference,
  actions,
  threshold,
  mayServerExport,
}: {
  reference: { data: Reference | undefined; isError: boolean; error: unknown };
  actions: ExplorerActions;
  threshold: number;
  mayServerExport: boolean;
}) {
  const { t } = useI18n();
  const { graph, store } = useExplorer();
  const busy = useExplorerState((s) => s.busy);
  const error = useExplorerState((s) => s.error);
  const menu = useExplorerState((s) => s.menu);
  const pending = useExplorerState((s) => s.pending);
  const exporting = useExplorerState((s) => s.exporting);
  const legend = useExplorerState((s) => s.legend);
  const view = useExplorerState((s) => s.view);
  const multi = useExplorerState((s) => s.multi);
  const index = useExplorerState((s) => s.index);
  const order = useExplorerState((s) => s.nodeCount);
  const path = (patch: { from?: string; to?: string }) => {
    const current = store.get().view.path;
    store.set({ menu: null });
    store.setView({ path: { from: current?.from ?? '', to: current?.to ?? '', directed: true, ...patch } });
  };
  return (
    <>
      {order === 0 && !busy && <div className="overlay empty explorer-empty">{t('explorerEmpty')}</div>}
      {busy && (
        <p className="overlay loading" role="status">
          {busy}
        </p>
      )}
      {reference.isError && (
        <p className="overlay error" role="alert">
          {errorText(t, reference.error)}
        </p>
      )}
      {error && (
        <p className="overlay error" role="alert">
          {error}{' '}
          <button className="link" onClick={() => store.set({ error: null })}>
            ×
          </button>
        </p>
      )}
      {menu && graph.hasNode(menu.node) && (
        <NodeMenu key={`${menu.node}|${menu.x}|${menu.y}`} {...menu} actions={actions} path={path} />
      )}
      {exporting && legend && (
        <ExportDialog
          onClose={() => store.set({ exporting: false })}
          mayServerExport={mayServerExport}
          source={{
            kind: 'view',
            graph,
            index,
            view,
            legend,
            reference: reference.data,
            selection: selectionOf(view.selected, multi),
          }}
        />
      )}
      {pending && (
        <ExpandDialog
          pending={pending}
          threshold={threshold}
          onAddTop={() => actions.applyExpansion(pending.result, false)}
          onFilter={(request) => actions.expand(pending.id, request, true)}
          onCancel={() => store.set({ pending: null })}
        />
      )}
    </>
  );
}

function StatusBar() {
  const { t } = useI18n();
  const order = useExplorerState((s) => s.nodeCount);
  const size = useExplorerState((s) => s.edgeCount);
  const grey = useExplorerState((s) => s.view.filters.mode === 'grey');
  // What passes the filters: hidden in hide mode, greyed out in grey mode.
  const failing = useExplorerState((s) => s.hidden.size);
  const failingLinks = useExplorerState((s) => s.hiddenEdges.size);
  const forceRunning = useExplorerState((s) => s.view.layout === 'force' && s.fa2Running);
  return (
    <div className="statusbar" aria-live="polite">
      {grey ? t('passingFilters') : t('shown')}:{' '}
      <span data-field="nodes-count">{t('countOf_nodes', { count: order, shown: Math.max(0, order - failing) })}</span>,{' '}
      <span data-field="links-count">
        {t('countOf_links', { count: size, shown: Math.max(0, size - failingLinks) })}
      </span>
      {forceRunning && <> · {t('fa2Running')}</>}
    </div>
  );
}

function SelectionSide({ version, actions }: { version: number; actions: ExplorerActions }) {
  const { graph, store } = useExplorer();
  const selectedId = useExplorerState((s) => s.view.selected);
  const selectedEdge = useExplorerState((s) => s.selectedEdge);
  const multi = useExplorerState((s) => s.multi);
  const path = useExplorerState((s) => s.view.path);
  const pathResult = useExplorerState((s) => s.pathResult);
  const selected = selectedId && graph.hasNode(selectedId) ? selectedId : null;
  return (
    <SelectionPanel
      graph={graph}
      version={version}
      selected={selected}
      selectedEdge={selectedEdge}
      multi={multi}
      path={path}
      pathResult={pathResult}
      onPathChange={(p) => store.setView({ path: p })}
      onAdd={actions.add}
      onExpand={(id, request) => actions.expand(id, request)}
      onSelect={actions.select}
    />
  );
}
