// The explorer's graph: what the API returns (nodes and links of the Neo4j graph) turned into a
// graphology graph that sigma draws, with appearance (colour, size), filters and layouts as plain
// functions of that graph. Nothing here touches React or the DOM, so the benchmark and the unit
// tests run exactly the code the app runs.
//
// Sigma reads the `type` attribute of nodes and edges as the name of a rendering program, so the
// kind of a node is kept in `kind` and the relationship type of an edge in `rel`.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { project } from './projection.js';
import { CATEGORY_PALETTE } from './palette.js';
import { Occupancy, extentOf, fittedScale, patchRadius, spreadGroups, type Point, type Viewport } from './spread.js';
import type { ExploreEdge, ExploreNode, NodeKind, Reference, Subgraph } from '../schemas.js';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: NodeKind;
  name: string;
  nameEn: string | null;
  /** The name in Latin letters: the English label where there is no English name. */
  nameLatin: string | null;
  inn: string | null;
  okved: string | null;
  region: string | null;
  lat: number | null;
  lon: number | null;
  category: string | null;
  employees: number | null;
  revenueMlnRub: number | null;
  chains: string[];
  stages: string[];
  clusters: string[];
  /** Relationships in the whole database (not only those on screen). */
  dbDegree: number;
  synthetic: boolean;
  community?: number;
}
export interface EdgeAttrs {
  size: number;
  color: string;
  /** The sigma program that draws it (see EDGE_SHAPES). */
  type: EdgeShape;
  rel: string;
  volumeMlnRub: number | null;
  stage: string | null;
  product: string | null;
  synthetic: boolean;
  /** A tie's fields (IN_PROGRAMME, CONTRACT): the law of a contract (44-FZ, 223-FZ), its subject, number and date. */
  law: string | null;
  subject: string | null;
  number: string | null;
  /** ISO date, YYYY-MM-DD. */
  date: string | null;
}
export type ExplorerGraph = Graph<NodeAttrs, EdgeAttrs>;

export function createExplorerGraph(): ExplorerGraph {
  return new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: true, allowSelfLoops: false });
}

/** A node's name in `lang`: in English its English name, else its name in Latin letters. */
export function nodeLabel(
  n: { name: string; nameEn: string | null; nameLatin?: string | null },
  lang: 'ru' | 'en',
): string {
  return lang === 'en' ? n.nameEn || n.nameLatin || n.name : n.name;
}

function nodeAttrs(n: ExploreNode, lang: 'ru' | 'en'): NodeAttrs {
  return {
    x: 0,
    y: 0,
    size: 4,
    color: '#888',
    label: nodeLabel(n, lang),
    kind: n.type,
    name: n.name,
    nameEn: n.nameEn,
    nameLatin: n.nameLatin ?? null,
    inn: n.inn ?? null,
    okved: n.okved ?? null,
    region: n.region,
    lat: n.lat,
    lon: n.lon,
    category: n.size,
    employees: n.employees,
    revenueMlnRub: n.revenueMlnRub,
    chains: n.chains,
    stages: n.stages,
    clusters: n.clusters,
    dbDegree: n.degree,
    synthetic: n.synthetic,
  };
}

function edgeAttrs(e: ExploreEdge): EdgeAttrs {
  return {
    size: edgeBaseWidth(e.type),
    color: edgeColor(e.type),
    type: edgeShape(e.type),
    rel: e.type,
    volumeMlnRub: e.volumeMlnRub,
    stage: e.stage,
    product: e.product,
    synthetic: e.synthetic,
    law: e.law ?? null,
    subject: e.subject ?? null,
    number: e.number ?? null,
    date: e.date ?? null,
  };
}

/** What `mergeSubgraph` changed, so that it can be undone. */
export interface Change {
  addedNodes: string[];
  addedEdges: string[];
}

/**
 * Adds the nodes and links of an API answer that the graph does not hold yet. New nodes start at
 * `near` (the node that was expanded) when given, so a force layout grows them out of it.
 */
export function mergeSubgraph(graph: ExplorerGraph, sub: Subgraph, lang: 'ru' | 'en', near?: string): Change {
  const change: Change = { addedNodes: [], addedEdges: [] };
  const origin = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : null;
  sub.nodes.forEach((n, i) => {
    if (graph.hasNode(n.id)) return;
    const attrs = nodeAttrs(n, lang);
    if (origin) {
      // A small ring around the expanded node; a layout run places them properly.
      const angle = (2 * Math.PI * i) / Math.max(sub.nodes.length, 1);
      attrs.x = origin.x + Math.cos(angle) * 10;
      attrs.y = origin.y + Math.sin(angle) * 10;
    }
    graph.addNode(n.id, attrs);
    change.addedNodes.push(n.id);
  });
  for (const e of sub.edges) {
    if (graph.hasEdge(e.id) || !graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) continue;
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, edgeAttrs(e));
    change.addedEdges.push(e.id);
  }
  return change;
}

/** Removes what a change added (undo of an expansion). Nodes others still hold keep their place. */
export function revertChange(graph: ExplorerGraph, change: Change): void {
  for (const e of change.addedEdges) if (graph.hasEdge(e)) graph.dropEdge(e);
  for (const n of change.addedNodes) if (graph.hasNode(n)) graph.dropNode(n);
}

