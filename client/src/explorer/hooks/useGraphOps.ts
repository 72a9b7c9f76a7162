// What changes the graph's positions and styles, and what moves the camera: plain operations on
// the graph and the sigma instance that layouts, loading, expansion and the toolbar share. They
// read the current state from the store when called, so they stay the same functions for the
// explorer's life (and effects that use them do not re-run for nothing).
import { useMemo } from 'react';
import {
  applyAppearance,
  applyEdgeWidths,
  chainLayout,
  geoLayout,
  linkTypes,
  seedPositions,
  type Appearance,
  type LayoutId,
  type ReferenceIndex,
} from '../../../../core/graph/model';
import { useExplorer } from './store';

export interface GraphOps {
  /** Places the nodes by a layout (ForceAtlas2 only gets starting positions here; its worker runs in LayoutController). */
  layoutNow(layout: LayoutId, chain?: string | null, index?: ReferenceIndex): void;
  /** Colours and sizes the nodes, sizes the edges, and publishes the legend and visibility. */
  restyle(appearance?: Appearance): void;
  focus(node: string): void;
  fit(): void;
}

export function useGraphOps(): GraphOps {
  const { graph, store } = useExplorer();
  return useMemo<GraphOps>(
    () => ({
      layoutNow(layout, chain = store.get().view.filters.chain, index = store.get().index) {
        if (layout === 'geo') geoLayout(graph);
        else if (layout === 'chain') chainLayout(graph, index, chain);
        else seedPositions(graph);
      },
      restyle(appearance = store.get().view.appearance) {
        // Index every node and edge first: sigma's partial repaints, which the bulk updates below
        // trigger, throw on items added or left over since its last full refresh.
        store.get().sigma?.refresh();
        const styled = applyAppearance(graph, appearance, store.get().index);
        const volume = applyEdgeWidths(graph);
        store.set((s) => ({
          legend: { ...styled, volume, links: linkTypes(graph) },
          ...store.visibility(),
          nodeCount: graph.order,
          edgeCount: graph.size,
          version: s.version + 1,
        }));
      },
      focus(node) {
        const sigma = store.get().sigma;
        if (!sigma || !graph.hasNode(node)) return;
        const data = sigma.getNodeDisplayData(node);
        if (data)
          sigma
            .getCamera()
            .animate({ x: data.x, y: data.y, ratio: Math.min(sigma.getCamera().ratio, 0.5) }, { duration: 400 });
      },
      fit() {
        store.get().sigma?.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
      },
    }),
    [graph, store],
  );
}
