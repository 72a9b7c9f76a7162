// From an explorer graph (the browser's, or the one the server builds from Neo4j) to the
// document the writers of formats.ts serialise: the nodes and links that pass the view's
// filters, in a fixed order (nodes by id, links by source then id, as the server reads them
// page by page), with the view's colours, sizes and positions, the legend and the caption.
import type { Reference } from '../schemas.js';
import { chainName, toT, type Lang, type TextKey, type Translator } from '../i18n/index.js';
import {
  edgeBaseWidth,
  edgeColor,
  edgePasses,
  linkKind,
  linkLegend,
  linkTypes,
  nodeLabel,
  nodePasses,
  type Appearance,
  type ColorEntry,
  type EdgeAttrs,
  type ExplorerGraph,
  type Filters,
  type NodeAttrs,
  type ReferenceIndex,
  type SizeLegend,
} from '../graph/model.js';
import { colorLegend, dataName, legendNames, linkLegendLabel } from '../i18n/legend.js';
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  type ExportDoc,
  type ExportEdge,
  type ExportNode,
  type LegendLine,
  type ReportTable,
} from './formats.js';
import type { CodedField, TableValues } from './types.js';

/** Node and link ids compare by code unit, the same order Neo4j sorts strings in. */
export const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The explorer's link width: for a supply volume, a log scale between the view's smallest and
 * largest volume; without one, the width of its kind (`rel`).
 */
export function edgeWidth(volume: number | null, min: number, max: number, rel = ''): number {
  const lmin = Math.log1p(min);
  const lmax = Math.log1p(max);
  return volume === null
    ? edgeBaseWidth(rel)
    : lmax - lmin < 1e-9
      ? 2
      : 1 + 4 * ((Math.log1p(volume) - lmin) / (lmax - lmin));
}

/** The filters in words, one line each; `nodeLabel` names a cluster id. */
export function describeFilters(
  filters: Filters,
  lang: Lang | Translator,
  reference: Reference | undefined,
  nodeLabel: (id: string) => string,
): string[] {
  const t = toT(lang);
  const n = legendNames(reference, t);
  const lines: string[] = [];
  const line = (key: TextKey, values: string[]) => {
    if (values.length) lines.push(`${t(key)}: ${values.join(', ')}`);
  };
  if (filters.chain) line('filterChain', [chainName(t, filters.chain, reference?.chains)]);
  line(
    'filterStages',
    filters.stages.map((s) => n.stage.get(s) ?? s),
  );
  line(
    'filterTypes',
    filters.types.map((k) => t.name('type', k)),
  );
  line(
    'filterSizes',
    filters.sizes.map((s) => t.name('sizeCat', s)),
  );
  line(
    'filterRegions',
    filters.regions.map((r) => n.region.get(r) ?? r),
  );
  line(
    'filterDistricts',
    filters.districts.map((d) => n.district.get(d) ?? d),
  );
  if (filters.cluster) line('filterCluster', [nodeLabel(filters.cluster)]);
  line(
    'tiesFilterLinksOff',
    filters.linksOff.map((k) => dataName(t, 'link', linkKind(k))),
  );
  if (filters.volumeMin !== null || filters.volumeMax !== null) {
    lines.push(
      `${t('filterVolume')}: ${filters.volumeMin !== null ? `${t('sizeRange')} ${t.num(filters.volumeMin)} ` : ''}${filters.volumeMax !== null ? `${t('sizeRangeTo')} ${t.num(filters.volumeMax)}` : ''}`.trim(),
    );
  }
  return lines;
}

/**
 * The legend as the explorer's panel shows it, in words; `links` are the relationship types among
 * the view's nodes, of which the kinds switched off (`linksOff`) are left out.
 */
