// Numbers that passed validation but are not finite. The schema validator coerces a query value
// such as `1e309` to Infinity and then skips `minimum` and `maximum` for it (they apply to finite
// numbers only), so `limit=1e309` would reach Neo4j as an integer out of range. Routes run this
// after validation: any infinite number in the query, path or body is a 400 naming the field.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The path of the first number that is not finite, or null. */
export function nonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}/${key}`);
    if (found) return found;
  }
  return null;
}

/** A preHandler: 400 when a coerced parameter is ±Infinity. */
export async function rejectNonFinite(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const found = nonFinite(request.query, 'querystring') ?? nonFinite(request.params, 'params') ?? nonFinite(request.body, 'body');
  if (found) return reply.code(400).send({ error: 'bad_request', message: `${found} must be a finite number` });
}
