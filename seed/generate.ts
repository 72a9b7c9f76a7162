/**
 * Deterministic synthetic dataset generator for coopgraph.
 *
 * Writes clusters.csv, enterprises.csv and links.csv (contract import formats, UTF-8, header row)
 * into `outDir`, streaming row by row in ~1 MB chunks with backpressure, so N = 1,000,000
 * enterprises and ~5N links are never held in memory as strings.
 *
 * Everything is driven by a small seeded PRNG (sfc32 seeded through splitmix32), with one
 * independent stream per phase, so the same options always give byte-identical files.
 *
 * Phases:
 *   1. enterprise attributes (stage, region, size, staff, revenue, INN) into typed arrays;
 *   2. clusters: members, anchors, priority territories and the intra-cluster cooperation links
 *      (volumes tuned towards a target "functional dependence", see CLUSTER_PROFILES);
 *   3. enterprises.csv and clusters.csv;
 *   4. links.csv: supplier-driven, following stage FEEDS, local / neighbouring / distant buyers.
 *
 * Every generated row is synthetic (`synthetic=true`). Region "11" (Komi) never gets a generated
 * cluster: the Komi clusters `c-11-timber` / `c-11-oilgas` come from seed/komi.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  DEFAULT_SME_LIMITS, SIZE_CATEGORIES, completeInn, smeCategory, stageMatcher, type SizeCategory, type StageMatcher,
} from '../core/reference.js';
import { type ChainRef } from '../core/schemas.js';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** sfc32 PRNG returning floats in [0, 1). `stream` selects an independent sequence. */
export function createRng(seed: number, stream = 0): () => number {
  const sm = splitmix32((seed ^ Math.imul(stream + 1, 0x85ebca6b)) | 0);
  let a = sm() | 0;
  let b = sm() | 0;
  let c = sm() | 0;
  let d = 1 | 0;
  const rand = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) rand();
  return rand;
}

function randInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