export function describeLegend(
  legend: { colors: ColorEntry[]; sizes: SizeLegend; volume: { min: number; max: number } },
  appearance: Appearance,
  lang: Lang | Translator,
  reference: Reference | undefined,
  nodeLabel: (id: string) => string,
  links: { types: Iterable<string>; linksOff: string[] } = { types: [], linksOff: [] },
): ExportDoc['legend'] {
  const t = toT(lang);
  const { lines: kept, others } = colorLegend(legend.colors, appearance.colorBy, t, reference, nodeLabel);
  const lines: LegendLine[] = [...kept, ...(others ? [others] : [])].map(({ color, label, count }) => ({
    color,
    label,
    count,
  }));
  const fmt = (v: number) => t.num(v, { maximumFractionDigits: v >= 100 ? 0 : 1 });
  const s = legend.sizes;
  return {
    colorTitle: `${t('colorBy')}: ${t.name('color', appearance.colorBy).toLowerCase()}`,
    colors: lines,
    sizeTitle: `${t('sizeBy')}: ${t.name('size', appearance.sizeBy).toLowerCase()}`,
    sizeNote: appearance.sizeBy === 'uniform' ? t('sizeUniform') : `${fmt(s.min)} – ${fmt(s.max)}; ${t('sizeNoValue')}`,
    edgeLines: linkLegend(links.types, links.linksOff).map((l) => ({
      label: linkLegendLabel(t, l.rel, legend.volume),
      color: l.color,
      shape: l.shape,
    })),
  };
}

export function columnHeaders(lang: Lang | Translator): ExportDoc['headers'] {
  const t = toT(lang);
  return {
    nodes: Object.fromEntries(NODE_COLUMNS.map((c) => [c, dataName(t, 'col', c)])) as ExportDoc['headers']['nodes'],
    edges: Object.fromEntries(EDGE_COLUMNS.map((c) => [c, dataName(t, 'col', c)])) as ExportDoc['headers']['edges'],
    sheetNodes: t('sheetNodes'),
    sheetEdges: t('sheetEdges'),
  };
}

/**
 * The names the tables write instead of codes: kinds, regions, SME categories, chains, stages,
 * clusters (by `nodeLabel`) and link types, in the document's language; an unknown code as it is.
 */
export function tableValues(
  lang: Lang | Translator,
  reference: Reference | undefined,
  nodeLabel: (id: string) => string,
): TableValues {
  const t = toT(lang);
  const n = legendNames(reference, t);
  const name = (field: CodedField, code: string): string => {
    switch (field) {
      case 'kind':
        return t.name('type', code);
      case 'region':
        return n.region.get(code) ?? code;
      case 'category':
        return t.name('sizeCat', code);
      case 'chain':
        return chainName(t, code, reference?.chains);
      case 'stage':
        return n.stage.get(code) ?? code;
      case 'cluster':
        return nodeLabel(code);
      case 'rel':
        return dataName(t, 'rel', code);
    }
  };
  return { name, yesNo: (v) => t(v ? 'tableYes' : 'tableNo') };
}

/** A node of the graph as exported, with its label in `lang`. */
function exportNode(id: string, a: NodeAttrs, degree: number, lang: Lang): ExportNode {
  return {
    id,
    label: nodeLabel(a, lang),
    kind: a.kind,
    x: a.x,
    y: a.y,
    size: a.size,
    color: a.color,
    name: a.name,
    nameEn: a.nameEn,
    nameLatin: a.nameLatin,
    inn: a.inn,
    okved: a.okved,
    region: a.region,
    category: a.category,
    employees: a.employees,
    revenueMlnRub: a.revenueMlnRub,
    chains: a.chains,
    stages: a.stages,
    clusters: a.clusters,
    degree,
    dbDegree: a.dbDegree,
    synthetic: a.synthetic,
  };
}

