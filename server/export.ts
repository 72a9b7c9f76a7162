// Export of a view (the explorer's URL state: node ids, filters, appearance, layout) or of a
// planner's result, straight from Neo4j: nodes are read in pages and kept (appearance and layout
// need all of them; a node is a few hundred bytes), links are read once and kept compactly
// (export-links.ts: sizes and widths need their counts before the first node is written), and
// the file is written as it streams, never held. The serialisers are the browser's
// (client/src/export).
import { Readable } from 'node:stream';
import { PICTURE_MAX_PIXELS, pdfReport, renderPng } from './export-pdf.js';
import type { Settings } from './config.js';
import type { Db } from './db.js';
import { elementIdsOf, nodesWithElementIds } from './explore.js';
import { ahead, readLinks, type HeldLinks } from './export-links.js';
import { AppError, codeForStatus } from './errors.js';
import { parseNodeId } from './graph.js';
import { transliterate } from './import/rules.js';
import { loadReference } from './reference.js';
import {
  GapError,
  assessReadiness,
  gapReport,
  opportunities,
  partners,
  readiness,
  readinessInputs,
  type GapReport,
  type GapRule,
  type OpportunityReport,
  type Readiness,
} from './gaps/index.js';
import { readinessWithScenario, scenarioEffect, type Scenario, type ScenarioEffect } from './scenarios.js';
import {
  DEFAULT_APPEARANCE,
  LAYOUTS,
  MAX_NODE_SIZE,
  MIN_NODE_SIZE,
  NO_FILTERS,
  applyAppearance,
  buildGraph,
  chainLayout,
  edgePasses,
  geoLayout,
  indexReference,
  seedPositions,
  type Appearance,
  type ExplorerGraph,
  type Filters,
  type LayoutId,
  type ReferenceIndex,
} from '../core/graph/model.js';
import { decodeView } from '../core/view/url.js';
import type { ExploreNode, Verdict } from '../core/schemas.js';
import {
  byId,
  columnHeaders,
  describeFilters,
  describeLegend,
  edgeWidth,
  exportEdge,
  selectNodes,
  tableValues,
} from '../core/export/describe.js';
import {
  DEFAULT_PICTURE,
  EXPORT_FORMATS,
  exportFileName,
  svgText,
  writeExport,
  type ExportDoc,
  type ExportEdge,
  type ExportFormat,
  type ExportNode,
  type PictureOptions,
  type ReportTable,
} from '../core/export/formats.js';
import { plotViewport } from '../core/export/picture.js';
import { createT, type Lang } from '../core/i18n/index.js';

/** Nodes read per query, and exported nodes whose outgoing links one query reads. */
const EXPORT_PAGE = 5000;
/** Unknown ids named in an answer (the rest are counted). */
const MISSING_LISTED = 20;

/**
 * An export refused: `reason` is the machine-readable cause the client words in its language
 * (apiReason_<reason>), `ids` the node ids concerned.
 */
class ExportError extends AppError {
  constructor(status: 400 | 404 | 413, reason: string, message: string, ids?: string[]) {
    super(status, codeForStatus(status), message, { reason, ...(ids ? { ids } : {}) });
  }
}

/** What to export: the same description the explorer's URL holds, and the file's options. */
export interface ExportRequest {
  format: ExportFormat;
  /** The explorer's hash query (after `#explore?`): n=ids, filters, colour, size, layout. */
  view?: string;
  /** More node ids (a view too large for a URL). */
  ids?: string[];
  /** Only these nodes (a selection); links among them. */
  only?: string[];
  /** Positions as on screen (the force layout): id → [x, y]. */
  positions?: Record<string, [number, number]>;
  lang?: Lang;
  title?: string;
  width?: number;
  height?: number;
  /** PNG pixels per SVG pixel. */
  scale?: number;
  /**
   * A planner's result: the chain's gaps in a region, a cluster's readiness; with a what-if
   * scenario (one the user may read, resolved by the route), today's figures and the scenario's.
   */
  planner?: { chain: string; region: string; cluster?: string; scenario?: Scenario };
  date?: string;
}

export interface PreparedExport {
  doc: ExportDoc;
  nodeCount: number;
  /** The file's name (letters of any script). */
  fileName: string;
  /** The same in printable ASCII (Russian transliterated), for clients that cannot read `filename*`. */
  asciiFileName: string;
  mime: string;
  /** Requested ids that name no node (they are also named in the file's caption). */
  missing: string[];
}

