// Reference data (federal subjects, OKVED2 codes, chains and their stages) from seed/reference,
// and the rule that maps OKVED codes to chain stages.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher, type Db } from './db.js';

export const REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'seed', 'reference');

export interface FederalDistrict { id: string; name: string; short: string; nameEn: string }
export interface RegionRef {
  code: string; iso: string | null; name: string; nameEn: string; federalDistrict: string;
  center: string; centerEn: string; lat: number; lon: number;
}
export interface OkvedRef { code: string; name: string; nameEn: string }
export interface StageRef {
  id: string; name: string; nameEn: string; order: number; kind: 'core' | 'supplier' | 'service';
  okved: string[]; feeds: string[]; note?: string;
}
export interface ChainRef { id: string; name: string; nameEn: string; stages: StageRef[] }

export interface Reference {
  federalDistricts: FederalDistrict[];
  regions: RegionRef[];
  okved: OkvedRef[];
  chains: ChainRef[];
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, name), 'utf8')) as T;
}

let cached: Reference | undefined;
export function loadReference(): Reference {
  cached ??= {
    federalDistricts: readJson<FederalDistrict[]>('federal-districts.json'),
    regions: readJson<RegionRef[]>('regions.json'),
    okved: readJson<OkvedRef[]>('okved.json'),
    chains: readJson<{ chains: ChainRef[] }>('chains.json').chains,
  };
  return cached;
}

/**
 * True when `code` equals `stageCode` or lies below it in the OKVED2 hierarchy. Levels alternate
 * between a new dotted group and a second digit in it: 16 → 16.1 → 16.10 → 16.10.1 → 16.10.11.
 * So 16.10.1 refines 16.10, 52.10.21 refines 52.10.2, but 16.100 does not refine 16.10.
 */
export function okvedMatches(code: string, stageCode: string): boolean {
  if (code === stageCode) return true;
  if (!code.startsWith(stageCode)) return false;
  const rest = code.slice(stageCode.length);
  return rest.startsWith('.') || (/\.\d$/.test(stageCode) && /^\d(\.|$)/.test(rest));
}

export interface StageMatcher {
  /** Stage ids of an OKVED code: the stages whose code is the longest matching prefix. */
  stagesFor(code: string): string[];
  /** Stages of several codes (an enterprise's main and extra OKVED codes), without repeats. */
  stagesForAll(codes: string[]): string[];
  chainOf(stageId: string): string | undefined;
  has(stageId: string): boolean;
}

export function stageMatcher(chains: ChainRef[]): StageMatcher {
  const entries: { code: string; stage: string }[] = [];
  const chainByStage = new Map<string, string>();
  for (const chain of chains) {
    for (const stage of chain.stages) {
      chainByStage.set(stage.id, chain.id);
      for (const code of stage.okved) entries.push({ code, stage: stage.id });
    }
  }
  const memo = new Map<string, string[]>();
  const stagesFor = (code: string): string[] => {
    let hit = memo.get(code);
    if (hit) return hit;
    let best = -1;
    hit = [];
    for (const e of entries) {
      if (!okvedMatches(code, e.code)) continue;
      if (e.code.length > best) {
        best = e.code.length;
        hit = [e.stage];
      } else if (e.code.length === best && !hit.includes(e.stage)) hit.push(e.stage);
    }
    memo.set(code, hit);
    return hit;
  };
  return {
    stagesFor,
    stagesForAll: (codes) => [...new Set(codes.flatMap(stagesFor))],
    chainOf: (id) => chainByStage.get(id),
    has: (id) => chainByStage.has(id),
  };
}

/** Writes regions, OKVED industries, chains and stages (MERGE: safe to repeat). */
export async function loadReferenceIntoDb(db: Db, ref: Reference = loadReference()): Promise<void> {
  const districts = new Map(ref.federalDistricts.map((d) => [d.id, d]));
  await db.write(cypher('reference-regions'), {
    rows: ref.regions.map((r) => ({
      ...r,
      federalDistrictName: districts.get(r.federalDistrict)?.name ?? null,
      federalDistrictNameEn: districts.get(r.federalDistrict)?.nameEn ?? null,
    })),
  });
  await db.write(cypher('reference-industries'), { rows: ref.okved });
  await db.write(cypher('reference-chains'), {
    chains: ref.chains.map((c) => ({
      id: c.id, name: c.name, nameEn: c.nameEn,
      stages: c.stages.map((s) => ({ ...s, note: s.note ?? null })),
    })),
  });
  await db.write(cypher('reference-feeds'), {
    stages: ref.chains.flatMap((c) => c.stages.map((s) => ({ id: s.id, feeds: s.feeds }))),
  });
}