function gauss(rand: () => number): number {
  let u = rand();
  if (u < 1e-12) u = 1e-12;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function pick<T>(rand: () => number, arr: readonly T[]): T {
  return arr[Math.floor(rand() * arr.length)];
}

// ---------------------------------------------------------------------------------------------
// INN (Russian taxpayer number) check digits
// ---------------------------------------------------------------------------------------------

/**
 * Random valid INN for a region: region code (2 digits) + tax office (2 digits, 01..89) + serial + check digit(s).
 * Offices 90..99 are left free for hand-made seeds (seed/komi uses them) so the two never collide.
 */
export function makeInn(regionCode: string, rand: () => number, kind: 'legal' | 'individual'): string {
  if (!/^\d{2}$/.test(regionCode)) throw new Error(`bad region code ${regionCode}`);
  const office = 1 + Math.floor(rand() * 89);
  let body = regionCode + (office < 10 ? '0' : '') + office;
  const serialLen = kind === 'legal' ? 5 : 6;
  for (let i = 0; i < serialLen; i++) body += Math.floor(rand() * 10);
  return completeInn(body);
}

// ---------------------------------------------------------------------------------------------
// The data rules themselves are the import's (core/reference.ts)
// ---------------------------------------------------------------------------------------------

export { innIsValid as innChecksumValid, completeInn, type SizeCategory } from '../core/reference.js';
export const SIZES: readonly SizeCategory[] = SIZE_CATEGORIES;
/** 209-FZ staff limits and Decree 265 (2016) revenue limits, mln RUB (the defaults of the settings). */
export const SIZE_LIMITS = {
  micro: { employees: DEFAULT_SME_LIMITS.microEmployees, revenue: DEFAULT_SME_LIMITS.microRevenueMlnRub },
  small: { employees: DEFAULT_SME_LIMITS.smallEmployees, revenue: DEFAULT_SME_LIMITS.smallRevenueMlnRub },
  medium: { employees: DEFAULT_SME_LIMITS.mediumEmployees, revenue: DEFAULT_SME_LIMITS.mediumRevenueMlnRub },
} as const;

export function classifySize(employees: number, revenueMlnRub: number): SizeCategory {
  return smeCategory(employees, revenueMlnRub, DEFAULT_SME_LIMITS)!;
}

const matchers = new WeakMap<RefChain[], StageMatcher>();
/** Stage ids of an enterprise's OKVED codes, by the import's longest-prefix rule. */
export function deriveStages(codes: string[], chains: RefChain[]): string[] {
  let matcher = matchers.get(chains);
  if (!matcher) {
    matcher = stageMatcher(chains as unknown as ChainRef[]);
    matchers.set(chains, matcher);
  }
  return matcher.stagesForAll(codes);
}

// ---------------------------------------------------------------------------------------------
// Geography profiles (relative weights by region code; illustrative, not statistics)
// ---------------------------------------------------------------------------------------------

type Profile = Record<string, number>;

const POP: Profile = {
  '77': 13, '50': 8.5, '78': 5.6, '23': 5.8, '66': 4.3, '02': 4.0, '16': 4.0, '61': 4.2, '74': 3.4, '52': 3.1,
  '63': 3.2, '54': 2.8, '24': 2.8, '59': 2.5, '34': 2.5, '26': 2.9, '36': 2.3, '42': 2.6, '38': 2.4, '55': 1.9,
  '05': 3.1, '72': 1.5, '86': 1.7, '56': 1.9, '64': 2.4, '22': 2.3, '18': 1.5, '47': 2.0, '25': 1.9, '71': 1.5,
  '73': 1.2, '43': 1.2, '35': 1.1, '29': 1.0, '11': 0.8, '10': 0.6, '21': 1.2, '58': 1.3, '31': 1.5, '33': 1.4,
  '37': 1.0, '40': 1.0, '44': 0.6, '46': 1.1, '48': 1.1, '57': 0.7, '62': 1.1, '67': 0.9, '68': 1.0, '69': 1.2,
  '76': 1.2, '32': 1.2, '53': 0.6, '60': 0.6, '39': 1.0, '51': 0.7, '13': 0.8, '12': 0.7, '70': 1.1, '14': 1.0,
  '27': 1.3, '28': 0.8, '03': 1.0, '75': 1.0, '19': 0.5, '17': 0.3, '04': 0.2, '65': 0.5, '41': 0.3, '49': 0.15,
  '79': 0.15, '87': 0.05, '83': 0.05, '89': 0.5, '45': 0.8, '08': 0.3, '01': 0.5, '30': 1.0, '06': 0.5, '07': 0.9,
  '09': 0.5, '15': 0.7, '20': 1.5, '91': 1.9, '92': 0.5, '90': 0.5, '93': 1.5, '94': 1.0, '95': 0.3,
};
const FOREST: Profile = {
  '11': 8, '29': 10, '35': 8, '10': 7, '24': 9, '38': 9, '66': 4, '43': 6, '53': 4, '27': 5, '47': 5, '78': 2,
  '59': 4, '44': 3, '76': 1.5, '40': 1.5, '03': 3, '75': 3, '28': 2, '25': 3, '60': 2, '69': 3, '12': 2, '18': 2,
  '42': 1, '54': 1.5, '70': 3, '72': 1.5, '86': 1, '14': 1, '22': 1, '52': 3, '33': 1.5, '67': 1, '32': 1.5,
  '02': 1.5, '16': 1, '04': 0.5, '19': 1, '17': 0.5, '79': 0.5, '65': 0.5, '51': 0.5, '37': 0.5, '21': 0.7,
  '13': 0.5, '58': 0.7, '55': 0.5, '45': 0.5, '74': 1, '39': 0.5, '50': 1, '62': 0.5, '57': 0.2, '71': 0.3,
};
const PULP: Profile = {
  '11': 5, '29': 6, '47': 3, '10': 4, '38': 4, '24': 2, '59': 3, '43': 1, '66': 1, '27': 0.5, '35': 2, '44': 1,
  '69': 1, '76': 1, '50': 1.5, '52': 1, '16': 0.5, '40': 0.5, '78': 1,
};
const INDUSTRIAL: Profile = {
  '77': 8, '50': 8, '52': 6, '74': 7, '66': 8, '61': 4, '16': 6, '63': 6, '59': 5, '02': 4, '78': 6, '47': 2,
  '76': 3, '36': 3, '18': 4, '73': 2, '64': 3, '34': 4, '55': 3, '54': 3, '42': 2, '71': 2, '40': 2, '72': 2,
  '56': 2, '43': 2, '33': 2, '45': 1, '21': 1, '58': 1, '35': 1, '24': 1, '38': 1, '10': 0.5, '29': 0.5,
};
const CHEM: Profile = {
  '16': 8, '02': 7, '63': 6, '52': 5, '50': 5, '77': 3, '59': 5, '34': 4, '74': 2, '72': 3, '76': 2, '71': 3,
  '64': 2, '55': 2, '38': 2, '58': 1, '18': 1, '11': 0.5, '86': 1, '24': 0.5, '66': 1.5,
};
const OIL_UP: Profile = {
  '86': 30, '89': 15, '02': 6, '16': 8, '63': 4, '56': 6, '30': 2, '70': 4, '72': 5, '11': 5, '83': 3, '59': 4,
  '18': 3, '64': 2, '34': 2, '73': 1, '24': 3, '38': 2, '14': 2, '65': 3, '26': 1, '23': 1, '08': 1, '05': 1,
  '39': 1, '61': 0.5, '55': 0.5, '58': 0.5, '12': 0.3,
};
const GAS_UP: Profile = {
  '89': 30, '86': 4, '11': 3, '83': 1, '30': 4, '56': 5, '70': 2, '38': 2, '14': 3, '65': 3, '24': 1, '64': 1,
  '34': 1, '63': 0.5, '23': 1, '26': 0.5, '41': 0.3,
};
const REFINING: Profile = {
  '02': 6, '16': 5, '63': 6, '11': 2, '52': 4, '76': 3, '47': 4, '23': 4, '61': 2, '77': 3, '55': 5, '38': 3,
  '59': 3, '72': 2, '24': 2, '27': 3, '64': 2, '34': 3, '30': 2, '56': 2, '86': 1, '89': 1, '70': 1, '73': 1,
  '18': 1, '71': 1,
};
const PETROCHEM: Profile = {
  '16': 8, '02': 6, '63': 5, '52': 4, '72': 5, '38': 3, '55': 3, '59': 3, '34': 3, '76': 2, '50': 2, '36': 2,
  '71': 2, '64': 1, '74': 1, '30': 1, '58': 1, '26': 2, '89': 0.5,
};
const PIPELINE: Profile = {
  '86': 8, '89': 8, '72': 5, '02': 4, '16': 3, '63': 4, '11': 4, '70': 3, '24': 2, '38': 3, '14': 2, '28': 1,
  '27': 2, '25': 2, '47': 2, '23': 3, '61': 2, '34': 2, '64': 2, '52': 2, '73': 2, '58': 2, '56': 3, '74': 2,
  '66': 2, '59': 2, '55': 2, '54': 2, '42': 1, '36': 1, '50': 3, '69': 1, '60': 1, '76': 2, '35': 1, '29': 1,
  '83': 1, '30': 1, '26': 1, '18': 1, '43': 1, '62': 1, '40': 1, '71': 1, '32': 1,
};
const PIPES: Profile = { '74': 8, '66': 6, '34': 4, '61': 2, '56': 1, '50': 1, '52': 2, '63': 1, '16': 0.5 };

type Mix = [Profile, number][];

/** Geography of each known stage (by slug); unknown stages fall back on their kind. */
const STAGE_GEO: Record<string, Mix> = {
  'timber.forest-management': [[FOREST, 1]],
  'timber.logging': [[FOREST, 1]],
  'timber.logging-services': [[FOREST, 1]],
  'timber.transport': [[FOREST, 0.85], [POP, 0.15]],
  'timber.wholesale': [[FOREST, 0.7], [POP, 0.3]],
  'timber.sawmilling': [[FOREST, 1]],
  'timber.panels': [[FOREST, 0.8], [INDUSTRIAL, 0.2]],
  'timber.joinery': [[FOREST, 0.6], [POP, 0.4]],
  'timber.pallets': [[FOREST, 0.4], [POP, 0.6]],
  'timber.pellets': [[FOREST, 1]],
  'timber.pulp': [[PULP, 1]],
  'timber.paper': [[PULP, 1]],
  'timber.packaging': [[PULP, 0.3], [POP, 0.7]],
  'timber.furniture': [[FOREST, 0.35], [POP, 0.65]],
  'timber.bioenergy': [[FOREST, 1]],
  'timber.equipment-repair': [[FOREST, 0.7], [INDUSTRIAL, 0.3]],
  'timber.forestry-machinery': [[INDUSTRIAL, 1]],
  'timber.ppm-machinery': [[INDUSTRIAL, 0.8], [PULP, 0.2]],
  'timber.woodworking-machinery': [[INDUSTRIAL, 1]],
  'timber.process-chemicals': [[CHEM, 1]],
  'timber.engineering': [[FOREST, 0.5], [INDUSTRIAL, 0.5]],
  'timber.testing': [[FOREST, 0.5], [INDUSTRIAL, 0.5]],
  'timber.warehousing': [[FOREST, 0.6], [POP, 0.4]],
  'timber.cargo-handling': [[FOREST, 0.7], [POP, 0.3]],
  'timber.recovered-paper': [[POP, 1]],
  'oilgas.exploration': [[OIL_UP, 0.8], [GAS_UP, 0.2]],
  'oilgas.oil-production': [[OIL_UP, 1]],
  'oilgas.gas-production': [[GAS_UP, 1]],
  'oilgas.oilfield-services': [[OIL_UP, 0.8], [GAS_UP, 0.2]],
  'oilgas.oil-pipeline': [[PIPELINE, 1]],
  'oilgas.gas-pipeline': [[PIPELINE, 0.7], [GAS_UP, 0.3]],
  'oilgas.storage': [[PIPELINE, 0.6], [REFINING, 0.4]],
  'oilgas.gas-processing': [[GAS_UP, 0.6], [OIL_UP, 0.4]],
  'oilgas.refining': [[REFINING, 1]],
  'oilgas.petrochemicals': [[PETROCHEM, 1]],
  'oilgas.plastics': [[POP, 0.7], [PETROCHEM, 0.3]],
  'oilgas.fuel-wholesale': [[POP, 0.5], [REFINING, 0.5]],
  'oilgas.fuel-retail': [[POP, 1]],
  'oilgas.oilfield-chemicals': [[CHEM, 0.6], [OIL_UP, 0.4]],
  'oilgas.pumps-compressors': [[INDUSTRIAL, 1]],
  'oilgas.valves': [[INDUSTRIAL, 1]],
  'oilgas.drilling-machinery': [[INDUSTRIAL, 0.8], [OIL_UP, 0.2]],
  'oilgas.steel-pipes': [[PIPES, 1]],
  'oilgas.metal-structures': [[INDUSTRIAL, 0.5], [OIL_UP, 0.5]],
  'oilgas.repair': [[OIL_UP, 0.6], [INDUSTRIAL, 0.4]],
  'oilgas.construction': [[OIL_UP, 0.6], [PIPELINE, 0.4]],
  'oilgas.engineering': [[OIL_UP, 0.5], [INDUSTRIAL, 0.5]],
  'oilgas.testing': [[OIL_UP, 0.6], [INDUSTRIAL, 0.4]],
  'oilgas.trucking': [[OIL_UP, 0.6], [POP, 0.4]],
  'oilgas.spill-cleanup': [[OIL_UP, 1]],
  'oilgas.hazardous-waste': [[OIL_UP, 0.8], [POP, 0.2]],
  'oilgas.catering': [[OIL_UP, 1]],
};

/** Relative number of enterprises per stage (SME-heavy stages get many). */
const STAGE_COUNT: Record<string, number> = {
  'timber.forest-management': 3, 'timber.logging': 10, 'timber.logging-services': 10, 'timber.transport': 8,
  'timber.wholesale': 8, 'timber.sawmilling': 12, 'timber.panels': 2, 'timber.joinery': 8, 'timber.pallets': 4,
  'timber.pellets': 3, 'timber.pulp': 0.15, 'timber.paper': 0.4, 'timber.packaging': 3, 'timber.furniture': 10,
  'timber.bioenergy': 1, 'timber.equipment-repair': 4, 'timber.forestry-machinery': 0.8, 'timber.ppm-machinery': 0.4,
  'timber.woodworking-machinery': 1, 'timber.process-chemicals': 0.8, 'timber.engineering': 2, 'timber.testing': 1,
  'timber.warehousing': 3, 'timber.cargo-handling': 1.5, 'timber.recovered-paper': 3,
  'oilgas.exploration': 1.5, 'oilgas.oil-production': 1, 'oilgas.gas-production': 0.4, 'oilgas.oilfield-services': 12,
  'oilgas.oil-pipeline': 0.3, 'oilgas.gas-pipeline': 0.3, 'oilgas.storage': 0.8, 'oilgas.gas-processing': 0.3,
  'oilgas.refining': 0.2, 'oilgas.petrochemicals': 1.5, 'oilgas.plastics': 12, 'oilgas.fuel-wholesale': 6,
  'oilgas.fuel-retail': 8, 'oilgas.oilfield-chemicals': 1.5, 'oilgas.pumps-compressors': 2, 'oilgas.valves': 2,
  'oilgas.drilling-machinery': 1, 'oilgas.steel-pipes': 0.6, 'oilgas.metal-structures': 5, 'oilgas.repair': 5,
  'oilgas.construction': 4, 'oilgas.engineering': 3, 'oilgas.testing': 1.5, 'oilgas.trucking': 8,
  'oilgas.spill-cleanup': 1, 'oilgas.hazardous-waste': 1.5, 'oilgas.catering': 2,
};

/** Size mix [micro, small, medium, large] by stage. */
const SIZE_HEAVY = [0.15, 0.25, 0.2, 0.4];
const SIZE_PIPE = [0.05, 0.1, 0.15, 0.7];
const SIZE_MID = [0.4, 0.35, 0.15, 0.1];
const SIZE_SME = [0.74, 0.21, 0.035, 0.015];
const STAGE_SIZE: Record<string, number[]> = {
  'oilgas.oil-production': SIZE_HEAVY, 'oilgas.gas-production': SIZE_HEAVY, 'oilgas.refining': SIZE_HEAVY,
  'oilgas.gas-processing': SIZE_HEAVY, 'oilgas.petrochemicals': SIZE_HEAVY, 'timber.pulp': SIZE_HEAVY,
  'timber.paper': SIZE_HEAVY, 'oilgas.oil-pipeline': SIZE_PIPE, 'oilgas.gas-pipeline': SIZE_PIPE,
  'timber.panels': SIZE_MID, 'oilgas.steel-pipes': SIZE_MID, 'oilgas.storage': SIZE_MID,
  'oilgas.drilling-machinery': SIZE_MID, 'timber.ppm-machinery': SIZE_MID, 'oilgas.exploration': SIZE_MID,
  'timber.bioenergy': SIZE_MID, 'oilgas.pumps-compressors': SIZE_MID, 'timber.forestry-machinery': SIZE_MID,
};

/** Median revenue per employee, mln RUB. */
const STAGE_PRODUCTIVITY: Record<string, number> = {
  'oilgas.oil-production': 40, 'oilgas.gas-production': 45, 'oilgas.refining': 60, 'oilgas.oil-pipeline': 15,
  'oilgas.gas-pipeline': 15, 'oilgas.petrochemicals': 20, 'oilgas.gas-processing': 25, 'oilgas.fuel-wholesale': 30,
  'timber.wholesale': 8, 'oilgas.fuel-retail': 6, 'timber.pulp': 10, 'timber.paper': 10, 'timber.panels': 5,
  'timber.sawmilling': 3.5, 'timber.logging': 3, 'timber.logging-services': 2, 'timber.furniture': 2,
  'oilgas.catering': 1.5, 'oilgas.plastics': 4, 'oilgas.oilfield-chemicals': 6, 'timber.process-chemicals': 6,
  'oilgas.steel-pipes': 8, 'oilgas.oilfield-services': 4, 'oilgas.storage': 10, 'timber.bioenergy': 5,
};

/** Local-sourcing propensity by stage kind (probability that a link stays inside the supplier's region). */
const P_LOCAL: Record<string, number> = { core: 0.5, service: 0.65, supplier: 0.2 };
const P_NEIGHBOUR = 0.25;
const NEIGHBOURS = 8;

/** Regions where the chain is made complete (every stage present, even the machinery ones). */
const COMPLETE_REGIONS: Record<string, string[]> = { timber: ['29', '35', '24'], oilgas: ['86', '16', '02'] };

/** Products by supplier stage (Russian; no commas). */
const PRODUCTS: Record<string, string[]> = {
  'timber.forest-management': ['Лесоустроительные работы', 'Посадочный материал (сеянцы)', 'Лесовосстановительные работы'],
  'timber.logging': ['Пиловочник хвойный', 'Балансы хвойные', 'Балансы лиственные', 'Фанерный кряж', 'Дровяная древесина'],
  'timber.logging-services': ['Услуги лесозаготовки (валка и трелёвка)', 'Строительство лесовозных дорог', 'Раскряжёвка хлыстов'],
  'timber.transport': ['Вывозка круглого леса', 'Перевозка пиломатериалов', 'Железнодорожная перевозка древесины'],
  'timber.wholesale': ['Круглый лес (оптовая поставка)', 'Пиломатериалы (оптовая поставка)', 'Технологическая щепа (оптовая поставка)'],
  'timber.sawmilling': ['Пиломатериалы хвойные обрезные', 'Брус', 'Технологическая щепа', 'Опилки и кора'],
  'timber.panels': ['Фанера берёзовая', 'Плиты OSB', 'Плиты ДСП', 'Плиты МДФ', 'Шпон лущёный'],
  'timber.joinery': ['Клеёный брус', 'Деревянные окна и двери', 'Домокомплекты', 'Погонажные изделия'],
  'timber.pallets': ['Поддоны деревянные', 'Деревянная тара'],
  'timber.pellets': ['Топливные гранулы (пеллеты)', 'Топливные брикеты'],
  'timber.pulp': ['Целлюлоза сульфатная беленая', 'Целлюлоза небеленая', 'Древесная масса'],
  'timber.paper': ['Бумага офисная', 'Картон для плоских слоёв', 'Бумага для гофрирования', 'Газетная бумага'],
  'timber.packaging': ['Гофрокартон', 'Гофроящики', 'Бумажные мешки'],
  'timber.furniture': ['Корпусная мебель', 'Офисная мебель', 'Мебель для дома'],
  'timber.bioenergy': ['Тепловая энергия', 'Электроэнергия (биотопливо)'],
  'timber.equipment-repair': ['Ремонт лесозаготовительной техники', 'Ремонт деревообрабатывающего оборудования', 'Сервисное обслуживание оборудования'],
  'timber.forestry-machinery': ['Харвестеры', 'Форвардеры', 'Трелёвочные тракторы', 'Запчасти для лесной техники'],
  'timber.ppm-machinery': ['Оборудование для ЦБП', 'Сукна и сетки для БДМ', 'Запчасти для бумагоделательных машин'],
  'timber.woodworking-machinery': ['Лесопильное оборудование', 'Деревообрабатывающие станки', 'Сушильные камеры'],
  'timber.process-chemicals': ['Химикаты для варки целлюлозы', 'Клеевые смолы', 'Пероксид водорода', 'Лакокрасочные материалы'],
  'timber.engineering': ['Проектирование лесоперерабатывающих производств', 'Инжиниринговые услуги'],
  'timber.testing': ['Испытания и сертификация продукции', 'Лабораторный контроль качества'],
  'timber.warehousing': ['Складское хранение лесоматериалов', 'Хранение готовой продукции'],
  'timber.cargo-handling': ['Погрузочно-разгрузочные работы', 'Перевалка лесных грузов'],
  'timber.recovered-paper': ['Макулатура МС-5Б', 'Макулатура МС-8В', 'Вторичное сырьё (бумага и картон)'],
  'oilgas.exploration': ['Сейсморазведочные работы', 'Геологоразведочное бурение', 'Геофизические исследования скважин'],
  'oilgas.oil-production': ['Нефть сырая', 'Попутный нефтяной газ', 'Газовый конденсат'],
  'oilgas.gas-production': ['Природный газ', 'Газовый конденсат'],
  'oilgas.oilfield-services': ['Капитальный ремонт скважин', 'Бурение эксплуатационных скважин', 'Гидроразрыв пласта', 'Цементирование скважин', 'Подземный ремонт скважин'],
  'oilgas.oil-pipeline': ['Транспортировка нефти по трубопроводу', 'Транспортировка нефтепродуктов по трубопроводу'],
  'oilgas.gas-pipeline': ['Транспортировка газа по трубопроводу'],
  'oilgas.storage': ['Хранение нефти и нефтепродуктов', 'Хранение газа'],
  'oilgas.gas-processing': ['Сухой отбензиненный газ', 'Широкая фракция лёгких углеводородов', 'Сжиженный углеводородный газ', 'Сера техническая'],
  'oilgas.refining': ['Дизельное топливо', 'Бензин автомобильный', 'Мазут', 'Нафта (прямогонный бензин)', 'Битум нефтяной', 'Авиакеросин'],
  'oilgas.petrochemicals': ['Полиэтилен', 'Полипропилен', 'Синтетический каучук', 'Метанол', 'Ароматические углеводороды'],
  'oilgas.plastics': ['Полимерные трубы', 'Полимерная плёнка', 'Пластиковая тара', 'Изделия из пластмасс'],
  'oilgas.fuel-wholesale': ['Дизельное топливо (оптовая поставка)', 'Бензин (оптовая поставка)', 'Котельное топливо'],
  'oilgas.fuel-retail': ['Топливо на АЗС (корпоративные карты)'],
  'oilgas.oilfield-chemicals': ['Ингибиторы коррозии', 'Деэмульгаторы', 'Буровые растворы', 'Реагенты для ГРП'],
  'oilgas.pumps-compressors': ['Установки ЭЦН', 'Компрессорные установки', 'Насосные агрегаты'],
  'oilgas.valves': ['Трубопроводная арматура', 'Задвижки клиновые', 'Фонтанная арматура'],
  'oilgas.drilling-machinery': ['Буровые установки', 'Буровой инструмент', 'Запчасти для бурового оборудования'],
  'oilgas.steel-pipes': ['Трубы нефтегазопроводные', 'Обсадные трубы', 'Насосно-компрессорные трубы'],
  'oilgas.metal-structures': ['Металлоконструкции', 'Резервуары стальные', 'Блочно-модульные здания'],
  'oilgas.repair': ['Ремонт насосного оборудования', 'Ремонт и наладка оборудования', 'Диагностика оборудования'],
  'oilgas.construction': ['Обустройство месторождений', 'Строительство трубопроводов', 'Строительно-монтажные работы'],
  'oilgas.engineering': ['Проектирование обустройства месторождений', 'Инжиниринговые услуги'],
  'oilgas.testing': ['Неразрушающий контроль', 'Лабораторные испытания нефти и газа', 'Экспертиза промышленной безопасности'],
  'oilgas.trucking': ['Перевозка грузов автотранспортом', 'Перевозка опасных грузов', 'Услуги спецтехники'],
  'oilgas.spill-cleanup': ['Ликвидация разливов нефти', 'Рекультивация нефтезагрязнённых земель'],
  'oilgas.hazardous-waste': ['Утилизация буровых шламов', 'Обращение с опасными отходами'],
  'oilgas.catering': ['Питание вахтового персонала', 'Услуги вахтовых посёлков'],
};

// Name parts --------------------------------------------------------------------------------

const NAME_STAGE: Record<string, string[]> = {
  'timber.forest-management': ['Лесхоз', 'Лесовод', 'ЛесПроект'],
  'timber.logging': ['Лес', 'Леспром', 'Лесозаготовка', 'ЛесИнвест'],
  'timber.logging-services': ['ЛесСервис', 'Лесоруб', 'ЛесДорСтрой'],
  'timber.transport': ['Лесовоз', 'ЛесТранс', 'ТрансЛес'],
  'timber.wholesale': ['ЛесТорг', 'ЛесЭкспорт', 'ДревТорг'],
  'timber.sawmilling': ['Пилорама', 'Лесопиление', 'ДОК', 'ЛесПил'],
  'timber.panels': ['Фанера', 'ПлитПром', 'Шпон'],
  'timber.joinery': ['ДомСтрой', 'Брус', 'Столяр', 'ДеревоДом'],
  'timber.pallets': ['Поддон', 'ТараДрев'],
  'timber.pellets': ['Пеллет', 'БиоТопливо', 'Гранула'],
  'timber.pulp': ['Целлюлоза', 'ЦКК'],
  'timber.paper': ['Бумпром', 'Картон', 'БКК'],
  'timber.packaging': ['Гофротара', 'Упак', 'Гофра'],
  'timber.furniture': ['Мебель', 'МебельПром', 'Интерьер'],
  'timber.bioenergy': ['БиоЭнерго', 'ТеплоЛес'],
  'timber.equipment-repair': ['ТехСервис', 'РемМаш', 'ЛесТехРемонт'],
  'timber.forestry-machinery': ['ЛесМаш', 'ЛесТехника'],
  'timber.ppm-machinery': ['БумМаш', 'ЦБП-Маш'],
  'timber.woodworking-machinery': ['СтанкоДрев', 'ДеревоМаш'],
  'timber.process-chemicals': ['Химпром', 'Смолы', 'ХимРеагент'],
  'timber.engineering': ['Инжиниринг', 'ЛесПроект', 'ПромПроект'],
  'timber.testing': ['Лаб', 'ТестЦентр', 'Сертификат'],
  'timber.warehousing': ['Склад', 'Терминал'],
  'timber.cargo-handling': ['Погрузка', 'Перевалка', 'ПортЛес'],
  'timber.recovered-paper': ['Вторсырьё', 'Макулатура', 'ЭкоРесурс'],
  'oilgas.exploration': ['Геофизика', 'ГеоРазведка', 'Сейсмо'],
  'oilgas.oil-production': ['Нефть', 'Нефтегаз', 'НефтеДобыча'],
  'oilgas.gas-production': ['Газ', 'ГазДобыча'],
  'oilgas.oilfield-services': ['НефтеСервис', 'Бурение', 'КРС-Сервис', 'ПромыселСервис'],
  'oilgas.oil-pipeline': ['НефтеПровод', 'ТрансНефть'],
  'oilgas.gas-pipeline': ['ГазТранс', 'ГазПровод'],
  'oilgas.storage': ['Нефтебаза', 'Терминал'],
  'oilgas.gas-processing': ['ГПЗ', 'ГазПереработка'],
  'oilgas.refining': ['НПЗ', 'НефтеПереработка'],
  'oilgas.petrochemicals': ['НефтеХим', 'Полимер', 'ОргСинтез'],
  'oilgas.plastics': ['Пласт', 'ПолимерИзделия', 'Трубопласт', 'ПластПром'],
  'oilgas.fuel-wholesale': ['НефтеПродукт', 'ТопливоТорг'],
  'oilgas.fuel-retail': ['АЗС', 'Топливо'],
  'oilgas.oilfield-chemicals': ['Реагент', 'НефтеХимСервис'],
  'oilgas.pumps-compressors': ['Насос', 'Компрессор', 'ГидроМаш'],
  'oilgas.valves': ['Арматура', 'КлапанПром'],
  'oilgas.drilling-machinery': ['БурМаш', 'БурТехника'],
  'oilgas.steel-pipes': ['Трубный завод', 'ТрубПром'],
  'oilgas.metal-structures': ['МеталлоКонструкция', 'СтальМонтаж', 'Металл'],
  'oilgas.repair': ['РемСервис', 'ЭнергоРемонт', 'НефтеМаш-Ремонт'],
  'oilgas.construction': ['СтройМонтаж', 'ТрубопроводСтрой', 'НефтеГазСтрой'],
  'oilgas.engineering': ['Проект', 'Инжиниринг', 'НИПИ'],
  'oilgas.testing': ['Диагностика', 'КонтрольЛаб', 'Экспертиза'],
  'oilgas.trucking': ['АвтоТранс', 'Логистик', 'СпецТранс'],
  'oilgas.spill-cleanup': ['ЭкоСпас', 'Рекультивация'],
  'oilgas.hazardous-waste': ['ЭкоУтилизация', 'ПромОтходы'],
  'oilgas.catering': ['Питание', 'ВахтаСервис'],
};
const NAME_PREFIX_BY_FD: Record<string, string[]> = {
  northwestern: ['Север', 'Онега', 'Двина', 'Ладога', 'Вычегда', 'Печора', 'Балтика', 'Поморье', 'Карел'],
  central: ['Центр', 'Ока', 'Подмосковье', 'Москва', 'Волга', 'Русь', 'Держава'],
  southern: ['Юг', 'Дон', 'Кубань', 'Каспий', 'Азов', 'Таврида'],
  'north-caucasian': ['Кавказ', 'Терек', 'Эльбрус', 'Машук'],
  volga: ['Волга', 'Кама', 'Вятка', 'Урал', 'Жигули', 'Сура', 'Белая'],
  ural: ['Урал', 'Югра', 'Ямал', 'Тобол', 'Обь', 'Иртыш', 'Сибнефте'],
  siberian: ['Сибирь', 'Енисей', 'Ангара', 'Байкал', 'Томь', 'Обь', 'Саяны'],
  'far-eastern': ['Амур', 'Восток', 'Приморье', 'Саха', 'Охотск', 'ДальЛес', 'Тихоокеан'],
};
const NAME_PREFIX_DEFAULT = ['Регион', 'Альфа', 'Вектор', 'Гарант', 'Прогресс', 'Стандарт', 'Техно', 'Эталон'];
const SURNAMES_M = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Соловьёв', 'Васильев', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв', 'Фёдоров', 'Михайлов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Орлов', 'Киселёв', 'Макаров', 'Андреев', 'Ковалёв', 'Ильин', 'Гусев', 'Титов', 'Кудрявцев', 'Баранов', 'Куликов', 'Алексеев', 'Степанов', 'Яковлев', 'Сорокин', 'Сергеев', 'Романов', 'Захаров', 'Борисов', 'Королёв', 'Герасимов', 'Пономарёв', 'Григорьев', 'Лазарев', 'Медведев', 'Ершов', 'Никитин', 'Соболев', 'Рябов', 'Поляков', 'Цветков', 'Данилов', 'Жуков', 'Фролов', 'Журавлёв', 'Николаев', 'Канев', 'Попов', 'Игнатов', 'Чупров', 'Терентьев', 'Габов', 'Хабибуллин', 'Галиев', 'Сафин', 'Ахметов'];
const INITIALS = 'АБВГДЕИКЛМНОПРСТФЮЯ';

