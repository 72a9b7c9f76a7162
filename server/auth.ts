// Accounts, roles and sessions (issue 6). Roles, each including the ones before it: viewer
// (explore), planner (gap analysis, scenarios, export), editor (import and data changes), admin
// (accounts). Every API route names the role it needs in ROUTE_ROLES and is checked here, on the
// server, before its body is read; a route missing from the table is for admins only.
//
// Passwords are hashed with argon2id (memory-hard). A session is a random token in an HttpOnly,
// SameSite=Strict cookie (Secure when the request came over HTTPS); Neo4j keeps only the token's
// SHA-256 with the user and a CSRF token, so any number of server processes serve the same users
// and a restart logs nobody out. State-changing requests must carry the session's CSRF token in
// X-CSRF-Token. Sign-in always makes a new session (no fixation); failed sign-ins in a row lock
// the account for a while (kept in Neo4j, so on every server), and each client address has a
// per-minute budget of attempts (per server process).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { hash, verify } from '@node-rs/argon2';
import { cypher, type Db } from './db.js';
import type { Settings } from './config.js';

export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Access = Role | 'public';

/** The role each API route needs ("METHOD /path" as registered). */
export const ROUTE_ROLES: Record<string, Access> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/password': 'viewer',
  'GET /api/openapi.json': 'viewer',
  'GET /api/search': 'viewer',
  'GET /api/nodes/:id': 'viewer',
  'GET /api/overview': 'viewer',
  'GET /api/reference': 'viewer',
  'POST /api/explore/nodes': 'viewer',
  'POST /api/explore/expand': 'viewer',
  'GET /api/explore/path': 'viewer',
  'GET /api/gaps': 'planner',
  'GET /api/gaps/matrix': 'planner',
  'GET /api/opportunities': 'planner',
  'GET /api/partners': 'planner',
  'GET /api/clusters/:id/readiness': 'planner',
  'GET /api/clusters/:id/contract-suggestions': 'planner',
  'GET /api/risks': 'planner',
  'GET /api/scenarios': 'planner',
  'POST /api/scenarios': 'planner',
  'GET /api/scenarios/:id': 'planner',
  'PUT /api/scenarios/:id': 'planner',
  'DELETE /api/scenarios/:id': 'planner',
  'GET /api/export': 'planner',
  'POST /api/export': 'planner',
  'POST /api/import': 'editor',
  'GET /api/imports': 'editor',
  'GET /api/views': 'viewer',
  'POST /api/views': 'viewer',
  'DELETE /api/views/:id': 'viewer',
  'GET /api/users': 'admin',
  'GET /api/audit': 'admin',
  'POST /api/users': 'admin',
  'PUT /api/users/:username': 'admin',
  'DELETE /api/users/:username': 'admin',
};

export const SESSION_COOKIE = 'coopgraph_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: 2 as never, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const PASSWORD_MIN = 10;

export interface SessionUser { username: string; role: Role; csrf: string; mustChangePassword: boolean; sessionId: string }

declare module 'fastify' {
  interface FastifyRequest { user: SessionUser | null }
}

export const hasRole = (user: { role: Role }, needed: Role) => ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const token = (bytes = 32) => randomBytes(bytes).toString('base64url');
const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const hashPassword = (password: string) => hash(password, ARGON2);

/** A one-time password: 16 characters from 96 random bits. */
export const oneTimePassword = () => token(12);

export class AuthError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 423, readonly code: string, message: string) {
    super(message);
  }
}

function checkPassword(password: string) {
  if (password.length < PASSWORD_MIN) throw new AuthError(400, 'weak_password', `a password needs at least ${PASSWORD_MIN} characters`);
}

/** Creates an account; 409 when the name is taken. */
export async function createUser(db: Db, user: { username: string; role: Role; password: string; mustChange?: boolean }): Promise<void> {
  checkPassword(user.password);
  const [row] = await db.write(cypher('auth-create-user'), {
    username: user.username, role: user.role, passwordHash: await hashPassword(user.password), now: Date.now(),
    mustChange: user.mustChange ?? false, first: false,
  });
  if (!row?.created) throw new AuthError(409, 'conflict', `the account ${user.username} exists`);
}

/**
 * The first start: when there is no account at all, an admin — with COOPGRAPH_ADMIN_PASSWORD, or
 * a one-time password printed here that must be changed after signing in.
 */
export async function ensureAdmin(db: Db, settings: Settings, log: (line: string) => void = console.log): Promise<void> {
  const fromEnv = settings.adminPassword !== '';
  const password = fromEnv ? settings.adminPassword : oneTimePassword();
  const [row] = await db.write(cypher('auth-create-user'), {
    username: 'admin', role: 'admin', passwordHash: await hashPassword(password), now: Date.now(), mustChange: !fromEnv, first: true,
  });
  if (!row?.created) return;
  log(fromEnv
    ? '[auth] created the first account: admin, with the password of COOPGRAPH_ADMIN_PASSWORD'
    : `[auth] created the first account: admin, one-time password ${password} (shown once; change it after signing in)`);
}

