// The audit trail (issue 6): who imported or changed what, when, with counts. Every change made
// through the API — imports, scenarios, accounts, sign-ins — is one AuditEvent node in Neo4j
// (so every server writes to the same trail), written when the answer is known; admins query it
// with GET /api/audit. Imports from the command line are recorded too (scripts/import.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cypher, type Db } from './db.js';

export interface AuditEvent {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  /** The account, `anonymous` (a failed sign-in), or `cli:<os user>`. */
  user: string;
  /** What was done: import, import-dry-run, scenario-create, scenario-update, scenario-delete, view-save, view-delete, user-create, user-update, user-delete, sign-in, sign-in-failed, sign-out, password-change. */
  action: string;
  /** What it was done to: a scenario's id, an account's name, the import's run id. */
  target: string | null;
  /** HTTP status of the answer (0 from the command line). */
  status: number;
  /** Figures of the change: rows written, items, errors. */
  counts: Record<string, number>;
  /**
   * What an account change changed: `role:<role>`, `disabled`, `enabled`, `password` (empty for
   * other actions).
   */
  changes: string[];
}

export async function recordAudit(db: Db, event: Omit<AuditEvent, 'id' | 'at' | 'changes'> & { at?: number; changes?: string[] }): Promise<void> {
  await db.write(cypher('audit-record'), {
    id: randomUUID(), at: event.at ?? Date.now(), user: event.user, action: event.action, target: event.target,
    status: event.status, counts: JSON.stringify(event.counts), changes: event.changes ?? [],
  });
}

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The audited routes: the action, and the target and counts from the request and the answer. */
type Described = Omit<AuditEvent, 'id' | 'at' | 'user' | 'status' | 'changes'> & { changes?: string[] };
const AUDITED: Record<string, (req: { body: Json; params: Json }, res: Json, status: number) => Described> = {
  'POST /api/import': (_q, r) => {
    const w = (r.written ?? {}) as Json;
    return {
      action: r.dryRun ? 'import-dry-run' : 'import', target: (r.runId as string | null) ?? null,
      counts: { enterprises: num(w.enterprises), links: num(w.links), clusters: num(w.clusters), errors: num(r.errorCount), files: Array.isArray(r.files) ? r.files.length : 0 },
    };
  },
  'POST /api/scenarios': (q, r) => ({ action: 'scenario-create', target: (r.id as string) ?? null, counts: { items: Array.isArray(q.body.items) ? q.body.items.length : 0 } }),
  'PUT /api/scenarios/:id': (q) => ({ action: 'scenario-update', target: String(q.params.id), counts: { items: Array.isArray(q.body.items) ? q.body.items.length : 0 } }),
  'DELETE /api/scenarios/:id': (q) => ({ action: 'scenario-delete', target: String(q.params.id), counts: {} }),
  'POST /api/views': (q, r) => ({ action: 'view-save', target: (r.id as string) ?? null, counts: {} }),
  'DELETE /api/views/:id': (q) => ({ action: 'view-delete', target: String(q.params.id), counts: {} }),
  'POST /api/users': (q) => ({ action: 'user-create', target: String(q.body.username ?? ''), counts: {} }),
  'PUT /api/users/:username': (q) => ({
    action: 'user-update', target: String(q.params.username), counts: {},
    changes: [
      ...(typeof q.body.role === 'string' ? [`role:${q.body.role}`] : []),
      ...(q.body.disabled === true ? ['disabled'] : q.body.disabled === false ? ['enabled'] : []),
      ...(q.body.password !== undefined ? ['password'] : []),
    ],
  }),
  'DELETE /api/users/:username': (q) => ({ action: 'user-delete', target: String(q.params.username), counts: {} }),
  'POST /api/auth/login': (q, _r, status) => ({ action: status === 200 ? 'sign-in' : 'sign-in-failed', target: String(q.body.username ?? '').slice(0, 100), counts: {} }),
  'POST /api/auth/logout': () => ({ action: 'sign-out', target: null, counts: {} }),
  'POST /api/auth/password': () => ({ action: 'password-change', target: null, counts: {} }),
};

/**
 * Records every audited request when its answer is ready, before it is sent: once a client has
 * its answer, the trail holds the change (a failed write is logged, the answer still goes out).
 */
export function registerAudit(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (request, reply, payload) => {
    const describe = AUDITED[`${request.method} ${request.routeOptions.url}`];
    // Refused before the route (no session, wrong role, bad CSRF) changes nothing: not a change to audit.
    if (!describe || (reply.statusCode === 401 && request.routeOptions.url !== '/api/auth/login') || reply.statusCode === 403) return payload;
    let answer: Json = {};
    try {
      if (typeof payload === 'string') answer = JSON.parse(payload) as Json;
    } catch { /* not JSON: no figures */ }
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Json;
    const event = describe({ body, params: (request.params ?? {}) as Json }, answer, reply.statusCode);
    const user = request.user?.username ?? (event.action === 'sign-in' ? event.target! : 'anonymous');
    await recordAudit(db, { ...event, user, status: reply.statusCode }).catch((error) => request.log.error({ error }, 'the audit trail could not be written'));
    return payload;
  });

  app.get('/api/audit', {
    schema: {
      summary: 'The audit trail (admins): who imported or changed what, when, with counts; newest first',
      querystring: Type.Object({
        user: Type.Optional(Type.String({ maxLength: 100 })),
        action: Type.Optional(Type.String({ maxLength: 40 })),
        since: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch milliseconds' })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      }),
      response: {
        200: Type.Object({
          events: Type.Array(Type.Object({
            id: Type.String(), at: Type.Number(), user: Type.String(), action: Type.String(), target: Type.Union([Type.String(), Type.Null()]),
            status: Type.Integer(), counts: Type.Record(Type.String(), Type.Number()),
            changes: Type.Array(Type.String(), { description: 'for user-update: role:<role>, disabled, enabled, password' }),
          })),
        }),
      },
    },
  }, async (request) => {
    const rows = await db.read(cypher('audit-query'), {
      user: request.query.user ?? null, action: request.query.action ?? null, since: request.query.since ?? 0, limit: request.query.limit,
    });
    return {
      events: rows.map((r) => ({
        id: String(r.id), at: Number(r.at), user: String(r.user), action: String(r.action), target: (r.target as string | null) ?? null,
        status: Number(r.status), counts: JSON.parse(String(r.counts ?? '{}')) as Record<string, number>,
        changes: (r.changes as string[] | null) ?? [],
      })),
    };
  });
}
