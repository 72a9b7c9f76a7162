// The API's shapes, each defined once as a TypeBox schema; the TypeScript type of each is derived
// from its schema, so the server's validation, the OpenAPI document and the client agree.
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

/** Every error answer: a machine code, a sentence for people, sometimes the reason behind it. */
export const ErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Node types as they appear in API ids ("enterprise:luzales"). */
export const NODE_KINDS = ['enterprise', 'cluster', 'technopark', 'supportorg', 'region', 'stage', 'chain', 'industry'] as const;
export const NodeKind = Type.Union(NODE_KINDS.map((k) => Type.Literal(k)));
export type NodeKind = (typeof NODE_KINDS)[number];

export const FederalDistrict = Type.Object({ id: Type.String(), name: Type.String(), short: Type.String(), nameEn: Type.String() });
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

export const STAGE_KINDS = ['core', 'supplier', 'service'] as const;
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

export const ChainRef = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), stages: Type.Array(StageRef) });
export type ChainRef = Static<typeof ChainRef>;

/** Reference data: federal districts, regions, OKVED2 codes, chains and their stages. */
export const Reference = Type.Object({
  federalDistricts: Type.Array(FederalDistrict),
  regions: Type.Array(RegionRef),
  okved: Type.Array(OkvedRef),
  chains: Type.Array(ChainRef),
});
export type Reference = Static<typeof Reference>;

export const ExploreNode = Type.Object({
  /** type:key, e.g. enterprise:luzales */
  id: Type.String(),
  type: NodeKind,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  /** Region code: a region's own, a cluster's first BASED_IN region, else the node's region. */
  region: Nullable(Type.String()),
  /** Centre of that region, for the geographic layout. */
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  /** SME category of an enterprise. */
  size: Nullable(Type.String()),
  employees: Nullable(Type.Number()),
  revenueMlnRub: Nullable(Type.Number()),
  chains: Type.Array(Type.String()),
  stages: Type.Array(Type.String()),
  /** Node ids of the clusters an enterprise is a member of. */
  clusters: Type.Array(Type.String()),
  /** Relationships of every type. */
  degree: Type.Number(),
  synthetic: Type.Boolean(),
});
export type ExploreNode = Static<typeof ExploreNode>;

export const ExploreEdge = Type.Object({
  /** elementId of the relationship */
  id: Type.String(),
  /** Node ids, in the relationship's direction. */
  source: Type.String(),
  target: Type.String(),
  type: Type.String(),
  volumeMlnRub: Nullable(Type.Number()),
  stage: Nullable(Type.String()),
  product: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type ExploreEdge = Static<typeof ExploreEdge>;

export const Subgraph = Type.Object({ nodes: Type.Array(ExploreNode), edges: Type.Array(ExploreEdge) });
export type Subgraph = Static<typeof Subgraph>;

export const SearchHit = Type.Object({
  id: Type.String(),
  type: NodeKind,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  region: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  inn: Nullable(Type.String()),
  okved: Nullable(Type.String()),
  size: Nullable(Type.String()),
  score: Type.Number(),
  matchedBy: Type.Union([Type.Literal('name'), Type.Literal('inn'), Type.Literal('okved')]),
});
export type SearchHit = Static<typeof SearchHit>;

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

/** Roles, weakest first: each can do what the ones before it can. */
export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = (typeof ROLES)[number];