/**
 * Builds a whole graph in one go through graphology's `import` (the fast path for big views): the
 * same attributes as `mergeSubgraph`, without the per-node existence checks.
 */
export function buildGraph(sub: Subgraph, lang: 'ru' | 'en'): ExplorerGraph {
  const graph = createExplorerGraph();
  const seen = new Set<string>();
  const nodes = [];
  for (const n of sub.nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    nodes.push({ key: n.id, attributes: nodeAttrs(n, lang) });
  }
  const edges = [];
  for (const e of sub.edges) {
    if (e.source === e.target || !seen.has(e.source) || !seen.has(e.target)) continue;
    edges.push({ key: e.id, source: e.source, target: e.target, attributes: edgeAttrs(e) });
  }
  graph.import({ nodes, edges });
  return graph;
}

export function relabel(graph: ExplorerGraph, lang: 'ru' | 'en'): void {
  graph.updateEachNodeAttributes((_, a) => {
    a.label = nodeLabel(a, lang);
    return a;
  });
}

// ---------------------------------------------------------------------------------------------
// Appearance

export type ColorBy = 'type' | 'chain' | 'stage' | 'size' | 'region' | 'district' | 'cluster' | 'community';
export type SizeBy = 'degree' | 'volume' | 'employees' | 'revenue' | 'uniform';
export const COLOR_BY: ColorBy[] = ['type', 'chain', 'stage', 'size', 'region', 'district', 'cluster', 'community'];
export const SIZE_BY: SizeBy[] = ['degree', 'volume', 'employees', 'revenue', 'uniform'];
export interface Appearance {
  colorBy: ColorBy;
  sizeBy: SizeBy;
}
export const DEFAULT_APPEARANCE: Appearance = { colorBy: 'type', sizeBy: 'degree' };

export const KIND_COLORS: Record<NodeKind, string> = {
  enterprise: '#3b6fb6',
  cluster: '#e8922c',
  technopark: '#8a5fb8',
  supportorg: '#1a9e9a',
  region: '#7f8c8d',
  stage: '#5b9e3a',
  chain: '#2e5e1e',
  industry: '#b59b2e',
};

// Links: each kind the legend names has its own colour and shape, apart from the highlights
// (orange for the selection, red for a path: see AppearanceController). Sigma draws no dashes, so the
// shapes are its built-in programs: an arrow (from supplier to buyer, from an SME to the customer
// of its contract), a wedge narrowing towards the customer whose partnership programme an SME
// joined, and a plain line.
export type EdgeShape = 'arrow' | 'line' | 'triangle';
export const EDGE_COLORS: Record<string, string> = {
  SUPPLIES: 'rgba(44, 62, 80, 0.55)',
  IN_PROGRAMME: 'rgba(142, 68, 173, 0.7)',
  CONTRACT: 'rgba(0, 121, 140, 0.8)',
  CAPABLE_OF: 'rgba(91, 158, 58, 0.55)',
};
/** Links of every other kind (location, membership, stage, …). */
export const OTHER_EDGE_COLOR = '#9aa5b1';
export const EDGE_SHAPES: Record<string, EdgeShape> = {
  SUPPLIES: 'arrow',
  CONTRACT: 'arrow',
  IN_PROGRAMME: 'triangle',
};
/** Widths of links without a volume: a wedge needs some width to read as one. */
const EDGE_BASE_WIDTHS: Record<string, number> = { IN_PROGRAMME: 3, CONTRACT: 1.5 };
/**
 * The kinds of link the legend and the filter list one by one, in their order; the rest share
 * one line ("other links").
 */
export const LINK_KINDS = ['SUPPLIES', 'IN_PROGRAMME', 'CONTRACT', 'CAPABLE_OF'] as const;
/** Relationship types that are ties of the SME register: an SME to a large customer. */
export const TIE_RELS: readonly string[] = ['IN_PROGRAMME', 'CONTRACT'];

export const edgeColor = (rel: string) => EDGE_COLORS[rel] ?? OTHER_EDGE_COLOR;
export const edgeShape = (rel: string): EdgeShape => EDGE_SHAPES[rel] ?? 'line';
export const edgeBaseWidth = (rel: string) => EDGE_BASE_WIDTHS[rel] ?? 1;

/** One line of the links legend: a kind (or `other`) with its colour and shape. */
export interface LinkLegendLine {
  rel: string;
  color: string;
  shape: EdgeShape;
}

/**
 * The links legend: supply always (the volume scale is read on it), the other listed kinds when
 * the view holds them, and a line for the rest; kinds switched off by the filter are left out.
 */
export function linkLegend(present: Iterable<string>, linksOff: readonly string[] = []): LinkLegendLine[] {
  const has = new Set(present);
  const lines: LinkLegendLine[] = [];
  for (const rel of LINK_KINDS) {
    if (linksOff.includes(rel) || (rel !== 'SUPPLIES' && !has.has(rel))) continue;
    lines.push({ rel, color: edgeColor(rel), shape: edgeShape(rel) });
  }
  const listed = new Set<string>(LINK_KINDS);
  if (!linksOff.includes('other') && [...has].some((r) => !listed.has(r)))
    lines.push({ rel: 'other', color: OTHER_EDGE_COLOR, shape: 'line' });
  return lines;
}

/** The relationship types of the links in `graph`. */
export function linkTypes(graph: ExplorerGraph): string[] {
  const types = new Set<string>();
  graph.forEachEdge((_, e) => {
    types.add(e.rel);
  });
  return [...types].sort();
}

