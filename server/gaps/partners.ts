// Partner regions for a gap: regions with enterprises at the stage, by capacity over distance.
import { cypher, type Db } from '../db.js';
import { loadReference } from '../reference.js';
import { cmp, haversineKm, regionCoordinates, round } from '../gap-cells.js';
import { regionInfo, regionSummary, stageInfo } from './shared.js';
import { cellsFor, type GapOptions } from './cells.js';
import { importSources } from './report.js';
import type { Partner, PartnerReport, SmeRef } from '../../core/schemas.js';
export type { Partner, PartnerReport, SmeRef };

/** Distances below this count as this (neighbouring regions whose centres are close). */
const PARTNER_MIN_DISTANCE_KM = 50;
export const PARTNER_FORMULA =
  'score = capacity (revenue of the enterprises at the stage, mln RUB) / max(distance km, 50)';

/** GET /api/partners: regions with enterprises at the stage, ranked by capacity over distance (gravity). */
export async function partners(
  db: Db,
  stageId: string,
  regionCode: string,
  opts: GapOptions & { limit?: number; smesPerRegion?: number } = {},
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
      const exactKm = haversineKm(here, coords.get(c.region)!);
      const exactScore = c.revenueMlnRub / Math.max(exactKm, PARTNER_MIN_DISTANCE_KM);
      return {
        region: r.code,
        name: r.name,
        nameEn: r.nameEn,
        lat: r.lat,
        lon: r.lon,
        distanceKm: round(exactKm, 1),
        exactKm,
        exactScore,
        enterprises: c.enterprises,
        smes: c.smes,
        capacityMlnRub: c.revenueMlnRub,
        score: round(exactScore, 4),
      };
    })
    // Ranked on the unrounded figures; rounding is for display.
    .sort((a, b) => b.exactScore - a.exactScore || a.exactKm - b.exactKm || cmp(a.region, b.region));
  const chosen = candidates.slice(0, opts.limit ?? candidates.length);
  const [sources, smeRows] = await Promise.all([
    importSources(db, table, region.code, [stage.id], opts.effect),
    chosen.length === 0
      ? Promise.resolve([])
      : db.read(cypher('gaps-partner-smes'), {
          stage: stage.id,
          regions: chosen.map((c) => c.region),
          perRegion: opts.smesPerRegion ?? 20,
        }),
  ]);
  const supplied = new Map((sources.get(stage.id) ?? []).map((s) => [s.region, s.volumeMlnRub]));
  const smes = new Map(smeRows.map((r) => [String(r.region), r.smes as SmeRef[]]));
  // A scenario's hypothetical SMEs at the stage join their region's list, largest revenue first.
  const perRegion = opts.smesPerRegion ?? 20;
  const withScenarioSmes = (code: string, list: SmeRef[]) => {
    const added = (opts.effect?.smes ?? [])
      .filter((h) => h.region === code && h.stages.includes(stage.id))
      .map((h) => h.sme);
    if (added.length === 0) return list;
    return [...added, ...list]
      .sort((a, b) => (b.revenueMlnRub ?? -1) - (a.revenueMlnRub ?? -1) || cmp(a.id, b.id))
      .slice(0, perRegion);
  };
  return {
    stage: { id: stage.id, name: stage.name, nameEn: stage.nameEn, chain: chain.id },
    region: regionSummary(region),
    source: table.source,
    refreshedAt: table.refreshedAt,
    formula: PARTNER_FORMULA,
    total: candidates.length,
    partners: chosen.map(({ exactKm: _km, exactScore: _score, ...c }, i) => ({
      rank: i + 1,
      ...c,
      suppliesMlnRub: supplied.get(c.region) ?? 0,
      smeList: withScenarioSmes(
        c.region,
        (smes.get(c.region) ?? []).map((s) => ({
          ...s,
          nameEn: s.nameEn ?? null,
          employees: s.employees ?? null,
          revenueMlnRub: s.revenueMlnRub ?? null,
        })),
      ),
    })),
  };
}
