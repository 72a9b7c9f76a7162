/** Shapes of the generator's input (the reference subset it reads) and of its result. */

export interface RefRegion {
  code: string;
  lat: number;
  lon: number;
  federalDistrict: string;
  name?: string;
  nameEn?: string;
}
export interface RefStage {
  id: string;
  order: number;
  kind: string;
  okved: string[];
  feeds: string[];
  name?: string;
  nameEn?: string;
}
export interface RefChain {
  id: string;
  name?: string;
  nameEn?: string;
  stages: RefStage[];
}
export interface GenerateOptions {
  enterprises: number;
  seed?: number;
  outDir: string;
  reference: { regions: RefRegion[]; chains: RefChain[] };
}
export interface GenerateResult {
  files: { clusters: string; enterprises: string; links: string };
  counts: { clusters: number; enterprises: number; links: number };
}

/** Default seed: the date of the Syktyvkar practical session (2 April 2021). */
export const DEFAULT_SEED = 20210402;
