// The OpenAPI document of every route, for any signed-in user.
import type { FastifyInstance } from 'fastify';

export async function openapiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { config: { role: 'viewer' }, schema: { hide: true } }, async () => app.swagger());
}
