/**
 * Where each stage sits: geography profiles (relative weights by region code; illustrative, not
 * statistics) mixed per stage, thinned by a random presence mask so that regions show gaps, and
 * the nearest regions of each region for neighbouring supply.
 */
import { cumulative } from './rng.js';
import type { Model, StageInfo } from './stages.js';
import type { RefRegion } from './types.js';

type Profile = Record<string, number>;

const POP: Profile = {
  '77': 13,
  '50': 8.5,
  '78': 5.6,
  '23': 5.8,
  '66': 4.3,
  '02': 4.0,
  '16': 4.0,
  '61': 4.2,
  '74': 3.4,
  '52': 3.1,
  '63': 3.2,
  '54': 2.8,
  '24': 2.8,
  '59': 2.5,
  '34': 2.5,
  '26': 2.9,
  '36': 2.3,
  '42': 2.6,
  '38': 2.4,
  '55': 1.9,
  '05': 3.1,
  '72': 1.5,
  '86': 1.7,
  '56': 1.9,
  '64': 2.4,
  '22': 2.3,
  '18': 1.5,
  '47': 2.0,
  '25': 1.9,
  '71': 1.5,
  '73': 1.2,
  '43': 1.2,
  '35': 1.1,
  '29': 1.0,
  '11': 0.8,
  '10': 0.6,
  '21': 1.2,
  '58': 1.3,
  '31': 1.5,
  '33': 1.4,
  '37': 1.0,
  '40': 1.0,
  '44': 0.6,
  '46': 1.1,
  '48': 1.1,
  '57': 0.7,
  '62': 1.1,
  '67': 0.9,
  '68': 1.0,
  '69': 1.2,
  '76': 1.2,
  '32': 1.2,
  '53': 0.6,
  '60': 0.6,
  '39': 1.0,
  '51': 0.7,
  '13': 0.8,
  '12': 0.7,
  '70': 1.1,
  '14': 1.0,
  '27': 1.3,
  '28': 0.8,
  '03': 1.0,
  '75': 1.0,
  '19': 0.5,
  '17': 0.3,
  '04': 0.2,
  '65': 0.5,
  '41': 0.3,
  '49': 0.15,
  '79': 0.15,
  '87': 0.05,
  '83': 0.05,
  '89': 0.5,
  '45': 0.8,
  '08': 0.3,
  '01': 0.5,
  '30': 1.0,
  '06': 0.5,
  '07': 0.9,
  '09': 0.5,
  '15': 0.7,
  '20': 1.5,
  '91': 1.9,
  '92': 0.5,
  '90': 0.5,
  '93': 1.5,
  '94': 1.0,
  '95': 0.3,
};
const FOREST: Profile = {
  '11': 8,
  '29': 10,
  '35': 8,
  '10': 7,
  '24': 9,
  '38': 9,
  '66': 4,
  '43': 6,
  '53': 4,
  '27': 5,
  '47': 5,
  '78': 2,
  '59': 4,
  '44': 3,
  '76': 1.5,
  '40': 1.5,
  '03': 3,
  '75': 3,
  '28': 2,
  '25': 3,
  '60': 2,
  '69': 3,
  '12': 2,
  '18': 2,
  '42': 1,
  '54': 1.5,
  '70': 3,
  '72': 1.5,
  '86': 1,
  '14': 1,
  '22': 1,
  '52': 3,
  '33': 1.5,
  '67': 1,
  '32': 1.5,
  '02': 1.5,
  '16': 1,
  '04': 0.5,
  '19': 1,
  '17': 0.5,
  '79': 0.5,
  '65': 0.5,
  '51': 0.5,
  '37': 0.5,
  '21': 0.7,
  '13': 0.5,
  '58': 0.7,
  '55': 0.5,
  '45': 0.5,
  '74': 1,
  '39': 0.5,
  '50': 1,
  '62': 0.5,
  '57': 0.2,
  '71': 0.3,
};
const PULP: Profile = {
  '11': 5,
  '29': 6,
  '47': 3,
  '10': 4,
  '38': 4,
  '24': 2,
  '59': 3,
  '43': 1,
  '66': 1,
  '27': 0.5,
  '35': 2,
  '44': 1,
  '69': 1,
  '76': 1,
  '50': 1.5,
  '52': 1,
  '16': 0.5,
  '40': 0.5,
  '78': 1,
};
const INDUSTRIAL: Profile = {
  '77': 8,
  '50': 8,
  '52': 6,
  '74': 7,
  '66': 8,
  '61': 4,
  '16': 6,
  '63': 6,
  '59': 5,
  '02': 4,
  '78': 6,
  '47': 2,
  '76': 3,
  '36': 3,
  '18': 4,
  '73': 2,
  '64': 3,
  '34': 4,
  '55': 3,
  '54': 3,
  '42': 2,
  '71': 2,
  '40': 2,
  '72': 2,
  '56': 2,
  '43': 2,
  '33': 2,
  '45': 1,
  '21': 1,
  '58': 1,
  '35': 1,
  '24': 1,
  '38': 1,
  '10': 0.5,
  '29': 0.5,
};
const CHEM: Profile = {
  '16': 8,
  '02': 7,
  '63': 6,
  '52': 5,
  '50': 5,
  '77': 3,
  '59': 5,
  '34': 4,
  '74': 2,
  '72': 3,
  '76': 2,
  '71': 3,
  '64': 2,
  '55': 2,
  '38': 2,
  '58': 1,
  '18': 1,
  '11': 0.5,
  '86': 1,
  '24': 0.5,
  '66': 1.5,
};
const OIL_UP: Profile = {
  '86': 30,
  '89': 15,
  '02': 6,
  '16': 8,
  '63': 4,
  '56': 6,
  '30': 2,
  '70': 4,
  '72': 5,
  '11': 5,
  '83': 3,
  '59': 4,
  '18': 3,
  '64': 2,
  '34': 2,
  '73': 1,
  '24': 3,
  '38': 2,
  '14': 2,
  '65': 3,
  '26': 1,
  '23': 1,
  '08': 1,
  '05': 1,
  '39': 1,
  '61': 0.5,
  '55': 0.5,
  '58': 0.5,
  '12': 0.3,
};
const GAS_UP: Profile = {
  '89': 30,
  '86': 4,
  '11': 3,
  '83': 1,
  '30': 4,
  '56': 5,
  '70': 2,
  '38': 2,
  '14': 3,
  '65': 3,
  '24': 1,
  '64': 1,
  '34': 1,
  '63': 0.5,
  '23': 1,
  '26': 0.5,
  '41': 0.3,
};
const REFINING: Profile = {
  '02': 6,
  '16': 5,
  '63': 6,
  '11': 2,
  '52': 4,
  '76': 3,
  '47': 4,
  '23': 4,
  '61': 2,
  '77': 3,
  '55': 5,
  '38': 3,
  '59': 3,
  '72': 2,
  '24': 2,
  '27': 3,
  '64': 2,
  '34': 3,
  '30': 2,
  '56': 2,
  '86': 1,
  '89': 1,
  '70': 1,
  '73': 1,
  '18': 1,
  '71': 1,
};
const PETROCHEM: Profile = {
  '16': 8,
  '02': 6,
  '63': 5,
  '52': 4,
  '72': 5,
  '38': 3,
  '55': 3,
  '59': 3,
  '34': 3,
  '76': 2,
  '50': 2,
  '36': 2,
  '71': 2,
  '64': 1,
  '74': 1,
  '30': 1,
  '58': 1,
  '26': 2,
  '89': 0.5,
};
const PIPELINE: Profile = {
  '86': 8,
  '89': 8,
  '72': 5,
  '02': 4,
  '16': 3,
  '63': 4,
  '11': 4,
  '70': 3,
  '24': 2,
  '38': 3,
  '14': 2,
  '28': 1,
  '27': 2,
  '25': 2,
  '47': 2,
  '23': 3,
  '61': 2,
  '34': 2,
  '64': 2,
  '52': 2,
  '73': 2,
  '58': 2,
  '56': 3,
  '74': 2,
  '66': 2,
  '59': 2,
  '55': 2,
  '54': 2,
  '42': 1,
  '36': 1,
  '50': 3,
  '69': 1,
  '60': 1,
  '76': 2,
  '35': 1,
  '29': 1,
  '83': 1,
  '30': 1,
  '26': 1,
  '18': 1,
  '43': 1,
  '62': 1,
  '40': 1,
  '71': 1,
  '32': 1,
};
const PIPES: Profile = { '74': 8, '66': 6, '34': 4, '61': 2, '56': 1, '50': 1, '52': 2, '63': 1, '16': 0.5 };

