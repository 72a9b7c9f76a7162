// The overview map: a chain's enterprises by region and the supply flows between regions.
import { Type, type Static } from '@sinclair/typebox';

export const OverviewRegion = Type.Object({
  code: Type.String({ description: 'two-digit subject code' }),
  name: Type.String(),
  nameEn: Type.String(),
  federalDistrict: Type.String({ description: 'federal district id' }),
  lat: Type.Number({ description: 'latitude of the administrative centre' }),
  lon: Type.Number({ description: 'longitude of the administrative centre' }),
  /** Enterprises located in the region that operate at a stage of the chain (every enterprise for `all`). */
  enterprises: Type.Integer(),
  smes: Type.Integer({ description: 'micro, small and medium enterprises among them' }),
  gaps: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'stages of the chain (of every chain for `all`) with a gap in the region, as the gap matrix counts them; null while the gap figures are not available (unknown, not 0)',
  }),
  /** Supply links of the chain whose supplier and buyer are both in this region. */
  local: Type.Object(
    { volumeMlnRub: Type.Number(), links: Type.Integer() },
    { description: 'supply within the region' },
  ),
});
export type OverviewRegion = Static<typeof OverviewRegion>;

export const OverviewFlow = Type.Object({
  source: Type.String({ description: 'supplier region code' }),
  target: Type.String({ description: 'buyer region code' }),
  volumeMlnRub: Type.Number(),
  links: Type.Integer(),
});
export type OverviewFlow = Static<typeof OverviewFlow>;

/** The answer of GET /api/overview. */
export const Overview = Type.Object({
  chain: Type.String(),
  regions: Type.Array(OverviewRegion),
  flows: Type.Array(OverviewFlow, { description: 'between different regions, largest volume first' }),
});
export type Overview = Static<typeof Overview>;