function ipName(rand: () => number): string {
  const m = pick(rand, SURNAMES_M);
  const female = rand() < 0.35;
  const surname = female ? (m.endsWith('ин') || m.endsWith('ов') || m.endsWith('ёв') || m.endsWith('ев') ? m + 'а' : m) : m;
  return `ИП ${surname} ${INITIALS[randInt(rand, INITIALS.length)]}.${INITIALS[randInt(rand, INITIALS.length)]}.`;
}

// ---------------------------------------------------------------------------------------------
// Cluster templates
// ---------------------------------------------------------------------------------------------

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
  ready: { status: 'registered', kind: 'industrial', members: [14, 22], membersPer100k: 4, fd: [0.24, 0.32], lacking: [0, 1], priorityShare: 0.1 },
  borderline: { status: 'applicant', kind: 'industrial', members: [10, 11], membersPer100k: 0, fd: [0.18, 0.22], lacking: [2, 4], priorityShare: 0.1 },
  priority: { status: 'applicant', kind: 'industrial', members: [10, 14], membersPer100k: 1, fd: [0.11, 0.15], lacking: [0, 2], priorityShare: 0.32 },
  failing: { status: 'applicant', kind: 'industrial', members: [8, 9], membersPer100k: 0, fd: [0.1, 0.14], lacking: [1, 2], priorityShare: 0 },
  forming: { status: 'forming', kind: 'regional-initiative', members: [5, 8], membersPer100k: 0, fd: [0.04, 0.09], lacking: [1, 3], priorityShare: 0.05 },
  innovative: { status: 'registered', kind: 'innovative', members: [12, 18], membersPer100k: 2, fd: [0.22, 0.3], lacking: [0, 0], priorityShare: 0 },
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

