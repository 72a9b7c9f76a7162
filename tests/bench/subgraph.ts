// A synthetic explorer view for the rendering benchmark: what `/api/explore/*` would answer for a
// large view (`Subgraph` of core/schemas), generated deterministically.
//
// `nodes` nodes: the 89 regions, about one cluster per 200 nodes, the rest enterprises spread over
// the regions (a few big regions hold most of them, as in the seed), each at its region's centre
// (lat/lon from seed/reference) with one or two stages of a chain. Exactly 5 × `nodes` edges:
// cluster membership (MEMBER_OF), clusters and some enterprises tied to their region (BASED_IN,
// LOCATED_IN), and the rest supply links (SUPPLIES, with volumes) from a supplier's stage to a
// stage it feeds, mostly inside the region or the federal district.
import { createRng } from '../../seed/generate/index.js';
import type { Reference } from '../../core/schemas.js';
import type { ExploreEdge, ExploreNode, Subgraph } from '../../core/schemas.js';

const PREFIX = [
  'Северный',
  'Вектор',
  'Альфа',
  'Гарант',
  'Прогресс',
  'Техно',
  'Эталон',
  'Регион',
  'Сибирь',
  'Урал',
  'Волга',
  'Полюс',
  'Меридиан',
  'Стандарт',
];
const SUFFIX: Record<string, string[]> = {
  timber: ['Лес', 'ЛесПром', 'Древ', 'Бумага', 'Пиломатериалы', 'Лесстрой', 'Фанера'],
  oilgas: ['Нефть', 'Газ', 'НефтеСервис', 'Бурение', 'ТрубоСтрой', 'Энерго', 'Химпром'],
};
const PRODUCTS: Record<string, string[]> = {
  timber: [
    'круглый лес',
    'пиломатериалы',
    'щепа',
    'фанера',
    'целлюлоза',
    'бумага',
    'пеллеты',
    'услуги по лесозаготовке',
  ],
  oilgas: [
    'сырая нефть',
    'газ',
    'трубы',
    'буровые услуги',
    'реагенты',
    'запорная арматура',
    'дизельное топливо',
    'ремонт оборудования',
  ],
};
const SIZES = ['micro', 'small', 'medium', 'large'] as const;
const SIZE_SHARE = [0.62, 0.26, 0.08, 0.04];
const SIZE_WEIGHT = [1, 2.5, 6, 20]; // how many more links a bigger firm has
/** Regions that hold more of the industry (Moscow, St Petersburg, Komi, Tyumen and the oil and timber regions). */
const BIG_REGIONS: Record<string, number> = {
  '77': 6,
  '78': 4,
  '50': 4,
  '11': 5,
  '72': 4,
  '86': 6,
  '89': 4,
  '29': 4,
  '24': 4,
  '38': 3,
  '16': 3,
  '02': 3,
  '66': 3,
  '35': 3,
  '10': 2,
  '54': 2,
};

