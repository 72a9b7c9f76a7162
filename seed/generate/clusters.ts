/**
 * Clusters: for each template, members drawn from the chain's enterprises in the template's
 * regions, anchors, roles, priority territories, and the intra-cluster cooperation links, whose
 * volumes are tuned towards a target functional dependence (see CLUSTER_PROFILES).
 *
 * Region "11" (Komi) never gets a generated cluster: the Komi clusters `c-11-timber` /
 * `c-11-oilgas` come from seed/komi.
 *
 * All draws come from one stream, template after template, step after step: reordering the steps
 * below (or the draws inside one) shifts every later draw and changes the output.
 */
import type { Enterprises } from './enterprises.js';
import { logUniformInt, randInt, round2 } from './rng.js';
import { SIZES, classifySize } from './rules.js';
import type { Model } from './stages.js';

interface ClusterProfile {
  status: 'registered' | 'applicant' | 'forming';
  kind: 'industrial' | 'innovative' | 'regional-initiative';
  members: [number, number];
  /** extra members per 100,000 generated enterprises */
  membersPer100k: number;
  fd: [number, number];
  /** members without any intra-cluster cooperation link */
  lacking: [number, number];
  priorityShare: number;
}

/**
 * Cluster profiles relative to Decree 779 (≥10 industrial participants, ≥20 % functional dependence, or 10 %
 * when ≥30 % of participants are in priority territories, ≤3 participants without a cooperation contract).
 * Functional dependence here = Σ volume of links between members / Σ revenue of members.
 */
const CLUSTER_PROFILES: Record<string, ClusterProfile> = {
  ready: {
    status: 'registered',
    kind: 'industrial',
    members: [14, 22],
    membersPer100k: 4,
    fd: [0.24, 0.32],
    lacking: [0, 1],
    priorityShare: 0.1,
  },
  borderline: {
    status: 'applicant',
    kind: 'industrial',
    members: [10, 11],
    membersPer100k: 0,
    fd: [0.18, 0.22],
    lacking: [2, 4],
    priorityShare: 0.1,
  },
  priority: {
    status: 'applicant',
    kind: 'industrial',
    members: [10, 14],
    membersPer100k: 1,
    fd: [0.11, 0.15],
    lacking: [0, 2],
    priorityShare: 0.32,
  },
  failing: {
    status: 'applicant',
    kind: 'industrial',
    members: [8, 9],
    membersPer100k: 0,
    fd: [0.1, 0.14],
    lacking: [1, 2],
    priorityShare: 0,
  },
  forming: {
    status: 'forming',
    kind: 'regional-initiative',
    members: [5, 8],
    membersPer100k: 0,
    fd: [0.04, 0.09],
    lacking: [1, 3],
    priorityShare: 0.05,
  },
  innovative: {
    status: 'registered',
    kind: 'innovative',
    members: [12, 18],
    membersPer100k: 2,
    fd: [0.22, 0.3],
    lacking: [0, 0],
    priorityShare: 0,
  },
};

const CLUSTER_TEMPLATES: { chain: string; regions: string[]; profile: keyof typeof CLUSTER_PROFILES }[] = [
  { chain: 'timber', regions: ['29'], profile: 'ready' },
  { chain: 'timber', regions: ['35'], profile: 'borderline' },
  { chain: 'timber', regions: ['10'], profile: 'priority' },
  { chain: 'timber', regions: ['24'], profile: 'ready' },
  { chain: 'timber', regions: ['38'], profile: 'failing' },
  { chain: 'timber', regions: ['43'], profile: 'borderline' },
  { chain: 'timber', regions: ['78', '47'], profile: 'innovative' },
  { chain: 'timber', regions: ['27'], profile: 'forming' },
  { chain: 'timber', regions: ['53'], profile: 'priority' },
  { chain: 'oilgas', regions: ['86'], profile: 'ready' },
  { chain: 'oilgas', regions: ['72', '89'], profile: 'ready' },
  { chain: 'oilgas', regions: ['16'], profile: 'innovative' },
  { chain: 'oilgas', regions: ['02'], profile: 'borderline' },
  { chain: 'oilgas', regions: ['63'], profile: 'priority' },
  { chain: 'oilgas', regions: ['56'], profile: 'failing' },
  { chain: 'oilgas', regions: ['70'], profile: 'borderline' },
  { chain: 'oilgas', regions: ['30'], profile: 'forming' },
  { chain: 'oilgas', regions: ['59'], profile: 'priority' },
];

