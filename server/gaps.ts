// Gap analysis (issue 4): where SMEs can enter the chains, and who can partner. Definitions, for a
// chain c, a region r and a stage s of c (the README's "Gap analysis" section is the contract):
//
//   D(r,s)  demand: Σ volumeMlnRub of the supply links at stage s whose buyer is located in r
//   L(r,s)  local supply: the part of D whose supplier is located in r too
//   LSR     L / D (null when D = 0); imported volume D − L
//   mean import distance: Σ volume × great-circle distance (km) between the supplier's region
//           centre and r's centre, over the imported links, / Σ their volume (null when none)
//   presence: enterprises located in r operating at s, SMEs among them, their summed revenue
//   gap rules: 'no-local-enterprise'   D > 0 and no enterprise in r operates at s
//              'low-local-sourcing'    D > 0, some enterprise in r operates at s, LSR < threshold
//              'missing-upstream-link' no enterprise in r operates at s, but some operate at a
//                                      stage that s FEEDS
//
// The per-(region, stage) figures ("cells") come from the pre-aggregated layer
// (server/aggregate.ts) when it holds them, and are computed live on small graphs otherwise —
// both through `buildStageCells`, so the two answers are the same. Opportunity scores, partner
// ranking, registry readiness and structural risks are computed here from those figures and from
// small, region- or cluster-scoped queries (cypher/gaps-*.cypher).
import { DirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { cypher, DbUnavailableError, type Db } from './db.js';
import type { RegistryThresholds, Settings } from './config.js';
import { loadReference } from './reference.js';
import { type ChainRef, type RegionRef, type StageRef } from '../core/schemas.js';

export { buildStageCells, haversineKm, regionCoordinates, type PresenceRow, type StageCell, type StageFlowRow } from './gap-cells.js';
import {
  buildStageCells, cellKey, cmp, haversineKm, money, regionCoordinates, round,
  type PresenceRow, type StageCell, type StageFlowRow,
} from './gap-cells.js';
import { AppError, codeForStatus } from './errors.js';

/** Without an aggregate, graphs up to this many supply links are scanned live (as the overview does). */
export const LIVE_MAX_LINKS = 200_000;

/** The gap figures cannot be answered yet: a large graph whose aggregate is still being computed (503). */
export class GapsPendingError extends DbUnavailableError {
  readonly code = 'aggregating';
}

export const SME_SIZES = ['micro', 'small', 'medium'];

export const GAP_RULES = ['no-local-enterprise', 'low-local-sourcing', 'missing-upstream-link'] as const;
export type GapRule = (typeof GAP_RULES)[number];
/** A gap's rules as a bit mask (the matrix's compact form): bit i stands for GAP_RULES[i]. */
export const ruleMask = (rules: GapRule[]) => rules.reduce((m, r) => m | (1 << GAP_RULES.indexOf(r)), 0);

/** Errors the routes turn into 400 and 404. */
export class GapError extends AppError {
  constructor(readonly status: 400 | 404, message: string) {
    super(status, codeForStatus(status), message);
  }
}

export interface CellTable {
  cells: StageCell[];
  /** Where the figures come from: the aggregate, or a live scan of the graph. */
  source: 'aggregate' | 'live';
  /** When the aggregate's refresh began (ISO); null when computed live. */
  refreshedAt: string | null;
  /** The aggregate's version; null when computed live. */
  version: number | null;
}

const READ_ATTEMPTS = 4;

/** One version of the aggregate's cells; null when absent, undefined when a refresh's commit was half visible. */
async function readCellVersion(db: Db, previous: boolean): Promise<CellTable | null | undefined> {
  const [row] = await db.read(cypher('gaps-aggregate-cells'), { previous });
  if (!row) return null;
  const c = row.cells as Record<keyof StageCell, unknown[]>;
  if (c.region.length !== Number(row.cellCount)) return undefined;
  const cells: StageCell[] = c.region.map((region, i) => ({
    region: String(region), stage: String(c.stage[i]),
    enterprises: Number(c.enterprises[i]), smes: Number(c.smes[i]), revenueMlnRub: Number(c.revenueMlnRub[i]),
    demandMlnRub: Number(c.demandMlnRub[i]), localMlnRub: Number(c.localMlnRub[i]),
    links: Number(c.links[i]), localLinks: Number(c.localLinks[i]), importKmMlnRub: Number(c.importKmMlnRub[i]),
  }));
  cells.sort((a, b) => cmp(a.region, b.region) || cmp(a.stage, b.stage));
  return { cells, source: 'aggregate', refreshedAt: String(row.refreshedAt), version: Number(row.version) };
}

const cellCache = new WeakMap<Db, { key: string; table: CellTable }>();

/**
 * The cells from the aggregate (server/aggregate.ts); null when it has none. Like the overview: a
 * read that finds fewer rows than the marker promises (a refresh committing) takes the previous
 * version, and failing that tries again.
 */
export async function cellsFromAggregate(db: Db): Promise<CellTable | null> {
  // The cells of one version never change: kept per Db while the marker names that version
  // (version and refresh time: a wiped and re-aggregated database reuses version numbers).
  const [marker] = await db.read("MATCH (g:FlowAggregate {id: 'overview'}) RETURN g.version AS version, toString(g.refreshedAt) AS refreshedAt");
  const key = marker ? `${marker.version}|${marker.refreshedAt}` : '';
  const cached = cellCache.get(db);
  if (cached && cached.key === key) return cached.table;
  for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
    const current = await readCellVersion(db, false);
    if (current && `${current.version}|${current.refreshedAt}` === key) cellCache.set(db, { key, table: current });
    if (current !== undefined) return current;
    const previous = await readCellVersion(db, true);
    if (previous) return previous;
    await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
  }
  return null;
}

/** The figures of every (region, stage) computed from the graph itself (scans every link). */
export async function cellsLive(db: Db): Promise<CellTable> {
  const [flows, presence] = await Promise.all([db.read(cypher('gaps-live-flows')), db.read(cypher('gaps-live-presence'))]);
  return {
    cells: buildStageCells(flows as unknown as StageFlowRow[], presence as unknown as PresenceRow[]),
    source: 'live', refreshedAt: null, version: null,
  };
}

