// Whether Neo4j answers, and what the graph holds.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../db.js';
import { health } from '../graph.js';
import { ErrorBody } from './schemas.js';

export async function healthRoutes(root: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/health',
    {
      config: { role: 'public' },
      schema: {
        summary: 'Neo4j reachability, version and node counts by label',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            neo4j: Type.Object({ reachable: Type.Boolean(), version: Type.String(), edition: Type.String() }),
            counts: Type.Record(Type.String(), Type.Integer()),
            lastImport: Type.Union([
              Type.Null(),
              Type.Object({ id: Type.String(), status: Type.String(), startedAt: Type.String() }),
            ]),
          }),
          503: ErrorBody,
        },
      },
    },
    async () => ({ status: 'ok' as const, ...(await health(db)) }) as never,
  );
}
