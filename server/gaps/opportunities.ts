// SME entry opportunities: a chain's gaps ranked by a transparent score.
import type { Db } from '../db.js';
import type { Settings } from '../config.js';
import { loadReference } from '../reference.js';
import { cmp, money, round } from '../gap-cells.js';
import { chainInfo, gapFigures, indexCells, regionInfo } from './shared.js';
import { cellsFor, type GapOptions } from './cells.js';
import { relatedness, smeSuitability, smeSuitabilityOf } from './relatedness.js';
import type { Opportunity, OpportunityReport, StructuralGap, Term } from '../../core/schemas.js';
export type { Opportunity, OpportunityReport, StructuralGap, Term };

/** Weights of the four terms of the opportunity score (they sum to 1). */
const OPPORTUNITY_WEIGHTS = { imported: 0.4, distance: 0.2, smeSuitability: 0.2, relatedness: 0.2 } as const;
/** A mean import distance of this many km or more counts in full. */
const DISTANCE_SCALE_KM = 3000;
export const OPPORTUNITY_FORMULA =
  'score = 100 × (0.4·V + 0.2·Δ + 0.2·σ + 0.2·ω); V = ln(1 + imported) / ln(1 + largest imported of the chain); ' +
  'Δ = min(1, mean import distance / 3000 km); σ = SME share of the enterprises at the stage nationwide; ' +
  'ω = relatedness density of the region to the stage (Hidalgo et al. 2007)';

const term = (value: number | null, normalised: number, weight: number): Term => ({
  value,
  normalised: round(normalised, 6),
  weight,
  points: round(100 * weight * normalised, 4),
});

/** GET /api/opportunities: the chain's gaps in one region (or all), ranked by the opportunity score. */
export async function opportunities(
  db: Db,
  settings: Settings,
  chainId: string,
  regionCode: string | undefined,
  opts: GapOptions & { limit?: number } = {},
): Promise<OpportunityReport> {
  const { chain, stages } = chainInfo(chainId);
  const regions = regionCode
    ? [regionInfo(regionCode)]
    : [...loadReference().regions].sort((a, b) => cmp(a.code, b.code));
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const allStages = loadReference().chains.flatMap((c) => c.stages.map((s) => s.id));
  const rel = relatedness(table.cells, allStages);
  const sme = smeSuitability(table.cells);
  const chainStages = new Set(stages.map((s) => s.id));
  let maxImported = 0;
  for (const c of table.cells)
    if (chainStages.has(c.stage)) maxImported = Math.max(maxImported, money(c.demandMlnRub - c.localMlnRub));
  const w = OPPORTUNITY_WEIGHTS;
  const scored: (Omit<Opportunity, 'rank'> & { exactScore: number })[] = [];
  const structural: StructuralGap[] = [];
  for (const r of regions) {
    const present = cells.present(r.code);
    for (const s of stages) {
      const f = gapFigures(cells.get(r.code, s.id), s, present, settings.gapLsrThreshold);
      if (!f.gap) continue;
      if (f.demandMlnRub <= 0) {
        // Nothing bought at the stage in the region: no demand to score, a structural gap only.
        structural.push({
          region: r.code,
          regionName: r.name,
          regionNameEn: r.nameEn,
          stage: s.id,
          stageName: s.name,
          stageNameEn: s.nameEn,
          rules: f.rules,
          reason: 'no-recorded-demand',
          feedsPresent: f.feedsPresent,
          enterprises: f.enterprises,
        });
        continue;
      }
      const V = maxImported > 0 ? Math.log1p(f.importedMlnRub) / Math.log1p(maxImported) : 0;
      const D = f.importDistanceKm === null ? 0 : Math.min(1, f.importDistanceKm / DISTANCE_SCALE_KM);
      const st = smeSuitabilityOf(sme, s.id);
      const omega = rel.density(r.code, s.id);
      const components = {
        imported: term(f.importedMlnRub, V, w.imported),
        distance: term(f.importDistanceKm, D, w.distance),
        smeSuitability: {
          ...term(round(st.share, 6), st.share, w.smeSuitability),
          smes: st.smes,
          enterprises: st.enterprises,
        },
        relatedness: {
          ...term(round(omega, 6), omega, w.relatedness),
          related: rel
            .related(r.code, s.id)
            .slice(0, 5)
            .map((x) => ({ stage: x.stage, proximity: round(x.proximity, 6) })),
        },
      };
      const score = 100 * (w.imported * V + w.distance * D + w.smeSuitability * st.share + w.relatedness * omega);
      scored.push({
        region: r.code,
        regionName: r.name,
        regionNameEn: r.nameEn,
        stage: s.id,
        stageName: s.name,
        stageNameEn: s.nameEn,
        score: round(score, 2),
        exactScore: score,
        rules: f.rules,
        demandMlnRub: f.demandMlnRub,
        lsr: f.lsr,
        enterprises: f.enterprises,
        smes: f.smes,
        components,
      });
    }
  }
  const order = new Map(stages.map((s, i) => [s.id, i]));
  scored.sort(
    (a, b) =>
      b.exactScore - a.exactScore ||
      (b.components.imported.value ?? 0) - (a.components.imported.value ?? 0) ||
      cmp(a.region, b.region) ||
      order.get(a.stage)! - order.get(b.stage)!,
  );
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
    opportunities: scored
      .slice(0, opts.limit ?? scored.length)
      .map(({ exactScore: _, ...o }, i) => ({ rank: i + 1, ...o })),
    structuralTotal: structural.length,
    structural: structural.slice(0, opts.limit ?? structural.length),
  };
}