/** The filter's key for a relationship type: its own, or `other` for the kinds not listed. */
export const linkKind = (rel: string): string => ((LINK_KINDS as readonly string[]).includes(rel) ? rel : 'other');
const CHAIN_COLORS: Record<string, string> = { timber: '#4e9a3a', oilgas: '#3a4e9a', both: '#9a3a8a' };
export const SIZE_COLORS: Record<string, string> = {
  micro: '#9ecae1',
  small: '#4292c6',
  medium: '#08519c',
  large: '#e6550d',
};
const NO_VALUE_COLOR = '#c3cad3';
/**
 * Categorical palette for stages, regions, clusters and communities (core/graph/palette.ts, made
 * with iwanthue): its first n colours are the n most distinct, pairwise at least
 * PALETTE_MIN_DISTANCE apart in CIEDE2000 for the lengths listed there.
 */
export const PALETTE = CATEGORY_PALETTE;
/**
 * The promise the palette keeps (checked by tests/unit/palette.test.ts): its first `colors`
 * colours are pairwise at least `min` apart in CIEDE2000 (about 2 is a just-noticeable difference
 * side by side). All 52 stages of both chains fit in the third line.
 */
export const PALETTE_MIN_DISTANCE: readonly { colors: number; min: number }[] = [
  { colors: 12, min: 20 },
  { colors: 24, min: 14 },
  { colors: 52, min: 9 },
  { colors: 96, min: 6 },
];
/** One colour per federal district (ids as in seed/reference/federal-districts.json). */
export const DISTRICT_COLORS: Record<string, string> = {
  central: '#3b6fb6',
  northwestern: '#1a9e9a',
  southern: '#e8922c',
  'north-caucasian': '#c8453b',
  volga: '#5b9e3a',
  ural: '#8a5fb8',
  siberian: '#9a6b43',
  'far-eastern': '#d35f9c',
};

/** One line of a colour legend: `key` is a value of the colouring attribute ('' when absent). */
export interface ColorEntry {
  key: string;
  color: string;
  count: number;
}
export interface SizeLegend {
  sizeBy: SizeBy;
  min: number;
  max: number;
  minSize: number;
  maxSize: number;
}

export interface ReferenceIndex {
  stageOrder: Map<string, { chain: string; order: number; kind: string }>;
  /**
   * Each stage's place among the stages of all chains (the reference's order): its colour, so that
   * a stage keeps its colour whichever other stages are on screen.
   */
  stageRank: Map<string, number>;
  maxOrder: Map<string, number>;
  district: Map<string, string>;
}
export function indexReference(ref: Reference | undefined): ReferenceIndex {
  const stageOrder = new Map<string, { chain: string; order: number; kind: string }>();
  const stageRank = new Map<string, number>();
  const maxOrder = new Map<string, number>();
  const district = new Map<string, string>();
  for (const c of ref?.chains ?? []) {
    for (const s of [...c.stages].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))) {
      stageRank.set(s.id, stageRank.size);
      stageOrder.set(s.id, { chain: c.id, order: s.order, kind: s.kind });
      maxOrder.set(c.id, Math.max(maxOrder.get(c.id) ?? 0, s.order));
    }
  }
  for (const r of ref?.regions ?? []) district.set(r.code, r.federalDistrict);
  return { stageOrder, stageRank, maxOrder, district };
}

/** The earliest stage of a node (in `chain` when given): where it sits in the chain. */
export function primaryStage(stages: string[], index: ReferenceIndex, chain?: string | null): string | null {
  let best: string | null = null;
  let bestOrder = Infinity;
  for (const s of stages) {
    const info = index.stageOrder.get(s);
    if (!info || (chain && info.chain !== chain)) continue;
    if (info.order < bestOrder) {
      best = s;
      bestOrder = info.order;
    }
  }
  return best;
}

function colorKey(a: NodeAttrs, colorBy: ColorBy, index: ReferenceIndex): string {
  switch (colorBy) {
    case 'type':
      return a.kind;
    case 'chain':
      return a.chains.length > 1 ? 'both' : (a.chains[0] ?? '');
    case 'stage':
      return primaryStage(a.stages, index) ?? '';
    case 'size':
      return a.category ?? '';
    case 'region':
      return a.region ?? '';
    case 'district':
      return a.region ? (index.district.get(a.region) ?? '') : '';
    case 'cluster':
      return a.kind === 'cluster' ? '' : (a.clusters[0] ?? '');
    case 'community':
      return a.community === undefined ? '' : String(a.community);
  }
}

function sizeValue(graph: ExplorerGraph, node: string, a: NodeAttrs, sizeBy: SizeBy): number | null {
  switch (sizeBy) {
    case 'degree':
      return graph.degree(node);
    case 'volume': {
      let v = 0;
      graph.forEachEdge(node, (_, e) => {
        v += e.volumeMlnRub ?? 0;
      });
      return v;
    }
    case 'employees':
      return a.employees;
    case 'revenue':
      return a.revenueMlnRub;
    case 'uniform':
      return null;
  }
}

export const MIN_NODE_SIZE = 3;
export const MAX_NODE_SIZE = 18;

/**
 * Writes `color` and `size` of every node from the appearance rule and returns what the legends
 * show: each colour with its value and count (most frequent first, categorical palettes assigned
 * in that order), and the value range behind the sizes (square-root scale, so areas compare).
 */
