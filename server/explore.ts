// The graph explorer's reads: nodes of a saved view, one node's neighbours (expansion) and the
// shortest supply path between two enterprises, all as one compact shape (Subgraph).
import neo4j from 'neo4j-driver';
import { cypher, type Db, type Row } from './db.js';
import { NODE_TYPES, parseNodeId, type NodeType } from './graph.js';
import { EXPAND_MAX } from './config.js';
import type { ExploreEdge, ExploreNode, Subgraph } from '../core/schemas.js';
import { AppError, codeForStatus } from './errors.js';

export type Direction = 'in' | 'out';

/** Relationship types the explorer follows (the data model's), in a fixed order. */
export const REL_TYPES = [
  'SUPPLIES',
  'IN_PROGRAMME',
  'CONTRACT',
  'MEMBER_OF',
  'LOCATED_IN',
  'BASED_IN',
  'RESIDENT_OF',
  'SUPPORTS',
  'OPERATES_AT',
  'CAPABLE_OF',
  'PART_OF',
  'FEEDS',
  'CLASSIFIED_AS',
] as const;
export type RelType = (typeof REL_TYPES)[number];

/**
 * The data model: the node types at the start and at the end of each relationship type. The
 * first end type listed is the common one (see summaryCount).
 */
const REL_ENDS: Record<RelType, { from: NodeType[]; to: NodeType[] }> = {
  SUPPLIES: { from: ['enterprise'], to: ['enterprise'] },
  // Ties of the SME register: the SME to the large customer (a partnership programme, a contract).
  IN_PROGRAMME: { from: ['enterprise'], to: ['enterprise'] },
  CONTRACT: { from: ['enterprise'], to: ['enterprise'] },
  MEMBER_OF: { from: ['enterprise'], to: ['cluster'] },
  LOCATED_IN: { from: ['enterprise', 'technopark', 'supportorg'], to: ['region'] },
  BASED_IN: { from: ['cluster'], to: ['region'] },
  RESIDENT_OF: { from: ['enterprise'], to: ['technopark'] },
  SUPPORTS: { from: ['supportorg'], to: ['cluster', 'technopark'] },
  OPERATES_AT: { from: ['enterprise'], to: ['stage'] },
  // A stage an extra OKVED code maps to and the main code does not: never beside OPERATES_AT.
  CAPABLE_OF: { from: ['enterprise'], to: ['stage'] },
  PART_OF: { from: ['stage'], to: ['chain'] },
  FEEDS: { from: ['stage'], to: ['stage'] },
  CLASSIFIED_AS: { from: ['stage'], to: ['industry'] },
};

/**
 * Types that may link the same two nodes more than once: one SUPPLIES per product, one tie per
 * programme or contract, and SUPPLIES or FEEDS both ways. The import and the seed MERGE every
 * other type without properties in the pattern, so those link a pair at most once, and each links
 * a node to neighbours of kinds no other type reaches (OPERATES_AT and CAPABLE_OF reach stages,
 * but never the same one): their relationship counts are neighbour counts.
 */
const MULTI_RELS: ReadonlySet<RelType> = new Set(['SUPPLIES', 'IN_PROGRAMME', 'CONTRACT', 'FEEDS']);

/** Past this many candidate relationships, enterprises are ranked by headcount instead of degree. */
const DEGREE_RANK_MAX = 5000;

/**
 * Relationship types from an enterprise to a hub whose end the enterprise also names in a
 * property of its own (the import and the register write both, from the same column): past the
 * degree threshold, the hub's largest enterprises are found down the headcount index, by that
 * property, instead of by visiting all of them (cypher/explore-rank-hub-indexed.cypher).
 */
const HUB_MEMBERSHIP: Partial<Record<NodeType, { rel: RelType; member: string }>> = {
  region: { rel: 'LOCATED_IN', member: 'm.region = n.code' },
  stage: { rel: 'OPERATES_AT', member: 'n.id IN m.stages' },
};

/** At most this many headcount index entries are read for one hub before visiting its enterprises instead. */
const HUB_SCAN_MAX = 50_000;