/** A file name in printable ASCII: Cyrillic transliterated, anything else that is not ASCII dropped. */
export function asciiFileName(name: string): string {
  const ascii = transliterate(name)
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '');
  return ascii.startsWith('.') || ascii === '' ? `coopgraph${ascii}` : ascii;
}

const reference = () => loadReference();
let cachedIndex: ReferenceIndex | undefined;
const referenceIndex = () => (cachedIndex ??= indexReference(reference()));

/** Ids in canonical form (type:key), first spelling kept; malformed ids are a 400. */
function canonicalIds(ids: string[]): string[] {
  const out = new Set<string>();
  for (const raw of ids) {
    const p = parseNodeId(raw);
    if (!p) throw new ExportError(400, 'malformed-id', `malformed node id: ${raw.slice(0, 100)}`, [raw.slice(0, 100)]);
    out.add(`${p.type}:${p.key}`);
  }
  return [...out];
}

const pages = <T>(items: T[], size = EXPORT_PAGE) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The nodes of the planner's result: the region, the chain and its stages, the cluster and its participants. */
async function plannerIds(
  db: Db,
  settings: Settings,
  planner: NonNullable<ExportRequest['planner']>,
): Promise<string[]> {
  const chain = loadReference().chains.find((c) => c.id === planner.chain);
  if (!chain) throw new ExportError(404, 'unknown-chain', `no chain ${planner.chain}`);
  if (!loadReference().regions.some((r) => r.code === planner.region))
    throw new ExportError(404, 'unknown-region', `no region ${planner.region}`);
  const ids = [`region:${planner.region}`, `chain:${chain.id}`, ...chain.stages.map((s) => `stage:${s.id}`)];
  if (planner.cluster) {
    const r = await gapCall(() => readiness(db, settings, planner.cluster!));
    ids.push(`cluster:${r.cluster.id}`, ...r.participants.map((p) => `enterprise:${p.id}`));
  }
  return ids;
}

async function gapCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GapError)
      throw new ExportError(error.status === 404 ? 404 : 400, 'planner-failed', error.message);
    throw error;
  }
}

function validateRequest(request: ExportRequest, settings: Settings): void {
  if (!EXPORT_FORMATS.some((f) => f.id === request.format))
    throw new ExportError(
      400,
      'unknown-format',
      `unknown format ${request.format}; one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`,
    );
  if (request.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request.date))
    throw new ExportError(400, 'bad-date', 'date must be YYYY-MM-DD');
  if (!request.view && !request.ids?.length && !request.planner)
    throw new ExportError(400, 'nothing-to-export', 'nothing to export: give a view (n=…), ids or a planner result');
  if (request.format === 'png') {
    const { width, height } = pictureOptions(request);
    const scale = request.scale ?? 1;
    const pixels = Math.round(width * scale) * Math.round(height * scale);
    if (pixels > PICTURE_MAX_PIXELS) {
      throw new ExportError(
        400,
        'picture-too-large',
        `a PNG of ${Math.round(width * scale)} × ${Math.round(height * scale)} pixels exceeds ${PICTURE_MAX_PIXELS / 1e6} megapixels; lower width, height or scale`,
      );
    }
  }
  const total = (request.ids?.length ?? 0) + (request.view ? decodeView(request.view).nodes.length : 0);
  if (total > settings.exportMaxNodes) throw tooMany(total, settings);
}

const tooMany = (n: number, settings: Settings) =>
  new ExportError(413, 'too-many-nodes', `a view of ${n} nodes exceeds EXPORT_MAX_NODES (${settings.exportMaxNodes})`);

/**
 * Reads the view's nodes and sizes, lays them out and colours them as the explorer would, and
 * returns the document whose links are read from Neo4j as the writer asks for them.
 */