/**
 * The cells: from the aggregate; without one, computed live on graphs under `liveMaxLinks`
 * supply links, else refused (503: the aggregate is being computed), as the overview does.
 */
export async function loadCells(db: Db, opts: { live?: boolean; liveMaxLinks?: number } = {}): Promise<CellTable> {
  if (opts.live) return cellsLive(db);
  const aggregated = await cellsFromAggregate(db);
  if (aggregated) return aggregated;
  const [{ links }] = await db.read('MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS links');
  if (Number(links) < (opts.liveMaxLinks ?? LIVE_MAX_LINKS)) return cellsLive(db);
  throw new GapsPendingError(
    `the gap figures of this graph (${Number(links).toLocaleString('en')} supply links) have not been aggregated yet; ` +
      'this happens after every import and at start-up — retry shortly',
  );
}

/**
 * What a what-if scenario (server/scenarios.ts) changes in the cells' inputs: supply links added
 * (or, with negative volume and count, taken over) and enterprises added. Never written anywhere:
 * applied to a copy of the cells for one answer.
 */
export interface CellEffect { flows: StageFlowRow[]; presence: PresenceRow[] }

/** The cells with a scenario's effect added (the same function as the aggregate builds them with). */
export function applyCellEffect(table: CellTable, effect: CellEffect | undefined): CellTable {
  if (!effect || (effect.flows.length === 0 && effect.presence.length === 0)) return table;
  const cells = new Map(table.cells.map((c) => [cellKey(c.region, c.stage), { ...c }]));
  for (const d of buildStageCells(effect.flows, effect.presence)) {
    const key = cellKey(d.region, d.stage);
    const c = cells.get(key);
    if (!c) {
      cells.set(key, d);
      continue;
    }
    c.enterprises += d.enterprises;
    c.smes += d.smes;
    c.revenueMlnRub = money(c.revenueMlnRub + d.revenueMlnRub);
    c.demandMlnRub = money(c.demandMlnRub + d.demandMlnRub);
    c.localMlnRub = money(c.localMlnRub + d.localMlnRub);
    c.links += d.links;
    c.localLinks += d.localLinks;
    c.importKmMlnRub = round(c.importKmMlnRub + d.importKmMlnRub, 3);
  }
  return { ...table, cells: [...cells.values()].sort((a, b) => cmp(a.region, b.region) || cmp(a.stage, b.stage)) };
}

/** Options of the gap answers: `live` skips the aggregate; `effect` is a what-if scenario's. */
export interface GapOptions { live?: boolean; effect?: CellEffect }

async function cellsFor(db: Db, opts: GapOptions): Promise<CellTable> {
  return applyCellEffect(await loadCells(db, opts), opts.effect);
}

// ---------------------------------------------------------------------------------------------
// Reference look-ups

export interface ChainInfo {
  chain: ChainRef;
  /** Stages in chain order (by `order`, then as listed). */
  stages: StageRef[];
}

export function chainInfo(chainId: string): ChainInfo {
  const chain = loadReference().chains.find((c) => c.id === chainId);
  if (!chain) throw new GapError(404, `no chain ${chainId}`);
  const stages = chain.stages.map((s, i) => ({ s, i })).sort((a, b) => a.s.order - b.s.order || a.i - b.i).map(({ s }) => s);
  return { chain, stages };
}

export function regionInfo(code: string): RegionRef {
  const region = loadReference().regions.find((r) => r.code === code);
  if (!region) throw new GapError(404, `no region ${code}`);
  return region;
}

export function stageInfo(stageId: string): { stage: StageRef; chain: ChainRef } {
  for (const chain of loadReference().chains) {
    const stage = chain.stages.find((s) => s.id === stageId);
    if (stage) return { stage, chain };
  }
  throw new GapError(404, `no stage ${stageId}`);
}

// ---------------------------------------------------------------------------------------------
// Gaps

export interface GapFigures {
  demandMlnRub: number;
  localMlnRub: number;
  lsr: number | null;
  importedMlnRub: number;
  importDistanceKm: number | null;
  links: number;
  localLinks: number;
  enterprises: number;
  smes: number;
  revenueMlnRub: number;
  gap: boolean;
  rules: GapRule[];
  /** Stages that this stage FEEDS and that have enterprises in the region (the evidence of 'missing-upstream-link'). */
  feedsPresent: string[];
}

const EMPTY_CELL = { enterprises: 0, smes: 0, revenueMlnRub: 0, demandMlnRub: 0, localMlnRub: 0, links: 0, localLinks: 0, importKmMlnRub: 0 };

/** A cell's figures and gap rules. `present`: the region's stages with at least one enterprise. */
export function gapFigures(cell: Omit<StageCell, 'region' | 'stage'> | undefined, stage: StageRef, present: Set<string>, threshold: number): GapFigures {
  const c = cell ?? EMPTY_CELL;
  const imported = money(c.demandMlnRub - c.localMlnRub);
  const lsr = c.demandMlnRub > 0 ? c.localMlnRub / c.demandMlnRub : null;
  const rules: GapRule[] = [];
  if (c.demandMlnRub > 0) {
    if (c.enterprises === 0) rules.push('no-local-enterprise');
    else if (lsr! < threshold) rules.push('low-local-sourcing');
  }
  const feedsPresent = c.enterprises === 0 ? stage.feeds.filter((t) => present.has(t)) : [];
  if (feedsPresent.length > 0) rules.push('missing-upstream-link');
  return {
    demandMlnRub: c.demandMlnRub,
    localMlnRub: c.localMlnRub,
    lsr,
    importedMlnRub: imported,
    importDistanceKm: imported > 0 ? round(c.importKmMlnRub / imported, 1) : null,
    links: c.links,
    localLinks: c.localLinks,
    enterprises: c.enterprises,
    smes: c.smes,
    revenueMlnRub: c.revenueMlnRub,
    gap: rules.length > 0,
    rules,
    feedsPresent,
  };
}

