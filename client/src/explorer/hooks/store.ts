// The explorer's state in one small store: the view the URL holds, and what a session adds to it
// (multi-selection, menu, pending expansion, legend, path result, …). Components read slices of it
// with `useExplorerState(selector)`; event handlers read it fresh with `store.get()`, so they need
// no refs mirroring React state and their hook dependencies stay honest.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type Sigma from 'sigma';
import {
  edgePasses,
  indexReference,
  nodePasses,
  type ChainGuides,
  type ColorEntry,
  type EdgeAttrs,
  type ExplorerGraph,
  type NodeAttrs,
  type ReferenceIndex,
  type SizeLegend,
} from '../../../../core/graph/model';
import { viewHash, type ViewState } from '../../../../core/view/url';
import type { PendingExpansion } from '../ExpandDialog';

export interface PathResult {
  nodes: string[];
  edges: string[];
  found: boolean;
}
export interface LegendData {
  colors: ColorEntry[];
  sizes: SizeLegend;
  volume: { min: number; max: number };
  /** Relationship types of the links on screen (the links legend and filter list them). */
  links: string[];
}
export interface ContextMenu {
  node: string;
  x: number;
  y: number;
}
/** What the canvas says in `data-state`. */
export type DataState = 'empty' | 'loading' | 'ready' | 'error';
export type ExplorerSigma = Sigma<NodeAttrs, EdgeAttrs>;

export interface ExplorerState {
  view: ViewState;
  /** Shift-clicked nodes besides `view.selected`. */
  multi: string[];
  selectedEdge: string | null;
  menu: ContextMenu | null;
  pending: PendingExpansion | null;
  busy: string | null;
  error: string | null;
  dataState: DataState;
  legend: LegendData | null;
  /** Bumped whenever nodes, positions or styles of the graph change: panels re-read the graph. */
  version: number;
  /** Nodes and edges on screen when last styled (`data-nodes`; the large-graph settings). */
  nodeCount: number;
  edgeCount: number;
  /** Nodes and edges that fail the filters (hidden or greyed by the reducers). */
  hidden: Set<string>;
  hiddenEdges: Set<string>;
  pathResult: PathResult | null;
  /** The export dialog is open. */
  exporting: boolean;
  fa2Running: boolean;
  /** Node sets before each change, for Undo (latest last). */
  undo: string[][];
  index: ReferenceIndex;
  /** The sigma instance of the container, once it exists (for camera and layout actions). */
  sigma: ExplorerSigma | null;
  /** Where the chain layout put its stage headers and lanes (null under other layouts). */
  chainGuides: ChainGuides | null;
}

type Patch = Partial<ExplorerState> | ((s: ExplorerState) => Partial<ExplorerState>);

export class ExplorerStore {
  private state: ExplorerState;
  private listeners = new Set<() => void>();

  constructor(
    readonly graph: ExplorerGraph,
    view: ViewState,
  ) {
    this.state = {
      view,
      multi: [],
      selectedEdge: null,
      menu: null,
      pending: null,
      busy: null,
      error: null,
      dataState: view.nodes.length ? 'loading' : 'empty',
      legend: null,
      version: 0,
      nodeCount: 0,
      edgeCount: 0,
      exporting: false,
      hidden: new Set(),
      hiddenEdges: new Set(),
      pathResult: null,
      fa2Running: false,
      undo: [],
      index: indexReference(undefined),
      sigma: null,
      chainGuides: null,
    };
  }

  get = (): ExplorerState => this.state;

  set = (patch: Patch): void => {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Which nodes and edges fail the filters, for the reducers and the status bar. */
  visibility(
    filters = this.state.view.filters,
    index = this.state.index,
  ): Pick<ExplorerState, 'hidden' | 'hiddenEdges'> {
    const hidden = new Set<string>();
    const hiddenEdges = new Set<string>();
    this.graph.forEachNode((n, a) => {
      if (!nodePasses(n, a, filters, index)) hidden.add(n);
    });
    this.graph.forEachEdge((e, a, s, t) => {
      if (hidden.has(s) || hidden.has(t) || !edgePasses(a, filters)) hiddenEdges.add(e);
    });
    return { hidden, hiddenEdges };
  }

  /**
   * Sets the view (and its visibility with it, so that the view and what the reducers hide never
   * disagree); `push` and `replace` also write it into the history, `none` (back button) does not.
   */
  setView(next: Partial<ViewState>, mode: 'push' | 'replace' | 'none' = 'push'): void {
    const previous = this.state.view;
    const view = { ...previous, ...next };
    const filtersChanged = view.filters !== previous.filters;
    this.set(filtersChanged ? { view, ...this.visibility(view.filters) } : { view });
    if (mode === 'none') return;
    const hash = viewHash(view);
    if (hash !== location.hash) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', hash);
  }

  /** Records the node set before a change, for Undo. */
  rememberNodes(): void {
    this.set((s) => ({ undo: [...s.undo, this.graph.nodes()].slice(-50) }));
  }
}

export interface ExplorerContextValue {
  graph: ExplorerGraph;
  store: ExplorerStore;
}
export const ExplorerContext = createContext<ExplorerContextValue | null>(null);

export function useExplorer(): ExplorerContextValue {
  const value = useContext(ExplorerContext);
  if (!value) throw new Error('useExplorer() outside <ExplorerContext>');
  return value;
}

/** A slice of the explorer's state; the selector must return stored values, not fresh objects. */
export function useExplorerState<T>(selector: (s: ExplorerState) => T): T {
  const { store } = useExplorer();
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}