export async function prepareExport(db: Db, settings: Settings, request: ExportRequest): Promise<PreparedExport> {
  validateRequest(request, settings);
  const lang: Lang = request.lang ?? 'ru';
  const view = decodeView(request.view ?? '');
  const filters: Filters = { ...NO_FILTERS, ...view.filters };
  const appearance: Appearance = { ...DEFAULT_APPEARANCE, ...view.appearance };
  let layout: LayoutId = LAYOUTS.includes(view.layout) ? view.layout : 'geo';
  let ids = canonicalIds([...view.nodes, ...(request.ids ?? [])]);
  if (request.planner) {
    ids = canonicalIds([...ids, ...(await plannerIds(db, settings, request.planner))]);
    if (!request.view) layout = 'chain';
  }
  if (ids.length > settings.exportMaxNodes) throw tooMany(ids.length, settings);

  // The links are read while the nodes' fields are (two transactions, so Neo4j works on both and
  // the driver takes one answer in while the other is computed): they need only the nodes'
  // element ids, which one light query gives first.
  const named = await elementIdsOf(
    db,
    ids.map((id) => parseNodeId(id)!),
  );
  const linkEnds = [...named.keys()];
  const linksRead = ahead(readLinks(db, linkEnds));
  // Nodes, page by page (the next page is read while one is taken in).
  const found: ExploreNode[] = [];
  const eids = new Map<string, string>();
  const nodePages = pages(ids);
  let nextPage = nodePages.length ? ahead(nodesWithElementIds(db, nodePages[0])) : null;
  for (let p = 1; nextPage; p++) {
    const answer = await nextPage;
    nextPage = p < nodePages.length ? ahead(nodesWithElementIds(db, nodePages[p])) : null;
    for (const { eid, node } of answer) {
      if (eids.has(node.id)) continue;
      eids.set(node.id, eid);
      found.push(node);
    }
  }
  const missing = ids.filter((id) => !eids.has(id));
  if (found.length === 0 && missing.length > 0) {
    await linksRead.catch(() => undefined);
    throw new ExportError(
      404,
      'unknown-ids',
      `no node has these ids: ${missing.slice(0, MISSING_LISTED).join(', ')}${missing.length > MISSING_LISTED ? ` and ${missing.length - MISSING_LISTED} more` : ''}`,
      missing.slice(0, MISSING_LISTED),
    );
  }
  // Every link among the view's nodes, read once: counts for sizes and widths, then the file's links.
  found.sort((a, b) => byId(a.id, b.id));
  const nodeIndex = new Map(found.map((n, i) => [n.id, i]));
  const links = await linksRead;
  // From the order of the element ids to the nodes' (by id); a node the node read did not keep
  // (a duplicate id, or one deleted between the two reads) takes its links with it.
  links.renumber(
    Int32Array.from(linkEnds, (eid) => {
      const id = named.get(eid)!;
      return eids.get(id) === eid ? nodeIndex.get(id)! : -1;
    }),
  );
  const counts = links.counts(found.length);
  const degree = new Map(found.map((n, i) => [n.id, counts.degree[i]]));
  const volume = new Map(found.map((n, i) => [n.id, counts.volume[i]]));
  const { vmin, vmax } = counts;
  const linkTypes = counts.types;

  const index = referenceIndex();
  const graph = buildGraph({ nodes: found, edges: [] }, lang);
  if (layout === 'geo') {
    linkUnplaced(graph, found, nodeIndex, links, request.positions);
    // Spread for the picture's plot, as the explorer spreads for its canvas (not an 800 × 600 one).
    geoLayout(graph, plotViewport(pictureOptions(request)));
    graph.clearEdges();
  } else if (layout === 'chain')
    chainLayout(graph, index, filters.chain ?? request.planner?.chain ?? null, plotViewport(pictureOptions(request)));
  else seedPositions(graph);
  for (const [id, [x, y]] of Object.entries(request.positions ?? {})) {
    const canonical = canonicalIds([id])[0];
    if (graph.hasNode(canonical) && Number.isFinite(x) && Number.isFinite(y))
      graph.mergeNodeAttributes(canonical, { x, y });
  }
  // Community detection needs the links, which are not held: colour by node type instead.
  if (appearance.colorBy === 'community') appearance.colorBy = 'type';
  const legend = applyAppearance(graph, appearance, index);
  if (appearance.sizeBy === 'degree' || appearance.sizeBy === 'volume') {
    // The explorer sizes by links on screen; the graph here holds none, so the same scale from the counts.
    const values = appearance.sizeBy === 'degree' ? degree : volume;
    let min = Infinity;
    let max = -Infinity;
    graph.forEachNode((id) => {
      const v = values.get(id) ?? 0;
      min = Math.min(min, v);
      max = Math.max(max, v);
    });
    graph.updateEachNodeAttributes((id, a) => {
      const v = values.get(id) ?? 0;
      a.size = !Number.isFinite(min)
        ? MIN_NODE_SIZE
        : max - min < 1e-9
          ? (MIN_NODE_SIZE + MAX_NODE_SIZE) / 2
          : MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt((v - min) / (max - min));
      return a;
    });
    legend.sizes = { ...legend.sizes, min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0 };
  }
  const volumeRange = { min: Number.isFinite(vmin) ? vmin : 0, max: Number.isFinite(vmax) ? vmax : 0 };

  const only = request.only ? new Set(canonicalIds(request.only)) : undefined;
  const nodes = selectNodes(graph, filters, index, lang, (id) => degree.get(id) ?? 0, only);
  if (request.planner) await markGaps(db, settings, request.planner, nodes);
  const nodeLabel = (id: string) =>
    graph.hasNode(id) ? graph.getNodeAttribute(id, 'name') : id.replace(/^[a-z]+:/, '');
  const labels = new Map(nodes.map((n) => [n.id, n.label]));
  // By node index, the label of each node the file keeps (none: left out), read for every link.
  const keptLabels: (string | undefined)[] = new Array(found.length);
  for (const n of nodes) keptLabels[nodeIndex.get(n.id)!] = n.label;

  function* edges(): Generator<ExportEdge> {
    for (const i of links.order(found.length)) {
      const link = links.link(i);
      const sourceName = keptLabels[link.source];
      const targetName = keptLabels[link.target];
      if (sourceName === undefined || targetName === undefined) continue;
      const passes = edgePasses(link, filters);
      if (filters.mode === 'hide' && !passes) continue;
      const size = edgeWidth(link.volumeMlnRub, volumeRange.min, volumeRange.max, link.rel);
      const names = { sourceName, targetName };
      const edge = exportEdge(link.id, found[link.source].id, found[link.target].id, names, { ...link, size });
      // «Приглушить»: kept, and drawn grey as on screen.
      if (!passes) edge.muted = true;
      yield edge;
    }
  }

  const tables = request.planner ? await plannerTables(db, settings, request.planner, lang) : [];
  const t = createT(lang);
  const notFound = missing.length
    ? [
        t('exportMissingIds', {
          count: missing.length,
          ids:
            missing.slice(0, MISSING_LISTED).join(', ') +
            (missing.length > MISSING_LISTED
              ? ` ${t('exportMissingMore', { count: missing.length - MISSING_LISTED })}`
              : ''),
        }),
      ]
    : [];
  const doc: ExportDoc = {
    lang,
    title: request.title ?? (request.planner ? plannerTitle(request.planner, lang) : t('docTitle')),
    date: request.date ?? new Date().toISOString().slice(0, 10),
    source: t('docSource'),
    filters: [...describeFilters(filters, lang, reference(), nodeLabel), ...notFound],
    nodes,
    edges: edges(),
    legend: describeLegend({ ...legend, volume: volumeRange }, appearance, lang, reference(), nodeLabel, {
      types: [...linkTypes].sort(),
      linksOff: filters.linksOff,
    }),
    headers: columnHeaders(lang),
    tables,
    values: tableValues(lang, reference(), (id) => labels.get(id) ?? nodeLabel(id)),
  };
  const format = EXPORT_FORMATS.find((f) => f.id === request.format)!;
  const fileName = exportFileName(doc, request.format);
  return {
    doc,
    nodeCount: nodes.length,
    fileName,
    asciiFileName: asciiFileName(fileName),
    mime: format.mime,
    missing,
  };
}

