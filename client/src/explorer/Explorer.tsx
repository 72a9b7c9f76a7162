// The analyst's graph: search → a node with its neighbours → expand, filter, colour, lay out,
// find supply paths; the URL holds the view (see url.ts), so reload and the back button work.
//
// For tests and debugging the view publishes `window.__coopgraphExplorer = { graph, sigma, view,
// isHidden, isGreyed, path }` and its container carries `data-state` (`empty`, `loading`,
// `ready`) and `data-nodes`.
import { useCallback, useEffect, useMemo, useRef, useState, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import { api, type ExpandRequest, type ExpandResult } from '../api';
import { errorText } from '../Details';
import { t, te, type Lang } from '../../../core/i18n';
import {
  applyAppearance, applyEdgeWidths, chainLayout, createExplorerGraph, edgePasses, geoLayout, indexReference,
  mergeSubgraph, nodePasses, relabel, seedPositions,
  type ColorEntry, type EdgeAttrs, type ExplorerGraph, type LayoutId, type NodeAttrs, type SizeLegend,
} from '../../../core/graph/model';
import { explorerSettings } from './render';
import { EMPTY_VIEW, viewFromLocation, viewHash, type ViewState } from '../../../core/view/url';
import { ExplorerSearch } from './ExplorerSearch';
import { AppearancePanel, FiltersPanel, Legend } from './Panels';
import { SelectionPanel } from './SelectionPanel';
import { ExpandDialog, type PendingExpansion } from './ExpandDialog';
import { SavedViews } from './SavedViews';
import { ExportDialog } from '../export/ExportDialog';

declare global {
  interface Window {
    __coopgraphExplorer?: {
      graph: ExplorerGraph; sigma: Sigma<NodeAttrs, EdgeAttrs>; view: ViewState;
      isHidden: (node: string) => boolean; isGreyed: (node: string) => boolean; path: { nodes: string[]; edges: string[] };
    };
  }
}

const MAX_VIEW_NODES = 5000;
const GREY = '#dde2e7';
const GREY_EDGE = 'rgba(180, 188, 196, 0.25)';
const PATH_COLOR = '#d62728';
const SELECTED_EDGE = '#e07b00';

/** The neighbour count above which an expansion asks first (the supernode threshold). */
function useThreshold(): [number, (n: number) => void] {
  const [value, setValue] = useState(() => Number(localStorage.getItem('expandThreshold')) || 200);
  return [value, (n: number) => { localStorage.setItem('expandThreshold', String(n)); setValue(n); }];
}

interface ContextMenu { node: string; x: number; y: number }

export function Explorer({ lang, searchRef, user }: { lang: Lang; searchRef?: Ref<HTMLInputElement>; user?: { username: string; isAdmin: boolean } }) {
  const [view, setView] = useState<ViewState>(() => viewFromLocation(location.hash) ?? EMPTY_VIEW);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [legend, setLegend] = useState<{ colors: ColorEntry[]; sizes: SizeLegend; volume: { min: number; max: number } } | null>(null);
  const [menu, setMenu] = useState<ContextMenu | null>(null);
  const [pending, setPending] = useState<PendingExpansion | null>(null);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [multi, setMulti] = useState<string[]>([]);
  const [pathResult, setPathResult] = useState<{ nodes: string[]; edges: string[]; found: boolean } | null>(null);
  const [fa2Running, setFa2Running] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [threshold, setThreshold] = useThreshold();
  const undoStack = useRef<string[][]>([]);
  const [undoDepth, setUndoDepth] = useState(0);

  const container = useRef<HTMLDivElement>(null);
  const graph = useMemo(() => createExplorerGraph(), []);
  const sigmaRef = useRef<Sigma<NodeAttrs, EdgeAttrs> | null>(null);
  const fa2 = useRef<FA2Layout | null>(null);
  const reference = useQuery({ queryKey: ['reference'], queryFn: ({ signal }) => api.reference(signal), staleTime: Infinity });
  const index = useMemo(() => indexReference(reference.data), [reference.data]);
  const indexRef = useRef(index);
  indexRef.current = index;

  // ---- view changes: every change that matters goes into the history ----
  const commit = useCallback((next: Partial<ViewState>, mode: 'push' | 'replace' = 'push') => {
    const merged = { ...viewRef.current, ...next };
    viewRef.current = merged;
    setView(merged);
    const hash = viewHash(merged);
    if (hash !== location.hash) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', hash);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const v = viewFromLocation(location.hash);
      if (v) { viewRef.current = v; setView(v); }
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  /** Records the node set before a change, for Undo. */
  const rememberNodes = () => {
    undoStack.current.push(graph.nodes());
    if (undoStack.current.length > 50) undoStack.current.shift();
    setUndoDepth(undoStack.current.length);
  };

  // ---- derived visibility (filters), kept as sets so the reducers stay cheap ----
  const hidden = useRef(new Set<string>());
  const hiddenEdges = useRef(new Set<string>());
  const recomputeVisibility = useCallback(() => {
    const f = viewRef.current.filters;
    hidden.current = new Set();
    hiddenEdges.current = new Set();
    graph.forEachNode((n, a) => { if (!nodePasses(n, a, f, indexRef.current)) hidden.current.add(n); });
    graph.forEachEdge((e, a, s, tg) => {
      if (hidden.current.has(s) || hidden.current.has(tg) || !edgePasses(a, f)) hiddenEdges.current.add(e);
    });
  }, [graph]);

  const selectedRef = useRef<string | null>(null);
  const multiRef = useRef<string[]>([]);
  const pathRef = useRef<{ nodes: Set<string>; edges: Set<string> }>({ nodes: new Set(), edges: new Set() });
  const selectedEdgeRef = useRef<string | null>(null);
  selectedRef.current = view.selected;
  multiRef.current = multi;
  selectedEdgeRef.current = selectedEdge;

  // ---- sigma: created once ----
  useEffect(() => {
    const sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container.current!, {
      ...explorerSettings<NodeAttrs, EdgeAttrs>(0),
      nodeReducer: (node, attrs) => {
        const greyMode = viewRef.current.filters.mode === 'grey';
        // Sigma hands the reducer its own copy of the attributes: change it in place.
        const res = attrs as Partial<NodeAttrs> & { hidden?: boolean; highlighted?: boolean; forceLabel?: boolean; zIndex?: number };
        if (hidden.current.has(node)) {
          if (!greyMode) { res.hidden = true; return res; }
          res.color = GREY;
          res.label = '';
          res.zIndex = 0;
        }
        const path = pathRef.current;
        if (path.nodes.size > 0) {
          if (path.nodes.has(node)) { res.highlighted = true; res.forceLabel = true; res.zIndex = 3; }
          else if (!hidden.current.has(node)) { res.color = GREY; res.zIndex = 0; }
        }
        if (node === selectedRef.current || multiRef.current.includes(node)) { res.highlighted = true; res.forceLabel = true; res.zIndex = 4; }
        return res;
      },
      edgeReducer: (edge, attrs) => {
        if (hiddenEdges.current.has(edge)) {
          if (viewRef.current.filters.mode !== 'grey') return { ...attrs, hidden: true };
          return { ...attrs, color: GREY_EDGE, zIndex: 0 };
        }
        const path = pathRef.current;
        if (path.edges.has(edge)) return { ...attrs, color: PATH_COLOR, size: attrs.size + 3, zIndex: 3 };
        if (path.nodes.size > 0) return { ...attrs, color: GREY_EDGE, zIndex: 0 };
        if (edge === selectedEdgeRef.current) return { ...attrs, color: SELECTED_EDGE, size: attrs.size + 2, zIndex: 2 };
        const sel = selectedRef.current;
        if (sel && (graph.source(edge) === sel || graph.target(edge) === sel)) return { ...attrs, color: SELECTED_EDGE, zIndex: 1 };
        return attrs;
      },
    });
    sigmaRef.current = sigma;
    // The legend and panels change the canvas size without a window resize: follow the container.
    const resize = new ResizeObserver(() => { sigma.resize(); sigma.refresh({ skipIndexation: true }); });
    resize.observe(container.current!);
    container.current!.dataset.state = viewRef.current.nodes.length ? 'loading' : 'empty';
    container.current!.dataset.nodes = '0';
    return () => {
      resize.disconnect();
      fa2.current?.kill();
      fa2.current = null;
      sigma.kill();
      sigmaRef.current = null;
      delete window.__coopgraphExplorer;
    };
  }, [graph]);

  // ---- events (re-bound when the handlers change) ----
  const expandRef = useRef<(id: string, request?: Partial<ExpandRequest>, force?: boolean) => void>(() => {});
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma) return;
    const el = container.current!;
    const onClickNode = ({ node, event }: { node: string; event: { original: MouseEvent | TouchEvent } }) => {
      setMenu(null);
      setSelectedEdge(null);
      const shift = 'shiftKey' in event.original && event.original.shiftKey;
      if (shift) {
        const current = new Set(multiRef.current);
        if (viewRef.current.selected) current.add(viewRef.current.selected);
        if (current.has(node)) current.delete(node); else current.add(node);
        setMulti([...current]);
      } else setMulti([]);
      commit({ selected: node }, 'replace');
    };
    const onDoubleClickNode = ({ node, preventSigmaDefault }: { node: string; preventSigmaDefault: () => void }) => {
      preventSigmaDefault();
      expandRef.current(node);
    };
    const onRightClickNode = ({ node, event }: { node: string; event: { x: number; y: number; original: MouseEvent | TouchEvent; preventSigmaDefault: () => void } }) => {
      event.original.preventDefault();
      setMenu({ node, x: event.x, y: event.y });
    };
    const onClickStage = () => {
      setMenu(null);
      setMulti([]);
      setSelectedEdge(null);
      if (viewRef.current.selected) commit({ selected: null }, 'replace');
    };
    const onClickEdge = ({ edge }: { edge: string }) => { setMenu(null); setSelectedEdge(edge); };
    const enter = () => { el.style.cursor = 'pointer'; };
    const leave = () => { el.style.cursor = ''; };
    sigma.on('clickNode', onClickNode);
    sigma.on('doubleClickNode', onDoubleClickNode);
    sigma.on('rightClickNode', onRightClickNode);
    sigma.on('clickStage', onClickStage);
    sigma.on('clickEdge', onClickEdge);
    // Dragging a node moves it (sigma's own camera panning is held back meanwhile).
    let dragged: string | null = null;
    let moved = false;
    const captor = sigma.getMouseCaptor();
    const onDown = ({ node, event }: { node: string; event: { original: MouseEvent | TouchEvent } }) => {
      // Only the primary button drags; the right one opens the context menu.
      if ('button' in event.original && event.original.button !== 0) return;
      dragged = node;
      moved = false;
    };
    const onMove = (e: { x: number; y: number; preventSigmaDefault: () => void; original: MouseEvent | TouchEvent }) => {
      if (!dragged) return;
      moved = true;
      const pos = sigma.viewportToGraph(e);
      graph.mergeNodeAttributes(dragged, { x: pos.x, y: pos.y });
      e.preventSigmaDefault();
      e.original.preventDefault();
      e.original.stopPropagation();
    };
    const onUp = () => { dragged = null; if (moved) sigma.refresh(); moved = false; };
    sigma.on('downNode', onDown);
    captor.on('mousemovebody', onMove);
    captor.on('mouseup', onUp);
    sigma.on('enterNode', enter);
    sigma.on('leaveNode', leave);
    const onContext = (e: MouseEvent) => e.preventDefault();
    el.addEventListener('contextmenu', onContext);
    // The camera goes into the URL without a history entry of its own.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onCamera = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const s = sigma.getCamera().getState();
        commit({ camera: { x: s.x, y: s.y, ratio: s.ratio } }, 'replace');
      }, 400);
    };
    sigma.getCamera().on('updated', onCamera);
    return () => {
      clearTimeout(timer);
      sigma.removeAllListeners();
      captor.removeListener('mousemovebody', onMove);
      captor.removeListener('mouseup', onUp);
      sigma.getCamera().removeListener('updated', onCamera);
      el.removeEventListener('contextmenu', onContext);
    };
  }, [commit, graph]);

  // ---- after the graph changes: layout, appearance, visibility, redraw ----
  const layoutNow = useCallback((layout: LayoutId) => {
    if (layout === 'geo') geoLayout(graph);
    else if (layout === 'chain') chainLayout(graph, indexRef.current, viewRef.current.filters.chain);
    else seedPositions(graph);
  }, [graph]);

  const restyle = useCallback(() => {
    // Index every node and edge first: sigma's partial repaints, which the bulk updates below
    // trigger, throw on items added or left over since its last full refresh.
    sigmaRef.current?.refresh();
    const styled = applyAppearance(graph, viewRef.current.appearance, indexRef.current);
    const volume = applyEdgeWidths(graph);
    setLegend({ ...styled, volume });
    recomputeVisibility();
    const sigma = sigmaRef.current;
    if (sigma) {
      sigma.setSetting('enableEdgeEvents', explorerSettings(graph.size).enableEdgeEvents!);
      sigma.setSetting('hideEdgesOnMove', explorerSettings(graph.size).hideEdgesOnMove!);
      sigma.setSetting('hideLabelsOnMove', explorerSettings(graph.size).hideLabelsOnMove!);
      sigma.refresh();
    }
    const el = container.current;
    if (el) {
      el.dataset.nodes = String(graph.order);
      el.dataset.layout = viewRef.current.layout;
    }
    setVersion((v) => v + 1);
  }, [graph, recomputeVisibility]);

  // ---- sync the graph with the node ids of the view (reload, back button, undo) ----
  const cameraApplied = useRef(false);
  useEffect(() => {
    // Layouts and colours need the chains and regions: wait for the reference data.
    if (!reference.data) return;
    const wanted = new Set(view.nodes.slice(0, MAX_VIEW_NODES));
    let removed = false;
    for (const n of graph.nodes()) if (!wanted.has(n)) { graph.dropNode(n); removed = true; }
    const missing = [...wanted].filter((id) => !graph.hasNode(id));
    const el = container.current!;
    if (missing.length === 0) {
      if (removed) { layoutNow(viewRef.current.layout); restyle(); }
      el.dataset.state = graph.order === 0 ? 'empty' : 'ready';
      return;
    }
    const controller = new AbortController();
    el.dataset.state = 'loading';
    setBusy(t(lang, 'loadingView'));
    api.nodes([...wanted], controller.signal)
      .then((sub) => {
        mergeSubgraph(graph, sub, lang);
        layoutNow(viewRef.current.layout);
        if (viewRef.current.layout === 'force' && graph.order <= 2000) {
          forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
        }
        restyle();
        const cam = viewRef.current.camera;
        if (cam && !cameraApplied.current) sigmaRef.current?.getCamera().setState(cam);
        cameraApplied.current = true;
        setError(sub.missing.length > 0 ? `${t(lang, 'missingNodes')}: ${sub.missing.join(', ')}` : null);
        el.dataset.state = 'ready';
      })
      .catch((e) => {
        if (controller.signal.aborted) return;
        setError(errorText(lang, e));
        el.dataset.state = 'error';
      })
      .finally(() => { if (!controller.signal.aborted) setBusy(null); });
    return () => controller.abort();
    // The node list is the input; layout and appearance have their own effects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.nodes.join(','), reference.data]);

  // Appearance, filters and layout changes restyle what is on screen.
  const appearanceKey = `${view.appearance.colorBy}|${view.appearance.sizeBy}`;
  useEffect(() => { if (graph.order > 0) restyle(); }, [appearanceKey, index, restyle, graph]);
  const filterKey = JSON.stringify(view.filters);
  useEffect(() => {
    recomputeVisibility();
    sigmaRef.current?.refresh({ skipIndexation: true });
    setVersion((v) => v + 1);
  }, [filterKey, index, recomputeVisibility]);
  useEffect(() => {
    if (graph.order === 0 || view.layout === 'force') return;
    layoutNow(view.layout);
    restyle();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.layout, view.layout === 'chain' ? view.filters.chain : null, index]);
  useEffect(() => { relabel(graph, lang); sigmaRef.current?.refresh(); }, [lang, graph]);
  useEffect(() => {
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [view.selected, multi, selectedEdge]);

  // ---- camera ----
  const focus = useCallback((node: string) => {
    const sigma = sigmaRef.current;
    if (!sigma || !graph.hasNode(node)) return;
    const data = sigma.getNodeDisplayData(node);
    if (data) sigma.getCamera().animate({ x: data.x, y: data.y, ratio: Math.min(sigma.getCamera().ratio, 0.5) }, { duration: 400 });
  }, [graph]);
  const fit = () => sigmaRef.current?.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });

  // ---- expansion with the supernode safeguard ----
  const applyExpansion = useCallback((result: ExpandResult, select: boolean) => {
    rememberNodes();
    const node = result.node.id;
    if (!graph.hasNode(node)) mergeSubgraph(graph, { nodes: [result.node], edges: [] }, lang);
    const change = mergeSubgraph(graph, result, lang, node);
    if (viewRef.current.layout !== 'force') layoutNow(viewRef.current.layout);
    restyle();
    commit({ nodes: graph.nodes(), ...(select ? { selected: node } : {}) });
    setPending(null);
    requestAnimationFrame(() => focus(node));
    return change;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, lang, layoutNow, restyle, commit, focus]);

  const expand = useCallback((id: string, request: Partial<ExpandRequest> = {}, force = false, select = false) => {
    setMenu(null);
    setBusy(t(lang, 'expanding'));
    setError(null);
    const visible = graph.nodes().slice(0, MAX_VIEW_NODES);
    api.expand({ id, limit: threshold, visible, ...request })
      .then((result) => {
        if (result.truncated && !force) setPending({ id, request, result });
        else applyExpansion(result, select);
      })
      .catch((e) => setError(errorText(lang, e)))
      .finally(() => setBusy(null));
  }, [graph, lang, threshold, applyExpansion]);
  expandRef.current = expand;

  // A one-shot `x=<id>` in the URL (from the overview or the search page) expands that node.
  useEffect(() => {
    const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
    const x = params.get('x');
    if (x) {
      params.delete('x');
      history.replaceState(null, '', viewHash(viewRef.current));
      expand(x, {}, true, true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- removal, keep only selection, undo ----
  const removeNodes = (ids: string[]) => {
    if (ids.length === 0) return;
    rememberNodes();
    const drop = new Set(ids);
    commit({ nodes: graph.nodes().filter((n) => !drop.has(n)), selected: drop.has(viewRef.current.selected ?? '') ? null : viewRef.current.selected });
    setMulti([]);
    setMenu(null);
  };
  const selection = () => [...new Set([...(view.selected ? [view.selected] : []), ...multi])];
  const keepOnly = () => {
    const keep = new Set(selection());
    if (keep.size === 0) return;
    rememberNodes();
    commit({ nodes: graph.nodes().filter((n) => keep.has(n)) });
  };
  const undo = () => {
    const previous = undoStack.current.pop();
    setUndoDepth(undoStack.current.length);
    if (previous) commit({ nodes: previous, selected: previous.includes(viewRef.current.selected ?? '') ? viewRef.current.selected : null });
  };
  const clearAll = () => {
    if (graph.order === 0) return;
    rememberNodes();
    setPathResult(null);
    commit({ nodes: [], selected: null, path: null, camera: null });
  };

  // ---- layouts ----
  const stopFa2 = useCallback(() => {
    if (fa2.current) {
      fa2.current.kill();
      fa2.current = null;
    }
    setFa2Running(false);
  }, []);
  const chooseLayout = (layout: LayoutId) => {
    stopFa2();
    if (layout === 'force') {
      if (viewRef.current.layout !== 'force') seedPositions(graph);
      const layoutWorker = new FA2Layout(graph, { settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 } });
      layoutWorker.start();
      fa2.current = layoutWorker;
      setFa2Running(true);
    }
    commit({ layout });
    if (layout !== 'force') { layoutNow(layout); restyle(); }
    fit();
  };
  const runNoverlap = () => {
    stopFa2();
    const sigma = sigmaRef.current;
    if (!sigma || graph.order === 0) return;
    // Node sizes are in pixels, positions in graph units: convert at the current zoom.
    const a = sigma.viewportToGraph({ x: 0, y: 0 });
    const b = sigma.viewportToGraph({ x: 1, y: 0 });
    const unitsPerPixel = Math.hypot(b.x - a.x, b.y - a.y);
    noverlap.assign(graph, {
      maxIterations: 100,
      inputReducer: (_key, attr) => ({ x: attr.x, y: attr.y, size: (attr.size ?? 1) * unitsPerPixel }),
      outputReducer: (_key, pos) => pos,
      settings: { margin: 2 * unitsPerPixel, ratio: 1.1 },
    });
    sigma.refresh();
  };
  useEffect(() => stopFa2, [stopFa2]);

  // ---- paths ----
  useEffect(() => {
    const p = view.path;
    if (!p || !p.from || !p.to) { setPathResult(null); pathRef.current = { nodes: new Set(), edges: new Set() }; sigmaRef.current?.refresh({ skipIndexation: true }); return; }
    const controller = new AbortController();
    setBusy(t(lang, 'findingPath'));
    api.path(p.from, p.to, p.directed, controller.signal)
      .then((result) => {
        if (result.found) {
          const change = mergeSubgraph(graph, result, lang);
          if (change.addedNodes.length > 0) {
            layoutNow(viewRef.current.layout);
            restyle();
            // Added to what the view wants (which may still be loading), never replacing it.
            commit({ nodes: [...new Set([...viewRef.current.nodes, ...change.addedNodes])] }, 'replace');
          }
        }
        const nodes = result.nodes.map((n) => n.id);
        const edges = result.edges.map((e) => e.id);
        pathRef.current = { nodes: new Set(nodes), edges: new Set(edges) };
        setPathResult({ nodes, edges, found: result.found });
        sigmaRef.current?.refresh({ skipIndexation: true });
      })
      .catch((e) => { if (!controller.signal.aborted) setError(errorText(lang, e)); })
      .finally(() => { if (!controller.signal.aborted) setBusy(null); });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.path?.from, view.path?.to, view.path?.directed]);

  // ---- keyboard: Esc clears the selection, menus and the path; Delete removes the selection ----
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') {
        setMenu(null);
        setPending(null);
        setMulti([]);
        setSelectedEdge(null);
        if (viewRef.current.selected || viewRef.current.path) commit({ selected: null, path: null }, 'replace');
      } else if (!typing && (e.key === 'Delete' || e.key === 'Backspace') && viewRef.current.selected) {
        removeNodes([...new Set([viewRef.current.selected, ...multiRef.current])]);
      } else if (!typing && (e.ctrlKey || e.metaKey) && e.key === 'z') {
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // ---- test hook ----
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma) return;
    window.__coopgraphExplorer = {
      graph, sigma, view,
      isHidden: (n) => hidden.current.has(n) && viewRef.current.filters.mode === 'hide',
      isGreyed: (n) => hidden.current.has(n) && viewRef.current.filters.mode === 'grey',
      path: { nodes: pathResult?.nodes ?? [], edges: pathResult?.edges ?? [] },
    };
  }, [graph, view, version, pathResult]);

  const shown = graph.order - (view.filters.mode === 'hide' ? hidden.current.size : 0);
  const selected = view.selected && graph.hasNode(view.selected) ? view.selected : null;

  return (
    <main className="explorer">
      <aside className="side left">
        <FiltersPanel lang={lang} graph={graph} version={version} filters={view.filters} reference={reference.data}
          onChange={(filters) => commit({ filters })} />
        <AppearancePanel lang={lang} appearance={view.appearance} onChange={(appearance) => commit({ appearance })} />
        <section className="panel-block">
          <h3>{t(lang, 'settings')}</h3>
          <label className="field">{t(lang, 'expandThreshold')}
            <input type="number" min={10} max={5000} step={10} value={threshold}
              onChange={(e) => setThreshold(Math.max(10, Math.min(5000, Number(e.target.value) || 200)))} />
          </label>
        </section>
      </aside>
      <section className="graph-area">
        <div className="toolbar">
          <ExplorerSearch ref={searchRef} lang={lang} onChoose={(id) => {
            if (graph.hasNode(id)) { commit({ selected: id }); focus(id); } else expand(id, {}, true, true);
          }} />
          <div className="layouts" role="radiogroup" aria-label={t(lang, 'layout')}>
            {(['geo', 'chain', 'force'] as LayoutId[]).map((l) => (
              <button key={l} role="radio" aria-checked={view.layout === l} data-layout={l}
                onClick={() => (l === 'force' && fa2Running ? stopFa2() : chooseLayout(l))}>
                {t(lang, `layout_${l}`)}{l === 'force' ? (fa2Running ? ' ■' : ' ▶') : ''}
              </button>
            ))}
            <button onClick={runNoverlap} title={t(lang, 'noverlapHint')} disabled={graph.order === 0}>{t(lang, 'noverlap')}</button>
          </div>
          <div className="actions">
            <button onClick={undo} disabled={undoDepth === 0} title="Ctrl+Z">{t(lang, 'undo')}</button>
            <button onClick={keepOnly} disabled={selection().length === 0}>{t(lang, 'keepOnly')}</button>
            <button onClick={() => removeNodes(selection())} disabled={selection().length === 0} title="Delete">{t(lang, 'remove')}</button>
            <button onClick={clearAll} disabled={graph.order === 0}>{t(lang, 'clear')}</button>
            <button onClick={fit} disabled={graph.order === 0}>{t(lang, 'fit')}</button>
            <button onClick={() => setExporting(true)} disabled={graph.order === 0 || !legend} data-action="export">{te(lang, 'export')}</button>
            {user && <SavedViews lang={lang} username={user.username} isAdmin={user.isAdmin} disabled={graph.order === 0} />}
          </div>
        </div>
        <div className="canvas-wrap">
          {/* data-state and data-nodes are written by the effects above, not by React. */}
          <div ref={container} className="sigma" role="img" aria-label={t(lang, 'explorerGraph')} />
          {graph.order === 0 && !busy && <div className="overlay empty explorer-empty">{t(lang, 'explorerEmpty')}</div>}
          {busy && <p className="overlay loading" role="status">{busy}</p>}
          {reference.isError && <p className="overlay error" role="alert">{errorText(lang, reference.error)}</p>}
          {error && <p className="overlay error" role="alert">{error} <button className="link" onClick={() => setError(null)}>×</button></p>}
          {menu && (
            <ul className="context-menu" role="menu" style={{ left: menu.x, top: menu.y }}>
              <li><button role="menuitem" onClick={() => expand(menu.node)}>{t(lang, 'expandAll')}</button></li>
              <li><button role="menuitem" onClick={() => expand(menu.node, { rel: ['SUPPLIES'], dir: 'in' })}>{t(lang, 'expandSuppliers')}</button></li>
              <li><button role="menuitem" onClick={() => expand(menu.node, { rel: ['SUPPLIES'], dir: 'out' })}>{t(lang, 'expandBuyers')}</button></li>
              <li><button role="menuitem" onClick={() => expand(menu.node, { rel: ['MEMBER_OF', 'BASED_IN', 'RESIDENT_OF', 'LOCATED_IN', 'SUPPORTS'] })}>{t(lang, 'expandContext')}</button></li>
              <li><button role="menuitem" onClick={() => { setMenu(null); commit({ path: { from: menu.node, to: viewRef.current.path?.to ?? '', directed: true } }); }}
                disabled={graph.getNodeAttribute(menu.node, 'kind') !== 'enterprise'}>{t(lang, 'pathFrom')}</button></li>
              <li><button role="menuitem" onClick={() => { setMenu(null); commit({ path: { from: viewRef.current.path?.from ?? '', to: menu.node, directed: true } }); }}
                disabled={graph.getNodeAttribute(menu.node, 'kind') !== 'enterprise'}>{t(lang, 'pathTo')}</button></li>
              <li><button role="menuitem" onClick={() => removeNodes([menu.node])}>{t(lang, 'remove')}</button></li>
            </ul>
          )}
          {exporting && legend && (
            <ExportDialog lang={lang} onClose={() => setExporting(false)} source={{
              kind: 'view', graph, index, view, legend, reference: reference.data, selection: selection(),
            }} />
          )}
          {pending && <ExpandDialog lang={lang} pending={pending} threshold={threshold}
            onAddTop={() => applyExpansion(pending.result, false)}
            onFilter={(request) => expand(pending.id, request, true)}
            onCancel={() => setPending(null)} />}
        </div>
        <div className="statusbar" aria-live="polite">
          {t(lang, 'shown')}: <b data-field="shown">{shown.toLocaleString(lang)}</b> / {graph.order.toLocaleString(lang)} {t(lang, 'nodesWord')},
          {' '}{graph.size.toLocaleString(lang)} {t(lang, 'edgesWord')}
          {view.layout === 'force' && fa2Running && <> · {t(lang, 'fa2Running')}</>}
        </div>
        {legend && graph.order > 0 && (
          <Legend lang={lang} legend={legend} appearance={view.appearance} reference={reference.data} graph={graph}
            greyMode={view.filters.mode === 'grey'} hasPath={!!pathResult?.found} />
        )}
      </section>
      <aside className="side right panel">
        <SelectionPanel lang={lang} graph={graph} version={version} selected={selected} selectedEdge={selectedEdge}
          multi={multi} path={view.path} pathResult={pathResult}
          onPathChange={(path) => commit({ path })}
          onAdd={(id) => { if (!graph.hasNode(id)) { rememberNodes(); commit({ nodes: [...graph.nodes(), id] }); } }}
          onExpand={(id, request) => expand(id, request)}
          onSelect={(id) => { commit({ selected: id }, 'replace'); focus(id); }} />
      </aside>
    </main>
  );
}
