// The explorer's graph pieces and search hits: nodes, relationships, subgraphs.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, NodeKind } from './common.js';

export const ExploreNode = Type.Object({
  id: Type.String({ description: 'type:key' }),
  type: NodeKind,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  nameLatin: Type.Optional(
    Nullable(Type.String(), { description: 'the name in Latin letters, for English where there is no English name' }),
  ),
  inn: Type.Optional(Nullable(Type.String(), { description: "an enterprise's taxpayer number (INN), when known" })),
  okved: Type.Optional(
    Nullable(Type.String(), { description: "an enterprise's main OKVED2 code; a stage's codes joined by ';'" }),
  ),
  region: Nullable(Type.String(), {
    description: "region code: a region's own, a cluster's first BASED_IN region, else the node's region",
  }),
  /** Centre of that region, for the geographic layout. */
  lat: Nullable(Type.Number(), { description: "latitude of that region's centre" }),
  lon: Nullable(Type.Number(), { description: "longitude of that region's centre" }),
  size: Nullable(Type.String(), { description: 'SME category of an enterprise: micro, small, medium or large' }),
  employees: Nullable(Type.Number()),
  revenueMlnRub: Nullable(Type.Number()),
  chains: Type.Array(Type.String(), {
    description: "an enterprise's chains; a cluster's or stage's chain; a chain's own id",
  }),
  stages: Type.Array(Type.String(), { description: "an enterprise's stages; a stage's own id" }),
  clusters: Type.Array(Type.String(), { description: 'node ids of the clusters an enterprise is a member of' }),
  degree: Type.Integer({ description: 'relationships of every type' }),
  synthetic: Type.Boolean(),
});
export type ExploreNode = Static<typeof ExploreNode>;

export const ExploreEdge = Type.Object({
  id: Type.String({ description: 'element id of the relationship' }),
  source: Type.String({ description: 'node id at the start of the relationship' }),
  target: Type.String({ description: 'node id at its end' }),
  type: Type.String({ description: 'SUPPLIES, IN_PROGRAMME, CONTRACT, MEMBER_OF, LOCATED_IN, …' }),
  volumeMlnRub: Nullable(Type.Number()),
  stage: Nullable(Type.String()),
  product: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  // A tie of the SME register (IN_PROGRAMME, CONTRACT) carries the fields it has; other links none.
  law: Type.Optional(Type.String({ description: "a CONTRACT's law: 44-FZ or 223-FZ" })),
  subject: Type.Optional(Type.String({ description: "a CONTRACT's subject" })),
  number: Type.Optional(Type.String({ description: 'the contract number of a tie' })),
  date: Type.Optional(Type.String({ description: 'the date of a tie, YYYY-MM-DD' })),
});
export type ExploreEdge = Static<typeof ExploreEdge>;

export const Subgraph = Type.Object({ nodes: Type.Array(ExploreNode), edges: Type.Array(ExploreEdge) });
export type Subgraph = Static<typeof Subgraph>;

export const SearchHit = Type.Object({
  id: Type.String({ description: 'type:key, e.g. enterprise:mondi-syktyvkar or region:11' }),
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
  tiesOnly: Type.Optional(
    Type.Boolean({ description: 'an enterprise known only from the ties of the SME register (a customer)' }),
  ),
});
export type SearchHit = Static<typeof SearchHit>;
