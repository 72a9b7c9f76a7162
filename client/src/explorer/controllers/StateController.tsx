// What the canvas tells the rest of the page: the sigma instance goes into the store (for the
// toolbar's camera and layout actions), the container carries `data-state` (`empty`, `loading`,
// `ready`, `error`), `data-nodes` and `data-layout`, and, for tests and debugging,
// `window.__coopgraphExplorer = { graph, sigma, view, isHidden, isGreyed, path }`.
import { useEffect, useLayoutEffect } from 'react';
import { useSigmaContext } from '@react-sigma/core';
import type Sigma from 'sigma';
import type { EdgeAttrs, ExplorerGraph, NodeAttrs } from '../../../../core/graph/model';
import type { ViewState } from '../../../../core/view/url';
import { useExplorer, useExplorerState } from '../hooks/store';

declare global {
  interface Window {
    __coopgraphExplorer?: {
      graph: ExplorerGraph;
      sigma: Sigma<NodeAttrs, EdgeAttrs>;
      view: ViewState;
      isHidden: (node: string) => boolean;
      isGreyed: (node: string) => boolean;
      path: { nodes: string[]; edges: string[] };
    };
  }
}

export function StateController({ label }: { label: string }) {
  const { sigma, container } = useSigmaContext<NodeAttrs, EdgeAttrs>();
  const { graph, store } = useExplorer();
  const dataState = useExplorerState((s) => s.dataState);
  const nodeCount = useExplorerState((s) => s.nodeCount);
  const layout = useExplorerState((s) => s.view.layout);
  const view = useExplorerState((s) => s.view);
  const pathResult = useExplorerState((s) => s.pathResult);

  useLayoutEffect(() => {
    store.set({ sigma });
    return () => store.set({ sigma: null });
  }, [store, sigma]);

  useLayoutEffect(() => {
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', label);
  }, [container, label]);

  // Layout effects, after AppearanceController's (a later sibling): by the time the page says
  // `ready` or shows a view, sigma draws it.
  useLayoutEffect(() => {
    container.dataset.state = dataState;
    container.dataset.nodes = String(nodeCount);
    container.dataset.layout = layout;
  }, [container, dataState, nodeCount, layout]);

  useLayoutEffect(() => {
    window.__coopgraphExplorer = {
      graph,
      sigma,
      view,
      isHidden: (n) => {
        const s = store.get();
        return s.hidden.has(n) && s.view.filters.mode === 'hide';
      },
      isGreyed: (n) => {
        const s = store.get();
        return s.hidden.has(n) && s.view.filters.mode === 'grey';
      },
      path: { nodes: pathResult?.nodes ?? [], edges: pathResult?.edges ?? [] },
    };
  }, [graph, sigma, store, view, pathResult]);
  useEffect(
    () => () => {
      delete window.__coopgraphExplorer;
    },
    [],
  );

  return null;
}
