// Structural risks: single suppliers, brokers, likely missing links.
import { DirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { cypher, type Db } from '../db.js';
import { cmp, money, round } from '../gap-cells.js';
import { chainInfo, GapsPendingError, regionInfo, regionSummary } from './shared.js';
import { loadCells } from './cells.js';
import type { EnterpriseRef, RiskReport } from '../../core/schemas.js';
export type { EnterpriseRef, RiskReport };

/** The region's supply network is cut at this many links (largest volume first), so that betweenness stays fast. */
const RISK_MAX_LINKS = 2000;
/**
 * Regions with more links than this in a chain (twice the links bought there, from the cells) take
 * their largest links from the volume index instead of expanding every enterprise (a region of
 * 40,000 enterprises and 600,000 links: 0.4 s instead of 5 s; a small one is the other way round).
 */
const RISK_INDEX_SCAN_FROM = 100_000;
/** Rows of each risk list returned. */
export const RISK_LIST_LIMIT = 20;

export interface RiskNode extends EnterpriseRef {
  stages: string[];
}

/**
 * What a what-if scenario (server/scenarios.ts) changes in the supply network: its contracts (with
 * the enterprises they name, hypothetical ones included) and the real purchases they take over —
 * `whole` when none of the purchase's volume is left. Applied to a copy for one answer.
 */
export interface NetworkEffect {
  links: { source: string; target: string; stage: string; volumeMlnRub: number }[];
  takenOver: { source: string; target: string; stage: string; volumeMlnRub: number; whole: boolean }[];
  enterprises: RiskNode[];
}

/**
 * Brokers: directed betweenness (Brandes; normalised by (n−1)(n−2)) on the region's supply
 * network. Suggested links: pairs not linked, sharing a neighbour, at least one in the region,
 * a stage of one FEEDS a stage of the other, ranked by Adamic–Adar on the undirected network.
 */
export function networkRisks(
  nodes: RiskNode[],
  links: { source: string; target: string }[],
  region: string,
  feeds: Map<string, Set<string>>,
  limit = RISK_LIST_LIMIT,
): Pick<RiskReport, 'brokers' | 'suggestedLinks'> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ref = (n: RiskNode): EnterpriseRef => ({
    id: n.id,
    name: n.name,
    nameEn: n.nameEn,
    region: n.region,
    size: n.size,
  });
  const g = new DirectedGraph();
  for (const n of nodes) g.addNode(n.id);
  for (const l of links)
    if (l.source !== l.target && !g.hasDirectedEdge(l.source, l.target)) g.addDirectedEdge(l.source, l.target);
  const centrality = g.order > 2 ? betweennessCentrality(g, { getEdgeWeight: null, normalized: true }) : {};
  const brokers = Object.entries(centrality)
    .filter(([, b]) => b > 1e-12)
    .sort(([a, x], [b, y]) => y - x || cmp(a, b))
    .slice(0, limit)
    .map(([id, b]) => ({
      ...ref(byId.get(id)!),
      betweenness: round(b, 6),
      suppliers: g.inDegree(id),
      buyers: g.outDegree(id),
    }));

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
    for (const [a, b] of [
      [u, v],
      [v, u],
    ]) {
      const pair = feedPair(a, b);
      if (!pair) continue;
      suggested.push({
        supplier: ref(a),
        buyer: ref(b),
        adamicAdar: round(score, 6),
        common: common.map((w) => ids[w]).sort(cmp),
        supplierStage: pair[0],
        buyerStage: pair[1],
      });
    }
  }
  suggested.sort(
    (a, b) => b.adamicAdar - a.adamicAdar || cmp(a.supplier.id, b.supplier.id) || cmp(a.buyer.id, b.buyer.id),
  );
  return { brokers, suggestedLinks: suggested.slice(0, limit) };
}

