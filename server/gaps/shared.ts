// What the gap analyses share (definitions: ./index.ts): the gap rules, the errors, reference
// look-ups and a cell's figures.
import { DbUnavailableError } from '../db.js';
import { loadReference } from '../reference.js';
import { cellKey, money, type StageCell } from '../gap-cells.js';
import { AppError, codeForStatus } from '../errors.js';
import {
  GAP_RULES,
  type ChainRef,
  type GapFigures,
  type GapRule,
  type RegionRef,
  type RegionSummary,
  type StageRef,
} from '../../core/schemas.js';
export { GAP_RULES, type GapFigures, type GapRule, type RegionSummary };

/** Without an aggregate, graphs up to this many supply links are scanned live (as the overview does). */
export const LIVE_MAX_LINKS = 200_000;

/** The gap figures cannot be answered yet: a large graph whose aggregate is still being computed (503). */
export class GapsPendingError extends DbUnavailableError {
  readonly code = 'aggregating';
}

export { SME_SIZES } from '../../core/reference.js';

/** A gap's rules as a bit mask (the matrix's compact form): bit i stands for GAP_RULES[i]. */
export const ruleMask = (rules: GapRule[]) => rules.reduce((m, r) => m | (1 << GAP_RULES.indexOf(r)), 0);

/** Errors the routes turn into 400 and 404. */
export class GapError extends AppError {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
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

export interface ChainInfo {
  chain: ChainRef;
  /** Stages in chain order (by `order`, then as listed). */
  stages: StageRef[];
}

/**
 * Chain order: by the stage's `order` (its step in chains.json — several stages share a step, e.g.
 * suppliers and services beside the core stage they serve), stages of one step as chains.json
 * lists them. FEEDS is not consulted.
 */
export function inChainOrder<S extends { order: number }>(stages: readonly S[]): S[] {
  return stages
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
    .map(({ s }) => s);
}

export function chainInfo(chainId: string): ChainInfo {
  const chain = loadReference().chains.find((c) => c.id === chainId);
  if (!chain) throw new GapError(404, `no chain ${chainId}`);
  return { chain, stages: inChainOrder(chain.stages) };
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

const EMPTY_CELL = {
  enterprises: 0,
  smes: 0,
  revenueMlnRub: 0,
  demandMlnRub: 0,
  localMlnRub: 0,
  links: 0,
  localLinks: 0,
  importKmMlnRub: 0,
};

/** A cell's figures and gap rules. `present`: the region's stages with at least one enterprise. */
export function gapFigures(
  cell: Omit<StageCell, 'region' | 'stage'> | undefined,
  stage: StageRef,
  present: Set<string>,
  threshold: number,
): GapFigures {
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
    // Unrounded: the opportunity score's Δ is computed from it; rounding is for display.
    importDistanceKm: imported > 0 ? c.importKmMlnRub / imported : null,
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
export function indexCells(cells: StageCell[]) {
  const byKey = new Map(cells.map((c) => [cellKey(c.region, c.stage), c]));
  const present = new Map<string, Set<string>>();
  for (const c of cells) {
    if (c.enterprises === 0) continue;
    let set = present.get(c.region);
    if (!set) present.set(c.region, (set = new Set()));
    set.add(c.stage);
  }
  return {
    get: (region: string, stage: string) => byKey.get(cellKey(region, stage)),
    present: (region: string) => present.get(region) ?? new Set<string>(),
  };
}

export const regionSummary = (r: RegionRef): RegionSummary => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  lat: r.lat,
  lon: r.lon,
});