type Mix = [Profile, number][];

/** Geography of each known stage (by slug); unknown stages fall back on their kind. */
const STAGE_GEO: Record<string, Mix> = {
  'timber.forest-management': [[FOREST, 1]],
  'timber.logging': [[FOREST, 1]],
  'timber.logging-services': [[FOREST, 1]],
  'timber.transport': [
    [FOREST, 0.85],
    [POP, 0.15],
  ],
  'timber.wholesale': [
    [FOREST, 0.7],
    [POP, 0.3],
  ],
  'timber.sawmilling': [[FOREST, 1]],
  'timber.panels': [
    [FOREST, 0.8],
    [INDUSTRIAL, 0.2],
  ],
  'timber.joinery': [
    [FOREST, 0.6],
    [POP, 0.4],
  ],
  'timber.pallets': [
    [FOREST, 0.4],
    [POP, 0.6],
  ],
  'timber.pellets': [[FOREST, 1]],
  'timber.pulp': [[PULP, 1]],
  'timber.paper': [[PULP, 1]],
  'timber.packaging': [
    [PULP, 0.3],
    [POP, 0.7],
  ],
  'timber.furniture': [
    [FOREST, 0.35],
    [POP, 0.65],
  ],
  'timber.bioenergy': [[FOREST, 1]],
  'timber.equipment-repair': [
    [FOREST, 0.7],
    [INDUSTRIAL, 0.3],
  ],
  'timber.forestry-machinery': [[INDUSTRIAL, 1]],
  'timber.ppm-machinery': [
    [INDUSTRIAL, 0.8],
    [PULP, 0.2],
  ],
  'timber.woodworking-machinery': [[INDUSTRIAL, 1]],
  'timber.process-chemicals': [[CHEM, 1]],
  'timber.engineering': [
    [FOREST, 0.5],
    [INDUSTRIAL, 0.5],
  ],
  'timber.testing': [
    [FOREST, 0.5],
    [INDUSTRIAL, 0.5],
  ],
  'timber.warehousing': [
    [FOREST, 0.6],
    [POP, 0.4],
  ],
  'timber.cargo-handling': [
    [FOREST, 0.7],
    [POP, 0.3],
  ],
  'timber.recovered-paper': [[POP, 1]],
  'oilgas.exploration': [
    [OIL_UP, 0.8],
    [GAS_UP, 0.2],
  ],
  'oilgas.oil-production': [[OIL_UP, 1]],
  'oilgas.gas-production': [[GAS_UP, 1]],
  'oilgas.oilfield-services': [
    [OIL_UP, 0.8],
    [GAS_UP, 0.2],
  ],
  'oilgas.oil-pipeline': [[PIPELINE, 1]],
  'oilgas.gas-pipeline': [
    [PIPELINE, 0.7],
    [GAS_UP, 0.3],
  ],
  'oilgas.storage': [
    [PIPELINE, 0.6],
    [REFINING, 0.4],
  ],
  'oilgas.gas-processing': [
    [GAS_UP, 0.6],
    [OIL_UP, 0.4],
  ],
  'oilgas.refining': [[REFINING, 1]],
  'oilgas.petrochemicals': [[PETROCHEM, 1]],
  'oilgas.plastics': [
    [POP, 0.7],
    [PETROCHEM, 0.3],
  ],
  'oilgas.fuel-wholesale': [
    [POP, 0.5],
    [REFINING, 0.5],
  ],
  'oilgas.fuel-retail': [[POP, 1]],
  'oilgas.oilfield-chemicals': [
    [CHEM, 0.6],
    [OIL_UP, 0.4],
  ],
  'oilgas.pumps-compressors': [[INDUSTRIAL, 1]],
  'oilgas.valves': [[INDUSTRIAL, 1]],
  'oilgas.drilling-machinery': [
    [INDUSTRIAL, 0.8],
    [OIL_UP, 0.2],
  ],
  'oilgas.steel-pipes': [[PIPES, 1]],
  'oilgas.metal-structures': [
    [INDUSTRIAL, 0.5],
    [OIL_UP, 0.5],
  ],
  'oilgas.repair': [
    [OIL_UP, 0.6],
    [INDUSTRIAL, 0.4],
  ],
  'oilgas.construction': [
    [OIL_UP, 0.6],
    [PIPELINE, 0.4],
  ],
  'oilgas.engineering': [
    [OIL_UP, 0.5],
    [INDUSTRIAL, 0.5],
  ],
  'oilgas.testing': [
    [OIL_UP, 0.6],
    [INDUSTRIAL, 0.4],
  ],
  'oilgas.trucking': [
    [OIL_UP, 0.6],
    [POP, 0.4],
  ],
  'oilgas.spill-cleanup': [[OIL_UP, 1]],
  'oilgas.hazardous-waste': [
    [OIL_UP, 0.8],
    [POP, 0.2],
  ],
  'oilgas.catering': [[OIL_UP, 1]],
};