// ---------------------------------------------------------------------------------------------
// Streaming CSV writer
// ---------------------------------------------------------------------------------------------

const CHUNK = 1 << 20;

class CsvSink {
  private buf = '';
  private stream: WriteStream;
  private error: Error | null = null;
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.error = e;
    });
  }
  /** Appends a finished line (with trailing newline); call `maybeFlush` afterwards. */
  add(line: string): void {
    this.buf += line;
  }
  get pending(): boolean {
    return this.buf.length >= CHUNK;
  }
  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.buf.length === 0) return;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (!ok) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
    if (this.error) throw this.error;
  }
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

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

/** Cumulative array for weighted sampling. */
function cumulative(w: ArrayLike<number>): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    c[i] = s;
  }
  return c;
}

function sampleCum(c: Float64Array, rand: () => number): number {
  const total = c[c.length - 1];
  const x = rand() * total;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sampleIndex(weights: number[], rand: () => number): number {
  let s = 0;
  for (const w of weights) s += w;
  let x = rand() * s;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function logUniformInt(rand: () => number, lo: number, hi: number): number {
  const v = Math.floor(Math.exp(Math.log(lo) + rand() * (Math.log(hi + 1) - Math.log(lo))));
  return Math.min(hi, Math.max(lo, v));
}


// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

interface StageInfo {
  id: string;
  chain: string;
  kind: string;
  okved: string[];
  feeds: number[];
  products: string[]; // already CSV-escaped
  sizeMix: number[];
  productivity: number;
  geo: Float64Array; // normalised weight per region (after presence mask)
  nameParts: string[];
}

const SIZE_BUYER_WEIGHT = [1, 3, 8, 25];
const SIZE_DEGREE = [2.5, 5, 10, 30];

export async function generateDataset(opts: GenerateOptions): Promise<GenerateResult> {
  const N = Math.floor(opts.enterprises);
  if (!(N >= 1)) throw new Error('enterprises must be >= 1');
  const seed = opts.seed ?? DEFAULT_SEED;
  mkdirSync(opts.outDir, { recursive: true });

  // ---- reference -------------------------------------------------------------------------
  const regions = [...opts.reference.regions].filter((r) => /^\d{2}$/.test(r.code)).sort((a, b) => a.code.localeCompare(b.code));
  const R = regions.length;
  if (R === 0) throw new Error('no regions');
  const codes = regions.map((r) => r.code);
  const regionIndex = new Map(codes.map((c, i) => [c, i]));
  const chains = opts.reference.chains;

  const stages: StageInfo[] = [];
  const stageIndex = new Map<string, number>();
  for (const ch of chains) {
    for (const st of ch.stages) {
      stageIndex.set(st.id, stages.length);
      stages.push({
        id: st.id, chain: ch.id, kind: st.kind, okved: st.okved, feeds: [],
        products: (PRODUCTS[st.id] ?? [st.name ?? st.id]).map(csvCell),
        sizeMix: STAGE_SIZE[st.id] ?? SIZE_SME,
        productivity: STAGE_PRODUCTIVITY[st.id] ?? 3,
        geo: new Float64Array(R),
        nameParts: NAME_STAGE[st.id] ?? [st.nameEn?.split(' ')[0] ?? 'Пром'],
      });
    }
  }
  for (const ch of chains) {
    for (const st of ch.stages) {
      const si = stages[stageIndex.get(st.id)!];
      si.feeds = st.feeds.map((f) => stageIndex.get(f)).filter((x): x is number => x !== undefined);
    }
  }
  const S = stages.length;
  if (S === 0) throw new Error('no stages');

  // ---- geography: stage x region weights with presence mask --------------------------------
  const rGeo = createRng(seed, 1);
  const fallbackMix = (st: StageInfo): Mix => {
    const chainProfile = st.chain === 'oilgas' ? OIL_UP : FOREST;
    if (st.kind === 'supplier') return [[INDUSTRIAL, 1]];
    if (st.kind === 'service') return [[chainProfile, 0.6], [POP, 0.4]];
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
      if (w[r] > maxW) { maxW = w[r]; maxR = r; }
      if (w[r] > 0) { mean += w[r]; pos++; }
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
  const stageRegionCum = stages.map((st) => cumulative(st.geo));

  // ---- stage distribution ----------------------------------------------------------------
  const stageCount = stages.map((st) => STAGE_COUNT[st.id] ?? (st.kind === 'core' ? 2 : 1));
  const stageCum = cumulative(stageCount);

  // OKVED -> derived stage indices, cached by okved string
  const deriveCache = new Map<string, { idx: number[]; str: string }>();
  const derive = (okvedStr: string) => {
    let d = deriveCache.get(okvedStr);
    if (!d) {
      const ids = deriveStages(okvedStr.split(';'), chains);
      d = { idx: ids.map((id) => stageIndex.get(id)!).filter((x) => x !== undefined), str: ids.join(';') };
      deriveCache.set(okvedStr, d);
    }
    return d;
  };

  // ---- phase 1: enterprise attributes ------------------------------------------------------
  const rEnt = createRng(seed, 2);
  const eRegion = new Uint16Array(N);
  const eStage = new Uint16Array(N);
  const eOk1 = new Uint8Array(N);
  const eOk2 = new Uint8Array(N).fill(255);
  const eSize = new Uint8Array(N);
  const eEmp = new Int32Array(N);
  const eRev = new Float64Array(N);
  const eInn = new Float64Array(N);
  const eIndividual = new Uint8Array(N);
  const ePriority = new Uint8Array(N);
  const eCluster = new Int16Array(N).fill(-1);
  const eRole = new Uint8Array(N); // 0 none, 1 anchor, 2 participant, 3 coordinator
  const innSet = new Set<number>();

  const setFigures = (i: number, size: number, rand: () => number) => {
    const st = stages[eStage[i]];
    let emp: number;
    if (size === 0) emp = logUniformInt(rand, 1, 15);
    else if (size === 1) emp = logUniformInt(rand, 16, 100);
    else if (size === 2) emp = logUniformInt(rand, 101, 250);
    else emp = logUniformInt(rand, 251, SIZE_HEAVY === st.sizeMix || SIZE_PIPE === st.sizeMix ? 15000 : 3000);
    let rev = emp * st.productivity * Math.exp(0.6 * gauss(rand) - 0.18);
    if (size === 0) rev = Math.min(120, Math.max(0.3, rev));
    else if (size === 1) rev = Math.min(800, Math.max(2, rev));
    else if (size === 2) rev = Math.min(2000, Math.max(20, rev));
    else rev = Math.max(300, rev);
    rev = round2(rev);
    eEmp[i] = emp;
    eRev[i] = rev;
    eSize[i] = SIZES.indexOf(classifySize(emp, rev));
  };

  for (let i = 0; i < N; i++) {
    const s = sampleCum(stageCum, rEnt);
    const st = stages[s];
    const r = sampleCum(stageRegionCum[s], rEnt);
    eStage[i] = s;
    eRegion[i] = r;
    eOk1[i] = st.okved.length > 1 ? randInt(rEnt, st.okved.length) : 0;
    if (st.okved.length > 1 && rEnt() < 0.2) {
      let o2 = randInt(rEnt, st.okved.length - 1);
      if (o2 >= eOk1[i]) o2++;
      eOk2[i] = o2;
    }
    const size = sampleIndex(st.sizeMix, rEnt);
    setFigures(i, size, rEnt);
    const individual = eSize[i] === 0 && rEnt() < 0.3;
    let inn = 0;
    for (let t = 0; t < 1000; t++) {
      inn = Number(makeInn(codes[r], rEnt, individual ? 'individual' : 'legal'));
      if (!innSet.has(inn)) break;
    }
    innSet.add(inn);
    eInn[i] = inn;
    eIndividual[i] = individual ? 1 : 0;
    if (rEnt() < 0.04) ePriority[i] = 1;
  }
  innSet.clear();

  const okvedStr = (i: number) => {
    const st = stages[eStage[i]];
    const a = st.okved[eOk1[i]];
    return eOk2[i] === 255 ? a : a + ';' + st.okved[eOk2[i]];
  };

  // ---- buyer buckets by (region, derived stage), size-weighted ----------------------------
  const bucketStart = new Int32Array(R * S + 1);
  const derivedOf = (i: number) => derive(okvedStr(i)).idx;
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

  // neighbours by distance between region centres
  const neighbours: Int32Array[] = [];
  for (let a = 0; a < R; a++) {
    const order = [...Array(R).keys()].filter((b) => b !== a);
    const d = (b: number) => haversineKm(regions[a].lat, regions[a].lon, regions[b].lat, regions[b].lon);
    const dist = new Map(order.map((b) => [b, d(b)]));
    order.sort((x, y) => dist.get(x)! - dist.get(y)! || x - y);
    neighbours.push(Int32Array.from(order.slice(0, NEIGHBOURS)));
  }

  // ---- phase 2: clusters -------------------------------------------------------------------
  const rClu = createRng(seed, 3);
  interface ClusterOut { id: string; name: string; kind: string; status: string; chain: string; regions: string[] }
  const clustersOut: ClusterOut[] = [];
  // intra-cluster links, grouped by supplier later
  const intra: { s: number; b: number; p: number; v: number; y: number }[] = [];
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
    for (const r of rIdx) for (const i of candidatesByChainRegion.get(chainRegionKey(tpl.chain, r)) ?? []) if (eCluster[i] < 0) candidates.push(i);
    if (candidates.length < 3) continue;
    const target = Math.min(
      candidates.length,
      prof.members[0] + randInt(rClu, prof.members[1] - prof.members[0] + 1) + Math.floor((prof.membersPer100k * N) / 100000),
    );

    // anchors: large core enterprises with the most modest revenue (keeps cooperation shares meaningful)
    const nAnchors = target >= 14 ? 2 : 1;
    const cores = candidates.filter((i) => stages[eStage[i]].kind === 'core');
    const pool = cores.length > 0 ? cores : candidates;
    const larges = pool.filter((i) => eSize[i] === 3).sort((a, b) => eRev[a] - eRev[b] || a - b);
    const anchors: number[] = larges.slice(0, nAnchors);
    const byStaff = pool.filter((i) => eSize[i] !== 3).sort((a, b) => eEmp[b] - eEmp[a] || a - b);
    while (anchors.length < nAnchors && byStaff.length > 0) anchors.push(byStaff.shift()!); // promoted below
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
        if (sc > bestScore) { bestScore = sc; best = i; }
      }
      if (best < 0) continue;
      members.add(best);
      for (const s of derivedOf(best)) memberStages.add(s);
    }
    const mList = [...members];
    if (mList.length < 3) continue;
    // anchors are large but not so large that nothing the SMEs do could matter for cooperation shares
    let othersRev = 0;
    for (const i of mList) if (!anchors.includes(i)) othersRev += eRev[i];
    for (const i of anchors) {
      // staff > 250 keeps them "large" under 209-FZ whatever the revenue
      eEmp[i] = Math.max(eSize[i] === 3 ? Math.min(eEmp[i], 3000) : 0, logUniformInt(rClu, 260, 1500));
      eRev[i] = round2(Math.min(9000, Math.max(300, (othersRev * (0.6 + 0.8 * rClu())) / anchors.length)));
      eSize[i] = SIZES.indexOf(classifySize(eEmp[i], eRev[i]));
    }
    const clusterId = `c-${tpl.regions[0]}-${tpl.chain}`;
    for (const i of mList) {
      eCluster[i] = cid;
      eRole[i] = anchors.includes(i) ? 1 : 2;
    }
    // coordinator: an engineering/testing member if any (in about half of the clusters)
    if (rClu() < 0.6) {
      const coord = mList.find((i) => eRole[i] === 2 && /engineering|testing/.test(stages[eStage[i]].id));
      if (coord !== undefined) eRole[coord] = 3;
    }
    // priority territories
    const nPriority = Math.ceil(prof.priorityShare * mList.length);
    for (const i of mList) ePriority[i] = 0;
    const shuffled = [...mList];
    for (let k = shuffled.length - 1; k > 0; k--) {
      const j = randInt(rClu, k + 1);
      [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
    }
    for (let k = 0; k < nPriority; k++) ePriority[shuffled[k]] = 1;

    // lacking members (no intra-cluster cooperation contract): never anchors
    const nLacking = Math.min(mList.length - anchors.length - 1, prof.lacking[0] + randInt(rClu, prof.lacking[1] - prof.lacking[0] + 1));
    const lacking = new Set<number>();
    for (const i of shuffled) {
      if (lacking.size >= nLacking) break;
      if (eRole[i] === 2) lacking.add(i);
    }
    const active = mList.filter((i) => !lacking.has(i));
    const links: { s: number; b: number; p: number; v: number; y: number }[] = [];
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
      if (anchors.includes(a) || links.some((l) => (l.s === a && anchors.includes(l.b)) || (l.b === a && anchors.includes(l.s)))) continue;
      const anc = anchors[randInt(rClu, anchors.length)];
      const aStages = derivedOf(a);
      const ancStages = derivedOf(anc);
      if (stages[eStage[a]].feeds.some((f) => ancStages.includes(f))) addLink(a, anc);
      else if (stages[eStage[anc]].feeds.some((f) => aStages.includes(f))) addLink(anc, a);
      else if (rClu() < 0.5) addLink(a, anc);
    }
    // every active member gets at least one cooperation link (services / joint projects with an anchor)
    const touched = new Set<number>();
    for (const l of links) { touched.add(l.s); touched.add(l.b); }
    for (const a of active) {
      if (touched.has(a)) continue;
      const other = anchors.find((x) => x !== a) ?? active.find((x) => x !== a);
      if (other === undefined) continue;
      if (addLink(a, other) || addLink(other, a)) { touched.add(a); touched.add(other); }
    }
    // volumes: raw shares, then scale towards the functional-dependence target with capacity caps
    let revSum = 0;
    for (const i of mList) revSum += eRev[i];
    const fdTarget = prof.fd[0] + rClu() * (prof.fd[1] - prof.fd[0]);
    const raw = links.map((l) => Math.min(eRev[l.s] * (0.05 + 0.25 * rClu()), eRev[l.b] * (0.05 + 0.25 * rClu())));
    const capOut = new Map<number, number>();
    const capIn = new Map<number, number>();
    for (const i of mList) { capOut.set(i, 0.8 * eRev[i]); capIn.set(i, 0.9 * eRev[i]); }
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
      intra.push(links[k]);
    }

    const regionNames = tpl.regions.map((c) => (regions[regionIndex.get(c)!]?.name ?? c).replace(/\s*\([^)]*\)$/, ''));
    const base = CHAIN_CLUSTER_NAME[tpl.chain] ?? `Кластер ${tpl.chain}`;
    const prefix = CLUSTER_KIND_PREFIX[prof.kind];
    const name = `${prefix ? prefix + base.charAt(0).toLowerCase() + base.slice(1) : base} (${regionNames.join(' и ')})`;
    clustersOut.push({ id: clusterId, name, kind: prof.kind, status: prof.status, chain: tpl.chain, regions: tpl.regions.filter((c) => regionIndex.has(c)) });
  }
  intra.sort((a, b) => a.s - b.s || a.b - b.b || a.p - b.p);
  const intraOut = new Float64Array(N);
  for (const l of intra) intraOut[l.s] += l.v;

  // ---- phase 3: clusters.csv + enterprises.csv -----------------------------------------------
  const files = {
    clusters: join(opts.outDir, 'clusters.csv'),
    enterprises: join(opts.outDir, 'enterprises.csv'),
    links: join(opts.outDir, 'links.csv'),
  };
  {
    const sink = new CsvSink(files.clusters);
    sink.add('id,name,kind,status,chain,regions,synthetic\n');
    for (const c of clustersOut) {
      sink.add([c.id, csvCell(c.name), c.kind, c.status, c.chain, c.regions.join(';'), 'true'].join(',') + '\n');
    }
    await sink.close();
  }

  const idWidth = Math.max(6, String(N).length);
  const idOf = (i: number) => 'g-' + String(i + 1).padStart(idWidth, '0');
  const innStr = (i: number) => {
    return String(eInn[i]).padStart(eIndividual[i] ? 12 : 10, '0');
  };
  const ROLE = ['', 'anchor', 'participant', 'coordinator'];
  const SOURCE = 'coopgraph synthetic generator';
  {
    const rName = createRng(seed, 4);
    const sink = new CsvSink(files.enterprises);
    sink.add('id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory,size,stages,synthetic,synthetic_figures,source\n');
    for (let i = 0; i < N; i++) {
      const st = stages[eStage[i]];
      const inn = innStr(i);
      let name: string;
      if (inn.length === 12) name = ipName(rName);
      else {
        const fd = regions[eRegion[i]].federalDistrict;
        const prefix = pick(rName, NAME_PREFIX_BY_FD[fd] ?? NAME_PREFIX_DEFAULT);
        const part = pick(rName, st.nameParts);
        const form = eSize[i] === 3 ? (rName() < 0.2 ? 'ПАО' : 'АО') : rName() < 0.85 ? 'ООО' : 'АО';
        const glue = part.startsWith('ДОК') || part.startsWith('НПЗ') || part.startsWith('ГПЗ') || part.startsWith('АЗС') || part.startsWith('НИПИ') ? ' ' : '';
        name = `${form} «${prefix}${glue}${part}-${1 + randInt(rName, 999)}»`;
      }
      const ok = okvedStr(i);
      const c = eCluster[i];
      sink.add(
        idOf(i) + ',' + inn + ',' + csvCell(name) + ',' + codes[eRegion[i]] + ',' + ok + ',' + eEmp[i] + ',' + eRev[i].toFixed(2) + ',' +
          (c >= 0 ? clustersOut[c].id : '') + ',' + ROLE[eRole[i]] + ',,' + (ePriority[i] ? 'true' : 'false') + ',' +
          SIZES[eSize[i]] + ',' + derive(ok).str + ',true,true,' + SOURCE + '\n',
      );
      if (sink.pending) await sink.flush();
    }
    await sink.close();
  }

  // ---- phase 4: links.csv ------------------------------------------------------------------
  // degree scale so that the expected number of links is about 5 per enterprise
  let expected = 0;
  for (let i = 0; i < N; i++) if (feedsPresent[eStage[i]].length > 0) expected += SIZE_DEGREE[eSize[i]];
  const degreeScale = expected > 0 ? (5.2 * N - intra.length) / expected : 0;

  const rLink = createRng(seed, 5);
  const sink = new CsvSink(files.links);
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
      sink.add(supId + ',' + idOf(l.b) + ',' + st.products[l.p] + ',' + ok + ',' + l.v.toFixed(2) + ',' + l.y + ',true\n');
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
                if (x < 0) { r = nb[q]; break; }
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
        sink.add(supId + ',' + idOf(buyer) + ',' + st.products[p] + ',' + ok + ',' + v.toFixed(2) + ',' + year + ',true\n');
        linkCount++;
      }
    }
    if (sink.pending) await sink.flush();
  }
  await sink.close();

  return { files, counts: { clusters: clustersOut.length, enterprises: N, links: linkCount } };
}
