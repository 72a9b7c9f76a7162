// What the analyst does to the graph — expand (with the supernode safeguard), remove, keep only,
// undo, clear, choose a layout, spread overlapping nodes — shared by the toolbar, the menus, the
// panels and the event and keyboard controllers.
import { useMemo } from 'react';
import noverlap from 'graphology-layout-noverlap';
import { api, type ExpandRequest, type ExpandResult } from '../../api';
import { errorText } from '../../Details';
import { useI18n } from '../../i18n';
import { mergeSubgraph, seedPositions, type LayoutId } from '../../../../core/graph/model';
import { useExplorer } from './store';
import { useGraphOps } from './useGraphOps';

/** Views hold at most this many nodes (the URL and the expansion requests list them all). */
export const MAX_VIEW_NODES = 5000;

/** The selected node and the shift-clicked ones. */
export function selectionOf(selected: string | null, multi: string[]): string[] {
  return [...new Set([...(selected ? [selected] : []), ...multi])];
}

export interface ExplorerActions {
  expand(id: string, request?: Partial<ExpandRequest>, force?: boolean, select?: boolean): void;
  applyExpansion(result: ExpandResult, select: boolean): void;
  removeNodes(ids: string[]): void;
  keepOnly(): void;
  undo(): void;
  clearAll(): void;
  chooseLayout(layout: LayoutId): void;
  stopForce(): void;
  runNoverlap(): void;
  /** Selects a node on screen and moves the camera to it. */
  select(id: string): void;
  /** Adds a node (from the search or a partner list): selects it if it is there, else expands it. */
  choose(id: string): void;
  add(id: string): void;
}

export function useExplorerActions(threshold: number): ExplorerActions {
  const { t, lang } = useI18n();
  const { graph, store } = useExplorer();
  const ops = useGraphOps();
  return useMemo<ExplorerActions>(() => {
    const applyExpansion = (result: ExpandResult, select: boolean) => {
      store.rememberNodes();
      const node = result.node.id;
      if (!graph.hasNode(node)) mergeSubgraph(graph, { nodes: [result.node], edges: [] }, lang);
      mergeSubgraph(graph, result, lang, node);
      const layout = store.get().view.layout;
      if (layout !== 'force') ops.layoutNow(layout);
      ops.restyle();
      store.setView({ nodes: graph.nodes(), ...(select ? { selected: node } : {}) });
      store.set({ pending: null });
      // What was asked for comes into view: the node and everything the answer holds.
      requestAnimationFrame(() => ops.reveal([node, ...result.nodes.map((n) => n.id)]));
    };
    const expand = (id: string, request: Partial<ExpandRequest> = {}, force = false, select = false) => {
      store.set({ menu: null, busy: t('expanding'), error: null });
      const visible = graph.nodes().slice(0, MAX_VIEW_NODES);
      api
        .expand({ id, limit: threshold, visible, ...request })
        .then((result) => {
          if (result.truncated && !force) store.set({ pending: { id, request, result } });
          else applyExpansion(result, select);
        })
        .catch((e) => store.set({ error: errorText(t, e) }))
        .finally(() => store.set({ busy: null }));
    };
    const removeNodes = (ids: string[]) => {
      if (ids.length === 0) return;
      store.rememberNodes();
      const drop = new Set(ids);
      const selected = store.get().view.selected;
      store.setView({
        nodes: graph.nodes().filter((n) => !drop.has(n)),
        selected: drop.has(selected ?? '') ? null : selected,
      });
      store.set({ multi: [], menu: null });
    };
    const stopForce = () => store.set({ fa2Running: false });
    return {
      expand,
      applyExpansion,
      removeNodes,
      keepOnly() {
        const { view, multi } = store.get();
        const keep = new Set(selectionOf(view.selected, multi));
        if (keep.size === 0) return;
        store.rememberNodes();
        store.setView({ nodes: graph.nodes().filter((n) => keep.has(n)) });
      },
      undo() {
        const { undo, view } = store.get();
        const previous = undo.at(-1);
        store.set({ undo: undo.slice(0, -1) });
        if (previous)
          store.setView({ nodes: previous, selected: previous.includes(view.selected ?? '') ? view.selected : null });
      },
      clearAll() {
        if (graph.order === 0) return;
        store.rememberNodes();
        store.set({ pathResult: null });
        store.setView({ nodes: [], selected: null, path: null, camera: null });
      },
      chooseLayout(layout) {
        // The worker of ForceAtlas2 (LayoutController) stops whatever comes next.
        stopForce();
        if (layout === 'force') {
          if (store.get().view.layout !== 'force') seedPositions(graph);
          store.set({ fa2Running: true });
        }
        store.setView({ layout });
        if (layout !== 'force') {
          ops.layoutNow(layout);
          ops.restyle();
        }
        ops.fit();
      },
      stopForce,
      runNoverlap() {
        stopForce();
        const sigma = store.get().sigma;
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
      },
      select(id) {
        store.setView({ selected: id }, 'replace');
        ops.focus(id);
      },
      choose(id) {
        if (graph.hasNode(id)) {
          store.setView({ selected: id });
          ops.focus(id);
        } else expand(id, {}, true, true);
      },
      add(id) {
        if (graph.hasNode(id)) return;
        store.rememberNodes();
        store.setView({ nodes: [...graph.nodes(), id] });
      },
    };
  }, [graph, store, ops, t, lang, threshold]);
}
