// Accounts, roles and sessions (issue 6). Roles, each including the ones before it: viewer
// (explore), planner (gap analysis, scenarios, export), editor (import and data changes), admin
// (accounts). Every API route states the role it needs beside itself (`config: { role }`) and is
// checked on the server, before its body is read (server/plugins/auth.ts); a route that states
// none is for admins only.
//
// Passwords are hashed with argon2id (memory-hard). A session is a random token in an HttpOnly,
// SameSite=Strict cookie (Secure when the request came over HTTPS); Neo4j keeps only the token's
// SHA-256 with the user and a CSRF token, so any number of server processes serve the same users
// and a restart logs nobody out. State-changing requests must carry the session's CSRF token in
// X-CSRF-Token. Sign-in always makes a new session (no fixation); failed sign-ins in a row lock
// the account for a while (kept in Neo4j, so on every server), and each client address has a
// per-minute budget of attempts (per server process).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { cypher, type Db } from './db.js';
import type { Settings } from './config.js';
import { AppError } from './errors.js';
import { ROLES, type Role } from '../core/schemas.js';

export { ROLES, type Role };
export type Access = Role | 'public';

export const SESSION_COOKIE = 'coopgraph_session';
export const CSRF_HEADER = 'x-csrf-token';
/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: 2 as never, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const PASSWORD_MIN = 10;

export interface SessionUser {
  username: string;
  role: Role;
  csrf: string;
  mustChangePassword: boolean;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    role?: Access;
  }
  interface FastifyInstance {
    /** The role each API route states ("METHOD /path" as registered); server/plugins/auth.ts. */
    routeRoles: ReadonlyMap<string, Access>;
    /** Sessions this process looked up lately (server/plugins/auth.ts); routes that end or change them forget them. */
    sessionCache: SessionCache;
  }
}

export const hasRole = (user: { role: Role }, needed: Role) => ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
export const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
export const token = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const hashPassword = (password: string) => hash(password, ARGON2);

/** A one-time password: 16 characters from 96 random bits. */
export const oneTimePassword = () => token(12);

export class AuthError extends AppError {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 423,
    code: string,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(status, code, message, extra);
  }
}

/**
 * zxcvbn's score a password needs (0–4). 2 would resist guessing that is throttled, as sign-in
 * is, but let through a common word with a year and a symbol («Password2026!»); 3 refuses those.
 * 0 and 1 are common passwords, names, keyboard rows, repeats and the like.
 */
export const PASSWORD_MIN_SCORE = 3;
/** Words a password here must not lean on, besides the account's own name. */
const OWN_WORDS = ['coopgraph', 'кооперация'];
/** zxcvbn's work grows with the length: the first 100 characters decide. */
const PASSWORD_CHECKED_CHARS = 100;
let strength: ZxcvbnFactory | null = null;

// The Russian ЙЦУКЕН layout over the Latin QWERTY keys.
const RU_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const KEY_OF = new Map<string, string>();
for (let i = 0; i < RU_KEYS.length; i++) {
  KEY_OF.set(RU_KEYS[i], LATIN_KEYS[i]);
  KEY_OF.set(RU_KEYS[i].toUpperCase(), LATIN_KEYS[i].toUpperCase());
}

/** The text as typed on the same keys with the Latin layout on; characters off the layout stay. */
export const latinKeys = (text: string) => Array.from(text, (ch) => KEY_OF.get(ch) ?? ch).join('');

