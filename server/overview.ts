// The overview: regions with the enterprises of a chain, and supply volume aggregated between
// regions (the inter-regional cooperation graph of issue 3, item 1). Read from the aggregate
// (server/aggregate.ts) that every import refreshes; computed live only while there is none and
// the graph is small enough for a live scan to answer within the query timeout.
import { cypher, DbUnavailableError, type Db } from './db.js';
import { ALL_CHAINS, aggregateRefreshing, money } from './aggregate.js';
import { regionGapCounts } from './gaps/index.js';
import type { Overview as ApiOverview, OverviewFlow, OverviewRegion } from '../core/schemas.js';

export const OVERVIEW_ALL = ALL_CHAINS;

/** Without an aggregate, graphs up to this many supply links are scanned live (a few hundred ms). */
const LIVE_MAX_LINKS = 200_000;

/**
 * The overview as the server assembles it: the API's answer and, for the server's own callers,
 * when the aggregate the figures come from began its refresh (ISO; null when computed live).
 */
export type Overview = ApiOverview & { refreshedAt?: string | null };

/** The overview cannot be answered yet: a large graph whose aggregate is still being computed. */
export class OverviewPendingError extends DbUnavailableError {
  readonly code = 'aggregating';
}

type Row = Record<string, unknown>;

/** Regions (with counts) and region pairs (with volume and links) into the overview's shape. */
function assemble(chain: string, regionRows: Row[], flowRows: Row[], refreshedAt: string | null): Overview {
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
      gaps: null,
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
  flows.sort(
    (a, b) => b.volumeMlnRub - a.volumeMlnRub || a.source.localeCompare(b.source) || a.target.localeCompare(b.target),
  );
  return { chain, regions: [...regions.values()], flows, refreshedAt };
}

/** The overview computed from the graph itself: scans every supply link (slow on large graphs). */
export async function overviewLive(db: Db, chain: string): Promise<Overview> {
  const [regionRows, flowRows] = await Promise.all([
    db.read(cypher('overview-regions'), { chain }),
    db.read(cypher('overview-flows'), { chain }),
  ]);
  return assemble(chain, regionRows, flowRows, null);
}

const READ_ATTEMPTS = 4;

/** One version of the aggregate, if it is there whole; undefined if a refresh's commit was half visible. */
async function readVersion(db: Db, chain: string, previous: boolean): Promise<Overview | null | undefined> {
  const [row] = await db.read(cypher('overview-aggregate'), { chain, previous });
  if (!row) return null;
  const counts = row.counts as { region: string[]; enterprises: number[]; smes: number[] };
  const flows = row.flows as { source: string[]; target: string[]; volumeMlnRub: number[]; links: number[] };
  if (counts.region.length !== Number(row.countCount) || flows.source.length !== Number(row.flowCount))
    return undefined;
  const byRegion = new Map(counts.region.map((code, i) => [String(code), i]));
  const regionRows = (row.regions as Row[]).map((r) => {
    const i = byRegion.get(String(r.code));
    return {
      ...r,
      enterprises: i === undefined ? 0 : counts.enterprises[i],
      smes: i === undefined ? 0 : counts.smes[i],
    };
  });
  const flowRows = flows.source.map((source, i) => ({
    source,
    target: flows.target[i],
    volumeMlnRub: flows.volumeMlnRub[i],
    links: flows.links[i],
  }));
  return assemble(chain, regionRows, flowRows, String(row.refreshedAt));
}

/**
 * The overview from the aggregate; null when there is none (or it lacks the chain). A refresh
 * commits its version at once, but Neo4j makes a commit visible piece by piece: a read that finds
 * fewer rows than the marker promises takes the previous version, which stays whole until the
 * next refresh, and failing that tries again.
 */
export async function overviewFromAggregate(db: Db, chain: string): Promise<Overview | null> {
  for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
    const current = await readVersion(db, chain, false);
    if (current !== undefined) return current;
    const previous = await readVersion(db, chain, true);
    if (previous) return previous;
    await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
  }
  return null;
}

/**
 * The overview of a chain: from the aggregate; without one, computed live on graphs of up to
 * `liveMaxLinks` supply links, else refused with OverviewPendingError (503, retry later).
 */
export async function overview(db: Db, chain: string, opts: { liveMaxLinks?: number } = {}): Promise<Overview> {
  const aggregated = await overviewFromAggregate(db, chain);
  if (aggregated) return aggregated;
  const [{ links }] = await db.read('MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS links'); // the count store: O(1)
  const liveMaxLinks = opts.liveMaxLinks ?? LIVE_MAX_LINKS;
  if (Number(links) < liveMaxLinks) return overviewLive(db, chain);
  throw new OverviewPendingError(
    `the supply flows between regions of this graph (${Number(links).toLocaleString('en')} links) ` +
      `${aggregateRefreshing() ? 'are being aggregated' : 'have not been aggregated yet'}; ` +
      'this happens after every import and at start-up and takes up to a minute — retry shortly',
  );
}

/**
 * The overview with each region's gap count (server/gaps/matrix.ts), for the map's choropleth;
 * `gaps` stays null when the gap figures cannot be had yet.
 */
export async function overviewWithGaps(
  db: Db,
  chain: string,
  gapLsrThreshold: number,
  opts: { liveMaxLinks?: number } = {},
): Promise<Overview> {
  const [o, gaps] = await Promise.all([overview(db, chain, opts), regionGapCounts(db, gapLsrThreshold, chain, opts)]);
  if (gaps) for (const r of o.regions) r.gaps = gaps.get(r.code) ?? null;
  return o;
}