/** Cells indexed by region and stage, and each region's stages with enterprises. */
function indexCells(cells: StageCell[]) {
  const byKey = new Map(cells.map((c) => [cellKey(c.region, c.stage), c]));
  const present = new Map<string, Set<string>>();
  for (const c of cells) {
    if (c.enterprises === 0) continue;
    let set = present.get(c.region);
    if (!set) present.set(c.region, (set = new Set()));
    set.add(c.stage);
  }
  return { get: (region: string, stage: string) => byKey.get(cellKey(region, stage)), present: (region: string) => present.get(region) ?? new Set<string>() };
}

export interface RegionSummary { code: string; name: string; nameEn: string; lat: number; lon: number }
const regionSummary = (r: RegionRef): RegionSummary => ({ code: r.code, name: r.name, nameEn: r.nameEn, lat: r.lat, lon: r.lon });

export interface ImportSource { region: string; volumeMlnRub: number; links: number; distanceKm: number }

export interface GapRow extends GapFigures {
  stage: string;
  name: string;
  nameEn: string;
  order: number;
  kind: string;
  feeds: string[];
  /** Where the imported volume comes from: supplier regions, largest volume first. */
  sources: ImportSource[];
}

export interface GapReport {
  chain: string;
  region: RegionSummary;
  lsrThreshold: number;
  source: 'aggregate' | 'live';
  refreshedAt: string | null;
  stages: GapRow[];
}

async function importSources(db: Db, table: CellTable, region: string, stages: string[], effect?: CellEffect): Promise<Map<string, ImportSource[]>> {
  let rows: StageFlowRow[] | null = null; // the aggregate's StageFlow rows of the cells' version, else live
  if (table.source === 'aggregate' && table.version !== null) {
    rows = (await db.read(cypher('gaps-aggregate-sources'), { version: table.version, region, stages })) as unknown as StageFlowRow[];
  }
  if (!rows) {
    rows = (await db.read(cypher('gaps-live-sources'), { region, stages })).map((r) => ({ ...(r as unknown as StageFlowRow), target: region }));
  }
  const wanted = new Set(stages);
  for (const f of effect?.flows ?? []) if (f.target === region && wanted.has(f.stage)) rows.push(f);
  const coords = regionCoordinates();
  const to = coords.get(region)!;
  const grouped = new Map<string, { stage: string; source: string; volume: number; links: number }>();
  for (const r of rows) {
    const key = cellKey(String(r.source), r.stage);
    const g = grouped.get(key) ?? { stage: r.stage, source: String(r.source), volume: 0, links: 0 };
    g.volume += Number(r.volumeMlnRub);
    g.links += Number(r.links);
    grouped.set(key, g);
  }
  const byStage = new Map<string, ImportSource[]>();
  for (const r of grouped.values()) {
    const from = coords.get(r.source);
    if (!from || r.source === region || r.links <= 0) continue;
    const list = byStage.get(r.stage) ?? [];
    list.push({ region: r.source, volumeMlnRub: money(r.volume), links: r.links, distanceKm: round(haversineKm(from, to), 1) });
    byStage.set(r.stage, list);
  }
  for (const list of byStage.values()) list.sort((a, b) => b.volumeMlnRub - a.volumeMlnRub || a.distanceKm - b.distanceKm || cmp(a.region, b.region));
  return byStage;
}

/** GET /api/gaps: one row per stage of the chain for one region. */
export async function gapReport(db: Db, settings: Settings, chainId: string, regionCode: string, opts: GapOptions = {}): Promise<GapReport> {
  const { chain, stages } = chainInfo(chainId);
  const region = regionInfo(regionCode);
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const present = cells.present(region.code);
  const sources = await importSources(db, table, region.code, stages.map((s) => s.id), opts.effect);
  return {
    chain: chain.id,
    region: regionSummary(region),
    lsrThreshold: settings.gapLsrThreshold,
    source: table.source,
    refreshedAt: table.refreshedAt,
    stages: stages.map((s) => ({
      stage: s.id, name: s.name, nameEn: s.nameEn, order: s.order, kind: s.kind, feeds: s.feeds,
      ...gapFigures(cells.get(region.code, s.id), s, present, settings.gapLsrThreshold),
      sources: sources.get(s.id) ?? [],
    })),
  };
}

export interface GapMatrix {
  chain: string;
  lsrThreshold: number;
  source: 'aggregate' | 'live';
  refreshedAt: string | null;
  /** The meaning of the bits of `gap`: bit i (value 2^i) is rules[i]. */
  rules: GapRule[];
  stages: { id: string; name: string; nameEn: string; order: number; kind: string }[];
  regions: RegionSummary[];
  /** Every figure below is [stage index][region index]. */
  enterprises: number[][];
  smes: number[][];
  demandMlnRub: number[][];
  localMlnRub: number[][];
  lsr: (number | null)[][];
  importedMlnRub: number[][];
  importDistanceKm: (number | null)[][];
  /** 0: no gap; else the bit mask of the rules that make it one. */
  gap: number[][];
}