export function syntheticSubgraph(nodeCount: number, reference: Reference, seed = 20210402): Subgraph {
  const rand = createRng(seed, nodeCount);
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(rand() * arr.length)];
  const regions = [...reference.regions].sort((a, b) => a.code.localeCompare(b.code));
  const chains = reference.chains;
  const stageById = new Map(chains.flatMap((c) => c.stages.map((s) => [s.id, { ...s, chain: c.id }] as const)));

  const nodes: ExploreNode[] = [];
  const edges: ExploreEdge[] = [];
  const base = (): Pick<
    ExploreNode,
    'nameEn' | 'size' | 'employees' | 'revenueMlnRub' | 'chains' | 'stages' | 'clusters' | 'degree' | 'synthetic'
  > => ({
    nameEn: null,
    size: null,
    employees: null,
    revenueMlnRub: null,
    chains: [],
    stages: [],
    clusters: [],
    degree: 0,
    synthetic: true,
  });

  for (const r of regions) {
    nodes.push({
      ...base(),
      id: `region:${r.code}`,
      type: 'region',
      name: r.name,
      nameEn: r.nameEn,
      region: r.code,
      lat: r.lat,
      lon: r.lon,
      synthetic: false,
    });
  }
  const regionWeight = regions.map((r) => (BIG_REGIONS[r.code] ?? 1) * (0.4 + rand()));
  const regionCum = cumulative(regionWeight);
  const sample = (cum: number[]) => {
    const x = rand() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const clusterCount = Math.max(5, Math.round(nodeCount / 200));
  const clusters: { id: string; region: number; chain: string }[] = [];
  for (let i = 0; i < clusterCount; i++) {
    const region = sample(regionCum);
    const chain = chains[i % chains.length].id;
    const id = `cluster:c-${regions[region].code}-${chain}-${i}`;
    clusters.push({ id, region, chain });
    const r = regions[region];
    nodes.push({
      ...base(),
      id,
      type: 'cluster',
      name: `${chain === 'timber' ? 'Лесопромышленный' : 'Нефтегазовый'} кластер «${pick(PREFIX)}» (${r.name})`,
      region: r.code,
      lat: r.lat,
      lon: r.lon,
      chains: [chain],
    });
  }

  const enterpriseCount = nodeCount - nodes.length;
  const firstEnterprise = nodes.length;
  const entRegion = new Int32Array(enterpriseCount);
  const entSize = new Int32Array(enterpriseCount);
  const entStage: string[] = [];
  const byStage = new Map<string, number[]>();
  const byStageRegion = new Map<string, number[]>();
  for (let i = 0; i < enterpriseCount; i++) {
    const region = sample(regionCum);
    const r = regions[region];
    const chain = rand() < 0.55 ? chains[0] : chains[1];
    const stage = pick(chain.stages);
    const stages = [stage.id];
    if (rand() < 0.2) {
      const other = pick(chain.stages);
      if (other.id !== stage.id) stages.push(other.id);
    }
    const both = rand() < 0.04;
    const x = rand();
    let size = 0;
    for (let acc = SIZE_SHARE[0]; x > acc && size < 3; acc += SIZE_SHARE[++size]);
    const employees = Math.round([3, 30, 150, 1200][size] * Math.exp(0.6 * (rand() - 0.5) * 2));
    const cluster = rand() < 0.12 ? (clusters.find((c) => c.region === region && c.chain === chain.id) ?? null) : null;
    entRegion[i] = region;
    entSize[i] = size;
    entStage.push(stage.id);
    push(byStage, stage.id, i);
    push(byStageRegion, `${stage.id}|${region}`, i);
    nodes.push({
      ...base(),
      id: `enterprise:g-${String(i + 1).padStart(6, '0')}`,
      type: 'enterprise',
      name: `${size === 3 ? 'АО' : 'ООО'} «${pick(PREFIX)}-${pick(SUFFIX[chain.id] ?? SUFFIX.timber)}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 99)}` : ''}»`,
      nameEn:
        rand() < 0.05
          ? `${pick(['North', 'Vector', 'Alpha', 'Polus'])} ${chain.id === 'timber' ? 'Timber' : 'Oil'} LLC`
          : null,
      region: r.code,
      lat: r.lat,
      lon: r.lon,
      size: SIZES[size],
      employees,
      revenueMlnRub: Math.round(employees * (1 + 4 * rand()) * 10) / 100,
      chains: both ? ['timber', 'oilgas'] : [chain.id],
      stages,
      clusters: cluster ? [cluster.id] : [],
    });
  }
  const entId = (i: number) => nodes[firstEnterprise + i].id;

  // Structural links first, then supply links up to 5 × nodes in all.
  const targetEdges = 5 * nodeCount;
  let seq = 0;
  const edge = (type: string, source: string, target: string, extra: Partial<ExploreEdge> = {}) => {
    // Neo4j element ids, as the API sends them.
    edges.push({
      id: `5:3f9c2a51-8e0b-4c1d-9f6a-2b7e4d8c1a03:${++seq}`,
      source,
      target,
      type,
      volumeMlnRub: null,
      stage: null,
      product: null,
      synthetic: true,
      ...extra,
    });
  };
  for (const c of clusters) edge('BASED_IN', c.id, `region:${regions[c.region].code}`);
  for (let i = 0; i < enterpriseCount; i++) {
    const n = nodes[firstEnterprise + i];
    if (n.clusters.length > 0) edge('MEMBER_OF', n.id, n.clusters[0]);
    if (rand() < 0.1) edge('LOCATED_IN', n.id, `region:${n.region}`);
  }

  const supplierCum = cumulative(Array.from(entSize, (s) => SIZE_WEIGHT[s] * (0.5 + rand())));
  const district = regions.map((r) => r.federalDistrict);
  while (edges.length < targetEdges) {
    const s = sample(supplierCum);
    const stage = stageById.get(entStage[s])!;
    const fed = stage.feeds.length > 0 ? pick(stage.feeds) : stage.id;
    const local = byStageRegion.get(`${fed}|${entRegion[s]}`);
    let b: number;
    const roll = rand();
    if (roll < 0.55 && local && local.length > 0) b = pick(local);
    else {
      const candidates = byStage.get(fed) ?? byStage.get(stage.id)!;
      b = pick(candidates);
      // Prefer the supplier's federal district: one retry when the buyer is far away.
      if (roll < 0.8 && district[entRegion[b]] !== district[entRegion[s]]) b = pick(candidates);
    }
    if (b === s) continue;
    const chain = stage.chain;
    edge('SUPPLIES', entId(s), entId(b), {
      volumeMlnRub: Math.round(Math.exp(Math.log(0.05) + rand() * (Math.log(5000) - Math.log(0.05))) * 100) / 100,
      stage: stage.id,
      product: pick(PRODUCTS[chain] ?? PRODUCTS.timber),
    });
  }

  // Degree in the database: the links on screen and some more that the view does not show.
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  for (const n of nodes) n.degree = (degree.get(n.id) ?? 0) + Math.floor(rand() * 4);
  return { nodes, edges };
}

function cumulative(weights: number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  for (const w of weights) out.push((acc += w));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
