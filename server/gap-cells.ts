// The per-(region, stage) figures of the gap analysis ("cells"): demand, local supply, the
// distance-weighted imports and the presence of enterprises. Pure and free of other server
// modules, so that the aggregate's refresh (server/aggregate.ts) and the live path of the gap
// analysis (server/gaps/) compute them with the same code and get the same answers.
import { loadReference } from './reference.js';
import { type RegionRef } from '../core/schemas.js';

/** Rounds away float noise from summing decimal volumes (as server/aggregate.ts does). */
export const money = (v: number) => Math.round(v * 1e6) / 1e6;

export const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance between two points given in degrees (haversine formula), km. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Supply links grouped by supplier region, buyer region and the link's stage. */
export interface StageFlowRow {
  source: string;
  target: string;
  stage: string;
  volumeMlnRub: number;
  links: number;
}
/** Enterprises grouped by region and stage (an enterprise counts at each of its stages). */
export interface PresenceRow {
  region: string;
  stage: string;
  enterprises: number;
  smes: number;
  revenueMlnRub: number;
}

export interface StageCell {
  region: string;
  stage: string;
  /** Enterprises located in the region operating at the stage, SMEs among them, their known revenue. */
  enterprises: number;
  smes: number;
  revenueMlnRub: number;
  /** D: links at the stage whose buyer is in the region; L: those whose supplier is there too. */
  demandMlnRub: number;
  localMlnRub: number;
  links: number;
  localLinks: number;
  /** Σ over the imported links of volume × distance between region centres (mln RUB·km). */
  importKmMlnRub: number;
}

export type Coordinates = Map<string, { lat: number; lon: number }>;

export function regionCoordinates(regions: RegionRef[] = loadReference().regions): Coordinates {
  return new Map(regions.map((r) => [r.code, { lat: r.lat, lon: r.lon }]));
}

export const cellKey = (region: string, stage: string) => `${region}\u0000${stage}`;

/** A stage of a region with nothing in it yet. */
export const emptyCell = (region: string, stage: string): StageCell => ({
  region,
  stage,
  enterprises: 0,
  smes: 0,
  revenueMlnRub: 0,
  demandMlnRub: 0,
  localMlnRub: 0,
  links: 0,
  localLinks: 0,
  importKmMlnRub: 0,
});

/**
 * The cells of every (region, stage) with any figure, from grouped link and enterprise rows. Pure:
 * the aggregate's refresh and the live path both run it, so their answers are the same. Rows of
 * unknown regions are skipped (the import never writes them), as the overview does.
 */
export function buildStageCells(
  flows: StageFlowRow[],
  presence: PresenceRow[],
  coords: Coordinates = regionCoordinates(),
): StageCell[] {
  const cells = new Map<string, StageCell>();
  const cell = (region: string, stage: string) => {
    const key = cellKey(region, stage);
    let c = cells.get(key);
    if (!c) {
      c = emptyCell(region, stage);
      cells.set(key, c);
    }
    return c;
  };
  // Sorted first, so that floating-point sums do not depend on the order rows arrive in.
  const sortedFlows = [...flows].sort(
    (a, b) => cmp(a.target, b.target) || cmp(a.stage, b.stage) || cmp(a.source, b.source),
  );
  for (const f of sortedFlows) {
    const from = coords.get(f.source);
    const to = coords.get(f.target);
    if (!from || !to) continue;
    const c = cell(f.target, f.stage);
    const volume = Number(f.volumeMlnRub);
    const links = Number(f.links);
    c.demandMlnRub += volume;
    c.links += links;
    if (f.source === f.target) {
      c.localMlnRub += volume;
      c.localLinks += links;
    } else c.importKmMlnRub += volume * haversineKm(from, to);
  }
  for (const p of presence) {
    if (!coords.has(p.region)) continue;
    const c = cell(p.region, p.stage);
    c.enterprises += Number(p.enterprises);
    c.smes += Number(p.smes);
    c.revenueMlnRub += Number(p.revenueMlnRub);
  }
  return [...cells.values()]
    .map((c) => ({
      ...c,
      revenueMlnRub: money(c.revenueMlnRub),
      demandMlnRub: money(c.demandMlnRub),
      localMlnRub: money(c.localMlnRub),
      importKmMlnRub: round(c.importKmMlnRub, 3),
    }))
    .sort((a, b) => cmp(a.region, b.region) || cmp(a.stage, b.stage));
}