/**
 * The geographic layout places a node without coordinates (a stage, a chain) by its neighbours:
 * the links of those nodes within the view are read (only theirs, a few), unless the browser
 * sent every one's position.
 */
/**
 * Links the view's nodes that have no place of their own on the map (stages, chains…) to their
 * neighbours in the view, so that the geographic layout places them beside those, as the explorer
 * does with the links it holds. The neighbours come from the links already read for the file.
 */
function linkUnplaced(
  graph: ExplorerGraph,
  found: ExploreNode[],
  nodeIndex: Map<string, number>,
  links: HeldLinks,
  positions: ExportRequest['positions'],
): void {
  const sent = new Set(canonicalIds(Object.keys(positions ?? {})));
  const unplaced = graph.filterNodes((id, a) => (a.lat === null || a.lon === null) && !sent.has(id));
  const neighbours = links.neighboursOf(unplaced.map((id) => nodeIndex.get(id)!));
  for (const id of unplaced) {
    // In id order, not the order Neo4j answered in: the layout averages their positions, and the
    // same view should give the same file to the last digit.
    for (const n of neighbours.get(nodeIndex.get(id)!)!.sort((a, b) => a - b)) {
      const other = found[n].id;
      if (!graph.hasEdge(id, other) && !graph.hasEdge(other, id)) graph.addEdge(id, other);
    }
  }
}

/** The planner's picture rings the stages that are gaps in the region. */
async function markGaps(
  db: Db,
  settings: Settings,
  planner: NonNullable<ExportRequest['planner']>,
  nodes: ExportNode[],
): Promise<void> {
  const report = await gapCall(() => gapReport(db, settings, planner.chain, planner.region));
  const gaps = new Set(report.stages.filter((s) => s.gap).map((s) => `stage:${s.stage}`));
  for (const n of nodes) if (gaps.has(n.id)) n.gap = true;
}