/** GET /api/gaps/matrix: the chain's stages × every region, column by column. */
export async function gapMatrix(db: Db, settings: Settings, chainId: string, opts: GapOptions = {}): Promise<GapMatrix> {
  const { chain, stages } = chainInfo(chainId);
  const regions = [...loadReference().regions].sort((a, b) => cmp(a.code, b.code));
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const m: Omit<GapMatrix, 'chain' | 'lsrThreshold' | 'source' | 'refreshedAt' | 'rules' | 'stages' | 'regions'> = {
    enterprises: [], smes: [], demandMlnRub: [], localMlnRub: [], lsr: [], importedMlnRub: [], importDistanceKm: [], gap: [],
  };
  for (const s of stages) {
    const row = regions.map((r) => gapFigures(cells.get(r.code, s.id), s, cells.present(r.code), settings.gapLsrThreshold));
    m.enterprises.push(row.map((f) => f.enterprises));
    m.smes.push(row.map((f) => f.smes));
    m.demandMlnRub.push(row.map((f) => f.demandMlnRub));
    m.localMlnRub.push(row.map((f) => f.localMlnRub));
    m.lsr.push(row.map((f) => (f.lsr === null ? null : round(f.lsr, 6))));
    m.importedMlnRub.push(row.map((f) => f.importedMlnRub));
    m.importDistanceKm.push(row.map((f) => f.importDistanceKm));
    m.gap.push(row.map((f) => ruleMask(f.rules)));
  }
  return {
    chain: chain.id,
    lsrThreshold: settings.gapLsrThreshold,
    source: table.source,
    refreshedAt: table.refreshedAt,
    rules: [...GAP_RULES],
    stages: stages.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, order: s.order, kind: s.kind })),
    regions: regions.map(regionSummary),
    ...m,
  };
}

// ---------------------------------------------------------------------------------------------
// Relatedness (Hidalgo, Klinger, Barabási, Hausmann 2007) and SME suitability

export interface Relatedness {
  /** M(r,s) = 1: region r has a revealed comparative advantage (RCA ≥ 1) in stage s. */
  advantage: (region: string, stage: string) => boolean;
  rca: (region: string, stage: string) => number;
  /** φ(s,s') = min(P(M_s | M_s'), P(M_s' | M_s)) over regions. */
  proximity: (s: string, t: string) => number;
  /** ω(r,s) = Σ_{s'≠s} M(r,s')·φ(s,s') / Σ_{s'≠s} φ(s,s'), 0 when s is close to no stage. */
  density: (region: string, stage: string) => number;
  /** The stages s' ≠ s with M(r,s') = 1, closest to s first, with φ(s,s'). */
  related: (region: string, stage: string) => { stage: string; proximity: number }[];
}

/**
 * The product space of stages. Every stage of every chain is a "product"; the count of a
 * region's enterprises operating at it is its "export": RCA(r,s) = (E(r,s) / E(r)) / (E(s) / E),
 * where E(r) sums over the region's stages, E(s) over regions and E over both.
 */
export function relatedness(cells: StageCell[], stageIds: string[]): Relatedness {
  const byRegion = new Map<string, number>();
  const byStage = new Map<string, number>();
  let total = 0;
  for (const c of cells) {
    if (c.enterprises === 0) continue;
    byRegion.set(c.region, (byRegion.get(c.region) ?? 0) + c.enterprises);
    byStage.set(c.stage, (byStage.get(c.stage) ?? 0) + c.enterprises);
    total += c.enterprises;
  }
  const rcaOf = new Map<string, number>();
  const regionsWith = new Map<string, Set<string>>(); // stage → regions with M = 1
  const stagesWith = new Map<string, Set<string>>(); // region → stages with M = 1
  for (const c of cells) {
    if (c.enterprises === 0) continue;
    const rca = (c.enterprises / byRegion.get(c.region)!) / (byStage.get(c.stage)! / total);
    rcaOf.set(cellKey(c.region, c.stage), rca);
    if (rca >= 1 - 1e-12) {
      (regionsWith.get(c.stage) ?? regionsWith.set(c.stage, new Set()).get(c.stage)!).add(c.region);
      (stagesWith.get(c.region) ?? stagesWith.set(c.region, new Set()).get(c.region)!).add(c.stage);
    }
  }
  const phi = new Map<string, number>();
  const proximity = (s: string, t: string) => {
    if (s === t) return 1;
    const key = s < t ? cellKey(s, t) : cellKey(t, s);
    let value = phi.get(key);
    if (value === undefined) {
      const a = regionsWith.get(s) ?? new Set<string>();
      const b = regionsWith.get(t) ?? new Set<string>();
      let both = 0;
      for (const r of a) if (b.has(r)) both++;
      const most = Math.max(a.size, b.size);
      value = most === 0 ? 0 : both / most;
      phi.set(key, value);
    }
    return value;
  };
  const advantage = (region: string, stage: string) => stagesWith.get(region)?.has(stage) ?? false;
  const densities = new Map<string, number>();
  return {
    advantage,
    rca: (region, stage) => rcaOf.get(cellKey(region, stage)) ?? 0,
    proximity,
    density: (region, stage) => {
      const key = cellKey(region, stage);
      let value = densities.get(key);
      if (value === undefined) {
        let num = 0;
        let den = 0;
        for (const t of stageIds) {
          if (t === stage) continue;
          const p = proximity(stage, t);
          den += p;
          if (advantage(region, t)) num += p;
        }
        value = den === 0 ? 0 : num / den;
        densities.set(key, value);
      }
      return value;
    },
    related: (region, stage) =>
      [...(stagesWith.get(region) ?? [])]
        .filter((t) => t !== stage)
        .map((t) => ({ stage: t, proximity: proximity(stage, t) }))
        .filter((r) => r.proximity > 0)
        .sort((a, b) => b.proximity - a.proximity || cmp(a.stage, b.stage)),
  };
}

