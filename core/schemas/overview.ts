// The overview map: a chain's enterprises by region and the supply flows between regions.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const OverviewRegion = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  federalDistrict: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  /** Enterprises located in the region that operate at a stage of the chain (every enterprise for `all`). */
  enterprises: Type.Number(),
  /** Of those, micro, small and medium enterprises. */
  smes: Type.Number(),
  /** Supply links of the chain whose supplier and buyer are both in this region. */
  local: Type.Object({ volumeMlnRub: Type.Number(), links: Type.Number() }),
});
export type OverviewRegion = Static<typeof OverviewRegion>;

export const OverviewFlow = Type.Object({
  /** Supplier region code. */
  source: Type.String(),
  /** Buyer region code. */
  target: Type.String(),
  volumeMlnRub: Type.Number(),
  links: Type.Number(),
});
export type OverviewFlow = Static<typeof OverviewFlow>;

export const Overview = Type.Object({
  chain: Type.String(),
  regions: Type.Array(OverviewRegion),
  /** Inter-regional flows only (source ≠ target), largest volume first. */
  flows: Type.Array(OverviewFlow),
  /** When the aggregate the figures come from began its refresh (ISO); null when computed live. */
  refreshedAt: Type.Optional(Nullable(Type.String())),
});
export type Overview = Static<typeof Overview>;
