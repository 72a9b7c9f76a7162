// Relatedness (Hidalgo, Klinger, Barabási, Hausmann 2007) and SME suitability of the stages.
import { cellKey, cmp, type StageCell } from '../gap-cells.js';

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
    const rca = c.enterprises / byRegion.get(c.region)! / (byStage.get(c.stage)! / total);
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

export interface SmeSuitability {
  smes: number;
  enterprises: number;
  /** SMEs / enterprises; 0 when no enterprise operates at the stage anywhere (nothing suggests SMEs can). */
  share: number;
}

/** σ of a stage from `smeSuitability`'s map: a stage no enterprise operates at anywhere has σ = 0. */
export const smeSuitabilityOf = (map: Map<string, SmeSuitability>, stage: string): SmeSuitability =>
  map.get(stage) ?? { smes: 0, enterprises: 0, share: 0 };

/** SME suitability of a stage: the SME share of the enterprises operating at it nationwide. */
export function smeSuitability(cells: StageCell[]): Map<string, SmeSuitability> {
  const out = new Map<string, SmeSuitability>();
  for (const c of cells) {
    const s = out.get(c.stage) ?? { smes: 0, enterprises: 0, share: 0 };
    s.smes += c.smes;
    s.enterprises += c.enterprises;
    out.set(c.stage, s);
  }
  for (const s of out.values()) s.share = s.enterprises === 0 ? 0 : s.smes / s.enterprises;
  return out;
}
