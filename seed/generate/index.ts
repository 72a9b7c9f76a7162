/**
 * Deterministic synthetic dataset generator for coopgraph.
 *
 * Writes clusters.csv, enterprises.csv and links.csv (contract import formats, UTF-8, header row)
 * into `outDir`, streaming row by row in ~1 MB chunks with backpressure, so N = 1,000,000
 * enterprises and ~5N links are never held in memory as strings.
 *
 * Everything is driven by a small seeded PRNG (sfc32 seeded through splitmix32), with one
 * independent stream per phase, so the same options always give byte-identical files. The stream
 * numbers below are part of the output: renumbering one changes every file it feeds.
 *
 * Phases (one module each):
 *   0. stages.ts, geography.ts: the reference as stage tables, and where each stage is present;
 *   1. enterprises.ts: enterprise attributes (stage, region, size, staff, revenue, INN) into typed arrays;
 *   2. clusters.ts: members, anchors, priority territories and the intra-cluster cooperation links
 *      (volumes tuned towards a target "functional dependence", see CLUSTER_PROFILES);
 *   3. write.ts: clusters.csv and enterprises.csv (names drawn on the way);
 *   4. links.ts: links.csv, supplier-driven, following stage FEEDS, local / neighbouring / distant buyers.
 *
 * Every generated row is synthetic (`synthetic=true`). Region "11" (Komi) never gets a generated
 * cluster: the Komi clusters `c-11-timber` / `c-11-oilgas` come from seed/komi.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formClusters } from './clusters.js';
import { enterpriseIds, generateEnterprises } from './enterprises.js';
import { placeStages } from './geography.js';
import { buildBuyerIndex, writeLinks } from './links.js';
import { createRng } from './rng.js';
import { buildModel } from './stages.js';
import { DEFAULT_SEED, type GenerateOptions, type GenerateResult } from './types.js';
import { writeClustersCsv, writeEnterprisesCsv } from './write.js';

export { createRng } from './rng.js';
export { makeInn } from './names.js';
export { innChecksumValid, completeInn, type SizeCategory, SIZE_LIMITS, classifySize, deriveStages } from './rules.js';
export { type RefRegion, type RefStage, type RefChain, type GenerateOptions, type GenerateResult } from './types.js';

const STREAM = { geography: 1, enterprises: 2, clusters: 3, names: 4, links: 5 } as const;

export async function generateDataset(opts: GenerateOptions): Promise<GenerateResult> {
  const N = Math.floor(opts.enterprises);
  if (!(N >= 1)) throw new Error('enterprises must be >= 1');
  const seed = opts.seed ?? DEFAULT_SEED;
  mkdirSync(opts.outDir, { recursive: true });

  const model = buildModel(opts.reference);
  const stageRegionCum = placeStages(model, createRng(seed, STREAM.geography));
  const ents = generateEnterprises(model, N, stageRegionCum, createRng(seed, STREAM.enterprises));
  // buyers are weighted by the sizes as drawn, before the clusters phase re-sizes its anchors
  const buyers = buildBuyerIndex(model, ents);
  const { clusters, intra } = formClusters(model, ents, createRng(seed, STREAM.clusters));

  const files = {
    clusters: join(opts.outDir, 'clusters.csv'),
    enterprises: join(opts.outDir, 'enterprises.csv'),
    links: join(opts.outDir, 'links.csv'),
  };
  const idOf = enterpriseIds(N);
  await writeClustersCsv(files.clusters, clusters);
  await writeEnterprisesCsv(files.enterprises, model, ents, clusters, idOf, createRng(seed, STREAM.names));
  const links = await writeLinks(files.links, model, ents, buyers, intra, idOf, createRng(seed, STREAM.links));

  return { files, counts: { clusters: clusters.length, enterprises: N, links } };
}
