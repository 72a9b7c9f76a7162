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
        summary:
          'Neo4j reachability; for a signed-in user also its version and edition, node counts by label and the last import',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            neo4j: Type.Object({
              reachable: Type.Boolean(),
              version: Type.Optional(Type.String()),
              edition: Type.Optional(Type.String()),
            }),
            counts: Type.Optional(Type.Record(Type.String(), Type.Integer())),
            lastImport: Type.Optional(
              Type.Union([
                Type.Null(),
                Type.Object({ id: Type.String(), status: Type.String(), startedAt: Type.String() }),
              ]),
            ),
          }),
          503: ErrorBody,
        },
      },
    },
    // Without a session (or with one that must change its one-time password first), only whether
    // the database answers: its version and contents are not for anyone on the network.
    async (request) => {
      if (!request.user || request.user.mustChangePassword) {
        await db.serverVersion();
        return { status: 'ok' as const, neo4j: { reachable: true } };
      }
      return { status: 'ok' as const, ...(await health(db)) } as never;
    },
  );
}
