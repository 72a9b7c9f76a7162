// Appearance: filters (hide or grey out), the supply path, the selection and its links, drawn by
// sigma's reducers from the store — the graph's attributes are never rewritten for a highlight.
// Colours and sizes by the appearance rule are restyled here when the rule changes; the settings
// for large graphs follow the number of edges on screen.
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useSigma } from '@react-sigma/core';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { explorerSettings } from '../render';
import { useExplorer, useExplorerState } from '../hooks/store';
import { useGraphOps } from '../hooks/useGraphOps';

const GREY = '#dde2e7';
const GREY_EDGE = 'rgba(180, 188, 196, 0.25)';
const PATH_COLOR = '#d62728';
const SELECTED_EDGE = '#e07b00';

export function AppearanceController() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { graph } = useExplorer();
  const { restyle } = useGraphOps();
  const grey = useExplorerState((s) => s.view.filters.mode === 'grey');
  const selected = useExplorerState((s) => s.view.selected);
  const multi = useExplorerState((s) => s.multi);
  const selectedEdge = useExplorerState((s) => s.selectedEdge);
  const hidden = useExplorerState((s) => s.hidden);
  const hiddenEdges = useExplorerState((s) => s.hiddenEdges);
  const pathResult = useExplorerState((s) => s.pathResult);
  const colorBy = useExplorerState((s) => s.view.appearance.colorBy);
  const sizeBy = useExplorerState((s) => s.view.appearance.sizeBy);
  const index = useExplorerState((s) => s.index);
  const edgeCount = useExplorerState((s) => s.edgeCount);

  // A new appearance rule (or the reference data it reads) restyles what is on screen.
  useEffect(() => {
    if (graph.order > 0) restyle({ colorBy, sizeBy });
  }, [graph, restyle, colorBy, sizeBy, index]);

  const path = useMemo(() => ({ nodes: new Set(pathResult?.nodes), edges: new Set(pathResult?.edges) }), [pathResult]);
  const chosen = useMemo(() => new Set([...(selected ? [selected] : []), ...multi]), [selected, multi]);

  const nodeReducer = useMemo(
    () =>
      // ExplorerSigma hands the reducer its own copy of the drawn attributes only (render.ts):
      // change it in place.
      (node: string, res: Partial<NodeDisplayData>): Partial<NodeDisplayData> => {
        if (hidden.has(node)) {
          if (!grey) {
            res.hidden = true;
            return res;
          }
          res.color = GREY;
          res.label = '';
          res.zIndex = 0;
        }
        if (path.nodes.size > 0) {
          if (path.nodes.has(node)) {
            res.highlighted = true;
            res.forceLabel = true;
            res.zIndex = 3;
          } else if (!hidden.has(node)) {
            res.color = GREY;
            res.zIndex = 0;
          }
        }
        if (chosen.has(node)) {
          res.highlighted = true;
          res.forceLabel = true;
          res.zIndex = 4;
        }
        return res;
      },
    [hidden, grey, path, chosen],
  );

  const edgeReducer = useMemo(
    () =>
      (edge: string, attrs: Pick<EdgeAttrs, 'size' | 'color' | 'type'>): Partial<EdgeDisplayData> => {
        if (hiddenEdges.has(edge)) {
          if (!grey) return { ...attrs, hidden: true };
          return { ...attrs, color: GREY_EDGE, zIndex: 0 };
        }
        if (path.edges.has(edge)) return { ...attrs, color: PATH_COLOR, size: attrs.size + 3, zIndex: 3 };
        if (path.nodes.size > 0) return { ...attrs, color: GREY_EDGE, zIndex: 0 };
        if (edge === selectedEdge) return { ...attrs, color: SELECTED_EDGE, size: attrs.size + 2, zIndex: 2 };
        if (selected && (graph.source(edge) === selected || graph.target(edge) === selected))
          return { ...attrs, color: SELECTED_EDGE, zIndex: 1 };
        return attrs;
      },
    [graph, hiddenEdges, grey, path, selectedEdge, selected],
  );

  // Before the browser paints (and before StateController publishes the view): what the page
  // shows and what sigma draws never disagree. One synchronous refresh for all settings, so that
  // no scheduled one leaves sigma's display data unprocessed for a frame (the camera reads them).
  useLayoutEffect(() => {
    // Edge events and hiding on camera moves depend on the size of the view.
    const { enableEdgeEvents, hideEdgesOnMove, hideLabelsOnMove } = explorerSettings(edgeCount);
    sigma.setSettings({ nodeReducer, edgeReducer, enableEdgeEvents, hideEdgesOnMove, hideLabelsOnMove });
    sigma.refresh();
  }, [sigma, nodeReducer, edgeReducer, edgeCount]);

  return null;
}