/** How many nearest regions count as neighbours for inter-regional supply. */
export const NEIGHBOURS = 8;

/** Regions where the chain is made complete (every stage present, even the machinery ones). */
const COMPLETE_REGIONS: Record<string, string[]> = { timber: ['29', '35', '24'], oilgas: ['86', '16', '02'] };

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function normalise(p: Profile, codes: string[]): Float64Array {
  const out = new Float64Array(codes.length);
  let s = 0;
  for (let i = 0; i < codes.length; i++) {
    out[i] = p[codes[i]] ?? 0;
    s += out[i];
  }
  if (s > 0) for (let i = 0; i < codes.length; i++) out[i] /= s;
  return out;
}

/**
 * Fills `geo` of every stage (weights per region, zero where the stage is absent) and returns the
 * cumulative weights used to place enterprises.
 */
export function placeStages(model: Model, rGeo: () => number): Float64Array[] {
  const { R, codes, regionIndex, stages } = model;
  const fallbackMix = (st: StageInfo): Mix => {
    const chainProfile = st.chain === 'oilgas' ? OIL_UP : FOREST;
    if (st.kind === 'supplier') return [[INDUSTRIAL, 1]];
    if (st.kind === 'service')
      return [
        [chainProfile, 0.6],
        [POP, 0.4],
      ];
    return [[chainProfile, 1]];
  };
  const normCache = new Map<Profile, Float64Array>();
  const norm = (p: Profile) => {
    let v = normCache.get(p);
    if (!v) normCache.set(p, (v = normalise(p, codes)));
    return v;
  };
  for (const st of stages) {
    const mix = STAGE_GEO[st.id] ?? fallbackMix(st);
    const w = st.geo;
    for (const [p, share] of mix) {
      const np = norm(p);
      for (let r = 0; r < R; r++) w[r] += share * np[r];
    }
    let maxW = 0;
    let maxR = 0;
    let mean = 0;
    let pos = 0;
    for (let r = 0; r < R; r++) {
      if (w[r] > maxW) {
        maxW = w[r];
        maxR = r;
      }
      if (w[r] > 0) {
        mean += w[r];
        pos++;
      }
    }
    if (maxW === 0) {
      // stage unknown to all profiles: spread by population
      const np = norm(POP);
      for (let r = 0; r < R; r++) w[r] = np[r];
      continue;
    }
    mean /= pos;
    // presence mask: weaker regions more likely to lack the stage (gaps)
    for (let r = 0; r < R; r++) {
      if (w[r] === 0 || r === maxR) continue;
      const rel = w[r] / maxW;
      const pDrop = 0.08 + 0.5 * (1 - rel) * (1 - rel);
      if (rGeo() < pDrop) w[r] = 0;
    }
    // complete-chain regions have every stage of their chain
    for (const code of COMPLETE_REGIONS[st.chain] ?? []) {
      const r = regionIndex.get(code);
      if (r !== undefined) w[r] = Math.max(w[r], 0.25 * mean);
    }
  }
  return stages.map((st) => cumulative(st.geo));
}

/** The NEIGHBOURS nearest regions of each region, by distance between region centres. */
export function regionNeighbours(regions: RefRegion[]): Int32Array[] {
  const R = regions.length;
  const neighbours: Int32Array[] = [];
  for (let a = 0; a < R; a++) {
    const order = [...Array(R).keys()].filter((b) => b !== a);
    const d = (b: number) => haversineKm(regions[a].lat, regions[a].lon, regions[b].lat, regions[b].lon);
    const dist = new Map(order.map((b) => [b, d(b)]));
    order.sort((x, y) => dist.get(x)! - dist.get(y)! || x - y);
    neighbours.push(Int32Array.from(order.slice(0, NEIGHBOURS)));
  }
  return neighbours;
}
