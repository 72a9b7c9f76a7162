/**
 * Supply links outside clusters, written to links.csv as they are drawn: each supplier sells to
 * enterprises of the stages its stage FEEDS, in its own region, a neighbouring one or anywhere,
 * with larger buyers more likely. The intra-cluster links of the clusters phase come first.
 */
import { CsvSink } from './csv.js';
import type { Enterprises } from './enterprises.js';
import { NEIGHBOURS, regionNeighbours } from './geography.js';
import { cumulative, gauss, randInt, sampleCum } from './rng.js';
import type { IntraLink } from './clusters.js';
import type { Model } from './stages.js';

/** Local-sourcing propensity by stage kind (probability that a link stays inside the supplier's region). */
const P_LOCAL: Record<string, number> = { core: 0.5, service: 0.65, supplier: 0.2 };
const P_NEIGHBOUR = 0.25;

/** How much more often an enterprise is drawn as a buyer, and how many links it supplies, by size. */
const SIZE_BUYER_WEIGHT = [1, 3, 8, 25];
const SIZE_DEGREE = [2.5, 5, 10, 30];

export interface BuyerIndex {
  /** bucket of (region r, derived stage s) is bucket[bucketStart[r * S + s] .. bucketStart[r * S + s + 1]) */
  bucketStart: Int32Array;
  /** enterprise indices, each repeated by its size weight */
  bucket: Int32Array;
  bucketSize: (r: number, s: number) => number;
  /** per stage, cumulative bucket sizes over regions */
  nationalCum: Float64Array[];
  /** per stage, the stages it FEEDS that have any enterprise at all */
  feedsPresent: number[][];
  neighbours: Int32Array[];
}

/**
 * Buyer buckets by (region, derived stage), size-weighted. Built from the sizes drawn for the
 * enterprises, before the clusters phase re-sizes its anchors.
 */
export function buildBuyerIndex(model: Model, ents: Enterprises): BuyerIndex {
  const { regions, R, S, stages } = model;
  const { N, eRegion, eSize, derivedOf } = ents;
  const bucketStart = new Int32Array(R * S + 1);
  for (let i = 0; i < N; i++) {
    const w = SIZE_BUYER_WEIGHT[eSize[i]];
    for (const s of derivedOf(i)) bucketStart[eRegion[i] * S + s + 1] += w;
  }
  for (let k = 0; k < R * S; k++) bucketStart[k + 1] += bucketStart[k];
  const bucket = new Int32Array(bucketStart[R * S]);
  {
    const fill = bucketStart.slice(0, R * S);
    for (let i = 0; i < N; i++) {
      const w = SIZE_BUYER_WEIGHT[eSize[i]];
      for (const s of derivedOf(i)) {
        const k = eRegion[i] * S + s;
        for (let j = 0; j < w; j++) bucket[fill[k]++] = i;
      }
    }
  }
  const bucketSize = (r: number, s: number) => bucketStart[r * S + s + 1] - bucketStart[r * S + s];
  // national cumulative over regions per stage
  const nationalCum: Float64Array[] = [];
  for (let s = 0; s < S; s++) {
    const w = new Float64Array(R);
    for (let r = 0; r < R; r++) w[r] = bucketSize(r, s);
    nationalCum.push(cumulative(w));
  }
  const stagePresent = (s: number) => nationalCum[s][R - 1] > 0;
  const feedsPresent = stages.map((st) => st.feeds.filter(stagePresent));
  const neighbours = regionNeighbours(regions);
  return { bucketStart, bucket, bucketSize, nationalCum, feedsPresent, neighbours };
}

