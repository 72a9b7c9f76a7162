// Numbers that passed validation but are not finite. The schema validator coerces a query value
// such as `1e309` to Infinity and then skips `minimum` and `maximum` for it (they apply to finite
// numbers only), so `limit=1e309` would reach Neo4j as an integer out of range. Routes run this
// after validation: any infinite number in the query, path or body is a 400 naming the field.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface Step {
  key: string;
  parent: Step | null;
}

/**
 * The path of the first number that is not finite, or null. Walked with a stack of its own, not
 * by recursion, and the path is spelled out only for the number found: a hostile body nested
 * thousands deep must neither overflow the call stack nor cost memory by the square of its depth.
 */
export function nonFinite(value: unknown, path: string): string | null {
  const pending: [unknown, Step][] = [[value, { key: path, parent: null }]];
  while (pending.length > 0) {
    const [v, step] = pending.pop()!;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) continue;
      const keys: string[] = [];
      for (let s: Step | null = step; s; s = s.parent) keys.push(s.key);
      return keys.reverse().join('/');
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) pending.push([entries[i][1], { key: entries[i][0], parent: step }]);
    }
  }
  return null;
}

/** A preHandler: 400 when a coerced parameter is ±Infinity. */
export async function rejectNonFinite(request: FastifyRequest): Promise<void> {
  const found =
    nonFinite(request.query, 'querystring') ?? nonFinite(request.params, 'params') ?? nonFinite(request.body, 'body');
  if (found) throw new AppError(400, 'bad_request', `${found} must be a finite number`);
}