export interface SummaryRow {
  rel: RelType;
  dir: Direction;
  type: NodeType;
  count: number;
}

class ExploreError extends AppError {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(status, codeForStatus(status), message);
  }
}

const TYPE_BY_LABEL = new Map<string, NodeType>(
  Object.entries(NODE_TYPES).map(([type, v]) => [v.label, type as NodeType]),
);

/** A fragment of cypher/<name>.cypher without its comment lines (they would repeat in every copy). */
function fragment(name: string): string {
  return cypher(name)
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
}

/** Fills the {{placeholders}} of a query; comment lines keep theirs. */
function fill(template: string, values: Record<string, string>): string {
  return template
    .split('\n')
    .map((line) =>
      line.trim().startsWith('//')
        ? line
        : line.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
            if (!Object.hasOwn(values, name)) throw new Error(`no value for ${whole}`);
            return values[name];
          }),
    )
    .join('\n');
}

/** The node-finding UNION over every node type, for $ids = {enterprise: [keys], region: […], …}. */
function findAll(): string {
  const one = fragment('explore-find');
  return Object.entries(NODE_TYPES)
    .map(([type, { label, key }]) => fill(one, { type, label, key }))
    .join('\nUNION ALL\n');
}

/** Keys by node type for $ids, every type present (an empty list finds nothing). */
function keysByType(ids: Iterable<{ type: NodeType; key: string }>): Record<NodeType, string[]> {
  const keys = Object.fromEntries(Object.keys(NODE_TYPES).map((t) => [t, [] as string[]])) as Record<
    NodeType,
    string[]
  >;
  for (const { type, key } of ids) keys[type].push(key);
  return keys;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The type and key of a node from its labels and key properties ({labels, id, code}). */
function typeAndKey(raw: Record<string, unknown>): { type: NodeType; key: string } | null {
  const type = strings(raw.labels)
    .map((l) => TYPE_BY_LABEL.get(l))
    .find((t) => t !== undefined);
  if (!type) return null;
  const key = str(raw[NODE_TYPES[type].key]);
  return key === null ? null : { type, key };
}

function idOf(raw: Record<string, unknown>): string | null {
  const tk = typeAndKey(raw);
  return tk && `${tk.type}:${tk.key}`;
}

/** An ExploreNode from the map of cypher/explore-node.cypher, or null for a node of no known type. */
function toExploreNode(raw: Record<string, unknown>): ExploreNode | null {
  const tk = typeAndKey(raw);
  if (!tk) return null;
  const { type, key } = tk;
  const chain = str(raw.chain);
  const chains =
    type === 'enterprise'
      ? strings(raw.chains)
      : type === 'cluster' || type === 'stage'
        ? chain
          ? [chain]
          : []
        : type === 'chain'
          ? [key]
          : [];
  return {
    id: `${type}:${key}`,
    type,
    name: str(raw.name) ?? key,
    nameEn: str(raw.nameEn),
    nameLatin: str(raw.nameLatin),
    inn: raw.inn === null || raw.inn === undefined ? null : String(raw.inn),
    okved: Array.isArray(raw.okved) ? strings(raw.okved).join(';') || null : str(raw.okved),
    region: str(raw.region),
    lat: num(raw.lat),
    lon: num(raw.lon),
    size: type === 'enterprise' ? str(raw.size) : null,
    employees: num(raw.employees),
    revenueMlnRub: num(raw.revenueMlnRub),
    chains,
    stages: type === 'enterprise' ? strings(raw.stages) : type === 'stage' ? [key] : [],
    clusters: strings(raw.clusters).map((c) => `cluster:${c}`),
    degree: Number(raw.degree ?? 0),
    synthetic: raw.synthetic === true,
  };
}

/** Nodes of `rows` (each {eid, node}) in order, and a map from element id to node id. */
function collectNodes(rows: { eid: unknown; node: unknown }[], byEid: Map<string, string>): ExploreNode[] {
  const nodes: ExploreNode[] = [];
  for (const row of rows) {
    const node = toExploreNode(row.node as Record<string, unknown>);
    if (!node) continue;
    byEid.set(String(row.eid), node.id);
    nodes.push(node);
  }
  return nodes;
}

/** The fields of a tie an edge carries when the relationship has them. */
const TIE_FIELDS = ['law', 'subject', 'number', 'date'] as const;

/** An ExploreEdge from a row of relationship fields and the ids of its ends. */
function edgeOf(row: Row, source: string, target: string): ExploreEdge {
  const edge: ExploreEdge = {
    id: String(row.id),
    source,
    target,
    type: String(row.type),
    volumeMlnRub: num(row.volumeMlnRub),
    stage: str(row.stage),
    product: str(row.product),
    synthetic: row.synthetic === true,
  };
  for (const field of TIE_FIELDS) {
    const value = str(row[field]);
    if (value !== null && value !== '') edge[field] = value;
  }
  return edge;
}

/**
 * An ExploreEdge from a row whose `source` and `target` are {labels, id, code} of its ends; a
 * tie's fields (`law`, `subject`, `number`, `date`) are there when the relationship has them.
 */
export function toEdge(row: Row): ExploreEdge | null {
  const source = idOf(row.source as Record<string, unknown>);
  const target = idOf(row.target as Record<string, unknown>);
  return source && target ? edgeOf(row, source, target) : null;
}

let visibleQuery: string | undefined;

/** The nodes named by `ids` (the unknown ones left out): their ids by element id. */
export async function elementIdsOf(
  db: Db,
  ids: Iterable<{ type: NodeType; key: string }>,
): Promise<Map<string, string>> {
  const keys = keysByType(ids);
  if (Object.values(keys).every((k) => k.length === 0)) return new Map();
  visibleQuery ??= `CALL () {\n${findAll()}\n}\nRETURN collect([elementId(m), nodeId]) AS found`;
  const [row] = await db.read(visibleQuery, { ids: keys });
  return new Map(((row?.found as unknown[][] | undefined) ?? []).map(([eid, id]) => [String(eid), String(id)]));
}

/**
 * Relationships with one end among `a` and the other among `a` or `others` (element ids: the
 * expanded node and the visible ones); `idOf` holds the id of every one of these nodes by
 * element id.
 */
async function edgesAmong(
  db: Db,
  a: string[],
  others: string[],
  idOf: ReadonlyMap<string, string>,
  from: 'new' | 'visible' | null = null,
): Promise<ExploreEdge[]> {
  if (a.length === 0) return [];
  const inA = new Set(a);
  const t = [...new Set(others)].filter((e) => !inA.has(e));
  const rows = await db.read(cypher('explore-edges'), { a, t, from });
  const edges = new Map<string, ExploreEdge>();
  for (const row of rows) {
    const source = idOf.get(String(row.source));
    const target = idOf.get(String(row.target));
    if (source && target) edges.set(String(row.id), edgeOf(row, source, target));
  }
  return [...edges.values()];
}

/** Well-formed ids by their canonical form (type:key), first spelling kept. */
function parseIds(ids: string[]): Map<string, { type: NodeType; key: string }> {
  const parsed = new Map<string, { type: NodeType; key: string }>();
  for (const raw of ids) {
    const p = parseNodeId(raw);
    if (p && !parsed.has(`${p.type}:${p.key}`)) parsed.set(`${p.type}:${p.key}`, p);
  }
  return parsed;
}

const canonical = (id: string) => {
  const p = parseNodeId(id);
  return p ? `${p.type}:${p.key}` : null;
};

let nodesQuery: string | undefined;

/** Nodes by id, each with its element id, in no particular order (the export reads a view page by page). */
export async function nodesWithElementIds(db: Db, ids: string[]): Promise<{ eid: string; node: ExploreNode }[]> {
  const parsed = parseIds(ids);
  if (parsed.size === 0) return [];
  nodesQuery ??= fill(cypher('explore-nodes'), { find: findAll(), node: fragment('explore-node') });
  const rows = await db.read(nodesQuery, { ids: keysByType(parsed.values()) });
  const out: { eid: string; node: ExploreNode }[] = [];
  for (const row of rows) {
    const node = toExploreNode(row.node as Record<string, unknown>);
    if (node) out.push({ eid: String(row.eid), node });
  }
  return out;
}

/**
 * The nodes of a saved view, in the order asked, and every relationship among them. Ids that
 * are malformed or name no node are listed in `missing`, in the order asked.
 */
export async function exploreNodes(db: Db, ids: string[]): Promise<Subgraph & { missing: string[] }> {
  const parsed = parseIds(ids);
  let found: ExploreNode[] = [];
  let edges: ExploreEdge[] = [];
  if (parsed.size > 0) {
    nodesQuery ??= fill(cypher('explore-nodes'), { find: findAll(), node: fragment('explore-node') });
    const rows = await db.read(nodesQuery, { ids: keysByType(parsed.values()) });
    const byEid = new Map<string, string>();
    found = collectNodes(rows as { eid: unknown; node: unknown }[], byEid);
    edges = await edgesAmong(db, [...byEid.keys()], [], byEid);
  }
  const byId = new Map(found.map((n) => [n.id, n]));
  const nodes: ExploreNode[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const emitted = new Set<string>();
  for (const raw of ids) {
    if (seen.has(raw)) continue;
    seen.add(raw);
    const id = canonical(raw);
    const node = id === null ? undefined : byId.get(id);
    if (!node) missing.push(raw);
    else if (!emitted.has(node.id)) {
      emitted.add(node.id);
      nodes.push(node);
    }
  }
  return { nodes, edges, missing };
}

// ---------------------------------------------------------------------------------------------
// Expansion

export interface ExpandRequest {
  id: string;
  rel?: RelType[];
  dir?: Direction | 'both';
  types?: NodeType[];
  minVolume?: number;
  limit?: number;
  visible?: string[];
}

export interface Expansion extends Subgraph {
  node: ExploreNode;
  total: number;
  returned: number;
  truncated: boolean;
  summary: SummaryRow[];
}

interface Triple {
  rel: RelType;
  dir: Direction;
  type: NodeType;
}

/** Every (relationship type, direction, neighbour type) a node of `type` can have, by the data model. */
function triplesOf(type: NodeType): Triple[] {
  const triples: Triple[] = [];
  for (const rel of REL_TYPES) {
    if (REL_ENDS[rel].from.includes(type)) for (const t of REL_ENDS[rel].to) triples.push({ rel, dir: 'out', type: t });
    if (REL_ENDS[rel].to.includes(type)) for (const t of REL_ENDS[rel].from) triples.push({ rel, dir: 'in', type: t });
  }
  return triples;
}

const arrow = (dir: Direction | 'both', rel: string) =>
  dir === 'out' ? `-[${rel}]->` : dir === 'in' ? `<-[${rel}]-` : `-[${rel}]-`;

/**
 * The Cypher expression counting the neighbours of `n` in one triple. SUPPLIES, tie and FEEDS
 * neighbours come from the scan of explore-multi (`multiCounts`, by type and direction).
 * Types that link a pair at most once are counted by getDegree (constant time on a dense
 * node); where several neighbour types share a relationship type and direction (technoparks
 * and support organisations are located in regions beside enterprises), the rare types are
 * counted by pattern — the planner starts from their few nodes — and the common one is the rest.
 */
function summaryCount(t: Triple, all: Triple[]): string {
  if (MULTI_RELS.has(t.rel))
    return `coalesce(head([c IN multiCounts WHERE c.kind = '${t.rel}|${t.dir}' | c.count]), 0)`;
  const siblings = all.filter((o) => o.rel === t.rel && o.dir === t.dir);
  if (siblings.length === 1) return `COUNT { (n)${arrow(t.dir, `:${t.rel}`)}() }`;
  const rare = (o: Triple) => `COUNT { (n)${arrow(o.dir, `:${o.rel}`)}(:${NODE_TYPES[o.type].label}) }`;
  if (siblings[0].type !== t.type) return rare(t);
  return [`COUNT { (n)${arrow(t.dir, `:${t.rel}`)}() }`, ...siblings.slice(1).map(rare)].join(' - ');
}

// A neighbour over these types is counted once per type: each must join one node type to one.
for (const rel of MULTI_RELS) {
  if (REL_ENDS[rel].from.length !== 1 || REL_ENDS[rel].to.length !== 1)
    throw new Error(`${rel} must join one node type to one`);
}

const expandQueries = new Map<string, string>();

/**
 * The expansion query for a node type, whether neighbours over MULTI_RELS are asked for, and
 * the other relationship types and direction asked for (the filters on MULTI_RELS are
 * parameters).
 */
function expandQuery(type: NodeType, withMulti: boolean, unique: RelType[], dir: Direction | 'both'): string {
  const cacheKey = `${type}|${withMulti}|${unique.join(',')}|${dir}`;
  let q = expandQueries.get(cacheKey);
  if (q) return q;
  const { label, key } = NODE_TYPES[type];
  const triples = triplesOf(type);
  const multiOfType = REL_TYPES.filter((r) => MULTI_RELS.has(r) && triples.some((t) => t.rel === r));
  const summary = triples
    .map((t) => `{rel: '${t.rel}', dir: '${t.dir}', type: '${t.type}', count: ${summaryCount(t, triples)}}`)
    .join(',\n  ');
  const multiPattern = `(n)-[r:${multiOfType.join('|')}]-(m)`;
  const passes = fragment('explore-multi-passes');
  const branches: string[] = [];
  if (withMulti) branches.push(fill(fragment('explore-rank-multi'), { pattern: multiPattern, passes }));
  if (unique.length > 0) {
    const pattern = `(n)${arrow(dir, `r:${unique.join('|')}`)}(m)`;
    branches.push(fill(fragment('explore-rank'), { pattern }));
    branches.push(fill(fragment('explore-rank-hub'), { parts: hubParts(type, unique, dir) }));
  }
  q = fill(cypher('explore-expand'), {
    label,
    key,
    multiScan:
      multiOfType.length === 0
        ? 'RETURN [] AS multiCounts'
        : fill(fragment('explore-multi'), { pattern: multiPattern, passes }),
    summary,
    degreePattern: unique.length === 0 ? '(n) WHERE false' : `(n)${arrow(dir, `:${unique.join('|')}`)}()`,
    // Nothing asked for: a branch that finds nothing keeps the query well-formed.
    branches:
      branches.length > 0
        ? branches.join('\nUNION ALL\n')
        : 'WITH n WHERE false RETURN n AS m, true AS noVolume, null AS volume, 0 AS tier, null AS degree, null AS employees, null AS name, null AS tiebreak',
    node: fragment('explore-node'),
  });
  expandQueries.set(cacheKey, q);
  return q;
}

/**
 * The parts of explore-rank-hub for a node of `type` over the relationship types `unique` in
 * `dir`: per type and direction, the neighbours of other kinds than enterprises (by a walk when
 * no enterprise can be at the other end, else by scanning their small label), and the
 * enterprises (the clusters' anchors among them first, then down the headcount index where
 * HUB_MEMBERSHIP allows it, else by a walk).
 */
function hubParts(type: NodeType, unique: RelType[], dir: Direction | 'both'): string {
  const reachesEnterprises = unique.some((rel) =>
    (dir === 'both' ? (['out', 'in'] as const) : [dir]).some((d) =>
      (d === 'out' ? REL_ENDS[rel].from : REL_ENDS[rel].to).includes(type)
        ? (d === 'out' ? REL_ENDS[rel].to : REL_ENDS[rel].from).includes('enterprise')
        : false,
    ),
  );
  // No enterprise at the other end (an enterprise's own region, stages and cluster; a cluster's
  // regions): one walk ranks them all by degree, and the query stays short to plan.
  if (!reachesEnterprises)
    return fill(fragment('explore-rank-hub-others'), { find: `MATCH (n)${arrow(dir, `:${unique.join('|')}`)}(m)` });
  const parts: string[] = [];
  for (const rel of unique) {
    for (const d of dir === 'both' ? (['out', 'in'] as const) : [dir]) {
      if (!(d === 'out' ? REL_ENDS[rel].from : REL_ENDS[rel].to).includes(type)) continue;
      const ends = d === 'out' ? REL_ENDS[rel].to : REL_ENDS[rel].from;
      const pattern = `(n)${arrow(d, `:${rel}`)}(m)`;
      if (!ends.includes('enterprise')) {
        parts.push(fill(fragment('explore-rank-hub-others'), { find: `MATCH ${pattern}` }));
        continue;
      }
      for (const other of ends.filter((t) => t !== 'enterprise'))
        parts.push(
          fill(fragment('explore-rank-hub-others'), {
            find: `MATCH (m:${NODE_TYPES[other].label}) WHERE EXISTS { ${pattern} }`,
          }),
        );
      const membership = HUB_MEMBERSHIP[type];
      const enterprise = ends.length === 1 ? 'true' : 'm:Enterprise';
      parts.push(fill(fragment('explore-rank-hub-anchors'), { pattern }));
      parts.push(
        membership && membership.rel === rel && d === 'in'
          ? fill(fragment('explore-rank-hub-indexed'), {
              pattern,
              member: membership.member,
              enterprise,
              factor: enterprise === 'true' ? '2' : '1',
            })
          : fill(fragment('explore-rank-hub-enterprises'), { pattern, enterprise }),
      );
    }
  }
  return parts.join('\nUNION ALL\n');
}

export interface ExpandOptions {
  /** The limit when the request names none (the expandLimit setting). */
  defaultLimit: number;
  /** Overrides DEGREE_RANK_MAX (tests exercise the headcount ranking on a small graph). */
  degreeRankMax?: number;
  /** Whether a hub's largest enterprises are found down the headcount index (default: when cheaper). */
  indexedHub?: boolean;
  /** Overrides HUB_SCAN_MAX. */
  hubScanMax?: number;
  /** The side the edges to the visible nodes are found from (default: the cheaper, by the counts). */
  edgesFrom?: 'new' | 'visible';
}

/** One node's neighbours, best first (see cypher/explore-expand.cypher), and counts of all of them. */
export async function expand(db: Db, request: ExpandRequest, options: ExpandOptions): Promise<Expansion> {
  const parsed = parseNodeId(request.id);
  if (!parsed)
    throw new ExploreError(
      400,
      `malformed node id ${request.id}: expected type:key, type one of ${Object.keys(NODE_TYPES).join(', ')}`,
    );
  const dir = request.dir ?? 'both';
  const relFilter = request.rel && request.rel.length > 0 ? new Set(request.rel) : null;
  const typeFilter = request.types && request.types.length > 0 ? new Set(request.types) : null;
  const triples = triplesOf(parsed.type);
  const selected = triples.filter(
    (t) =>
      (!relFilter || relFilter.has(t.rel)) &&
      (dir === 'both' || t.dir === dir) &&
      (!typeFilter || typeFilter.has(t.type)),
  );
  // Only the relationship types this kind of node can have: fewer query variants to plan and cache.
  const rels = REL_TYPES.filter((r) => selected.some((t) => t.rel === r));
  const multi = rels.filter((r) => MULTI_RELS.has(r));
  const unique = rels.filter((r) => !MULTI_RELS.has(r));

  // The visible nodes' element ids are resolved beside the expansion, not after it.
  const visibleEids = elementIdsOf(db, parseIds(request.visible ?? []).values());
  visibleEids.catch(() => undefined); // awaited below; an early failure of the expansion must not leave it unhandled
  const rows = await db.read(expandQuery(parsed.type, multi.length > 0, unique, dir), {
    key: parsed.key,
    multiRels: multi,
    dir,
    labels: typeFilter ? [...typeFilter].map((t) => NODE_TYPES[t].label) : null,
    minVolume: request.minVolume ?? null,
    limit: neo4j.int(Math.min(request.limit ?? options.defaultLimit, EXPAND_MAX)),
    degreeRankMax: neo4j.int(options.degreeRankMax ?? DEGREE_RANK_MAX),
    indexedHub: options.indexedHub ?? null,
    hubScanMax: neo4j.int(options.hubScanMax ?? HUB_SCAN_MAX),
  });
  if (rows.length === 0) throw new ExploreError(404, `no node ${request.id}`);
  rows.sort((x, y) => Number(x.rank) - Number(y.rank));

  const byEid = new Map<string, string>();
  const [node, ...ranked] = collectNodes(rows as { eid: unknown; node: unknown }[], byEid);
  const nodeEid = String(rows[0].eid);
  // A neighbour reached by two types of its branch (OPERATES_AT and CAPABLE_OF to one stage, if
  // the data ever held both) is listed once, at its best rank.
  const listed = new Set<string>([node.id]);
  const neighbours = ranked.filter((n) => !listed.has(n.id) && listed.add(n.id));

  const summary = (rows[0].summary as SummaryRow[])
    .map((s) => ({ rel: s.rel, dir: s.dir, type: s.type, count: Number(s.count) }))
    .filter((s) => s.count > 0)
    .sort(
      (x, y) =>
        y.count - x.count || x.rel.localeCompare(y.rel) || x.dir.localeCompare(y.dir) || x.type.localeCompare(y.type),
    );
  const isSelected = (s: SummaryRow) => selected.some((t) => t.rel === s.rel && t.dir === s.dir && t.type === s.type);
  const total =
    summary.filter((s) => !MULTI_RELS.has(s.rel) && isSelected(s)).reduce((sum, s) => sum + s.count, 0) +
    Number(rows[0].multiTotal);

  const neighbourEids = [
    ...new Set(
      rows
        .slice(1)
        .map((r) => String(r.eid))
        .filter((e) => byEid.has(e) && e !== nodeEid),
    ),
  ];
  const visible = await visibleEids;
  for (const [eid, id] of byEid) visible.set(eid, id);
  const edges = await edgesAmong(db, neighbourEids, [nodeEid, ...visible.keys()], visible, options.edgesFrom);
  return {
    node,
    nodes: neighbours,
    edges,
    total,
    returned: neighbours.length,
    truncated: total > neighbours.length,
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// Shortest supply path

export interface PathRequest {
  from: string;
  to: string;
  /** true: follow supply from `from` (supplier side) towards `to` (buyer side); false: either way. */
  directed: boolean;
  maxHops: number;
}

export const MAX_HOPS = 10;
const pathQueries = new Map<string, string>();

function pathQuery(directed: boolean, maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS)
    throw new ExploreError(400, `maxHops must be 1–${MAX_HOPS}`);
  const cacheKey = `${directed}|${maxHops}`;
  let q = pathQueries.get(cacheKey);
  if (!q) {
    q = fill(cypher('explore-path'), {
      hop: directed ? `-[:SUPPLIES*1..${maxHops}]->` : `-[:SUPPLIES*1..${maxHops}]-`,
      maxHops: String(maxHops),
      node: fragment('explore-node'),
    });
    pathQueries.set(cacheKey, q);
  }
  return q;
}

/** The shortest chain of supply links between two enterprises, nodes and links in path order. */
export async function shortestPath(
  db: Db,
  request: PathRequest,
): Promise<Subgraph & { found: boolean; length: number }> {
  const ends = [request.from, request.to].map((id) => {
    const parsed = parseNodeId(id);
    if (!parsed || parsed.type !== 'enterprise')
      throw new ExploreError(400, `${id} is not an enterprise id (enterprise:key)`);
    return parsed.key;
  });
  const [row] = await db.read(pathQuery(request.directed, request.maxHops), { from: ends[0], to: ends[1] });
  if (!row.fromExists) throw new ExploreError(404, `no node ${request.from}`);
  if (!row.toExists) throw new ExploreError(404, `no node ${request.to}`);
  const byEid = new Map<string, string>();
  const ranked = (row.nodes as { rank: number; eid: unknown; node: unknown }[]).sort(
    (x, y) => Number(x.rank) - Number(y.rank),
  );
  const nodes = collectNodes(ranked, byEid);
  const edges = (row.edges as Row[]).map((e) => toEdge(e)).filter((e): e is ExploreEdge => e !== null);
  const found = nodes.length > 0;
  return { nodes, edges, found, length: found ? edges.length : 0 };
}