export function exportEdge(
  id: string,
  source: string,
  target: string,
  names: { sourceName: string; targetName: string },
  e: Pick<
    EdgeAttrs,
    'rel' | 'volumeMlnRub' | 'stage' | 'product' | 'synthetic' | 'size' | 'law' | 'subject' | 'number' | 'date'
  >,
): ExportEdge {
  return {
    id,
    source,
    sourceName: names.sourceName,
    target,
    targetName: names.targetName,
    rel: e.rel,
    volumeMlnRub: e.volumeMlnRub,
    stage: e.stage,
    product: e.product,
    synthetic: e.synthetic,
    law: e.law,
    subject: e.subject,
    number: e.number,
    date: e.date,
    color: edgeColor(e.rel),
    size: e.size,
  };
}

/**
 * The nodes of `graph` that pass the filters (and are among `only`, when given), sorted by id.
 * `degree` counts a node's links in the whole view, filtered or not, as the explorer sizes it.
 */
export function selectNodes(
  graph: ExplorerGraph,
  filters: Filters,
  index: ReferenceIndex,
  lang: Lang,
  degree: (id: string) => number,
  only?: Set<string>,
): ExportNode[] {
  const nodes: ExportNode[] = [];
  graph.forEachNode((id, a) => {
    if (only && !only.has(id)) return;
    const passes = nodePasses(id, a, filters, index);
    if (filters.mode === 'hide' && !passes) return;
    const node = exportNode(id, a, degree(id), lang);
    // «Приглушить»: kept, and drawn grey as on screen.
    if (!passes) node.muted = true;
    nodes.push(node);
  });
  return nodes.sort((a, b) => byId(a.id, b.id));
}

/** The links of `graph` between exported nodes that pass the filters, by source then id. */
function selectEdges(graph: ExplorerGraph, filters: Filters, nodes: ExportNode[]): ExportEdge[] {
  const labels = new Map(nodes.map((n) => [n.id, n.label]));
  const edges: ExportEdge[] = [];
  graph.forEachEdge((id, e, source, target) => {
    const sourceName = labels.get(source);
    const targetName = labels.get(target);
    if (sourceName === undefined || targetName === undefined) return;
    const passes = edgePasses(e, filters);
    if (filters.mode === 'hide' && !passes) return;
    const edge = exportEdge(id, source, target, { sourceName, targetName }, e);
    if (!passes) edge.muted = true;
    edges.push(edge);
  });
  return edges.sort((a, b) => byId(a.source, b.source) || byId(a.id, b.id));
}

export interface DocOptions {
  lang: Lang;
  title?: string;
  date: string;
  filters: Filters;
  appearance: Appearance;
  reference: Reference | undefined;
  legend: { colors: ColorEntry[]; sizes: SizeLegend; volume: { min: number; max: number } };
  tables?: ReportTable[];
}

/** The document of a view or a selection the browser holds. */
export function docFromGraph(
  graph: ExplorerGraph,
  index: ReferenceIndex,
  options: DocOptions & { only?: string[] },
): ExportDoc {
  const nodes = selectNodes(
    graph,
    options.filters,
    index,
    options.lang,
    (id) => graph.degree(id),
    options.only ? new Set(options.only) : undefined,
  );
  const nodeLabel = (id: string) =>
    graph.hasNode(id) ? graph.getNodeAttribute(id, 'name') : id.replace(/^[a-z]+:/, '');
  return {
    lang: options.lang,
    title: options.title ?? toT(options.lang)('docTitle'),
    date: options.date,
    source: toT(options.lang)('docSource'),
    filters: describeFilters(options.filters, options.lang, options.reference, nodeLabel),
    nodes,
    edges: selectEdges(graph, options.filters, nodes),
    legend: describeLegend(options.legend, options.appearance, options.lang, options.reference, nodeLabel, {
      types: linkTypes(graph),
      linksOff: options.filters.linksOff,
    }),
    headers: columnHeaders(options.lang),
    tables: options.tables ?? [],
    values: tableValues(options.lang, options.reference, nodeLabel),
  };
}

/** Today's date, YYYY-MM-DD (UTC). */
export const today = () => new Date().toISOString().slice(0, 10);
