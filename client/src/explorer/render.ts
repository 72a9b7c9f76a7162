// Sigma as the explorer sets it up, shared with the benchmark so that "bare sigma" there draws the
// same graph with the same settings as the app, and "ours" with the same class.
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, EdgeTriangleProgram, type EdgeProgramType } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';

/** Above this many edges, edge hover/click detection is switched off (it costs a frame each move). */
const EDGE_EVENTS_LIMIT = 5000;

export function explorerSettings<N extends Attributes = Attributes, E extends Attributes = Attributes>(
  edges: number,
): Partial<Settings<N, E>> {
  return {
    allowInvalidContainer: true,
    defaultEdgeType: 'line',
    edgeProgramClasses: {
      arrow: EdgeArrowProgram as unknown as EdgeProgramType<N, E>,
      line: EdgeLineProgram as unknown as EdgeProgramType<N, E>,
      // The wedge of a partnership-programme tie (core/graph/model.ts EDGE_SHAPES).
      triangle: EdgeTriangleProgram as unknown as EdgeProgramType<N, E>,
    },
    labelFont: 'system-ui, "Segoe UI", Roboto, sans-serif',
    labelSize: 12,
    labelColor: { color: '#1d2733' },
    labelDensity: 0.6,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 7,
    // Big views stay responsive while the camera moves.
    hideEdgesOnMove: edges > 20_000,
    hideLabelsOnMove: edges > 20_000,
    enableEdgeEvents: edges <= EDGE_EVENTS_LIMIT,
    stagePadding: 40,
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
  };
}

/** The node attributes sigma draws (its NodeDisplayData): all a reducer receives from ExplorerSigma. */
export const DRAWN_NODE_ATTRIBUTES = [
  'x',
  'y',
  'size',
  'color',
  'label',
  'type',
  'hidden',
  'forceLabel',
  'highlighted',
  'zIndex',
] as const;
/** The edge attributes sigma draws (its EdgeDisplayData). */
export const DRAWN_EDGE_ATTRIBUTES = ['size', 'color', 'label', 'type', 'hidden', 'forceLabel', 'zIndex'] as const;

// Spelt out rather than looped over the lists above: named reads of objects that all have the
// same shape stay fast, where reads by a key that changes each time do not. The first fields are
// always copied (sigma gives a missing one its default either way); the rest only when set, since
// sigma checks whether they are present.
function drawnNode(a: Attributes): Attributes {
  const d: Attributes = { x: a.x, y: a.y, size: a.size, color: a.color, label: a.label };
  if (a.type !== undefined) d.type = a.type;
  if (a.hidden !== undefined) d.hidden = a.hidden;
  if (a.forceLabel !== undefined) d.forceLabel = a.forceLabel;
  if (a.highlighted !== undefined) d.highlighted = a.highlighted;
  if (a.zIndex !== undefined) d.zIndex = a.zIndex;
  return d;
}
function drawnEdge(a: Attributes): Attributes {
  const d: Attributes = { size: a.size, color: a.color, type: a.type };
  if (a.label !== undefined) d.label = a.label;
  if (a.hidden !== undefined) d.hidden = a.hidden;
  if (a.forceLabel !== undefined) d.forceLabel = a.forceLabel;
  if (a.zIndex !== undefined) d.zIndex = a.zIndex;
  return d;
}

/** What ExplorerSigma reaches inside sigma 3: the graph it draws and its per-item set-up. */
interface SigmaInternals {
  graph: Graph | DrawnView;
  addNode(key: string): void;
  addEdge(key: string): void;
}

/**
 * What sigma's per-item set-up reads of the graph, each node's or edge's attributes, narrowed to
 * what sigma draws. Only those two methods: should a sigma read anything else there, it fails at
 * once (and tests/unit/explorer-sigma.test.ts with it). A plain object rather than one inheriting
 * from the graph, since making the graph a prototype would make V8 re-shape it, slowing every
 * graphology call on it.
 */
type DrawnView = Pick<Graph, 'getNodeAttributes' | 'getEdgeAttributes'>;
const drawnViews = new WeakMap<Graph, DrawnView>();
function drawnView(graph: Graph): DrawnView {
  let view = drawnViews.get(graph);
  if (!view) {
    view = {
      getNodeAttributes: (key: unknown) => drawnNode(graph.getNodeAttributes(key)),
      getEdgeAttributes: ((key: unknown) => drawnEdge(graph.getEdgeAttributes(key))) as Graph['getEdgeAttributes'],
    };
    drawnViews.set(graph, view);
  }
  return view;
}

/**
 * Sigma, minus a copy of the explorer's data on every node and edge. Sigma 3 sets each item up by
 * shallow-copying all its attributes (Object.assign) before the reducer, and keeps that copy as the
 * item's display data; the explorer's nodes carry some twenty attributes (name, INN, region, stages,
 * figures…) and its edges a dozen, none of them drawn, so at 20,000 nodes `new Sigma` took 2.6×
 * as long as on a graph of the drawn attributes alone (the benchmark's "drawn attributes only").
 * Here that set-up reads the item through a view of the graph that yields the drawn attributes
 * only: the reducers get (and sigma keeps) those, while the graph itself — what the hover cards,
 * panels, filters, exports and `window.__coopgraphExplorer.graph` read — is left whole.
 * An equivalent of a separate "visual graph" kept in step with the data graph, without a second
 * graph to build (graphology's import of a view as large costs as much as the copy saved).
 */
export class ExplorerSigma<N extends Attributes = Attributes, E extends Attributes = Attributes> extends Sigma<N, E> {}

{
  const base = Sigma.prototype as unknown as SigmaInternals;
  const own = ExplorerSigma.prototype as unknown as SigmaInternals;
  // Sigma's own methods, with `graph` swapped for its drawn view while they run (they only read it).
  const withDrawnView = (method: (this: SigmaInternals, key: string) => void) =>
    function (this: SigmaInternals, key: string) {
      const graph = this.graph as Graph;
      this.graph = drawnView(graph);
      try {
        method.call(this, key);
      } finally {
        this.graph = graph;
      }
    };
  if (typeof base.addNode !== 'function' || typeof base.addEdge !== 'function')
    throw new Error('sigma: addNode/addEdge not found (ExplorerSigma is written for sigma 3)');
  own.addNode = withDrawnView(base.addNode);
  own.addEdge = withDrawnView(base.addEdge);
}
