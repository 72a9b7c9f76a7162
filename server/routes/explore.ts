// The explorer: a saved view's nodes, one node's neighbours, the shortest supply path.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EXPAND_MAX, type Settings } from '../config.js';
import type { Db } from '../db.js';
import { MAX_HOPS, REL_TYPES, expand, exploreNodes, shortestPath } from '../explore.js';
import { ExploreNode, Subgraph as CoreSubgraph } from '../../core/schemas.js';
import { ErrorBody, NodeIdString, NodeTypeName } from './schemas.js';

/** A subgraph's fields, spread into the answers that carry one beside other fields. */
const Subgraph = CoreSubgraph.properties;

export async function exploreRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/explore/nodes',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Nodes by id with every relationship among them (restores a saved view)',
        description: 'Unknown and malformed ids are left out and listed in `missing`.',
        body: Type.Object({ ids: Type.Array(Type.String({ maxLength: 300 }), { maxItems: EXPAND_MAX }) }),
        response: {
          200: Type.Object({ ...Subgraph, missing: Type.Array(Type.String()) }),
          400: ErrorBody,
          503: ErrorBody,
          504: ErrorBody,
        },
      },
    },
    async (request) => exploreNodes(db, request.body.ids),
  );

  app.post(
    '/api/explore/expand',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "One node's neighbours, best first, with counts of all of them",
        description:
          'Neighbours matching the filters are ranked by supply volume (the largest link with the node; SUPPLIES only), then degree, then name, and cut at `limit`. ' +
          "When more than 5,000 relationships other than SUPPLIES and FEEDS qualify (a region's or a stage's enterprises), those enterprises are ranked after the other neighbours and by headcount instead of degree (unknown headcount first). " +
          '`minVolume` drops SUPPLIES links below it and leaves other relationship types alone. ' +
          '`total` counts the distinct neighbours matching the filters; `summary` counts all neighbours by relationship type, direction and neighbour type, whatever the filters. ' +
          'Edges: every relationship between the node and the returned neighbours, among the returned neighbours, and between them and the `visible` nodes.',
        body: Type.Object({
          id: NodeIdString,
          rel: Type.Optional(
            Type.Array(Type.Union(REL_TYPES.map((r) => Type.Literal(r))), {
              maxItems: REL_TYPES.length * 2,
              description: 'relationship types to follow (default: all)',
            }),
          ),
          dir: Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('both')], { default: 'both' }),
          types: Type.Optional(
            Type.Array(NodeTypeName, { maxItems: 20, description: 'neighbour types to keep (default: all)' }),
          ),
          minVolume: Type.Optional(
            Type.Number({ minimum: 0, description: 'smallest volumeMlnRub of a SUPPLIES link followed' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: EXPAND_MAX, default: settings.expandLimit }),
          visible: Type.Optional(
            Type.Array(Type.String({ maxLength: 300 }), {
              maxItems: EXPAND_MAX,
              description: 'ids of the nodes already on screen',
            }),
          ),
        }),
        response: {
          200: Type.Object({
            node: ExploreNode,
            ...Subgraph,
            total: Type.Integer({ description: 'distinct neighbours matching the filters' }),
            returned: Type.Integer(),
            truncated: Type.Boolean({ description: 'total > returned' }),
            summary: Type.Array(
              Type.Object({
                rel: Type.String(),
                dir: Type.Union([Type.Literal('in'), Type.Literal('out')]),
                type: NodeTypeName,
                count: Type.Integer(),
              }),
              { description: 'all neighbours by relationship type, direction and neighbour type, largest first' },
            ),
          }),
          400: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
          504: ErrorBody,
        },
      },
    },
    async (request) => expand(db, request.body, { defaultLimit: settings.expandLimit }),
  );

  app.get(
    '/api/explore/path',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Shortest chain of supply links between two enterprises',
        description:
          '`directed=true` follows supply from `from` (the supplier side, e.g. an SME) towards `to` (the buyer side, e.g. an anchor); `directed=false` ignores direction. Nodes and edges in path order; edges keep their own direction. No path within `maxHops` links: `found: false` and empty lists.',
        querystring: Type.Object({
          from: NodeIdString,
          to: NodeIdString,
          directed: Type.Boolean({ default: true }),
          maxHops: Type.Integer({ minimum: 1, maximum: MAX_HOPS, default: 8 }),
        }),
        response: {
          200: Type.Object({
            ...Subgraph,
            found: Type.Boolean(),
            length: Type.Integer({ description: 'links on the path' }),
          }),
          400: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
          504: ErrorBody,
        },
      },
    },
    async (request) => shortestPath(db, request.query),
  );
}
