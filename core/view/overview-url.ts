// The overview's state in the URL (after `#overview?`), so that a reload or a shared link shows
// the same map and the back button steps through the choices: the chain, the selected region, how
// many flows are drawn and what colours the regions.
export const CHOROPLETHS = ['district', 'enterprises', 'smes', 'gaps'] as const;
/** What the regions' colour shows: their federal district, or a measure in classes. */
export type Choropleth = (typeof CHOROPLETHS)[number];
/** How many of the largest flows are drawn; 0 draws every flow. */
export const FLOW_LIMITS = [20, 50, 100, 200, 0] as const;

export interface OverviewState {
  /** A chain id or `all`. */
  chain: string;
  region: string | null;
  flows: number;
  fill: Choropleth;
}

export const DEFAULT_OVERVIEW: OverviewState = { chain: 'timber', region: null, flows: 50, fill: 'district' };

const CHAIN_ID = /^[a-z][a-z0-9-]{0,39}$/;
const REGION_CODE = /^[0-9]{2}$/;

export function encodeOverview(s: OverviewState): string {
  const p = new URLSearchParams();
  if (s.chain !== DEFAULT_OVERVIEW.chain) p.set('chain', s.chain);
  if (s.region) p.set('region', s.region);
  if (s.flows !== DEFAULT_OVERVIEW.flows) p.set('flows', s.flows === 0 ? 'all' : String(s.flows));
  if (s.fill !== DEFAULT_OVERVIEW.fill) p.set('fill', s.fill);
  return p.toString();
}

/** The state a query string names; whatever it gets wrong falls back to the default. */
export function decodeOverview(query: string): OverviewState {
  const p = new URLSearchParams(query);
  const chain = p.get('chain');
  const region = p.get('region');
  const rawFlows = p.get('flows');
  const flows = rawFlows === 'all' ? 0 : rawFlows && /^[1-9][0-9]*$/.test(rawFlows) ? Number(rawFlows) : null;
  const fill = p.get('fill');
  return {
    chain: chain && CHAIN_ID.test(chain) ? chain : DEFAULT_OVERVIEW.chain,
    region: region && REGION_CODE.test(region) ? region : null,
    flows: flows !== null && (FLOW_LIMITS as readonly number[]).includes(flows) ? flows : DEFAULT_OVERVIEW.flows,
    fill: CHOROPLETHS.includes(fill as Choropleth) ? (fill as Choropleth) : DEFAULT_OVERVIEW.fill,
  };
}

export const overviewHash = (s: OverviewState) => {
  const q = encodeOverview(s);
  return q ? `#overview?${q}` : '#overview';
};

/** The overview's state in a location hash (the overview is also the view of an empty hash). */
export function overviewFromLocation(hash: string): OverviewState {
  return decodeOverview(hash.startsWith('#overview?') ? hash.slice('#overview?'.length) : '');
}