/** GET /api/risks: single-supplier dependencies, brokers and likely missing links of a region in a chain. */
export async function risks(
  db: Db,
  chainId: string,
  regionCode: string,
  opts: { maxLinks?: number; limit?: number; indexScanFrom?: number; network?: NetworkEffect } = {},
): Promise<RiskReport> {
  const { chain, stages } = chainInfo(chainId);
  const region = regionInfo(regionCode);
  const stageIds = stages.map((s) => s.id);
  const maxLinks = opts.maxLinks ?? RISK_MAX_LINKS;
  const limit = opts.limit ?? RISK_LIST_LIMIT;
  const chainStages = new Set(stageIds);
  // How many links the region has in the chain, roughly: twice those bought there (cells).
  let bought = 0;
  try {
    for (const c of (await loadCells(db)).cells)
      if (c.region === region.code && chainStages.has(c.stage)) bought += c.links;
  } catch (error) {
    if (!(error instanceof GapsPendingError)) throw error;
  }
  const query = 2 * bought > (opts.indexScanFrom ?? RISK_INDEX_SCAN_FROM) ? 'gaps-risk-links-top' : 'gaps-risk-links';
  // A scenario's contracts at the chain's stages that touch the region.
  const effect = opts.network;
  const touches = (
    l: { stage: string; source: string; target: string },
    regionOf: (id: string) => string | undefined,
  ) => chainStages.has(l.stage) && (regionOf(l.source) === region.code || regionOf(l.target) === region.code);
  const scenarioNodes = new Map((effect?.enterprises ?? []).map((n) => [n.id, n]));
  const scenarioRegion = (id: string) => scenarioNodes.get(id)?.region;
  const added = (effect?.links ?? []).filter((l) => touches(l, scenarioRegion));
  const taken = (effect?.takenOver ?? []).filter((l) => touches(l, scenarioRegion));
  // The buyers in the region whose single-supplier dependencies the scenario may change.
  const recount = [
    ...new Set([...added, ...taken].map((l) => l.target).filter((b) => scenarioRegion(b) === region.code)),
  ];
  const [[net], [single], suppliersNow] = await Promise.all([
    db.read(cypher(query), { region: region.code, stages: stageIds, limit: maxLinks + 1 }),
    db.read(cypher('gaps-risk-single'), { region: region.code, stages: stageIds, limit: limit + recount.length }),
    recount.length > 0
      ? db.read(cypher('gaps-risk-buyers'), { buyers: recount, stages: stageIds })
      : Promise.resolve([]),
  ]);
  const found = (net?.links as { source: string; target: string; stage: string }[] | undefined) ?? [];
  const gone = new Set(taken.filter((l) => l.whole).map((l) => `${l.source}|${l.target}|${l.stage}`));
  const links = [
    ...found.slice(0, maxLinks).filter((l) => !gone.has(`${l.source}|${l.target}|${l.stage}`)),
    ...added.map(({ source, target, stage }) => ({ source, target, stage })),
  ];
  const ends = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = ((net?.enterprises as RiskNode[] | undefined) ?? [])
    .filter((n) => ends.has(n.id))
    .map((n) => ({ ...n, nameEn: n.nameEn ?? null, size: n.size ?? null }));
  const known = new Set(nodes.map((n) => n.id));
  for (const n of scenarioNodes.values()) if (ends.has(n.id) && !known.has(n.id)) nodes.push(n);
  const feeds = new Map(stages.map((s) => [s.id, new Set(s.feeds)]));
  const { brokers, suggestedLinks } = networkRisks(nodes, links, region.code, feeds, limit);
  type SingleRow = Record<string, string | number | null>;
  const e = (r: SingleRow, p: 'buyer' | 'supplier', regionOf: string): EnterpriseRef => ({
    id: String(r[p]),
    name: String(r[`${p}Name`]),
    nameEn: (r[`${p}NameEn`] as string | null) ?? null,
    region: regionOf,
    size: (r[`${p}Size`] as string | null) ?? null,
  });
  let singleRows: RiskReport['singleSupplier']['rows'] = ((single?.rows as SingleRow[] | undefined) ?? []).map((r) => ({
    buyer: e(r, 'buyer', region.code),
    stage: String(r.stage),
    supplier: e(r, 'supplier', String(r.supplierRegion)),
    volumeMlnRub: money(Number(r.volumeMlnRub)),
  }));
  let total = Number(single?.total ?? 0);
  if (recount.length > 0) {
    // The recounted buyers' suppliers per stage, today and with the scenario.
    const names = new Map<string, EnterpriseRef>([...nodes, ...(effect?.enterprises ?? [])].map((n) => [n.id, n]));
    const bySupplier = new Map<string, Map<string, { supplier: EnterpriseRef; volume: number }>>();
    const pair = (buyer: string, stage: string) => {
      const key = `${buyer}|${stage}`;
      let m = bySupplier.get(key);
      if (!m) bySupplier.set(key, (m = new Map()));
      return m;
    };
    for (const r of suppliersNow as SingleRow[]) {
      const supplier = e(r, 'supplier', String(r.supplierRegion));
      names.set(supplier.id, supplier);
      pair(String(r.buyer), String(r.stage)).set(supplier.id, { supplier, volume: Number(r.volumeMlnRub) });
    }
    const before = new Set([...bySupplier].filter(([, m]) => m.size === 1).map(([k]) => k));
    for (const l of taken) {
      const m = pair(l.target, l.stage);
      const s = m.get(l.source);
      if (!s) continue;
      s.volume = money(s.volume - l.volumeMlnRub);
      if (l.whole || s.volume <= 0) m.delete(l.source);
    }
    for (const l of added) {
      if (scenarioRegion(l.target) !== region.code) continue;
      const m = pair(l.target, l.stage);
      const s = m.get(l.source);
      const supplier = names.get(l.source) ?? { id: l.source, name: l.source, nameEn: null, region: '', size: null };
      if (s) s.volume = money(s.volume + l.volumeMlnRub);
      else m.set(l.source, { supplier, volume: l.volumeMlnRub });
    }
    const after = [...bySupplier].filter(([, m]) => m.size === 1);
    total += after.length - before.size;
    singleRows = [
      ...singleRows.filter((r) => !bySupplier.has(`${r.buyer.id}|${r.stage}`)),
      ...after.map(([key, m]) => {
        const [buyer, stage] = key.split('|');
        const [{ supplier, volume }] = m.values();
        const b = names.get(buyer) ?? { id: buyer, name: buyer, nameEn: null, region: region.code, size: null };
        return {
          buyer: { id: b.id, name: b.name, nameEn: b.nameEn, region: b.region, size: b.size },
          stage,
          supplier: {
            id: supplier.id,
            name: supplier.name,
            nameEn: supplier.nameEn,
            region: supplier.region,
            size: supplier.size,
          },
          volumeMlnRub: volume,
        };
      }),
    ]
      .sort((a, b) => b.volumeMlnRub - a.volumeMlnRub || cmp(a.buyer.id, b.buyer.id) || cmp(a.stage, b.stage))
      .slice(0, limit);
  } else singleRows = singleRows.slice(0, limit);
  return {
    chain: chain.id,
    region: regionSummary(region),
    network: { enterprises: nodes.length, links: links.length, truncated: found.length > maxLinks, maxLinks },
    singleSupplier: { total, rows: singleRows },
    brokers,
    suggestedLinks,
  };
}