const CHAIN_CLUSTER_NAME: Record<string, string> = {
  timber: 'Лесопромышленный кластер',
  oilgas: 'Нефтегазовый кластер',
};
const CLUSTER_KIND_PREFIX: Record<string, string> = {
  industrial: '',
  innovative: 'Инновационный ',
  'regional-initiative': 'Региональный ',
};

export interface IntraLink {
  s: number;
  b: number;
  /** product index within the supplier stage's products */
  p: number;
  v: number;
  y: number;
}
export interface ClusterOut {
  id: string;
  name: string;
  kind: string;
  status: string;
  chain: string;
  regions: string[];
}
export interface Clusters {
  clusters: ClusterOut[];
  /** sorted by supplier, buyer, product: links.csv interleaves them supplier by supplier */
  intra: IntraLink[];
}

/** Forms the clusters, writing cluster, role, priority and the anchors' figures into `ents`. */
export function formClusters(model: Model, ents: Enterprises, rClu: () => number): Clusters {
  const { regions, regionIndex, chains, stages } = model;
  const { N, eStage, eRegion, eCluster } = ents;
  const clustersOut: ClusterOut[] = [];
  const intra: IntraLink[] = [];
  const chainIds = new Set(chains.map((c) => c.id));
  const candidatesByChainRegion = new Map<string, number[]>();
  const chainRegionKey = (chain: string, r: number) => chain + '|' + r;
  for (let i = 0; i < N; i++) {
    const key = chainRegionKey(stages[eStage[i]].chain, eRegion[i]);
    let arr = candidatesByChainRegion.get(key);
    if (!arr) candidatesByChainRegion.set(key, (arr = []));
    arr.push(i);
  }

  for (const tpl of CLUSTER_TEMPLATES) {
    if (!chainIds.has(tpl.chain)) continue;
    const rIdx = tpl.regions.map((c) => regionIndex.get(c)).filter((x): x is number => x !== undefined);
    if (rIdx.length === 0 || tpl.regions.includes('11')) continue;
    const prof = CLUSTER_PROFILES[tpl.profile];
    const cid = clustersOut.length;
    const candidates: number[] = [];
    for (const r of rIdx)
      for (const i of candidatesByChainRegion.get(chainRegionKey(tpl.chain, r)) ?? [])
        if (eCluster[i] < 0) candidates.push(i);
    if (candidates.length < 3) continue;

    const { anchors, mList } = recruitMembers(model, ents, prof, candidates, rClu);
    if (mList.length < 3) continue;
    resizeAnchors(ents, anchors, mList, rClu);
    assignRoles(model, ents, cid, anchors, mList, rClu);
    const shuffled = markPriority(ents, prof, mList, rClu);
    const active = activeMembers(ents, prof, anchors, mList, shuffled, rClu);
    const links = cooperationLinks(model, ents, anchors, active, rClu);
    setVolumes(ents, prof, mList, links, rClu);
    for (const l of links) intra.push(l);

    const clusterId = `c-${tpl.regions[0]}-${tpl.chain}`;
    const regionNames = tpl.regions.map((c) => (regions[regionIndex.get(c)!]?.name ?? c).replace(/\s*\([^)]*\)$/, ''));
    const base = CHAIN_CLUSTER_NAME[tpl.chain] ?? `Кластер ${tpl.chain}`;
    const prefix = CLUSTER_KIND_PREFIX[prof.kind];
    const name = `${prefix ? prefix + base.charAt(0).toLowerCase() + base.slice(1) : base} (${regionNames.join(' и ')})`;
    clustersOut.push({
      id: clusterId,
      name,
      kind: prof.kind,
      status: prof.status,
      chain: tpl.chain,
      regions: tpl.regions.filter((c) => regionIndex.has(c)),
    });
  }
  intra.sort((a, b) => a.s - b.s || a.b - b.b || a.p - b.p);
  return { clusters: clustersOut, intra };
}

/**
 * Anchors (large core enterprises with the most modest revenue, which keeps cooperation shares
 * meaningful), then participants up to the profile's target size.
 */
