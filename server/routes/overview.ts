// The country view: regions with a chain's enterprises, and supply between regions.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../db.js';
import { loadReference } from '../reference.js';
import type { Settings } from '../config.js';
import { OVERVIEW_ALL, overviewWithGaps } from '../overview.js';
import { ErrorBody } from './schemas.js';
import { Overview } from '../../core/schemas.js';

export async function overviewRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const chainIds = [...loadReference().chains.map((c) => c.id), OVERVIEW_ALL];
  app.get(
    '/api/overview',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Regions with the enterprises of a chain, and supply volume aggregated between regions',
        description:
          "Every region with its centre, the number of enterprises located there that operate at a stage of the chain (for `all`: every enterprise) and how many of them are SMEs (micro, small, medium). Flows sum the supply links whose stage belongs to the chain (for `all`: every link) by supplier region and buyer region; links within one region are reported as the region's `local` volume, not as a flow. `gaps` counts the stages with a gap in the region (as GET /api/gaps/matrix does; null while unknown).",
        querystring: Type.Object({
          chain: Type.Union(
            chainIds.map((id) => Type.Literal(id)),
            { default: OVERVIEW_ALL, description: 'chain id, or all' },
          ),
        }),
        response: {
          200: Overview,
          400: ErrorBody,
          503: ErrorBody,
          504: ErrorBody,
        },
      },
    },
    async (request) => overviewWithGaps(db, request.query.chain, settings.gapLsrThreshold),
  );
}