/** SME suitability of a stage: the SME share of the enterprises operating at it nationwide. */
export function smeSuitability(cells: StageCell[]): Map<string, { smes: number; enterprises: number; share: number }> {
  const out = new Map<string, { smes: number; enterprises: number; share: number }>();
  for (const c of cells) {
    const s = out.get(c.stage) ?? { smes: 0, enterprises: 0, share: 0 };
    s.smes += c.smes;
    s.enterprises += c.enterprises;
    out.set(c.stage, s);
  }
  for (const s of out.values()) s.share = s.enterprises === 0 ? 0 : s.smes / s.enterprises;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Opportunity score

/** Weights of the four terms of the opportunity score (they sum to 1). */
export const OPPORTUNITY_WEIGHTS = { imported: 0.4, distance: 0.2, smeSuitability: 0.2, relatedness: 0.2 } as const;
/** A mean import distance of this many km or more counts in full. */
export const DISTANCE_SCALE_KM = 3000;
export const OPPORTUNITY_FORMULA =
  'score = 100 × (0.4·V + 0.2·Δ + 0.2·σ + 0.2·ω); V = ln(1 + imported) / ln(1 + largest imported of the chain); ' +
  'Δ = min(1, mean import distance / 3000 km); σ = SME share of the enterprises at the stage nationwide; ' +
  'ω = relatedness density of the region to the stage (Hidalgo et al. 2007)';

export interface Term { value: number | null; normalised: number; weight: number; points: number }

export interface Opportunity {
  rank: number;
  region: string;
  regionName: string;
  regionNameEn: string;
  stage: string;
  stageName: string;
  stageNameEn: string;
  score: number;
  rules: GapRule[];
  demandMlnRub: number;
  lsr: number | null;
  enterprises: number;
  smes: number;
  components: {
    /** value: imported volume D − L, mln RUB */
    imported: Term;
    /** value: mean import distance, km (null: nothing imported) */
    distance: Term;
    /** value: SME share of the stage's enterprises nationwide */
    smeSuitability: Term & { smes: number; enterprises: number };
    /** value: relatedness density ω(r,s); `related`: the region's stages with RCA ≥ 1 closest to s */
    relatedness: Term & { related: { stage: string; proximity: number }[] };
  };
}

export interface OpportunityReport {
  chain: string;
  region: string | null;
  source: 'aggregate' | 'live';
  refreshedAt: string | null;
  formula: string;
  weights: typeof OPPORTUNITY_WEIGHTS;
  /** The largest imported volume of any (region, stage) of the chain: V's scale. */
  maxImportedMlnRub: number;
  distanceScaleKm: number;
  lsrThreshold: number;
  /** Gaps scored (before `limit`). */
  total: number;
  opportunities: Opportunity[];
}

const term = (value: number | null, normalised: number, weight: number): Term => ({
  value, normalised: round(normalised, 6), weight, points: round(100 * weight * normalised, 4),
});

/** GET /api/opportunities: the chain's gaps in one region (or all), ranked by the opportunity score. */
export async function opportunities(
  db: Db, settings: Settings, chainId: string, regionCode: string | undefined, opts: GapOptions & { limit?: number } = {},
): Promise<OpportunityReport> {
  const { chain, stages } = chainInfo(chainId);
  const regions = regionCode ? [regionInfo(regionCode)] : [...loadReference().regions].sort((a, b) => cmp(a.code, b.code));
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const allStages = loadReference().chains.flatMap((c) => c.stages.map((s) => s.id));
  const rel = relatedness(table.cells, allStages);
  const sme = smeSuitability(table.cells);
  const chainStages = new Set(stages.map((s) => s.id));
  let maxImported = 0;
  for (const c of table.cells) if (chainStages.has(c.stage)) maxImported = Math.max(maxImported, money(c.demandMlnRub - c.localMlnRub));
  const w = OPPORTUNITY_WEIGHTS;
  const scored: Omit<Opportunity, 'rank'>[] = [];
  for (const r of regions) {
    const present = cells.present(r.code);
    for (const s of stages) {
      const f = gapFigures(cells.get(r.code, s.id), s, present, settings.gapLsrThreshold);
      if (!f.gap) continue;
      const V = maxImported > 0 ? Math.log1p(f.importedMlnRub) / Math.log1p(maxImported) : 0;
      const D = f.importDistanceKm === null ? 0 : Math.min(1, f.importDistanceKm / DISTANCE_SCALE_KM);
      const st = sme.get(s.id) ?? { smes: 0, enterprises: 0, share: 0 };
      const omega = rel.density(r.code, s.id);
      const components = {
        imported: term(f.importedMlnRub, V, w.imported),
        distance: term(f.importDistanceKm, D, w.distance),
        smeSuitability: { ...term(round(st.share, 6), st.share, w.smeSuitability), smes: st.smes, enterprises: st.enterprises },
        relatedness: {
          ...term(round(omega, 6), omega, w.relatedness),
          related: rel.related(r.code, s.id).slice(0, 5).map((x) => ({ stage: x.stage, proximity: round(x.proximity, 6) })),
        },
      };
      const score = 100 * (w.imported * V + w.distance * D + w.smeSuitability * st.share + w.relatedness * omega);
      scored.push({
        region: r.code, regionName: r.name, regionNameEn: r.nameEn,
        stage: s.id, stageName: s.name, stageNameEn: s.nameEn,
        score: round(score, 2), rules: f.rules, demandMlnRub: f.demandMlnRub, lsr: f.lsr,
        enterprises: f.enterprises, smes: f.smes, components,
      });
    }
  }
  const order = new Map(stages.map((s, i) => [s.id, i]));
  scored.sort((a, b) => b.score - a.score || (b.components.imported.value ?? 0) - (a.components.imported.value ?? 0)
    || cmp(a.region, b.region) || order.get(a.stage)! - order.get(b.stage)!);
  const limit = opts.limit ?? scored.length;
  return {
    chain: chain.id,
    region: regionCode ?? null,
    source: table.source,
    refreshedAt: table.refreshedAt,
    formula: OPPORTUNITY_FORMULA,
    weights: w,
    maxImportedMlnRub: maxImported,
    distanceScaleKm: DISTANCE_SCALE_KM,
    lsrThreshold: settings.gapLsrThreshold,
    total: scored.length,
    opportunities: scored.slice(0, limit).map((o, i) => ({ rank: i + 1, ...o })),
  };
}

// ---------------------------------------------------------------------------------------------
// Partner regions

/** Distances below this count as this (neighbouring regions whose centres are close). */
export const PARTNER_MIN_DISTANCE_KM = 50;
export const PARTNER_FORMULA = 'score = capacity (revenue of the enterprises at the stage, mln RUB) / max(distance km, 50)';

export interface SmeRef { id: string; name: string; nameEn: string | null; size: string; employees: number | null; revenueMlnRub: number | null; synthetic: boolean }

export interface Partner {
  rank: number;
  region: string;
  name: string;
  nameEn: string;
  lat: number;
  lon: number;
  distanceKm: number;
  enterprises: number;
  smes: number;
  capacityMlnRub: number;
  score: number;
  /** What the region already supplies to the gap's region at the stage. */
  suppliesMlnRub: number;
  /** Its SMEs at the stage, largest revenue first, at most `smesPerRegion`. */
  smeList: SmeRef[];
}

export interface PartnerReport {
  stage: { id: string; name: string; nameEn: string; chain: string };
  region: RegionSummary;
  source: 'aggregate' | 'live';
  refreshedAt: string | null;
  formula: string;
  total: number;
  partners: Partner[];
}

/** GET /api/partners: regions with enterprises at the stage, ranked by capacity over distance (gravity). */
export async function partners(
  db: Db, stageId: string, regionCode: string, opts: GapOptions & { limit?: number; smesPerRegion?: number } = {},
): Promise<PartnerReport> {
  const { stage, chain } = stageInfo(stageId);
  const region = regionInfo(regionCode);
  const table = await cellsFor(db, opts);
  const coords = regionCoordinates();
  const here = coords.get(region.code)!;
  const byCode = new Map(loadReference().regions.map((r) => [r.code, r]));
  const candidates = table.cells
    .filter((c) => c.stage === stage.id && c.region !== region.code && c.enterprises > 0 && byCode.has(c.region))
    .map((c) => {
      const r = byCode.get(c.region)!;
      const distanceKm = round(haversineKm(here, coords.get(c.region)!), 1);
      return {
        region: r.code, name: r.name, nameEn: r.nameEn, lat: r.lat, lon: r.lon, distanceKm,
        enterprises: c.enterprises, smes: c.smes, capacityMlnRub: c.revenueMlnRub,
        score: round(c.revenueMlnRub / Math.max(distanceKm, PARTNER_MIN_DISTANCE_KM), 4),
      };
    })
    .sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm || cmp(a.region, b.region));
  const chosen = candidates.slice(0, opts.limit ?? candidates.length);
  const [sources, smeRows] = await Promise.all([
    importSources(db, table, region.code, [stage.id], opts.effect),
    chosen.length === 0 ? Promise.resolve([]) : db.read(cypher('gaps-partner-smes'), {
      stage: stage.id, regions: chosen.map((c) => c.region), perRegion: opts.smesPerRegion ?? 20,
    }),
  ]);
  const supplied = new Map((sources.get(stage.id) ?? []).map((s) => [s.region, s.volumeMlnRub]));
  const smes = new Map(smeRows.map((r) => [String(r.region), r.smes as SmeRef[]]));
  return {
    stage: { id: stage.id, name: stage.name, nameEn: stage.nameEn, chain: chain.id },
    region: regionSummary(region),
    source: table.source,
    refreshedAt: table.refreshedAt,
    formula: PARTNER_FORMULA,
    total: candidates.length,
    partners: chosen.map((c, i) => ({
      rank: i + 1, ...c, suppliesMlnRub: supplied.get(c.region) ?? 0,
      smeList: (smes.get(c.region) ?? []).map((s) => ({ ...s, nameEn: s.nameEn ?? null, employees: s.employees ?? null, revenueMlnRub: s.revenueMlnRub ?? null })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Cluster registry readiness (Decree 779)

export interface ParticipantRef { id: string; name: string }

export interface Participant {
  id: string;
  name: string;
  nameEn: string | null;
  role: string | null;
  region: string;
  size: string | null;
  revenueMlnRub: number | null;
  priorityTerritory: boolean;
  /** Supply to and from other participants of the cluster. */
  suppliedMlnRub: number;
  boughtMlnRub: number;
  /** Other participants it has a supply link with, either way. */
  linkedParticipants: number;
  /** Present only on a what-if scenario's participants. */
  hypothetical?: boolean;
}

export interface Readiness {
  cluster: { id: string; name: string; nameEn: string | null; kind: string; status: string; chain: string | null; regions: string[] };
  /** Decree 779 is about industrial clusters; the checks are computed for any cluster. */
  industrial: boolean;
  thresholds: RegistryThresholds;
  ready: boolean;
  checks: {
    participants: { passed: boolean; value: number; threshold: number };
    cooperation: { passed: boolean; value: number; threshold: number; failing: ParticipantRef[] };
    dependence: {
      passed: boolean;
      /** Σ volume of links between participants / Σ participants' revenue; null when no revenue is known. */
      value: number | null;
      threshold: number;
      internalVolumeMlnRub: number;
      revenueMlnRub: number;
      priorityParticipants: number;
      priorityShare: number;
      /** The lower threshold applies: priority share ≥ thresholds.priorityShare. */
      priorityThreshold: boolean;
      /** When failing: participants none of whose output goes to another participant. */
      failing: ParticipantRef[];
      /** Participants of unknown revenue (counted as 0 in the denominator). */
      revenueUnknown: ParticipantRef[];
    };
  };
  participants: Participant[];
}

/** A participant as read from the graph: its supply to and from the other participants, by id. */
export interface RawParticipant {
  id: string; name: string; nameEn: string | null; role: string | null; region: string; size: string | null;
  revenueMlnRub: number | null; priorityTerritory: boolean; stages: string[];
  suppliedMlnRub: number; boughtMlnRub: number; buyers: string[]; suppliers: string[];
  /** A participant of a what-if scenario, not of the real data. */
  hypothetical?: boolean;
}

/** What the readiness checks are computed from: the cluster and its participants. */
export interface ReadinessInputs { cluster: Readiness['cluster']; participants: RawParticipant[] }

/** The cluster and its participants with their supply among each other (404 when no such cluster). */
export async function readinessInputs(db: Db, clusterId: string): Promise<ReadinessInputs> {
  const [row] = await db.read(cypher('gaps-readiness'), { id: clusterId });
  if (!row) throw new GapError(404, `no cluster ${clusterId}`);
  const raw = row.participants as (Omit<RawParticipant, 'priorityTerritory'> & { priorityTerritory: unknown })[];
  return {
    cluster: {
      id: String(row.id), name: String(row.name), nameEn: (row.nameEn as string | null) ?? null, kind: String(row.kind),
      status: String(row.status), chain: (row.chain as string | null) ?? null, regions: row.regions as string[],
    },
    participants: raw.map((p) => ({
      id: p.id, name: p.name, nameEn: p.nameEn ?? null, role: p.role ?? null, region: p.region, size: p.size ?? null,
      revenueMlnRub: p.revenueMlnRub ?? null, priorityTerritory: p.priorityTerritory === true, stages: p.stages ?? [],
      suppliedMlnRub: money(Number(p.suppliedMlnRub)), boughtMlnRub: money(Number(p.boughtMlnRub)),
      buyers: p.buyers, suppliers: p.suppliers,
    })),
  };
}

/** GET /api/clusters/:id/readiness. */
export async function readiness(db: Db, settings: Settings, clusterId: string): Promise<Readiness> {
  return assessReadiness(await readinessInputs(db, clusterId), settings);
}

/** The three registry checks of Decree 779 (thresholds from the settings) over a cluster's participants. */
export function assessReadiness(inputs: ReadinessInputs, settings: Settings): Readiness {
  const t = settings.registry;
  const participants: Participant[] = inputs.participants.map((p) => ({
    id: p.id, name: p.name, nameEn: p.nameEn, role: p.role, region: p.region, size: p.size,
    revenueMlnRub: p.revenueMlnRub, priorityTerritory: p.priorityTerritory,
    suppliedMlnRub: money(p.suppliedMlnRub), boughtMlnRub: money(p.boughtMlnRub),
    linkedParticipants: new Set([...p.buyers, ...p.suppliers]).size,
    ...(p.hypothetical ? { hypothetical: true } : {}),
  }));
  const ref = (p: Participant): ParticipantRef => ({ id: p.id, name: p.name });
  const n = participants.length;
  const without = participants.filter((p) => p.linkedParticipants === 0);
  const internal = money(participants.reduce((s, p) => s + p.suppliedMlnRub, 0));
  const revenue = money(participants.reduce((s, p) => s + (p.revenueMlnRub ?? 0), 0));
  const priority = participants.filter((p) => p.priorityTerritory).length;
  const priorityShare = n === 0 ? 0 : priority / n;
  const priorityThreshold = n > 0 && priorityShare >= t.priorityShare - 1e-12;
  const threshold = priorityThreshold ? t.minDependencePriority : t.minDependence;
  const value = revenue > 0 ? internal / revenue : null;
  const dependencePassed = value !== null && value >= threshold - 1e-12;
  const checks: Readiness['checks'] = {
    participants: { passed: n >= t.minParticipants, value: n, threshold: t.minParticipants },
    cooperation: { passed: without.length <= t.maxWithoutLinks, value: without.length, threshold: t.maxWithoutLinks, failing: without.map(ref) },
    dependence: {
      passed: dependencePassed, value: value === null ? null : round(value, 6), threshold,
      internalVolumeMlnRub: internal, revenueMlnRub: revenue, priorityParticipants: priority,
      priorityShare: round(priorityShare, 6), priorityThreshold,
      failing: dependencePassed ? [] : participants.filter((p) => p.suppliedMlnRub === 0).map(ref),
      revenueUnknown: participants.filter((p) => p.revenueMlnRub === null).map(ref),
    },
  };
  return {
    cluster: inputs.cluster,
    industrial: inputs.cluster.kind === 'industrial',
    thresholds: t,
    ready: checks.participants.passed && checks.cooperation.passed && checks.dependence.passed,
    checks,
    participants,
  };
}

// ---------------------------------------------------------------------------------------------
// Structural risks: single suppliers, brokers, likely missing links

/** The region's supply network is cut at this many links (largest volume first), so that betweenness stays fast. */
export const RISK_MAX_LINKS = 2000;
/**
 * Regions with more links than this in a chain (twice the links bought there, from the cells) take
 * their largest links from the volume index instead of expanding every enterprise (a region of
 * 40,000 enterprises and 600,000 links: 0.4 s instead of 5 s; a small one is the other way round).
 */
export const RISK_INDEX_SCAN_FROM = 100_000;
/** Rows of each risk list returned. */
export const RISK_LIST_LIMIT = 20;

export interface EnterpriseRef { id: string; name: string; nameEn: string | null; region: string; size: string | null }

export interface RiskReport {
  chain: string;
  region: RegionSummary;
  /** The network analysed: its enterprises and links; truncated: the region has more links than maxLinks. */
  network: { enterprises: number; links: number; truncated: boolean; maxLinks: number };
  singleSupplier: {
    total: number;
    rows: { buyer: EnterpriseRef; stage: string; supplier: EnterpriseRef; volumeMlnRub: number }[];
  };
  brokers: (EnterpriseRef & { betweenness: number; suppliers: number; buyers: number })[];
  suggestedLinks: {
    supplier: EnterpriseRef;
    buyer: EnterpriseRef;
    /** Σ over common neighbours w of 1 / ln(degree of w) (Adamic & Adar 2003), undirected. */
    adamicAdar: number;
    common: string[];
    /** A stage of the supplier that FEEDS a stage of the buyer. */
    supplierStage: string;
    buyerStage: string;
  }[];
}

interface RiskNode extends EnterpriseRef { stages: string[] }

/**
 * Brokers: directed betweenness (Brandes; normalised by (n−1)(n−2)) on the region's supply
 * network. Suggested links: pairs not linked, sharing a neighbour, at least one in the region,
 * a stage of one FEEDS a stage of the other, ranked by Adamic–Adar on the undirected network.
 */
export function networkRisks(
  nodes: RiskNode[], links: { source: string; target: string }[], region: string, feeds: Map<string, Set<string>>, limit = RISK_LIST_LIMIT,
): Pick<RiskReport, 'brokers' | 'suggestedLinks'> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ref = (n: RiskNode): EnterpriseRef => ({ id: n.id, name: n.name, nameEn: n.nameEn, region: n.region, size: n.size });
  const g = new DirectedGraph();
  for (const n of nodes) g.addNode(n.id);
  for (const l of links) if (l.source !== l.target && !g.hasDirectedEdge(l.source, l.target)) g.addDirectedEdge(l.source, l.target);
  const centrality = g.order > 2 ? betweennessCentrality(g, { getEdgeWeight: null, normalized: true }) : {};
  const brokers = Object.entries(centrality)
    .filter(([, b]) => b > 1e-12)
    .sort(([a, x], [b, y]) => y - x || cmp(a, b))
    .slice(0, limit)
    .map(([id, b]) => ({ ...ref(byId.get(id)!), betweenness: round(b, 6), suppliers: g.inDegree(id), buyers: g.outDegree(id) }));

  // Undirected neighbourhoods; pairs at distance 2 scored by Adamic–Adar.
  const ids = nodes.map((n) => n.id).sort(cmp);
  const index = new Map(ids.map((id, i) => [id, i]));
  const neighbours = ids.map((id) => [...new Set(g.neighbors(id))].map((x) => index.get(x)!).sort((a, b) => a - b));
  const N = ids.length;
  const scores = new Map<number, { score: number; common: number[] }>();
  for (let w = 0; w < N; w++) {
    const nb = neighbours[w];
    if (nb.length < 2) continue;
    const add = 1 / Math.log(nb.length);
    for (let i = 0; i < nb.length; i++) {
      for (let j = i + 1; j < nb.length; j++) {
        const key = nb[i] * N + nb[j];
        const s = scores.get(key);
        if (s) {
          s.score += add;
          s.common.push(w);
        } else scores.set(key, { score: add, common: [w] });
      }
    }
  }
  const feedPair = (a: RiskNode, b: RiskNode) => {
    for (const s of a.stages) for (const t of b.stages) if (feeds.get(s)?.has(t)) return [s, t];
    return null;
  };
  const suggested: RiskReport['suggestedLinks'] = [];
  for (const [key, { score, common }] of scores) {
    const u = byId.get(ids[Math.floor(key / N)])!;
    const v = byId.get(ids[key % N])!;
    if (g.hasEdge(u.id, v.id) || g.hasEdge(v.id, u.id)) continue;
    if (u.region !== region && v.region !== region) continue;
    for (const [a, b] of [[u, v], [v, u]]) {
      const pair = feedPair(a, b);
      if (!pair) continue;
      suggested.push({
        supplier: ref(a), buyer: ref(b), adamicAdar: round(score, 6), common: common.map((w) => ids[w]).sort(cmp),
        supplierStage: pair[0], buyerStage: pair[1],
      });
    }
  }
  suggested.sort((a, b) => b.adamicAdar - a.adamicAdar || cmp(a.supplier.id, b.supplier.id) || cmp(a.buyer.id, b.buyer.id));
  return { brokers, suggestedLinks: suggested.slice(0, limit) };
}

/** GET /api/risks: single-supplier dependencies, brokers and likely missing links of a region in a chain. */
export async function risks(
  db: Db, chainId: string, regionCode: string, opts: { maxLinks?: number; limit?: number; indexScanFrom?: number } = {},
): Promise<RiskReport> {
  const { chain, stages } = chainInfo(chainId);
  const region = regionInfo(regionCode);
  const stageIds = stages.map((s) => s.id);
  const maxLinks = opts.maxLinks ?? RISK_MAX_LINKS;
  const limit = opts.limit ?? RISK_LIST_LIMIT;
  // How many links the region has in the chain, roughly: twice those bought there (cells).
  let bought = 0;
  try {
    const chainStages = new Set(stageIds);
    for (const c of (await loadCells(db)).cells) if (c.region === region.code && chainStages.has(c.stage)) bought += c.links;
  } catch (error) {
    if (!(error instanceof GapsPendingError)) throw error;
  }
  const query = 2 * bought > (opts.indexScanFrom ?? RISK_INDEX_SCAN_FROM) ? 'gaps-risk-links-top' : 'gaps-risk-links';
  const [[net], [single]] = await Promise.all([
    db.read(cypher(query), { region: region.code, stages: stageIds, limit: maxLinks + 1 }),
    db.read(cypher('gaps-risk-single'), { region: region.code, stages: stageIds, limit }),
  ]);
  const found = (net?.links as { source: string; target: string }[] | undefined) ?? [];
  const links = found.slice(0, maxLinks);
  const ends = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = ((net?.enterprises as RiskNode[] | undefined) ?? [])
    .filter((n) => ends.has(n.id))
    .map((n) => ({ ...n, nameEn: n.nameEn ?? null, size: n.size ?? null }));
  const feeds = new Map(stages.map((s) => [s.id, new Set(s.feeds)]));
  const { brokers, suggestedLinks } = networkRisks(nodes, links, region.code, feeds, limit);
  type SingleRow = Record<string, string | number | null>;
  const e = (r: SingleRow, p: 'buyer' | 'supplier', regionOf: string): EnterpriseRef => ({
    id: String(r[p]), name: String(r[`${p}Name`]), nameEn: (r[`${p}NameEn`] as string | null) ?? null, region: regionOf,
    size: (r[`${p}Size`] as string | null) ?? null,
  });
  return {
    chain: chain.id,
    region: regionSummary(region),
    network: { enterprises: nodes.length, links: links.length, truncated: found.length > maxLinks, maxLinks },
    singleSupplier: {
      total: Number(single?.total ?? 0),
      rows: ((single?.rows as SingleRow[] | undefined) ?? []).map((r) => ({
        buyer: e(r, 'buyer', region.code), stage: String(r.stage), supplier: e(r, 'supplier', String(r.supplierRegion)),
        volumeMlnRub: money(Number(r.volumeMlnRub)),
      })),
    },
    brokers,
    suggestedLinks,
  };
}