function recruitMembers(
  model: Model,
  ents: Enterprises,
  prof: ClusterProfile,
  candidates: number[],
  rClu: () => number,
): { anchors: number[]; mList: number[] } {
  const { stages } = model;
  const { N, eStage, eSize, eEmp, eRev, derivedOf } = ents;
  const target = Math.min(
    candidates.length,
    prof.members[0] +
      randInt(rClu, prof.members[1] - prof.members[0] + 1) +
      Math.floor((prof.membersPer100k * N) / 100000),
  );

  const nAnchors = target >= 14 ? 2 : 1;
  const cores = candidates.filter((i) => stages[eStage[i]].kind === 'core');
  const pool = cores.length > 0 ? cores : candidates;
  const larges = pool.filter((i) => eSize[i] === 3).sort((a, b) => eRev[a] - eRev[b] || a - b);
  const anchors: number[] = larges.slice(0, nAnchors);
  const byStaff = pool.filter((i) => eSize[i] !== 3).sort((a, b) => eEmp[b] - eEmp[a] || a - b);
  while (anchors.length < nAnchors && byStaff.length > 0) anchors.push(byStaff.shift()!); // promoted by resizeAnchors
  const members = new Set<number>(anchors);
  const memberStages = new Set<number>();
  for (const a of anchors) for (const s of derivedOf(a)) memberStages.add(s);

  // participants: prefer enterprises whose stage feeds or is fed by a member stage; prefer small/medium
  const weightOf = (i: number) => {
    const st = stages[eStage[i]];
    let linked = false;
    for (const f of st.feeds) if (memberStages.has(f)) linked = true;
    if (!linked) for (const ms of memberStages) if (stages[ms].feeds.includes(eStage[i])) linked = true;
    return (linked ? 4 : 1) * [1, 4, 8, 0][eSize[i]];
  };
  let guard = 0;
  while (members.size < target && guard++ < target * 200) {
    // sample a handful, keep the best weighted one
    let best = -1;
    let bestScore = -1;
    for (let t = 0; t < 6; t++) {
      const i = candidates[randInt(rClu, candidates.length)];
      if (members.has(i) || eSize[i] === 3) continue; // large enterprises join as anchors only
      const sc = weightOf(i) * (0.5 + rClu());
      if (sc > bestScore) {
        bestScore = sc;
        best = i;
      }
    }
    if (best < 0) continue;
    members.add(best);
    for (const s of derivedOf(best)) memberStages.add(s);
  }
  return { anchors, mList: [...members] };
}

/** Anchors are large but not so large that nothing the SMEs do could matter for cooperation shares. */
function resizeAnchors(ents: Enterprises, anchors: number[], mList: number[], rClu: () => number): void {
  const { eSize, eEmp, eRev } = ents;
  let othersRev = 0;
  for (const i of mList) if (!anchors.includes(i)) othersRev += eRev[i];
  for (const i of anchors) {
    // staff > 250 keeps them "large" under 209-FZ whatever the revenue
    eEmp[i] = Math.max(eSize[i] === 3 ? Math.min(eEmp[i], 3000) : 0, logUniformInt(rClu, 260, 1500));
    eRev[i] = round2(Math.min(9000, Math.max(300, (othersRev * (0.6 + 0.8 * rClu())) / anchors.length)));
    eSize[i] = SIZES.indexOf(classifySize(eEmp[i], eRev[i]));
  }
}

function assignRoles(
  model: Model,
  ents: Enterprises,
  cid: number,
  anchors: number[],
  mList: number[],
  rClu: () => number,
): void {
  const { stages } = model;
  const { eStage, eCluster, eRole } = ents;
  for (const i of mList) {
    eCluster[i] = cid;
    eRole[i] = anchors.includes(i) ? 1 : 2;
  }
  // coordinator: an engineering/testing member if any (in about half of the clusters)
  if (rClu() < 0.6) {
    const coord = mList.find((i) => eRole[i] === 2 && /engineering|testing/.test(stages[eStage[i]].id));
    if (coord !== undefined) eRole[coord] = 3;
  }
}

