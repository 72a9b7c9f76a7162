// Saved views (issue 6): a user names the explorer's current view (its URL hash, which restores
// nodes, filters, layout, path and camera) and may share it with the team. Stored in Neo4j, so
// every server sees them; anyone signed in lists their own and the shared ones, and only the
// owner (or an admin) deletes one. The link of a view is its hash: opening it restores the view.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cypher, type Db } from '../db.js';
import { hasRole } from '../auth.js';
import { AppError } from '../errors.js';
import { ErrorBody } from './schemas.js';

/** Longest hash a view may keep (a view of thousands of nodes has a long one). */
const VIEW_HASH_MAX = 60_000;

const View = Type.Object({
  id: Type.String(),
  name: Type.String(),
  owner: Type.String(),
  shared: Type.Boolean(),
  hash: Type.String({ description: 'the explorer URL hash (#explore?…) that restores the view' }),
  createdAt: Type.Number(),
});
const toView = (r: Record<string, unknown>) => ({
  id: String(r.id),
  name: String(r.name),
  owner: String(r.owner),
  shared: r.shared === true,
  hash: String(r.hash),
  createdAt: Number(r.createdAt),
});

export async function viewRoutes(root: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/views',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Saved views: your own and those shared with the team, newest first',
        response: { 200: Type.Object({ views: Type.Array(View) }) },
      },
    },
    async (request) => ({ views: (await db.read(cypher('views-list'), { user: request.user!.username })).map(toView) }),
  );

  app.post(
    '/api/views',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Saves the current view under a name, for yourself or shared with the team',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          hash: Type.String({ pattern: '^#explore(\\?.*)?$', maxLength: VIEW_HASH_MAX }),
          shared: Type.Boolean({ default: false }),
        }),
        response: { 201: View, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const [row] = await db.write(cypher('views-create'), {
        id: randomUUID(),
        name: request.body.name.trim() || request.body.name,
        owner: request.user!.username,
        shared: request.body.shared,
        hash: request.body.hash,
        now: Date.now(),
      });
      return reply.code(201).send(toView(row));
    },
  );

  app.delete(
    '/api/views/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Deletes a saved view (its owner, or an admin)',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }),
        response: { 204: Type.Null(), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const [row] = await db.write(cypher('views-delete'), {
        id: request.params.id,
        user: request.user!.username,
        admin: hasRole(request.user!, 'admin'),
      });
      if (!row?.found) throw new AppError(404, 'not_found', `no saved view ${request.params.id}`);
      if (!row.allowed) throw new AppError(403, 'forbidden', 'only its owner or an admin may delete a saved view');
      return reply.code(204).send(null);
    },
  );
}
