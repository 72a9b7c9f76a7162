// ExplorerSigma (client/src/explorer/render.ts) sets each node and edge up with sigma 3's own
// methods, fed only the attributes sigma draws: the display data it keeps and the reducers see are
// plain sigma's without the explorer's data, and the graph is left whole. The methods run here on
// a stand-in for sigma's internal state (no WebGL in Node), so a sigma whose set-up works
// differently fails this test rather than the app.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';

// Sigma's program modules read WebGL constants when they load; their values do not matter here.
for (const name of ['WebGLRenderingContext', 'WebGL2RenderingContext'])
  (globalThis as Record<string, unknown>)[name] ??= new Proxy({}, { get: () => 0 });
const { default: Sigma } = await import('sigma');
const { DEFAULT_SETTINGS } = await import('sigma/settings');
const { DRAWN_EDGE_ATTRIBUTES, DRAWN_NODE_ATTRIBUTES, ExplorerSigma } =
  await import('../../client/src/explorer/render');

type SetUp = (this: unknown, key: string) => void;
interface Internals {
  graph: Graph;
  settings: Record<string, unknown>;
  nodeDataCache: Record<string, Record<string, unknown>>;
  edgeDataCache: Record<string, Record<string, unknown>>;
}

function internals(graph: Graph, seen: Record<string, unknown>[]): Internals {
  return {
    graph,
    settings: {
      ...DEFAULT_SETTINGS,
      zIndex: true,
      nodeReducer: (_: string, a: Record<string, unknown>) => {
        seen.push({ ...a });
        return { ...a, highlighted: a.label === 'Монди' };
      },
      edgeReducer: (_: string, a: Record<string, unknown>) => {
        seen.push({ ...a });
        return a;
      },
    },
    nodeDataCache: {},
    edgeDataCache: {},
    nodesWithForcedLabels: new Set(),
    highlightedNodes: new Set(),
    edgesWithForcedLabels: new Set(),
    nodeZExtent: [Infinity, -Infinity],
    edgeZExtent: [Infinity, -Infinity],
  } as Internals;
}

function graph(): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  g.addNode('a', { x: 1, y: 2, size: 5, color: '#3b6fb6', label: 'Монди', kind: 'enterprise', inn: '1121003135' });
  g.addNode('b', { x: 3, y: 4, size: 3, color: '#e8922c', label: 'Кластер', kind: 'cluster', stages: ['x'] });
  g.addEdgeWithKey('e', 'a', 'b', { size: 2, color: '#999', type: 'arrow', rel: 'SUPPLIES', volumeMlnRub: 12 });
  return g;
}

const method = (proto: object, name: string) => (proto as Record<string, SetUp>)[name];

describe('ExplorerSigma', () => {
  it('keeps and reduces only the drawn attributes, as plain sigma would draw them', () => {
    const seenOurs: Record<string, unknown>[] = [];
    const seenPlain: Record<string, unknown>[] = [];
    const g = graph();
    const ours = internals(g, seenOurs);
    const plain = internals(g, seenPlain);
    for (const [name, keys] of [
      ['addNode', ['a', 'b']],
      ['addEdge', ['e']],
    ] as const)
      for (const key of keys) {
        method(ExplorerSigma.prototype, name).call(ours, key);
        method(Sigma.prototype, name).call(plain, key);
      }
    // Plain sigma copies the data too; ours does not.
    expect(plain.nodeDataCache.a.inn).toBe('1121003135');
    expect(plain.edgeDataCache.e.rel).toBe('SUPPLIES');
    const drawnOnly = (d: Record<string, unknown>, keys: readonly string[]) =>
      Object.fromEntries(Object.entries(d).filter(([k]) => keys.includes(k)));
    for (const key of ['a', 'b']) {
      expect(
        Object.keys(ours.nodeDataCache[key]).every((k) => (DRAWN_NODE_ATTRIBUTES as readonly string[]).includes(k)),
      ).toBe(true);
      expect(ours.nodeDataCache[key]).toEqual(drawnOnly(plain.nodeDataCache[key], DRAWN_NODE_ATTRIBUTES));
    }
    expect(ours.nodeDataCache.a.highlighted).toBe(true);
    expect(ours.edgeDataCache.e).toEqual(drawnOnly(plain.edgeDataCache.e, DRAWN_EDGE_ATTRIBUTES));
    expect(ours.edgeDataCache.e).toMatchObject({ size: 2, color: '#999', type: 'arrow' });
    // The reducers saw the drawn attributes only.
    expect(seenOurs[0]).toEqual({ x: 1, y: 2, size: 5, color: '#3b6fb6', label: 'Монди' });
    expect(seenOurs[2]).toEqual({ size: 2, color: '#999', type: 'arrow' });
    // The graph is whole, and sigma is given it back.
    expect(ours.graph).toBe(g);
    expect(g.getNodeAttribute('a', 'inn')).toBe('1121003135');
    expect(g.getEdgeAttribute('e', 'volumeMlnRub')).toBe(12);
  });
});