function plannerTitle(planner: NonNullable<ExportRequest['planner']>, lang: Lang): string {
  const ref = loadReference();
  const chain = ref.chains.find((c) => c.id === planner.chain);
  const region = ref.regions.find((r) => r.code === planner.region);
  const t = createT(lang);
  const chainName = chain ? t.pick(chain) : planner.chain;
  // English puts the chain's name inside the sentence, so it is lower-cased there.
  const title = t('report_plannerTitle', {
    chain: chainName,
    chainLower: chainName.toLowerCase(),
    region: region ? t.pick(region) : planner.region,
  });
  return planner.scenario ? t('whatIfReport_title', { title, scenario: planner.scenario.name }) : title;
}

// ---------------------------------------------------------------------------------------------
// The planner's tables, with the definitions behind each figure (README, "Gap analysis"), all in
// the file's language: stage, region, rule, role and size names rather than codes, shares as
// percentages. With a scenario, today's figures and the scenario's stand side by side.

const round = (v: number | null, d = 2) =>
  v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d;

/** The planner's answers for one state of the data: today's, or a scenario's. */
interface PlannerFigures {
  gaps: GapReport;
  opportunities: OpportunityReport;
  readiness: Readiness | null;
}

async function plannerFigures(
  db: Db,
  settings: Settings,
  planner: NonNullable<ExportRequest['planner']>,
  effect?: ScenarioEffect,
): Promise<PlannerFigures> {
  const opts = { effect: effect?.cells };
  return gapCall(async () => {
    const [gaps, opps, inputs] = await Promise.all([
      gapReport(db, settings, planner.chain, planner.region, opts),
      opportunities(db, settings, planner.chain, planner.region, { limit: 50, ...opts }),
      planner.cluster ? readinessInputs(db, planner.cluster) : Promise.resolve(null),
    ]);
    const readiness = !inputs
      ? null
      : assessReadiness(effect ? readinessWithScenario(inputs, effect, planner.scenario!) : inputs, settings);
    return { gaps, opportunities: opps, readiness };
  });
}

