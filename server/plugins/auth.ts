// Sessions, roles, CSRF and rate limits in front of every API route (accounts: server/auth.ts).
// Each route states its role beside itself (`config: { role }`), read here from the route a request
// matched; a route that states none is for admins only.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  SessionCache,
  hasRole,
  sameSecret,
  sessionOf,
  sha256,
  type Access,
} from '../auth.js';
import { shared } from './skip-override.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const auth = shared<{ db: Db; settings: Settings }>('coopgraph-auth', async (app, { db, settings }) => {
  await app.register(cookie);
  // Every request counts against its session's budget, per server process — a session the database
  // knows: a made-up cookie counts against its address's budget, as a request without one does.
  // Sign-in has a stricter budget of its own (server/routes/auth.ts). The limiter runs as each
  // route's own onRequest hook, after the session is looked up below and before roles are checked.
  await app.register(rateLimit, {
    global: true,
    max: settings.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const session = request.cookies?.[SESSION_COOKIE];
      return request.user && session ? `session:${sha256(session)}` : `address:${request.ip}`;
    },
  });
  app.decorateRequest('user', null);

  // The roles as a table ("METHOD /path" → role), for listing and the tests; the check itself reads
  // the matched route's own config. HEAD routes Fastify adds for GET ones state no role of their
  // own: they have always been admins' only.
  const routeRoles = new Map<string, Access>();
  app.decorate('routeRoles', routeRoles);
  app.addHook('onRoute', (route) => {
    const role = route.config?.role;
    if (!role) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeRoles.set(`${method} ${route.url}`, role);
  });

  const isApi = (url: string | undefined) => !!url?.startsWith('/api/') && url !== '/api/*'; // not pages, not the API's 404
  const sessions = new SessionCache(settings.sessionCacheMs);
  app.decorate('sessionCache', sessions);
  app.addHook('onRequest', async (request) => {
    if (isApi(request.routeOptions.url)) request.user = await sessionOf(db, request.cookies[SESSION_COOKIE], sessions);
  });
  // Roles and CSRF before the body is read.
  app.addHook('preParsing', async (request) => {
    if (!isApi(request.routeOptions.url)) return;
    const access: Access = (request.method === 'HEAD' ? undefined : request.routeOptions.config.role) ?? 'admin';
    if (access === 'public') return;
    if (!request.user) throw new AppError(401, 'unauthenticated', 'sign in first');
    if (!hasRole(request.user, access))
      throw new AppError(403, 'forbidden', `this needs the ${access} role; you are ${request.user.role}`);
    // A one-time password opens nothing but its own change (and signing out, which is public).
    if (
      request.user.mustChangePassword &&
      `${request.method} ${request.routeOptions.url}` !== 'POST /api/auth/password'
    )
      throw new AppError(403, 'password_change_required', 'change the one-time password first');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.user.csrf)) {
        throw new AppError(403, 'csrf', `a change needs the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
  });
});
