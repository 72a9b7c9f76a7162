// Changes made through the API go into the audit trail (server/audit.ts).
import type { Db } from '../db.js';
import { recordAudit, type AuditEvent } from '../audit.js';
import { shared } from './skip-override.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The audited routes: the action, and the target and counts from the request and the answer. */
type Described = Omit<AuditEvent, 'id' | 'at' | 'user' | 'status' | 'changes'> & { changes?: string[] };
const AUDITED: Record<string, (req: { body: Json; params: Json }, res: Json, status: number) => Described> = {
  'POST /api/import': (_q, r) => {
    const w = (r.written ?? {}) as Json;
    return {
      action: r.dryRun ? 'import-dry-run' : 'import',
      target: (r.runId as string | null) ?? null,
      counts: {
        enterprises: num(w.enterprises),
        links: num(w.links),
        clusters: num(w.clusters),
        errors: num(r.errorCount),
        files: Array.isArray(r.files) ? r.files.length : 0,
      },
    };
  },
  'POST /api/scenarios': (q, r) => ({
    action: 'scenario-create',
    target: (r.id as string) ?? null,
    counts: { items: Array.isArray(q.body.items) ? q.body.items.length : 0 },
  }),
  'PUT /api/scenarios/:id': (q) => ({
    action: 'scenario-update',
    target: String(q.params.id),
    counts: { items: Array.isArray(q.body.items) ? q.body.items.length : 0 },
  }),
  'DELETE /api/scenarios/:id': (q) => ({ action: 'scenario-delete', target: String(q.params.id), counts: {} }),
  'POST /api/views': (q, r) => ({ action: 'view-save', target: (r.id as string) ?? null, counts: {} }),
  'DELETE /api/views/:id': (q) => ({ action: 'view-delete', target: String(q.params.id), counts: {} }),
  'POST /api/users': (q) => ({ action: 'user-create', target: String(q.body.username ?? ''), counts: {} }),
  'PUT /api/users/:username': (q) => ({
    action: 'user-update',
    target: String(q.params.username),
    counts: {},
    changes: [
      ...(typeof q.body.role === 'string' ? [`role:${q.body.role}`] : []),
      ...(q.body.disabled === true ? ['disabled'] : q.body.disabled === false ? ['enabled'] : []),
      ...(q.body.password !== undefined ? ['password'] : []),
    ],
  }),
  'DELETE /api/users/:username': (q) => ({ action: 'user-delete', target: String(q.params.username), counts: {} }),
  'POST /api/auth/login': (q, _r, status) => ({
    action: status === 200 ? 'sign-in' : 'sign-in-failed',
    target: String(q.body.username ?? '').slice(0, 100),
    counts: {},
  }),
  'POST /api/auth/logout': () => ({ action: 'sign-out', target: null, counts: {} }),
  'POST /api/auth/password': () => ({ action: 'password-change', target: null, counts: {} }),
};

/**
 * Records every audited request when its answer is ready, before it is sent: once a client has
 * its answer, the trail holds the change (a failed write is logged, the answer still goes out).
 * An answer that Neo4j failed (503, 504) is not held for the trail's write.
 */
export const audit = shared<{ db: Db }>('coopgraph-audit', async (app, { db }) => {
  // Sign-ins refused by the rate limit (429) are recorded once per address and minute, not each:
  // a flood would otherwise write the trail as fast as it comes.
  const throttled = new Map<string, number>();
  const firstThrottled = (ip: string): boolean => {
    const minute = Math.floor(Date.now() / 60_000);
    if (throttled.get(ip) === minute) return false;
    if (throttled.size > 10_000) throttled.clear();
    throttled.set(ip, minute);
    return true;
  };
  app.addHook('onSend', async (request, reply, payload) => {
    const describe = AUDITED[`${request.method} ${request.routeOptions.url}`];
    if (reply.statusCode === 429 && !firstThrottled(request.ip)) return payload;
    // Refused before the route (no session, wrong role, bad CSRF) changes nothing: not a change to audit.
    if (
      !describe ||
      (reply.statusCode === 401 && request.routeOptions.url !== '/api/auth/login') ||
      reply.statusCode === 403
    )
      return payload;
    let answer: Json = {};
    try {
      if (typeof payload === 'string') answer = JSON.parse(payload) as Json;
    } catch {
      /* not JSON: no figures */
    }
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Json;
    const event = describe({ body, params: (request.params ?? {}) as Json }, answer, reply.statusCode);
    const user = request.user?.username ?? (event.action === 'sign-in' ? event.target! : 'anonymous');
    const written = recordAudit(db, { ...event, user, status: reply.statusCode }).catch((error) =>
      request.log.error({ error }, 'the audit trail could not be written'),
    );
    // A 503/504 says Neo4j is down or stalled: waiting for the trail's write too would hold the
    // answer for another full timeout. It is written when Neo4j can take it, after the answer.
    if (reply.statusCode !== 503 && reply.statusCode !== 504) await written;
    return payload;
  });
});
