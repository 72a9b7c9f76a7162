// The overview: regions with the enterprises of a chain, and supply volume aggregated between
// regions (the inter-regional cooperation graph of issue 3, item 1).
import { cypher, type Db } from './db.js';

export const OVERVIEW_ALL = 'all';

export interface OverviewRegion {
  code: string;
  name: string;
  nameEn: string;
  federalDistrict: string;
  lat: number;
  lon: number;
  /** Enterprises located in the region that operate at a stage of the chain (every enterprise for `all`). */
  enterprises: number;
  /** Of those, micro, small and medium enterprises. */
  smes: number;
  /** Supply links of the chain whose supplier and buyer are both in this region. */
  local: { volumeMlnRub: number; links: number };
}

export interface OverviewFlow {
  /** Supplier region code. */
  source: string;
  /** Buyer region code. */
  target: string;
  volumeMlnRub: number;
  links: number;
}

export interface Overview {
  chain: string;
  regions: OverviewRegion[];
  /** Inter-regional flows only (source ≠ target), largest volume first. */
  flows: OverviewFlow[];
}

/** Rounds away float noise from summing decimal volumes (0.1 + 0.2). */
const money = (v: number) => Math.round(v * 1e6) / 1e6;

export async function overview(db: Db, chain: string): Promise<Overview> {
  const [regionRows, flowRows] = await Promise.all([
    db.read(cypher('overview-regions'), { chain }),
    db.read(cypher('overview-flows'), { chain }),
  ]);
  const regions = new Map<string, OverviewRegion>();
  for (const r of regionRows) {
    regions.set(String(r.code), {
      code: String(r.code),
      name: String(r.name),
      nameEn: String(r.nameEn),
      federalDistrict: String(r.federalDistrict),
      lat: Number(r.lat),
      lon: Number(r.lon),
      enterprises: Number(r.enterprises),
      smes: Number(r.smes),
      local: { volumeMlnRub: 0, links: 0 },
    });
  }
  const flows: OverviewFlow[] = [];
  for (const f of flowRows) {
    const source = String(f.source);
    const target = String(f.target);
    const volumeMlnRub = money(Number(f.volumeMlnRub));
    const links = Number(f.links);
    // Enterprises always carry a known region (the import checks it); skip anything else.
    if (!regions.has(source) || !regions.has(target)) continue;
    if (source === target) regions.get(source)!.local = { volumeMlnRub, links };
    else flows.push({ source, target, volumeMlnRub, links });
  }
  flows.sort((a, b) => b.volumeMlnRub - a.volumeMlnRub || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { chain, regions: [...regions.values()], flows };
}
