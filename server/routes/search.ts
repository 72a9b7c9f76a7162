// Finding nodes by name, INN or OKVED, and one node's details.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import { nodeDetail, search } from '../graph.js';
import { SearchHit } from '../../core/schemas.js';
import { ErrorBody } from './schemas.js';

export async function searchRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/search',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Search names (Russian morphology, English, Latin transliteration), INN (exact) or OKVED (prefix)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          limit: Type.Integer({ minimum: 1, maximum: settings.searchMaxLimit, default: 20 }),
        }),
        response: { 200: Type.Object({ query: Type.String(), hits: Type.Array(SearchHit) }), 503: ErrorBody },
      },
    },
    async (request) => ({ query: request.query.q, hits: await search(db, request.query.q, request.query.limit) }),
  );

  app.get(
    '/api/nodes/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One node: its properties and relationship counts by type and direction',
        params: Type.Object({
          id: Type.String({ minLength: 3, maxLength: 300, description: 'type:key, e.g. enterprise:luzales' }),
        }),
        response: {
          200: Type.Object({
            id: Type.String(),
            type: Type.String(),
            properties: Type.Record(Type.String(), Type.Unknown()),
            relationships: Type.Array(
              Type.Object({ type: Type.String(), direction: Type.String(), count: Type.Integer() }),
            ),
            syntheticLinks: Type.Integer({ description: 'supply links of this node that are invented (synthetic)' }),
          }),
          404: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      const node = await nodeDetail(db, request.params.id);
      if (!node) throw new AppError(404, 'not_found', `no node ${request.params.id}`);
      return node;
    },
  );
}
