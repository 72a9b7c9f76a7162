// Reference data (federal subjects, OKVED2 codes, chains and their stages) from seed/reference.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher, type Db } from './db.js';
import type { ChainRef, FederalDistrict, OkvedRef, Reference, RegionRef } from '../core/schemas.js';

const REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'seed', 'reference');

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
      id: c.id,
      name: c.name,
      nameEn: c.nameEn,
      stages: c.stages.map((s) => ({ ...s, note: s.note ?? null })),
    })),
  });
  await db.write(cypher('reference-feeds'), {
    stages: ref.chains.flatMap((c) => c.stages.map((s) => ({ id: s.id, feeds: s.feeds }))),
  });
}