/** Priority territories for the profile's share of the members; returns the members shuffled. */
function markPriority(ents: Enterprises, prof: ClusterProfile, mList: number[], rClu: () => number): number[] {
  const { ePriority } = ents;
  const nPriority = Math.ceil(prof.priorityShare * mList.length);
  for (const i of mList) ePriority[i] = 0;
  const shuffled = [...mList];
  for (let k = shuffled.length - 1; k > 0; k--) {
    const j = randInt(rClu, k + 1);
    [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
  }
  for (let k = 0; k < nPriority; k++) ePriority[shuffled[k]] = 1;
  return shuffled;
}

/** Members minus the "lacking" ones (no intra-cluster cooperation contract), which are never anchors. */
function activeMembers(
  ents: Enterprises,
  prof: ClusterProfile,
  anchors: number[],
  mList: number[],
  shuffled: number[],
  rClu: () => number,
): number[] {
  const { eRole } = ents;
  const nLacking = Math.min(
    mList.length - anchors.length - 1,
    prof.lacking[0] + randInt(rClu, prof.lacking[1] - prof.lacking[0] + 1),
  );
  const lacking = new Set<number>();
  for (const i of shuffled) {
    if (lacking.size >= nLacking) break;
    if (eRole[i] === 2) lacking.add(i);
  }
  return mList.filter((i) => !lacking.has(i));
}

/** Cooperation links between active members (volumes still zero): along FEEDS, and to an anchor. */
function cooperationLinks(
  model: Model,
  ents: Enterprises,
  anchors: number[],
  active: number[],
  rClu: () => number,
): IntraLink[] {
  const { stages } = model;
  const { eStage, derivedOf } = ents;
  const links: IntraLink[] = [];
  const keys = new Set<string>();
  const addLink = (s: number, b: number) => {
    if (s === b) return false;
    const p = randInt(rClu, stages[eStage[s]].products.length);
    const key = s + ':' + b + ':' + p;
    if (keys.has(key)) return false;
    keys.add(key);
    links.push({ s, b, p, v: 0, y: 2024 - Math.floor(12 * rClu() * rClu()) });
    return true;
  };
  for (const a of active) {
    const feeds = new Set(stages[eStage[a]].feeds);
    const buyers = active.filter((b) => b !== a && derivedOf(b).some((s) => feeds.has(s)));
    if (buyers.length > 0) {
      const k = 1 + randInt(rClu, Math.min(3, buyers.length));
      for (let t = 0; t < k; t++) {
        const b = anchors.filter((x) => buyers.includes(x) && rClu() < 0.5)[0] ?? buyers[randInt(rClu, buyers.length)];
        addLink(a, b);
      }
    }
  }
  // tie members to an anchor: FEEDS in either direction, otherwise sometimes a service / joint-project contract
  for (const a of active) {
    if (
      anchors.includes(a) ||
      links.some((l) => (l.s === a && anchors.includes(l.b)) || (l.b === a && anchors.includes(l.s)))
    )
      continue;
    const anc = anchors[randInt(rClu, anchors.length)];
    const aStages = derivedOf(a);
    const ancStages = derivedOf(anc);
    if (stages[eStage[a]].feeds.some((f) => ancStages.includes(f))) addLink(a, anc);
    else if (stages[eStage[anc]].feeds.some((f) => aStages.includes(f))) addLink(anc, a);
    else if (rClu() < 0.5) addLink(a, anc);
  }
  // every active member gets at least one cooperation link (services / joint projects with an anchor)
  const touched = new Set<number>();
  for (const l of links) {
    touched.add(l.s);
    touched.add(l.b);
  }
  for (const a of active) {
    if (touched.has(a)) continue;
    const other = anchors.find((x) => x !== a) ?? active.find((x) => x !== a);
    if (other === undefined) continue;
    if (addLink(a, other) || addLink(other, a)) {
      touched.add(a);
      touched.add(other);
    }
  }
  return links;
}

/** Volumes: raw shares, then scaled towards the functional-dependence target within capacity caps. */
function setVolumes(
  ents: Enterprises,
  prof: ClusterProfile,
  mList: number[],
  links: IntraLink[],
  rClu: () => number,
): void {
  const { eRev } = ents;
  let revSum = 0;
  for (const i of mList) revSum += eRev[i];
  const fdTarget = prof.fd[0] + rClu() * (prof.fd[1] - prof.fd[0]);
  const raw = links.map((l) => Math.min(eRev[l.s] * (0.05 + 0.25 * rClu()), eRev[l.b] * (0.05 + 0.25 * rClu())));
  const capOut = new Map<number, number>();
  const capIn = new Map<number, number>();
  for (const i of mList) {
    capOut.set(i, 0.8 * eRev[i]);
    capIn.set(i, 0.9 * eRev[i]);
  }
  let scale = 1;
  for (let iter = 0; iter < 8; iter++) {
    const outSum = new Map<number, number>();
    const inSum = new Map<number, number>();
    for (let k = 0; k < links.length; k++) {
      const v = raw[k] * scale;
      outSum.set(links[k].s, (outSum.get(links[k].s) ?? 0) + v);
      inSum.set(links[k].b, (inSum.get(links[k].b) ?? 0) + v);
    }
    let total = 0;
    for (let k = 0; k < links.length; k++) {
      const l = links[k];
      const fOut = Math.min(1, capOut.get(l.s)! / outSum.get(l.s)!);
      const fIn = Math.min(1, capIn.get(l.b)! / inSum.get(l.b)!);
      raw[k] = raw[k] * scale * Math.min(fOut, fIn);
      total += raw[k];
    }
    scale = total > 0 ? (fdTarget * revSum) / total : 1;
    if (Math.abs(scale - 1) < 0.005) break;
  }
  for (let k = 0; k < links.length; k++) {
    links[k].v = Math.max(0.01, round2(raw[k] * (Math.abs(scale - 1) < 0.005 ? 1 : Math.min(1, scale))));
  }
}
