// Signing in and out, the session, and changing one's own password (accounts: server/auth.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { verify } from '@node-rs/argon2';
import type { Settings } from '../config.js';
import { cypher, type Db } from '../db.js';
import { AuthError, SESSION_COOKIE, checkPassword, hashPassword, sha256, token } from '../auth.js';
import { ErrorBody } from './schemas.js';

export async function authRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const secure = (request: FastifyRequest) => request.protocol === 'https';
  const Session = Type.Object({
    username: Type.String(),
    role: Type.String(),
    csrf: Type.String({ description: 'send it in X-CSRF-Token with every change' }),
    mustChangePassword: Type.Boolean(),
  });
  // Checked against when the account does not exist, so that both answers take as long.
  const dummyHash = await hashPassword(token());

  /**
   * Whether `password` is the account's, counted as an attempt: reserved before the password is
   * checked, atomically (simultaneous attempts cannot all pass a count read before any of them was
   * written); 423 once the account is locked. Sign-in and the password change count alike.
   */
  async function passwordChecks(username: string, hash: string, password: string, now: number): Promise<boolean> {
    const lockMs = settings.lockoutMinutes * 60_000;
    const [attempt] = await db.write(cypher('auth-attempt'), { username, now, max: settings.loginMaxFailures, lockMs });
    if (!attempt || attempt.refused) {
      const until = attempt?.lockedUntil ? Number(attempt.lockedUntil) : undefined;
      throw new AuthError(
        423,
        'locked',
        `too many failed sign-ins: the account is locked until ${until ? new Date(until).toISOString() : ''}`,
        until ? { lockedUntil: until } : undefined,
      );
    }
    if (await verify(hash, password).catch(() => false)) return true;
    const [r] = await db.write(cypher('auth-failed'), {
      username,
      now,
      attempt: Number(attempt.attempt),
      max: settings.loginMaxFailures,
      lockMs,
    });
    if (r?.locked)
      throw new AuthError(
        423,
        'locked',
        `too many failed sign-ins: the account is locked for ${settings.lockoutMinutes} minutes`,
        r.lockedUntil ? { lockedUntil: Number(r.lockedUntil) } : undefined,
      );
    return false;
  }

  app.post(
    '/api/auth/login',
    {
      config: { role: 'public', rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'Signs in: sets the session cookie and returns the CSRF token',
        description: `After ${settings.loginMaxFailures} failed attempts in a row the account is locked for ${settings.lockoutMinutes} minutes (423); a client address may try ${settings.loginRatePerMinute} times a minute (429).`,
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 1000 }),
        }),
        response: { 200: Session, 401: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = Date.now();
      const [user] = await db.read(cypher('auth-user'), { username });
      // An unknown or disabled account goes through the same steps as an existing one (counted,
      // checked against a hash, locked after as many failures), so no answer and no timing tells
      // which names exist.
      const known = user && !user.disabled;
      const checked = await passwordChecks(username, user ? String(user.passwordHash) : dummyHash, password, now);
      if (!known || !checked) throw new AuthError(401, 'unauthenticated', 'wrong user name or password');
      const secret = token();
      const csrf = token();
      const presented = request.cookies[SESSION_COOKIE];
      await db.write(cypher('auth-signin'), {
        username,
        id: sha256(secret),
        csrf,
        now,
        expiresAt: now + settings.sessionHours * 3_600_000,
        presented: presented ? sha256(presented) : '',
      });
      if (presented) root.sessionCache.forget(sha256(presented));
      reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(request),
        path: '/',
        maxAge: settings.sessionHours * 3600,
      });
      return {
        username: String(user.username),
        role: String(user.role),
        csrf,
        mustChangePassword: user.mustChangePassword === true,
      };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { role: 'public' },
      schema: {
        summary: 'The signed-in user and the CSRF token; 401 when not signed in',
        response: { 200: Session, 401: ErrorBody },
      },
    },
    async (request) => {
      const u = request.user;
      if (!u) throw new AuthError(401, 'unauthenticated', 'not signed in');
      return { username: u.username, role: u.role, csrf: u.csrf, mustChangePassword: u.mustChangePassword };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { role: 'public' },
      schema: { summary: 'Signs out: ends the session and clears the cookie', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.user) {
        await db.write(cypher('auth-signout'), { id: request.user.sessionId });
        root.sessionCache.forget(request.user.sessionId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "Changes the signed-in user's password (other sessions of the account end)",
        body: Type.Object({ current: Type.String({ maxLength: 1000 }), next: Type.String({ maxLength: 1000 }) }),
        response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody, 423: ErrorBody },
      },
    },
    async (request, reply) => {
      const u = request.user!;
      checkPassword(request.body.next, u.username);
      const [row] = await db.read(cypher('auth-user'), { username: u.username });
      // A wrong current password counts as a failed sign-in: a stolen session cannot guess it freely.
      if (!row || !(await passwordChecks(u.username, String(row.passwordHash), request.body.current, Date.now())))
        throw new AuthError(401, 'unauthenticated', 'the current password is wrong');
      await db.write(cypher('auth-update-user'), {
        username: u.username,
        role: null,
        passwordHash: await hashPassword(request.body.next),
        mustChange: false,
        disabled: null,
        keep: u.sessionId,
      });
      // The account's other sessions ended, and this one no longer needs a password change.
      root.sessionCache.clear();
      return reply.code(204).send(null);
    },
  );
}