/** Writes links.csv (the intra-cluster links, sorted by supplier, interleaved) and returns the row count. */
export async function writeLinks(
  path: string,
  model: Model,
  ents: Enterprises,
  buyers: BuyerIndex,
  intra: IntraLink[],
  idOf: (i: number) => string,
  rLink: () => number,
): Promise<number> {
  const { S, stages } = model;
  const { N, eRegion, eStage, eOk1, eSize, eRev, eCluster } = ents;
  const { bucketStart, bucket, bucketSize, nationalCum, feedsPresent, neighbours } = buyers;
  const intraOut = new Float64Array(N);
  for (const l of intra) intraOut[l.s] += l.v;

  // degree scale so that the expected number of links is about 5 per enterprise
  let expected = 0;
  for (let i = 0; i < N; i++) if (feedsPresent[eStage[i]].length > 0) expected += SIZE_DEGREE[eSize[i]];
  const degreeScale = expected > 0 ? (5.2 * N - intra.length) / expected : 0;

  const sink = new CsvSink(path);
  sink.add('supplier,buyer,product,okved,volume_mln_rub,since,synthetic\n');
  let linkCount = 0;
  let ip = 0; // pointer into intra
  const used = new Set<number>();
  const neighW = new Float64Array(NEIGHBOURS);
  for (let i = 0; i < N; i++) {
    const st = stages[eStage[i]];
    const supId = idOf(i);
    const ok = st.okved[eOk1[i]];
    const nProd = st.products.length;
    used.clear();
    while (ip < intra.length && intra[ip].s === i) {
      const l = intra[ip++];
      used.add(l.b * 64 + l.p);
      sink.add(
        supId + ',' + idOf(l.b) + ',' + st.products[l.p] + ',' + ok + ',' + l.v.toFixed(2) + ',' + l.y + ',true\n',
      );
      linkCount++;
    }
    const feeds = feedsPresent[eStage[i]];
    if (feeds.length > 0) {
      const k = Math.max(1, Math.round(SIZE_DEGREE[eSize[i]] * degreeScale * Math.exp(0.5 * gauss(rLink) - 0.125)));
      const r0 = eRegion[i];
      const pLocal = P_LOCAL[st.kind] ?? 0.5;
      const soldShare = Math.max(0.05, 0.3 + 0.4 * rLink() - intraOut[i] / Math.max(eRev[i], 1e-9));
      const perLink = (eRev[i] * soldShare) / k;
      const myCluster = eCluster[i];
      for (let t = 0; t < k; t++) {
        let buyer = -1;
        for (let attempt = 0; attempt < 4 && buyer < 0; attempt++) {
          const s = feeds[randInt(rLink, feeds.length)];
          const u = rLink();
          let r = -1;
          if (u < pLocal && bucketSize(r0, s) > 0) r = r0;
          else if (u < pLocal + P_NEIGHBOUR) {
            const nb = neighbours[r0];
            let tot = 0;
            for (let q = 0; q < nb.length; q++) {
              neighW[q] = bucketSize(nb[q], s);
              tot += neighW[q];
            }
            if (tot > 0) {
              let x = rLink() * tot;
              for (let q = 0; q < nb.length; q++) {
                x -= neighW[q];
                if (x < 0) {
                  r = nb[q];
                  break;
                }
              }
              if (r < 0) r = nb[nb.length - 1];
            }
          }
          if (r < 0) r = sampleCum(nationalCum[s], rLink);
          const lo = bucketStart[r * S + s];
          const size = bucketStart[r * S + s + 1] - lo;
          if (size === 0) continue;
          const b = bucket[lo + randInt(rLink, size)];
          if (b === i) continue;
          if (myCluster >= 0 && eCluster[b] === myCluster) continue; // intra-cluster links are generated in phase 2
          buyer = b;
        }
        if (buyer < 0) continue;
        const p = randInt(rLink, nProd);
        const key = buyer * 64 + p;
        if (used.has(key)) continue;
        used.add(key);
        let v = perLink * Math.exp(0.7 * gauss(rLink) - 0.245);
        const cap = eRev[buyer] * (0.02 + 0.18 * rLink());
        if (v > cap) v = cap;
        if (v < 0.01) v = 0.01;
        const year = 2024 - Math.floor(17 * rLink() * rLink());
        sink.add(
          supId + ',' + idOf(buyer) + ',' + st.products[p] + ',' + ok + ',' + v.toFixed(2) + ',' + year + ',true\n',
        );
        linkCount++;
      }
    }
    if (sink.pending) await sink.flush();
  }
  await sink.close();
  return linkCount;
}