async function plannerTables(
  db: Db,
  settings: Settings,
  planner: NonNullable<ExportRequest['planner']>,
  lang: Lang,
): Promise<ReportTable[]> {
  const effect = planner.scenario ? await gapCall(() => scenarioEffect(db, planner.scenario!)) : undefined;
  const [today, what] = await Promise.all([
    plannerFigures(db, settings, planner, undefined),
    effect ? plannerFigures(db, settings, planner, effect) : Promise.resolve(null),
  ]);
  const t = createT(lang);
  const ref = loadReference();
  const regionName = (code: string) => {
    const r = ref.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  const stageName = (id: string) => {
    const st = ref.chains.flatMap((c) => c.stages).find((x) => x.id === id);
    return st ? t.pick(st) : id;
  };
  // Shares as percentages in the file's language: «17,6 %», "17.6%".
  const pct = (v: number | null) =>
    v === null || !Number.isFinite(v)
      ? null
      : `${t.num(100 * v, { maximumFractionDigits: 1 })}${lang === 'ru' ? '\u00a0%' : '%'}`;
  const rules = (list: GapRule[]) =>
    list.length === 0 ? t('whatIfReport_noGap') : list.map((r) => t(`rule_${r}`)).join('; ');
  const result = (v: Verdict) => t(`verdict_${v}`);
  const both = (figure: string) => [t('whatIfReport_today', { figure }), t('whatIfReport_inScenario', { figure })];
  const tables: ReportTable[] = [];

  const gapNotes = [
    t('whatIfReport_gapsDefinitions'),
    t('whatIfReport_gapRules', { threshold: pct(today.gaps.lsrThreshold)! }),
  ];
  if (!what) {
    tables.push({
      id: 'gaps',
      title: t('report_gaps'),
      columns: [
        t('col_stage'),
        t('whatIfReport_demand'),
        t('whatIfReport_local'),
        t('whatIfReport_share'),
        t('whatIfReport_imported'),
        t('whatIfReport_distance'),
        t('whatIfReport_enterprises'),
        t('whatIfReport_smes'),
        t('whatIfReport_gap'),
      ],
      rows: today.gaps.stages.map((s) => [
        t.pick(s),
        round(s.demandMlnRub),
        round(s.localMlnRub),
        pct(s.lsr),
        round(s.importedMlnRub),
        round(s.importDistanceKm, 0),
        s.enterprises,
        s.smes,
        rules(s.rules),
      ]),
      notes: gapNotes,
    });
  } else {
    const whatRow = new Map(what.gaps.stages.map((s) => [s.stage, s]));
    const pairs = today.gaps.stages.map((a) => ({ a, b: whatRow.get(a.stage) ?? a }));
    tables.push({
      id: 'gaps',
      title: t('whatIfReport_gaps'),
      columns: [
        t('col_stage'),
        ...both(t('whatIfReport_demand')),
        ...both(t('whatIfReport_local')),
        ...both(t('whatIfReport_share')),
        ...both(t('whatIfReport_gap')),
      ],
      rows: pairs.map(({ a, b }) => [
        t.pick(a),
        round(a.demandMlnRub),
        round(b.demandMlnRub),
        round(a.localMlnRub),
        round(b.localMlnRub),
        pct(a.lsr),
        pct(b.lsr),
        rules(a.rules),
        rules(b.rules),
      ]),
      notes: gapNotes,
    });
    tables.push({
      id: 'imports',
      title: t('whatIfReport_imports'),
      columns: [
        t('col_stage'),
        ...both(t('whatIfReport_imported')),
        ...both(t('whatIfReport_distance')),
        ...both(t('whatIfReport_enterprises')),
        ...both(t('whatIfReport_smes')),
      ],
      rows: pairs.map(({ a, b }) => [
        t.pick(a),
        round(a.importedMlnRub),
        round(b.importedMlnRub),
        round(a.importDistanceKm, 0),
        round(b.importDistanceKm, 0),
        a.enterprises,
        b.enterprises,
        a.smes,
        b.smes,
      ]),
    });
  }

  // Opportunities: the scenario's ranking when there is one, with today's rank and score beside it.
  const opps = (what ?? today).opportunities;
  const todayRank = new Map(today.opportunities.opportunities.map((o) => [o.stage, o]));
  tables.push({
    id: 'opportunities',
    title: what ? t('whatIfReport_opportunities') : t('report_smeOpportunities'),
    columns: [
      '№',
      t('col_stage'),
      t('score'),
      ...(what ? [t('whatIfReport_rankToday'), t('whatIfReport_scoreToday')] : []),
      t('report_vImportedMlnRub'),
      t('report_vPoints'),
      t('report_distanceKm'),
      t('report_points'),
      t('report_smeShare'),
      t('report_points2'),
      t('report_relatedness'),
      t('report_points3'),
    ],
    rows: opps.opportunities.map((o) => [
      o.rank,
      t.pick({ name: o.stageName, nameEn: o.stageNameEn }),
      round(o.score),
      ...(what ? [todayRank.get(o.stage)?.rank ?? null, round(todayRank.get(o.stage)?.score ?? null)] : []),
      round(o.components.imported.value),
      round(o.components.imported.points),
      round(o.components.distance.value, 0),
      round(o.components.distance.points),
      pct(o.components.smeSuitability.value),
      round(o.components.smeSuitability.points),
      round(o.components.relatedness.value, 3),
      round(o.components.relatedness.points),
    ]),
    notes: [t('whatIfReport_opportunityFormula')],
  });
  if (opps.structural.length > 0) {
    const stageNames = new Map(loadReference().chains.flatMap((c) => c.stages.map((s) => [s.id, t.pick(s)] as const)));
    tables.push({
      id: 'structural',
      title: t('structuralSheet'),
      columns: [t('col_stage'), t('structuralFeeds')],
      rows: opps.structural.map((g) => [
        t.pick({ name: g.stageName, nameEn: g.stageNameEn }),
        g.feedsPresent.map((id) => stageNames.get(id) ?? id).join('; '),
      ]),
      notes: [t('structuralNote')],
    });
  }
  const top = opps.opportunities[0];
  if (top) {
    const [p, pToday] = await gapCall(() =>
      Promise.all([
        partners(db, top.stage, planner.region, { limit: 15, smesPerRegion: 3, effect: effect?.cells }),
        effect ? partners(db, top.stage, planner.region, { limit: 15, smesPerRegion: 3 }) : Promise.resolve(null),
      ]),
    );
    const suppliesToday = new Map((pToday?.partners ?? []).map((r) => [r.region, r.suppliesMlnRub]));
    tables.push({
      id: 'partners',
      title: what ? t('whatIfReport_partners') : t('report_partnerRegions'),
      columns: [
        '№',
        t('region'),
        t('report_distanceKm2'),
        t('whatIfReport_enterprises'),
        t('whatIfReport_smes'),
        t('report_capacityMlnRub'),
        t('score'),
        ...(what
          ? [t('whatIfReport_suppliesToday'), t('whatIfReport_suppliesScenario')]
          : [t('report_suppliesNowMlnRub')]),
        t('report_smesLargest'),
      ],
      rows: p.partners.map((r) => [
        r.rank,
        t.pick(r),
        round(r.distanceKm, 0),
        r.enterprises,
        r.smes,
        round(r.capacityMlnRub),
        round(r.score),
        ...(what ? [round(suppliesToday.get(r.region) ?? 0)] : []),
        round(r.suppliesMlnRub),
        r.smeList
          .map((m) => (m.hypothetical ? t('whatIfReport_hypothetical', { name: t.pick(m) }) : t.pick(m)))
          .join('; '),
      ]),
      notes: [t('whatIfReport_partnerFormula', { stage: stageName(top.stage) })],
    });
  }

  const r = today.readiness;
  if (r) {
    const w = what?.readiness ?? null;
    const c = r.checks;
    const thresholds = {
      minParticipants: r.thresholds.minParticipants,
      maxWithoutLinks: r.thresholds.maxWithoutLinks,
      minDependence: pct(r.thresholds.minDependence)!,
      minDependencePriority: pct(r.thresholds.minDependencePriority)!,
      priorityShare: pct(r.thresholds.priorityShare)!,
      cluster: t.pick(r.cluster),
    };
    const names = (list: { name: string }[]) => list.map((f) => f.name).join('; ');
    // The dependence's value: exact, or at most its bound on the known revenue, or undetermined.
    const depValue = (dep: typeof c.dependence) =>
      dep.value !== null
        ? pct(dep.value)
        : dep.upperBound !== null
          ? t('readinessValueBound', { value: pct(dep.upperBound) ?? '' })
          : result('undetermined');
    // Who the dependence line names: those supplying nothing to other participants, and whose revenue is unknown.
    const depWho = (dep: typeof c.dependence) =>
      [
        dep.failing.length > 0 ? `${t('readinessNoSales', { count: dep.failing.length })}: ${names(dep.failing)}` : '',
        dep.revenueUnknown.length > 0 ? `${t('readinessMissing_revenueMlnRub')}: ${names(dep.revenueUnknown)}` : '',
      ]
        .filter(Boolean)
        .join('. ');
    // What an undetermined verdict lacks and how to supply it.
    const missingNotes = (x: typeof r) =>
      x.missing.length === 0
        ? []
        : [
            `${t('readinessMissingTitle')}: ${names(x.missing)}. ${t('readinessHow_revenueMlnRub')}`,
            ...(x.checks.dependence.unknownRevenueLimitMlnRub !== null
              ? [t('readinessPassesIf', { limit: round(x.checks.dependence.unknownRevenueLimitMlnRub) ?? '' })]
              : []),
          ];
    if (!w) {
      tables.push({
        id: 'readiness',
        title: t('report_registryReadiness'),
        columns: [t('report_check'), t('report_value'), t('report_threshold'), t('report_result'), t('report_failing')],
        rows: [
          [
            t('readinessParticipants'),
            c.participants.value,
            c.participants.threshold,
            result(c.participants.status),
            '',
          ],
          [
            t('readinessCooperation'),
            c.cooperation.value,
            c.cooperation.threshold,
            result(c.cooperation.status),
            names(c.cooperation.failing),
          ],
          [
            t('checkDependence'),
            depValue(c.dependence),
            pct(c.dependence.threshold),
            result(c.dependence.status),
            depWho(c.dependence),
          ],
        ],
        notes: [t('whatIfReport_readinessNote', thresholds), ...missingNotes(r)],
      });
    } else {
      const d = w.checks;
      tables.push({
        id: 'readiness',
        title: t('whatIfReport_readiness'),
        columns: [
          t('report_check'),
          ...both(t('report_value')),
          t('report_threshold'),
          ...both(t('report_result')),
          t('whatIfReport_failingScenario'),
        ],
        rows: [
          [
            t('readinessParticipants'),
            c.participants.value,
            d.participants.value,
            c.participants.threshold,
            result(c.participants.status),
            result(d.participants.status),
            '',
          ],
          [
            t('readinessCooperation'),
            c.cooperation.value,
            d.cooperation.value,
            c.cooperation.threshold,
            result(c.cooperation.status),
            result(d.cooperation.status),
            names(d.cooperation.failing),
          ],
          [
            t('checkDependence'),
            depValue(c.dependence),
            depValue(d.dependence),
            pct(d.dependence.threshold),
            result(c.dependence.status),
            result(d.dependence.status),
            depWho(d.dependence),
          ],
        ],
        notes: [t('whatIfReport_readinessNote', thresholds), ...missingNotes(w)],
      });
    }
    const suppliedToday = new Map(r.participants.map((p) => [p.id, p.suppliedMlnRub]));
    tables.push({
      id: 'participants',
      title: w ? t('whatIfReport_participants') : t('report_clusterParticipants'),
      columns: [
        t('report_participant'),
        t('report_role'),
        t('region'),
        t('report_size'),
        t('col_revenueMlnRub'),
        ...(w
          ? [t('whatIfReport_suppliedToday'), t('whatIfReport_suppliedScenario')]
          : [t('report_suppliesParticipantsMlnRub')]),
        t('report_buysFromParticipantsMlnRub'),
        t('report_linkedParticipants'),
      ],
      rows: (w ?? r).participants.map((p) => [
        p.hypothetical ? t('whatIfReport_hypothetical', { name: t.pick(p) }) : t.pick(p),
        p.role ? t.name('value', p.role) : null,
        regionName(p.region),
        p.size ? t.name('sizeCat', p.size) : null,
        round(p.revenueMlnRub),
        ...(w ? [round(suppliedToday.get(p.id) ?? 0)] : []),
        round(p.suppliedMlnRub),
        round(p.boughtMlnRub),
        p.linkedParticipants,
      ]),
    });
  }

  if (planner.scenario && effect) tables.push(scenarioItemsTable(planner.scenario, effect, lang));
  return tables;
}

/** The scenario itself, item by item, so that a report shows what its figures assume. */
function scenarioItemsTable(scenario: Scenario, effect: ScenarioEffect, lang: Lang): ReportTable {
  const t = createT(lang);
  const ref = loadReference();
  const stageName = (id: string) => {
    const st = ref.chains.flatMap((c) => c.stages).find((x) => x.id === id);
    return st ? t.pick(st) : id;
  };
  const regionName = (code: string) => {
    const r = ref.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  const party = (key: string | null) => {
    if (!key) return null;
    const e = effect.endpoints.get(key);
    if (!e) return key.replace(/^[a-z]+:/, '');
    const name = e.hypothetical ? t('whatIfReport_hypothetical', { name: e.name }) : t.pick(e);
    return `${name}, ${regionName(e.region)}`;
  };
  const skipped = effect.skipped.map((s) => s.item);
  return {
    id: 'scenario',
    title: t('whatIfReport_items'),
    columns: [
      '№',
      t('whatIfReport_itemKind'),
      t('whatIfReport_itemParty'),
      t('whatIfReport_itemBuyer'),
      t('whatIfReport_itemStages'),
      t('whatIfReport_itemVolume'),
      t('whatIfReport_itemInstead'),
      t('whatIfReport_itemTakenOver'),
    ],
    rows: scenario.items.map((it, i) =>
      it.kind === 'enterprise'
        ? [
            i + 1,
            t('whatIfReport_itemEnterprise'),
            `${it.name}, ${regionName(it.region)}, ${t.name('sizeCat', it.size)}`,
            null,
            it.stages.map(stageName).join('; '),
            round(it.revenueMlnRub),
            null,
            null,
          ]
        : [
            i + 1,
            t('whatIfReport_itemContract'),
            party(it.supplier),
            party(it.buyer),
            stageName(it.stage),
            round(it.volumeMlnRub),
            party(it.replaces),
            it.replaces ? round(effect.takenOver.get(i) ?? 0) : null,
          ],
    ),
    notes: [
      t('whatIfReport_itemsNote'),
      ...(skipped.length > 0 ? [t('whatIfReport_skipped', { items: skipped.join(', ') })] : []),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Files

function pictureOptions(request: ExportRequest): PictureOptions {
  return {
    ...DEFAULT_PICTURE,
    width: request.width ?? DEFAULT_PICTURE.width,
    height: request.height ?? DEFAULT_PICTURE.height,
  };
}

/** The file as a stream of bytes. */
export async function exportStream(prepared: PreparedExport, request: ExportRequest): Promise<Readable> {
  const { doc } = prepared;
  const picture = pictureOptions(request);
  if (request.format === 'png') {
    const svg = await svgText(doc, picture);
    return Readable.from([renderPng(svg, picture.width * (request.scale ?? 1))]);
  }
  if (request.format === 'pdf') return pdfReport(doc, picture);
  return Readable.from(writeExport(request.format, doc, picture), { objectMode: false });
}