async function sessionOf(db: Db, request: FastifyRequest): Promise<SessionUser | null> {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw || raw.length > 100) return null;
  const id = sha256(raw);
  const [row] = await db.read(cypher('auth-session'), { id, now: Date.now() });
  if (!row || !ROLES.includes(row.role as Role)) return null;
  return { username: String(row.username), role: row.role as Role, csrf: String(row.csrf), mustChangePassword: row.mustChangePassword === true, sessionId: id };
}

const deny = (reply: FastifyReply, status: 401 | 403, code: string, message: string) => reply.code(status).send({ error: code, message });

export async function registerAuth(root: FastifyInstance, db: Db, settings: Settings): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(cookie);
  // Every request counts against its session's budget (without a session, its address's), per
  // server process; sign-in has a stricter budget of its own (below).
  await app.register(rateLimit, {
    global: true,
    max: settings.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const session = request.cookies?.[SESSION_COOKIE];
      return session ? `session:${sha256(session)}` : `address:${request.ip}`;
    },
  });
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (!url?.startsWith('/api/') || url === '/api/*') return; // the app's pages, and the API's 404
    const access: Access = ROUTE_ROLES[`${request.method} ${url}`] ?? 'admin';
    request.user = await sessionOf(db, request);
    if (access === 'public') return;
    if (!request.user) return deny(reply, 401, 'unauthenticated', 'sign in first');
    if (!hasRole(request.user, access)) return deny(reply, 403, 'forbidden', `this needs the ${access} role; you are ${request.user.role}`);
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.user.csrf)) {
        return deny(reply, 403, 'csrf', `a change needs the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
  });

  const secure = (request: FastifyRequest) => request.protocol === 'https';
  const Session = Type.Object({
    username: Type.String(), role: Type.String(), csrf: Type.String({ description: 'send it in X-CSRF-Token with every change' }),
    mustChangePassword: Type.Boolean(),
  });
  const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });
  const answer = async <T>(reply: FastifyReply, work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AuthError) return reply.code(error.status).send({ error: error.code, message: error.message });
      throw error;
    }
  };
  // Compared against when the account does not exist, so that both answers take as long.
  const dummyHash = await hashPassword(token());

  app.post('/api/auth/login', {
    config: { rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 } },
    schema: {
      summary: 'Signs in: sets the session cookie and returns the CSRF token',
      description: `After ${settings.loginMaxFailures} failed attempts in a row the account is locked for ${settings.lockoutMinutes} minutes (423); a client address may try ${settings.loginRatePerMinute} times a minute (429).`,
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }),
      response: { 200: Session, 401: ErrorBody, 423: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => answer(reply, async () => {
    const { username, password } = request.body;
    const now = Date.now();
    const [user] = await db.read(cypher('auth-user'), { username });
    if (!user || user.disabled) {
      await verify(dummyHash, password).catch(() => false);
      throw new AuthError(401, 'unauthenticated', 'wrong user name or password');
    }
    if (user.lockedUntil && Number(user.lockedUntil) > now) {
      throw new AuthError(423, 'locked', `too many failed sign-ins: the account is locked until ${new Date(Number(user.lockedUntil)).toISOString()}`);
    }
    if (!(await verify(String(user.passwordHash), password).catch(() => false))) {
      const [r] = await db.write(cypher('auth-failed'), { username, now, max: settings.loginMaxFailures, lockMs: settings.lockoutMinutes * 60_000 });
      if (r?.locked) throw new AuthError(423, 'locked', `too many failed sign-ins: the account is locked for ${settings.lockoutMinutes} minutes`);
      throw new AuthError(401, 'unauthenticated', 'wrong user name or password');
    }
    const secret = token();
    const csrf = token();
    const presented = request.cookies[SESSION_COOKIE];
    await db.write(cypher('auth-signin'), {
      username, id: sha256(secret), csrf, now, expiresAt: now + settings.sessionHours * 3_600_000,
      presented: presented ? sha256(presented) : '',
    });
    reply.setCookie(SESSION_COOKIE, secret, {
      httpOnly: true, sameSite: 'strict', secure: secure(request), path: '/', maxAge: settings.sessionHours * 3600,
    });
    return { username: String(user.username), role: String(user.role), csrf, mustChangePassword: user.mustChangePassword === true };
  }));

  app.get('/api/auth/session', {
    schema: { summary: 'The signed-in user and the CSRF token; 401 when not signed in', response: { 200: Session, 401: ErrorBody } },
  }, async (request, reply) => {
    const u = request.user;
    if (!u) return deny(reply, 401, 'unauthenticated', 'not signed in');
    return { username: u.username, role: u.role, csrf: u.csrf, mustChangePassword: u.mustChangePassword };
  });

  app.post('/api/auth/logout', {
    schema: { summary: 'Signs out: ends the session and clears the cookie', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    if (request.user) await db.write(cypher('auth-signout'), { id: request.user.sessionId });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post('/api/auth/password', {
    schema: {
      summary: 'Changes the signed-in user\'s password (other sessions of the account end)',
      body: Type.Object({ current: Type.String({ maxLength: 1000 }), next: Type.String({ maxLength: 1000 }) }),
      response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody },
    },
  }, async (request, reply) => answer(reply, async () => {
    const u = request.user!;
    const [row] = await db.read(cypher('auth-user'), { username: u.username });
    if (!row || !(await verify(String(row.passwordHash), request.body.current).catch(() => false))) {
      throw new AuthError(401, 'unauthenticated', 'the current password is wrong');
    }
    checkPassword(request.body.next);
    await db.write(cypher('auth-update-user'), {
      username: u.username, role: null, passwordHash: await hashPassword(request.body.next), mustChange: false, disabled: null, keep: u.sessionId,
    });
    return reply.code(204).send(null);
  }));

  const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
  const UsernameParam = Type.String({ pattern: '^[A-Za-z0-9._@-]{1,100}$' });
  app.get('/api/users', {
    schema: {
      summary: 'Accounts (admins only)',
      response: {
        200: Type.Object({
          users: Type.Array(Type.Object({
            username: Type.String(), role: Type.String(), disabled: Type.Boolean(), createdAt: Type.Union([Type.Number(), Type.Null()]),
            lastLoginAt: Type.Union([Type.Number(), Type.Null()]), mustChangePassword: Type.Boolean(),
            lockedUntil: Type.Union([Type.Number(), Type.Null()]), sessions: Type.Integer(),
          })),
        }),
      },
    },
  }, async () => ({
    users: (await db.read(cypher('auth-users'), { now: Date.now() })).map((u) => ({
      ...u, createdAt: u.createdAt === null ? null : Number(u.createdAt), lastLoginAt: u.lastLoginAt === null ? null : Number(u.lastLoginAt),
      lockedUntil: u.lockedUntil === null ? null : Number(u.lockedUntil), sessions: Number(u.sessions),
    })) as never,
  }));

  app.post('/api/users', {
    schema: {
      summary: 'Creates an account (admins only); without a password, a one-time password is returned once',
      body: Type.Object({ username: UsernameParam, role: RoleName, password: Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: { 201: Type.Object({ username: Type.String(), role: Type.String(), oneTimePassword: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorBody, 409: ErrorBody },
    },
  }, async (request, reply) => answer(reply, async () => {
    const generated = request.body.password ? null : oneTimePassword();
    await createUser(db, { username: request.body.username, role: request.body.role, password: request.body.password ?? generated!, mustChange: generated !== null });
    return reply.code(201).send({ username: request.body.username, role: request.body.role, oneTimePassword: generated });
  }));

  app.put('/api/users/:username', {
    schema: {
      summary: 'Changes an account\'s role, password or enabled state (admins only); a new password or disabling ends its sessions',
      params: Type.Object({ username: UsernameParam }),
      body: Type.Object({ role: Type.Optional(RoleName), password: Type.Optional(Type.String({ maxLength: 1000 })), disabled: Type.Optional(Type.Boolean()) }),
      response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => answer(reply, async () => {
    const { role, password, disabled } = request.body;
    if (request.params.username === request.user!.username && (role !== undefined && role !== 'admin' || disabled === true)) {
      throw new AuthError(400, 'bad_request', 'an admin cannot demote or disable their own account');
    }
    if (password !== undefined) checkPassword(password);
    const [row] = await db.write(cypher('auth-update-user'), {
      username: request.params.username, role: role ?? null, passwordHash: password === undefined ? null : await hashPassword(password),
      mustChange: password !== undefined, disabled: disabled ?? null, keep: '',
    });
    if (!row) throw new AuthError(404, 'not_found', `no account ${request.params.username}`);
    return reply.code(204).send(null);
  }));

  app.delete('/api/users/:username', {
    schema: { summary: 'Deletes an account (admins only)', params: Type.Object({ username: UsernameParam }), response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => answer(reply, async () => {
    if (request.params.username === request.user!.username) throw new AuthError(400, 'bad_request', 'an admin cannot delete their own account');
    const [row] = await db.write(cypher('auth-delete-user'), { username: request.params.username });
    if (!row || Number(row.deleted) === 0) throw new AuthError(404, 'not_found', `no account ${request.params.username}`);
    return reply.code(204).send(null);
  }));
}
