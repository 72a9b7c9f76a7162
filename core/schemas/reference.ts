// Reference data the server loads once and the client shows: federal districts, regions, OKVED2
// codes, value chains and their stages.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const FederalDistrict = Type.Object({
  id: Type.String(),
  name: Type.String(),
  short: Type.String(),
  nameEn: Type.String(),
});
export type FederalDistrict = Static<typeof FederalDistrict>;

export const RegionRef = Type.Object({
  code: Type.String(),
  iso: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Type.String(),
  federalDistrict: Type.String(),
  center: Type.String(),
  centerEn: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
});
export type RegionRef = Static<typeof RegionRef>;

export const OkvedRef = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
export type OkvedRef = Static<typeof OkvedRef>;

const STAGE_KINDS = ['core', 'supplier', 'service'] as const;
export const StageRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  order: Type.Number(),
  kind: Type.Union(STAGE_KINDS.map((k) => Type.Literal(k))),
  okved: Type.Array(Type.String()),
  feeds: Type.Array(Type.String()),
  note: Type.Optional(Type.String()),
});
export type StageRef = Static<typeof StageRef>;

export const ChainRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  stages: Type.Array(StageRef),
});
export type ChainRef = Static<typeof ChainRef>;

/** Reference data: federal districts, regions, OKVED2 codes, chains and their stages. */
export const Reference = Type.Object({
  federalDistricts: Type.Array(FederalDistrict),
  regions: Type.Array(RegionRef),
  okved: Type.Array(OkvedRef),
  chains: Type.Array(ChainRef),
});
export type Reference = Static<typeof Reference>;
