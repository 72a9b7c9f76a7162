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
  CHAIN_HEADER_ROOM_PX,
  type Appearance,
  type LayoutId,
  type ReferenceIndex,
} from '../../../../core/graph/model';
import { allInView, cameraToShow } from '../camera';
import { useExplorer } from './store';

const CAMERA_MS = 350;
/**
 * Room above the chain layout's top row for its stage headers, in pixels: most of two staggered
 * rows (cameraToShow keeps the same room below, so all of it would shrink a short canvas's view).
 */
export const CHAIN_HEADER_PX = Math.round(CHAIN_HEADER_ROOM_PX * 0.75);

export interface GraphOps {
  /** Places the nodes by a layout (ForceAtlas2 only gets starting positions here; its worker runs in LayoutController). */
  layoutNow(layout: LayoutId, chain?: string | null, index?: ReferenceIndex): void;
  /** Colours and sizes the nodes, sizes the edges, and publishes the legend and visibility. */
  restyle(appearance?: Appearance): void;
  focus(node: string): void;
  /**
   * Moves the camera (animated) so that `nodes` are all in view, unless they already are; never
   * zooms in further than the camera is (nor past the whole graph's fit).
   */
  reveal(nodes: string[]): void;
  /** Shows every node that the filters leave visible, labels and the chain's headers included. */
  fit(): void;
}

export function useGraphOps(): GraphOps {
  const { graph, store } = useExplorer();
  return useMemo<GraphOps>(
    () => ({
      layoutNow(layout, chain = store.get().view.filters.chain, index = store.get().index) {
        const sigma = store.get().sigma;
        const viewport = sigma && { ...sigma.getDimensions(), padding: sigma.getSetting('stagePadding') ?? 0 };
        if (layout === 'geo') geoLayout(graph, viewport && viewport.width > 0 ? viewport : undefined);
        else if (layout === 'chain') {
          const fits = viewport && viewport.width > 0 ? viewport : undefined;
          store.set({ chainGuides: chainLayout(graph, index, chain, fits) });
          return;
        } else seedPositions(graph);
        if (store.get().chainGuides) store.set({ chainGuides: null });
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
      reveal(nodes) {
        const { sigma, view, hidden } = store.get();
        if (!sigma) return;
        const shown = nodes.filter((n) => graph.hasNode(n) && !(view.filters.mode === 'hide' && hidden.has(n)));
        if (shown.length === 0 || allInView(sigma, shown)) return;
        const camera = sigma.getCamera();
        const target = cameraToShow(sigma, shown, {
          minRatio: Math.min(camera.ratio, 1),
          top: view.layout === 'chain' ? CHAIN_HEADER_PX : 0,
        });
        if (target) camera.animate(target, { duration: CAMERA_MS });
      },
      fit() {
        const { sigma, view, hidden } = store.get();
        if (!sigma) return;
        const shown = graph.filterNodes((n) => !(view.filters.mode === 'hide' && hidden.has(n)));
        const target = cameraToShow(sigma, shown, { top: view.layout === 'chain' ? CHAIN_HEADER_PX : 0 });
        sigma.getCamera().animate(target ?? { x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: CAMERA_MS });
      },
    }),
    [graph, store],
  );
}
