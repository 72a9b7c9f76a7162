// The audit trail for admins (server/audit.ts).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cypher, type Db } from '../db.js';
import { AuditEvent } from '../../core/schemas.js';

export async function auditRoutes(root: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/audit',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'The audit trail (admins): who imported or changed what, when, with counts; newest first',
        querystring: Type.Object({
          user: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 40 })),
          since: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch milliseconds' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: Type.Object({ events: Type.Array(AuditEvent) }),
        },
      },
    },
    async (request) => {
      const rows = await db.read(cypher('audit-query'), {
        user: request.query.user ?? null,
        action: request.query.action ?? null,
        since: request.query.since ?? 0,
        limit: request.query.limit,
      });
      return {
        events: rows.map((r) => ({
          id: String(r.id),
          at: Number(r.at),
          user: String(r.user),
          action: String(r.action),
          target: (r.target as string | null) ?? null,
          status: Number(r.status),
          counts: JSON.parse(String(r.counts ?? '{}')) as Record<string, number>,
          changes: (r.changes as string[] | null) ?? [],
        })),
      };
    },
  );
}
