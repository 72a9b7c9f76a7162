// The reference data: federal districts, regions, OKVED codes, chains and stages.
import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { loadReference } from '../reference.js';

export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/reference',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Federal districts, regions, OKVED codes, chains and stages',
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async () => loadReference(),
  );
}