/** A password long enough and not easy to guess (zxcvbn-ts), nor made of the user's own name. */
export function checkPassword(password: string, username?: string) {
  if (password.length < PASSWORD_MIN)
    throw new AuthError(400, 'weak_password', `a password needs at least ${PASSWORD_MIN} characters`, {
      reason: 'password_short',
    });
  strength ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  const checked = password.slice(0, PASSWORD_CHECKED_CHARS);
  const userInputs = [...OWN_WORDS, ...(username ? [username] : [])];
  // zxcvbn-ts has no Russian dictionary, but its common passwords (from real leaks) hold Russian
  // words typed with the keyboard left on the Latin layout («gfhjkm» for «пароль»): a Cyrillic
  // password is also judged by the Latin keys it is typed with, and the weaker verdict stands.
  const onLatinKeys = latinKeys(checked);
  const { score, feedback } = [checked, ...(onLatinKeys !== checked ? [onLatinKeys] : [])]
    .map((p) => strength!.check(p, userInputs))
    .reduce((a, b) => (b.score < a.score ? b : a));
  if (score < PASSWORD_MIN_SCORE)
    throw new AuthError(
      400,
      'weak_password',
      `the password is too easy to guess${feedback.warning ? `: ${feedback.warning}` : ''}`,
      { reason: 'password_guessable' },
    );
}

/** Creates an account; 409 when the name is taken. */
export async function createUser(
  db: Db,
  user: { username: string; role: Role; password: string; mustChange?: boolean },
): Promise<void> {
  checkPassword(user.password, user.username);
  const [row] = await db.write(cypher('auth-create-user'), {
    username: user.username,
    role: user.role,
    passwordHash: await hashPassword(user.password),
    now: Date.now(),
    mustChange: user.mustChange ?? false,
    first: false,
  });
  if (!row?.created) throw new AuthError(409, 'conflict', `the account ${user.username} exists`);
}

/**
 * The first start: when there is no account at all, an admin — with COOPGRAPH_ADMIN_PASSWORD, or
 * a one-time password printed here that must be changed after signing in.
 */
export async function ensureAdmin(
  db: Db,
  settings: Settings,
  log: (line: string) => void = console.log,
): Promise<void> {
  const fromEnv = settings.adminPassword !== '';
  const password = fromEnv ? settings.adminPassword : oneTimePassword();
  const [row] = await db.write(cypher('auth-create-user'), {
    username: 'admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
    now: Date.now(),
    mustChange: !fromEnv,
    first: true,
  });
  if (!row?.created) return;
  log(
    fromEnv
      ? '[auth] created the first account: admin, with the password of COOPGRAPH_ADMIN_PASSWORD'
      : `[auth] created the first account: admin, one-time password ${password} (shown once; change it after signing in)`,
  );
}

/**
 * Sessions this server process looked up in the last `ttlMs`, so that a client's burst of requests
 * asks Neo4j once (the lookup was a third of all Neo4j transactions under load). Only known
 * sessions are kept (a made-up cookie cannot fill it), at most `max`, the oldest dropped first.
 * This process forgets a session at once when it is signed out here, and every session when an
 * account changes here; another process sees such a change within `ttlMs`. 0 turns it off.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; until: number }>();
  constructor(
    readonly ttlMs: number,
    readonly max = 10_000,
  ) {}
  get(id: string, now: number): SessionUser | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.until > now) return hit.user;
    this.entries.delete(id);
    return undefined;
  }
  set(id: string, user: SessionUser, now: number): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(id);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { user, until: now + this.ttlMs });
  }
  forget(id: string): void {
    this.entries.delete(id);
  }
  clear(): void {
    this.entries.clear();
  }
}

/** The session a cookie's token stands for, or null when it is unknown or has expired. */
export async function sessionOf(db: Db, raw: string | undefined, cache?: SessionCache): Promise<SessionUser | null> {
  if (!raw || raw.length > 100) return null;
  const id = sha256(raw);
  const now = Date.now();
  const cached = cache?.get(id, now);
  if (cached) return cached;
  const [row] = await db.read(cypher('auth-session'), { id, now });
  if (!row || !ROLES.includes(row.role as Role)) return null;
  const user: SessionUser = {
    username: String(row.username),
    role: row.role as Role,
    csrf: String(row.csrf),
    mustChangePassword: row.mustChangePassword === true,
    sessionId: id,
  };
  cache?.set(id, user, now);
  return user;
}