export function applyAppearance(
  graph: ExplorerGraph,
  appearance: Appearance,
  index: ReferenceIndex,
): { colors: ColorEntry[]; sizes: SizeLegend } {
  if (appearance.colorBy === 'community') {
    if (graph.order > 0 && graph.size > 0)
      louvain.assign(graph as unknown as Graph, { nodeCommunityAttribute: 'community', getEdgeWeight: null });
    else
      graph.updateEachNodeAttributes((_, a) => {
        a.community = 0;
        return a;
      });
  }
  const counts = new Map<string, number>();
  graph.forEachNode((_, a) => {
    const key = colorKey(a, appearance.colorBy, index);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const keys = [...counts.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : counts.get(b)! - counts.get(a)! || a.localeCompare(b),
  );
  const colorOf = new Map<string, string>();
  let paletteIndex = 0;
  for (const key of keys) {
    let color: string | undefined;
    if (key === '') color = NO_VALUE_COLOR;
    else if (appearance.colorBy === 'type') color = KIND_COLORS[key as NodeKind];
    else if (appearance.colorBy === 'chain') color = CHAIN_COLORS[key];
    else if (appearance.colorBy === 'size') color = SIZE_COLORS[key];
    else if (appearance.colorBy === 'district') color = DISTRICT_COLORS[key];
    else if (appearance.colorBy === 'stage') {
      const rank = index.stageRank.get(key);
      color = rank === undefined ? undefined : PALETTE[rank % PALETTE.length];
    }
    // Regions, clusters and communities take the palette in order of frequency (the most distinct
    // colours for the largest groups); those beyond it share the last colour and one legend line.
    color ??= PALETTE[Math.min(paletteIndex++, PALETTE.length - 1)];
    colorOf.set(key, color);
  }

  const values = new Map<string, number | null>();
  let min = Infinity;
  let max = -Infinity;
  graph.forEachNode((node, a) => {
    const v = sizeValue(graph, node, a, appearance.sizeBy);
    values.set(node, v);
    if (v !== null) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  });
  const scale = (v: number | null) => {
    if (v === null || !Number.isFinite(min)) return appearance.sizeBy === 'uniform' ? 6 : MIN_NODE_SIZE;
    if (max - min < 1e-9) return (MIN_NODE_SIZE + MAX_NODE_SIZE) / 2;
    return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt((v - min) / (max - min));
  };
  graph.updateEachNodeAttributes((node, a) => {
    a.color = colorOf.get(colorKey(a, appearance.colorBy, index))!;
    a.size = scale(values.get(node) ?? null);
    return a;
  });

  const colors = keys.map((key) => ({ key, color: colorOf.get(key)!, count: counts.get(key)! }));
  return {
    colors,
    sizes: {
      sizeBy: appearance.sizeBy,
      min: Number.isFinite(min) ? min : 0,
      max: Number.isFinite(max) ? max : 0,
      minSize: MIN_NODE_SIZE,
      maxSize: MAX_NODE_SIZE,
    },
  };
}

/** Edge widths by supply volume (log scale over the volumes on screen). */
export function applyEdgeWidths(graph: ExplorerGraph): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  graph.forEachEdge((_, e) => {
    if (e.volumeMlnRub !== null) {
      min = Math.min(min, e.volumeMlnRub);
      max = Math.max(max, e.volumeMlnRub);
    }
  });
  const lmin = Math.log1p(Number.isFinite(min) ? min : 0);
  const lmax = Math.log1p(Number.isFinite(max) ? max : 0);
  graph.updateEachEdgeAttributes((_, e) => {
    e.size =
      e.volumeMlnRub === null
        ? edgeBaseWidth(e.rel)
        : lmax - lmin < 1e-9
          ? 2
          : 1 + 4 * ((Math.log1p(e.volumeMlnRub) - lmin) / (lmax - lmin));
    return e;
  });
  return { min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0 };
}

// ---------------------------------------------------------------------------------------------
// Filters: a node that fails is hidden or greyed out (by the view's reducers), never removed.

export interface Filters {
  chain: string | null;
  stages: string[];
  types: NodeKind[];
  sizes: string[];
  regions: string[];
  districts: string[];
  cluster: string | null;
  volumeMin: number | null;
  volumeMax: number | null;
  /** Kinds of link switched off (LINK_KINDS, or `other` for the rest). */
  linksOff: string[];
  mode: 'hide' | 'grey';
}
export const NO_FILTERS: Filters = {
  chain: null,
  stages: [],
  types: [],
  sizes: [],
  regions: [],
  districts: [],
  cluster: null,
  volumeMin: null,
  volumeMax: null,
  linksOff: [],
  mode: 'hide',
};

export function activeFilterCount(f: Filters): number {
  return [
    f.chain,
    f.stages.length,
    f.types.length,
    f.sizes.length,
    f.regions.length,
    f.districts.length,
    f.cluster,
    f.volumeMin ?? null,
    f.volumeMax ?? null,
    f.linksOff.length,
  ].filter((v) => v !== null && v !== 0).length;
}

/**
 * Whether a node passes. Each filter applies to the kinds of node that carry its attribute
 * (the SME category to enterprises, the chain to enterprises, clusters and stages, …); other
 * kinds pass it, so the regions and clusters around filtered enterprises stay for context.
 */
export function nodePasses(node: string, a: NodeAttrs, f: Filters, index: ReferenceIndex): boolean {
  if (f.types.length > 0 && !f.types.includes(a.kind)) return false;
  const chained = a.kind === 'enterprise' || a.kind === 'cluster' || a.kind === 'stage';
  if (f.chain && chained && !a.chains.includes(f.chain)) return false;
  if (
    f.stages.length > 0 &&
    (a.kind === 'enterprise' || a.kind === 'stage') &&
    !a.stages.some((s) => f.stages.includes(s))
  )
    return false;
  if (f.sizes.length > 0 && a.kind === 'enterprise' && !(a.category && f.sizes.includes(a.category))) return false;
  if (f.regions.length > 0 && a.region !== null && !f.regions.includes(a.region)) return false;
  if (f.districts.length > 0 && a.region !== null && !f.districts.includes(index.district.get(a.region) ?? ''))
    return false;
  if (f.cluster && a.kind === 'enterprise' && !a.clusters.includes(f.cluster)) return false;
  if (f.cluster && a.kind === 'cluster' && node !== f.cluster) return false;
  return true;
}

/**
 * Links of a kind switched off fail; supply links outside the volume range fail; links of other
 * types have no volume and pass the range.
 */
export function edgePasses(e: Pick<EdgeAttrs, 'rel' | 'volumeMlnRub'>, f: Filters): boolean {
  if (f.linksOff.length > 0 && f.linksOff.includes(linkKind(e.rel))) return false;
  if (e.rel !== 'SUPPLIES' || e.volumeMlnRub === null) return true;
  if (f.volumeMin !== null && e.volumeMlnRub < f.volumeMin) return false;
  if (f.volumeMax !== null && e.volumeMlnRub > f.volumeMax) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Layouts

export type LayoutId = 'geo' | 'chain' | 'force';
export const LAYOUTS: LayoutId[] = ['geo', 'chain', 'force'];

/** A deterministic angle per node id, so positions do not jump between runs. */
function hash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/**
 * Pixels between neighbouring nodes of the geographic layout once the camera fits the graph: two
 * of the largest nodes (MAX_NODE_SIZE is a radius in pixels) with room to spare, so that they stay
 * apart when the camera backs off a little to show labels at the edge.
 */
export const GEO_CELL_PX = 2 * MAX_NODE_SIZE + 10;
/** The canvas a layout assumes when it is not told (the benchmark, tests): sigma's stagePadding included. */
export const DEFAULT_VIEWPORT: Viewport = { width: 800, height: 600, padding: 40 };

/**
 * Geographic: each region's nodes around the region's centre (projected like the overview and its
 * basemap: the centre never moves), on a hexagonal lattice whose step is GEO_CELL_PX pixels at the
 * zoom that fits the graph into `viewport` — so nodes do not overlap there, a region with many
 * nodes takes a larger patch, and neighbouring regions share the ground between them. Nodes
 * without a region sit by their linked nodes, on the same lattice.
 */
export function geoLayout(graph: ExplorerGraph, viewport: Viewport = DEFAULT_VIEWPORT): void {
  const groups = new Map<string, string[]>();
  const homeless: string[] = [];
  graph.forEachNode((node, a) => {
    if (a.lat === null || a.lon === null) {
      homeless.push(node);
      return;
    }
    const key = String(a.region);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(node);
  });
  // Each region first (on its centre), then the rest in a fixed pseudo-random order: one hash per
  // node, kept beside it, so that the comparisons read no map.
  const members = [...groups.values()].map((nodes) =>
    nodes
      .map((n) => ({ n, order: graph.getNodeAttribute(n, 'kind') === 'region' ? -1 : hash(n) }))
      .sort((a, b) => a.order - b.order)
      .map((x) => x.n),
  );
  const centres = members.map((nodes) => {
    const a = graph.getNodeAttributes(nodes[0]);
    return project(a.lat!, a.lon!);
  });
  const positions = new Map<string, Point>();
  const { scale: estimate, floor } = geoScale(centres, members, viewport);
  let scale = estimate;
  // The patches may reach further than their estimate (cells skipped at a neighbour's border,
  // nodes placed by their links): check the fit of what was placed, and tighten once or twice.
  for (let pass = 0; pass < 3; pass++) {
    positions.clear();
    const occupancy = new Occupancy(GEO_CELL_PX / scale);
    const placed = spreadGroups(
      members.map((nodes, k) => ({ centre: centres[k], count: nodes.length })),
      occupancy,
    );
    members.forEach((nodes, k) => nodes.forEach((n, i) => positions.set(n, placed[k][i])));
    placeByNeighbours(graph, homeless, positions, occupancy);
    const fitted = fittedScale(extentOf(positions.values()), viewport);
    if (fitted >= scale * 0.95) break;
    // Never below the floor: on a view too big for the canvas the patches dominate the drawing,
    // so every pass below it only swelled them further (the fit shrinks with the step) and lost
    // the map, at the cost of a whole layout each time.
    const next = Math.max(floor, fitted * 0.98);
    if (next >= scale) break;
    scale = next;
  }
  // One bulk update rather than an event per node.
  graph.updateEachNodeAttributes((node, a) => {
    const p = positions.get(node);
    if (p) {
      a.x = p.x;
      a.y = p.y;
    }
    return a;
  });
}

/**
 * The scale (pixels per kilometre at the fitted zoom) at which the regions' patches, spread at
 * GEO_CELL_PX, fit the canvas together with the map they lie on: a fixed point, since the patches
 * widen the map the fit has to show. Never below a quarter of the map's own scale: past that the
 * patches would swamp the geography, and a view that large has to be zoomed into anyway.
 */
function geoScale(centres: Point[], members: string[][], viewport: Viewport): { scale: number; floor: number } {
  const map = fittedScale(extentOf(centres), viewport);
  // One place only: any scale will do, the fit follows the patch.
  if (!Number.isFinite(map)) return { scale: 1, floor: 0 };
  let scale = map;
  for (let i = 0; i < 50; i++) {
    const step = GEO_CELL_PX / scale;
    const extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    centres.forEach((c, k) => {
      const r = patchRadius(members[k].length, step);
      extent.minX = Math.min(extent.minX, c.x - r);
      extent.maxX = Math.max(extent.maxX, c.x + r);
      extent.minY = Math.min(extent.minY, c.y - r);
      extent.maxY = Math.max(extent.maxY, c.y + r);
    });
    const next = Math.max(map / 4, fittedScale(extent, viewport));
    if (next >= scale * 0.999) break;
    scale = next;
  }
  return { scale, floor: map / 4 };
}

/**
 * Nodes without a position of their own go beside the mean of their placed neighbours, in passes
 * (a stage placed by its enterprises places the chain it is part of); those with no placed
 * neighbour at all stand in rows just under the map, so they never stretch the view. Each takes
 * the free lattice cell nearest its spot, so they do not cover the regions' nodes either.
 */
function placeByNeighbours(
  graph: ExplorerGraph,
  nodes: string[],
  positions: Map<string, Point>,
  occupancy: Occupancy,
): void {
  let pending = nodes;
  for (;;) {
    const next: string[] = [];
    const now: [string, Point][] = [];
    for (const node of pending) {
      let sx = 0;
      let sy = 0;
      let k = 0;
      graph.forEachNeighbor(node, (m) => {
        const p = positions.get(m);
        if (p) {
          sx += p.x;
          sy += p.y;
          k++;
        }
      });
      if (k === 0) next.push(node);
      else now.push([node, { x: sx / k, y: sy / k }]);
    }
    for (const [node, target] of now) positions.set(node, occupancy.takeNear(target));
    pending = next;
    if (now.length === 0 || pending.length === 0) break;
  }
  if (pending.length === 0) return;
  let { minX, maxX, minY, maxY } = extentOf(positions.values());
  if (!Number.isFinite(minX)) [minX, maxX, minY, maxY] = [0, 0, 0, 0];
  const perRow = Math.max(1, Math.min(pending.length, Math.ceil(Math.sqrt(pending.length * 4))));
  const step = Math.max(occupancy.step, (maxX - minX) / perRow);
  const left = (minX + maxX) / 2 - (step * (perRow - 1)) / 2;
  const top = minY - Math.max(occupancy.step * 1.5, (maxY - minY) * 0.08);
  pending.forEach((node, i) =>
    positions.set(
      node,
      occupancy.takeNear({ x: left + (i % perRow) * step, y: top - Math.floor(i / perRow) * occupancy.step }),
    ),
  );
}

/** Horizontal distance between stage columns and vertical distance between nodes of the chain layout. */
export const CHAIN_COLUMN = 200;
const CHAIN_ROW = 30;
/** Rows left free above the second chain's block for its headers, at least. */
const CHAIN_HEADER_ROWS = 5;
const CHAIN_HEADER_MAX_ROWS = 9;
/** Pixels the explorer's column headers take above a block: two staggered rows of two lines. */
export const CHAIN_HEADER_ROOM_PX = 84;

/** The lanes under the chain: nodes that belong to no stage, by what they are. */
export type ChainLane = 'cluster' | 'region' | 'support' | 'other';
export const CHAIN_LANES: ChainLane[] = ['cluster', 'region', 'support', 'other'];
function laneOf(kind: NodeKind): ChainLane {
  if (kind === 'cluster' || kind === 'region') return kind;
  if (kind === 'supportorg' || kind === 'technopark') return 'support';
  return 'other';
}

/**
 * Where the chain layout put its guides, in graph units: a header above each stage column (at
 * `top`, the highest node of that chain's block), and a label at the left end of each lane.
 */
export interface ChainGuides {
  /** Graph units between neighbouring stage columns (CHAIN_COLUMN, wider when columns wrap). */
  column: number;
  /**
   * One header per column: the stages of that order in the chain (a supplier and a core stage may
   * share one), above `top` (the highest node of that chain's block); `bottom` is the block's
   * lowest row, so a header that sticks to the canvas's top edge goes no further down than that.
   */
  columns: { chain: string; stages: string[]; x: number; top: number; bottom: number }[];
  lanes: { lane: ChainLane; x: number; y: number }[];
}

/**
 * Chain: x is the order of the node's earliest stage in its chain, so supply reads left to right
 * (forest management → logging → sawmilling → …; exploration → production → refining → …).
 * Core stages sit in the middle band, their suppliers above and services below; the timber chain
 * above the oil-and-gas chain. Nodes outside the chains go to lanes under them — clusters,
 * regions, support organisations, the rest — each near the columns of the nodes it is linked to.
 */
export function chainLayout(
  graph: ExplorerGraph,
  index: ReferenceIndex,
  chain: string | null,
  viewport: Viewport = DEFAULT_VIEWPORT,
): ChainGuides {
  chain ??= dominantChain(graph);
  const columns = new Map<string, string[]>();
  const columnStages = new Map<string, Set<string>>();
  const outside: string[] = [];
  const bandOf = (kind: string) => (kind === 'supplier' ? 0 : kind === 'core' ? 1 : 2);
  const chainBand = (c: string) => (c === 'oilgas' ? 1 : 0);
  graph.forEachNode((node, a) => {
    const stage = primaryStage(a.stages, index, chain) ?? primaryStage(a.stages, index);
    const info = stage ? index.stageOrder.get(stage) : undefined;
    if (!info) {
      outside.push(node);
      return;
    }
    const key = `${chainBand(info.chain)}|${info.order}|${bandOf(info.kind)}`;
    if (!columns.has(key)) columns.set(key, []);
    columns.get(key)!.push(node);
    const at = `${info.chain}|${info.order}`;
    if (!columnStages.has(at)) columnStages.set(at, new Set());
    columnStages.get(at)!.add(stage!);
  });
  const orders = [...columns.keys()].map((k) => Number(k.split('|')[1]));
  const minOrder = orders.length ? Math.min(...orders) : 1;
  const maxOrder = orders.length ? Math.max(...orders) : 1;
  // Long columns wrap into `wrap` sub-columns (and the columns widen with them) until the drawing
  // is no taller than the canvas's proportions: a thin, tall strip would be fitted unreadably small.
  const longest = Math.max(1, ...[...columns.values()].map((n) => n.length));
  let wrap = 1;
  let rowsCap = longest;
  let column = CHAIN_COLUMN;
  const bandHeight = new Map<string, number>();
  for (; ; wrap++) {
    rowsCap = Math.ceil(longest / wrap);
    column = CHAIN_COLUMN * Math.max(1, wrap / 2);
    bandHeight.clear();
    for (const [key, nodes] of columns) {
      const [c, , band] = key.split('|');
      const k = `${c}|${band}`;
      bandHeight.set(k, Math.max(bandHeight.get(k) ?? 0, Math.min(nodes.length, rowsCap)));
    }
    let tall = 0;
    for (const h of bandHeight.values()) tall += (h + 2) * CHAIN_ROW;
    if (tall <= (maxOrder - minOrder + 2) * column * 0.75 || rowsCap <= 4) break;
  }
  // Rows spread out on small views, so that the drawing is not a thin strip (sigma keeps the
  // aspect ratio): the stack of bands is at least about half as tall as the chain is wide.
  let rows = 0;
  for (const h of bandHeight.values()) rows += h + 2;
  const width = orders.length ? (maxOrder - minOrder + 2) * column : 0;
  const row = Math.max(CHAIN_ROW, (width * 0.5) / Math.max(rows, 1));
  // The second chain's headers need about CHAIN_HEADER_ROOM_PX of free canvas above its block at
  // the zoom that fits the drawing into the viewport: rows are added to the gap until they have it.
  let gapRows = CHAIN_HEADER_ROWS;
  let guides = placeChain(gapRows);
  for (let pass = 0; pass < 3 && chainsShown(guides) > 1; pass++) {
    const scale = fittedScale(extentOf(graph.mapNodes((_, a) => ({ x: a.x, y: a.y }))), viewport);
    // Capped: each row added also makes the drawing taller and so smaller on a short canvas.
    const need = Math.min(CHAIN_HEADER_MAX_ROWS, Math.ceil(CHAIN_HEADER_ROOM_PX / (row * scale)));
    if (need <= gapRows) break;
    gapRows = need;
    guides = placeChain(gapRows);
  }
  return guides;

  function placeChain(gap: number): ChainGuides {
    // Bands stack downwards: timber suppliers, core, services, then the same for oil and gas.
    const bandTop = new Map<string, number>();
    const chainTop = new Map<string, number>();
    const chainBottom = new Map<string, number>();
    let y = 0;
    for (const c of ['0', '1']) {
      for (const band of ['0', '1', '2']) {
        const h = bandHeight.get(`${c}|${band}`);
        if (!h) continue;
        if (!chainTop.has(c)) chainTop.set(c, y);
        bandTop.set(`${c}|${band}`, y);
        chainBottom.set(c, y - (h - 1) * row);
        y -= (h + 2) * row;
      }
      // Room for the next chain's headers: two staggered rows of two lines each on a narrow canvas.
      if (chainTop.has(c)) y -= gap * row;
    }
    for (const [key, nodes] of columns) {
      const [c, order, band] = key.split('|');
      nodes.sort((a, b) => {
        const sa = graph.getNodeAttribute(a, 'kind') === 'stage' ? 0 : 1;
        const sb = graph.getNodeAttribute(b, 'kind') === 'stage' ? 0 : 1;
        return (
          sa - sb ||
          String(graph.getNodeAttribute(a, 'region')).localeCompare(String(graph.getNodeAttribute(b, 'region'))) ||
          a.localeCompare(b)
        );
      });
      const top = bandTop.get(`${c}|${band}`)!;
      // A long column wraps into sub-columns inside its stage's width, so that the drawing keeps
      // the canvas's proportions instead of becoming a thin, tall strip.
      const sub = Math.ceil(nodes.length / rowsCap);
      const perRow = Math.ceil(nodes.length / sub);
      const subWidth = (column * 0.8) / sub;
      nodes.forEach((node, i) =>
        graph.mergeNodeAttributes(node, {
          x: Number(order) * column + (Math.floor(i / perRow) - (sub - 1) / 2) * subWidth,
          y: top - (i % perRow) * row,
        }),
      );
    }
    const guides: ChainGuides = { column, columns: [], lanes: [] };
    for (const [key, stages] of columnStages) {
      const [c, order] = key.split('|');
      guides.columns.push({
        chain: c,
        stages: [...stages].sort(),
        x: Number(order) * column,
        top: chainTop.get(String(chainBand(c)))!,
        bottom: chainBottom.get(String(chainBand(c)))!,
      });
    }
    guides.columns.sort((a, b) => a.top - b.top || a.x - b.x);
    placeLanes(graph, outside, guides, {
      left: minOrder * column,
      right: Math.max(maxOrder, minOrder + 3) * column,
      top: y,
      row,
    });
    return guides;
  }
}

const chainsShown = (guides: ChainGuides) => new Set(guides.columns.map((c) => c.chain)).size;

/**
 * The lanes under the chain, one after the other: in each, a node stands in the slot (half a
 * column wide) nearest the mean column of its linked nodes, or the next free one, wrapping onto
 * another row of the lane when a row is full; rows alternate by half a slot so labels interleave.
 */
function placeLanes(
  graph: ExplorerGraph,
  outside: string[],
  guides: ChainGuides,
  box: { left: number; right: number; top: number; row: number },
): void {
  const slot = guides.column / 2;
  const slots = Math.round((box.right - box.left) / slot) + 1;
  const lanes = new Map<ChainLane, string[]>();
  for (const node of outside) {
    const lane = laneOf(graph.getNodeAttribute(node, 'kind'));
    if (!lanes.has(lane)) lanes.set(lane, []);
    lanes.get(lane)!.push(node);
  }
  const outsideSet = new Set(outside);
  const wanted = new Map<string, number>();
  for (const node of outside) {
    let sum = 0;
    let k = 0;
    graph.forEachNeighbor(node, (m, a) => {
      if (outsideSet.has(m)) return;
      sum += a.x;
      k++;
    });
    const x = k ? sum / k : box.left;
    wanted.set(node, Math.max(0, Math.min(slots - 1, Math.round((x - box.left) / slot))));
  }
  const laneGap = Math.max(box.row, CHAIN_ROW) * 3;
  let y = box.top;
  for (const lane of CHAIN_LANES) {
    const nodes = lanes.get(lane);
    if (!nodes) continue;
    nodes.sort((a, b) => wanted.get(a)! - wanted.get(b)! || a.localeCompare(b));
    y -= laneGap;
    guides.lanes.push({ lane, x: box.left, y });
    const taken: boolean[][] = [];
    for (const node of nodes) {
      const want = wanted.get(node)!;
      for (let r = 0; ; r++) {
        taken[r] ??= new Array<boolean>(slots).fill(false);
        // The nearest free slot of this row, right first.
        let s = -1;
        for (let d = 0; d < slots && s < 0; d++) {
          if (want + d < slots && !taken[r][want + d]) s = want + d;
          else if (want - d >= 0 && !taken[r][want - d]) s = want - d;
        }
        if (s < 0) continue;
        taken[r][s] = true;
        graph.mergeNodeAttributes(node, {
          x: box.left + s * slot + (r % 2) * (slot / 2),
          y: y - r * laneGap * 0.5,
        });
        break;
      }
    }
    y -= (taken.length - 1) * laneGap * 0.5;
  }
}

/** The chain most nodes on screen belong to (an enterprise of both chains is placed by this one). */
function dominantChain(graph: ExplorerGraph): string | null {
  const counts = new Map<string, number>();
  graph.forEachNode((_, a) => {
    for (const c of a.chains) counts.set(c, (counts.get(c) ?? 0) + 1);
  });
  let best: string | null = null;
  for (const [c, n] of counts)
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && c < best)) best = c;
  return best;
}

/** Starting positions for ForceAtlas2 when the graph has none (all at the origin would not spread). */
export function seedPositions(graph: ExplorerGraph): void {
  graph.updateEachNodeAttributes((node, a) => {
    if (a.x !== 0 || a.y !== 0) return a;
    const angle = hash(node) * 2 * Math.PI;
    const r = 100 * Math.sqrt(hash(node + '#'));
    a.x = r * Math.cos(angle);
    a.y = r * Math.sin(angle);
    return a;
  });
}

/**
 * The whole CPU path from an API answer to the graph sigma draws: build, lay out, colour and size.
 * The explorer does these same steps (incrementally); the benchmark times this function.
 */
export function buildStyledGraph(
  sub: Subgraph,
  index: ReferenceIndex,
  options: { lang: 'ru' | 'en'; appearance: Appearance; layout: LayoutId; chain?: string | null },
) {
  const graph = buildGraph(sub, options.lang);
  if (options.layout === 'geo') geoLayout(graph);
  else if (options.layout === 'chain') chainLayout(graph, index, options.chain ?? null);
  else seedPositions(graph);
  const legend = applyAppearance(graph, options.appearance, index);
  const volume = applyEdgeWidths(graph);
  return { graph, legend: { ...legend, volume } };
}
