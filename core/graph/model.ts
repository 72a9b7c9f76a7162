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

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Geographic: each node at the centre of its region (projected like the overview), the nodes of
 * one region spread on a sunflower spiral around it; nodes without a region sit by their linked nodes.
 */
export function geoLayout(graph: ExplorerGraph): void {
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
  // Kilometres between neighbours on a spiral: small enough for dense regions to stay near their centre.
  const step = 9;
  const positions = new Map<string, { x: number; y: number }>();
  for (const nodes of groups.values()) {
    // The region first, then the rest in a fixed pseudo-random order (one hash per node, not per comparison).
    const order = new Map(nodes.map((n) => [n, graph.getNodeAttribute(n, 'kind') === 'region' ? -1 : hash(n)]));
    nodes.sort((a, b) => order.get(a)! - order.get(b)!);
    const first = graph.getNodeAttributes(nodes[0]);
    const centre = project(first.lat!, first.lon!);
    const regionFirst = order.get(nodes[0]) === -1;
    nodes.forEach((node, i) => {
      const k = regionFirst ? i : i + 1;
      const r = step * Math.sqrt(k);
      positions.set(node, {
        x: centre.x + r * Math.cos(k * GOLDEN_ANGLE),
        y: centre.y + r * Math.sin(k * GOLDEN_ANGLE),
      });
    });
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
  placeByNeighbours(graph, homeless);
}

/**
 * Nodes without a position of their own go beside the mean of their placed neighbours, in passes
 * (a stage placed by its enterprises places the chain it is part of); those with no placed
 * neighbour at all stand in rows just under the map, so they never stretch the view.
 */
function placeByNeighbours(graph: ExplorerGraph, nodes: string[]): void {
  const placed = new Set<string>();
  graph.forEachNode((n) => placed.add(n));
  for (const n of nodes) placed.delete(n);
  let pending = nodes;
  for (;;) {
    const next: string[] = [];
    const now: string[] = [];
    for (const node of pending) {
      let sx = 0;
      let sy = 0;
      let k = 0;
      graph.forEachNeighbor(node, (m, a) => {
        if (placed.has(m)) {
          sx += a.x;
          sy += a.y;
          k++;
        }
      });
      if (k === 0) {
        next.push(node);
        continue;
      }
      const angle = hash(node) * 2 * Math.PI;
      graph.mergeNodeAttributes(node, { x: sx / k + 30 * Math.cos(angle), y: sy / k + 30 * Math.sin(angle) });
      now.push(node);
    }
    for (const n of now) placed.add(n);
    pending = next;
    if (now.length === 0 || pending.length === 0) break;
  }
  if (pending.length === 0) return;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const n of placed) {
    const a = graph.getNodeAttributes(n);
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  }
  if (!Number.isFinite(minX)) [minX, maxX, minY, maxY] = [0, 0, 0, 0];
  const perRow = Math.max(1, Math.min(pending.length, Math.ceil(Math.sqrt(pending.length * 4))));
  const step = Math.max(30, (maxX - minX) / perRow);
  const left = (minX + maxX) / 2 - (step * (perRow - 1)) / 2;
  const top = minY - Math.max(40, (maxY - minY) * 0.08);
  pending.forEach((node, i) =>
    graph.mergeNodeAttributes(node, { x: left + (i % perRow) * step, y: top - Math.floor(i / perRow) * step * 0.5 }),
  );
}

/** Horizontal distance between stage columns and vertical distance between nodes of the chain layout. */
export const CHAIN_COLUMN = 200;
const CHAIN_ROW = 30;

/**
 * Chain: x is the order of the node's earliest stage in its chain, so supply reads left to right
 * (forest management → logging → sawmilling → …; exploration → production → refining → …).
 * Core stages sit in the middle band, their suppliers above and services below; the timber chain
 * above the oil-and-gas chain. Nodes outside the chains (regions, clusters, …) go to a column left
 * of the first stage.
 */
export function chainLayout(graph: ExplorerGraph, index: ReferenceIndex, chain: string | null): void {
  chain ??= dominantChain(graph);
  const columns = new Map<string, string[]>();
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
  });
  const bandHeight = new Map<string, number>();
  for (const [key, nodes] of columns) {
    const [c, , band] = key.split('|');
    const k = `${c}|${band}`;
    bandHeight.set(k, Math.max(bandHeight.get(k) ?? 0, nodes.length));
  }
  // Rows spread out on small views, so that the drawing is not a thin strip (sigma keeps the
  // aspect ratio): the stack of bands is at least about half as tall as the chain is wide.
  let rows = 0;
  for (const h of bandHeight.values()) rows += h + 2;
  const orders = [...columns.keys()].map((k) => Number(k.split('|')[1]));
  const width = orders.length ? (Math.max(...orders) - Math.min(...orders) + 2) * CHAIN_COLUMN : 0;
  const row = Math.max(CHAIN_ROW, (width * 0.5) / Math.max(rows, 1));
  // Bands stack downwards: timber suppliers, core, services, then the same for oil and gas.
  const bandTop = new Map<string, number>();
  let y = 0;
  for (const c of ['0', '1']) {
    for (const band of ['0', '1', '2']) {
      const h = bandHeight.get(`${c}|${band}`);
      if (!h) continue;
      bandTop.set(`${c}|${band}`, y);
      y -= (h + 2) * row;
    }
    y -= 3 * row;
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
    nodes.forEach((node, i) => graph.mergeNodeAttributes(node, { x: Number(order) * CHAIN_COLUMN, y: top - i * row }));
  }
  outside.sort(
    (a, b) => graph.getNodeAttribute(a, 'kind').localeCompare(graph.getNodeAttribute(b, 'kind')) || a.localeCompare(b),
  );
  outside.forEach((node, i) =>
    graph.mergeNodeAttributes(node, { x: -CHAIN_COLUMN * (1 + Math.floor(i / 60)), y: -(i % 60) * row }),
  );
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
