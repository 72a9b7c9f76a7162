// Accounts, roles, sessions, CSRF and lock-out (server/auth.ts) against the real Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { connect, type AddressInfo } from 'node:net';
import { buildApp } from '../../server/app.js';
import { ROLES, SESSION_COOKIE, createUser, ensureAdmin, type Role } from '../../server/auth.js';
import type { Db } from '../../server/db.js';
import { TEST_PASSWORD, asSession, signIn, type TestSession } from '../helpers.js';
import { useExamples } from '../fixtures/index.js';

const examples = useExamples();
const { settings } = examples;
let db: Db;
let app: FastifyInstance;
const sessions = new Map<Role, TestSession>();

beforeAll(async () => {
  ({ db } = examples);
  app = await buildApp(db, settings);
  for (const role of ROLES) sessions.set(role, await signIn(app, db, role));
});
afterAll(async () => {
  await app?.close();
});

const login = (username: string, password: string, cookie?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers: cookie ? { cookie } : {},
  });
const cookieOf = (r: Awaited<ReturnType<typeof login>>) =>
  `${SESSION_COOKIE}=${r.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

describe('every route checks its role on the server', () => {
  it('each route of the OpenAPI document has a role, and each role below it is refused — anonymous 401, others 403', async () => {
    const doc = (
      await app.inject({ method: 'GET', url: '/api/openapi.json', headers: asSession(sessions.get('viewer')!) })
    ).json();
    const routes: [string, string][] = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) =>
        Object.keys(methods).map((m) => [m.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1')] as [string, string]),
    );
    expect(routes.length).toBeGreaterThan(25);
    const checked: string[] = [];
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      const needed = app.routeRoles.get(key)!;
      expect(needed, `${key} states no role`).toBeDefined();
      if (needed === 'public' || key === 'POST /api/auth/logout') continue;
      const url = path.replace(/:(\w+)/g, 'nobody-here');
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await app.inject({ method: method as 'GET', url, payload });
      expect(anonymous.statusCode, `${key} anonymous`).toBe(401);
      for (const role of ROLES) {
        const r = await app.inject({ method: method as 'GET', url, payload, headers: asSession(sessions.get(role)!) });
        const allowed = ROLES.indexOf(role) >= ROLES.indexOf(needed);
        if (allowed) expect([401, 403], `${key} as ${role}: ${r.body}`).not.toContain(r.statusCode);
        else {
          expect(r.statusCode, `${key} as ${role}`).toBe(403);
          expect(r.json()).toMatchObject({
            error: 'forbidden',
            message: `this needs the ${needed} role; you are ${role}`,
          });
        }
      }
      checked.push(key);
    }
    // The routes that matter most are among those checked.
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /api/import',
        'GET /api/gaps',
        'POST /api/scenarios',
        'GET /api/users',
        'POST /api/explore/expand',
      ]),
    );
  });

  it('a viewer explores but cannot read gaps or import; an editor imports', async () => {
    const viewer = asSession(sessions.get('viewer')!);
    expect((await app.inject({ method: 'GET', url: '/api/search?q=Пример', headers: viewer })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/gaps?chain=timber&region=11', headers: viewer })).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/gaps?chain=timber&region=11',
          headers: asSession(sessions.get('planner')!),
        })
      ).statusCode,
    ).toBe(200);
    const form = { 'content-type': 'multipart/form-data; boundary=x' };
    const body =
      '--x\r\nContent-Disposition: form-data; name="clusters"; filename="c.csv"\r\n\r\nid,name,kind,status,chain,regions\r\n--x--\r\n';
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/import?dryRun=true',
          payload: body,
          headers: { ...asSession(sessions.get('planner')!), ...form },
        })
      ).statusCode,
    ).toBe(403);
    expect([200, 422]).toContain(
      (
        await app.inject({
          method: 'POST',
          url: '/api/import?dryRun=true',
          payload: body,
          headers: { ...asSession(sessions.get('editor')!), ...form },
        })
      ).statusCode,
    );
  });
});

describe('sessions', () => {
  it("a change without the session's CSRF token, or with another session's, is refused", async () => {
    const planner = sessions.get('planner')!;
    const other = sessions.get('admin')!;
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/scenarios', payload: { name: 'CSRF' }, headers });
    const none = await post({ cookie: planner.cookie });
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toBe('csrf');
    expect((await post({ cookie: planner.cookie, 'x-csrf-token': other.csrf })).statusCode).toBe(403);
    expect((await post({ cookie: planner.cookie, 'x-csrf-token': '' })).statusCode).toBe(403);
    expect((await post(asSession(planner))).statusCode).toBe(201);
    // From another site, even with the token: refused before anything else.
    expect((await post({ ...asSession(planner), origin: 'https://evil.example' })).statusCode).toBe(403);
  });

  it('sign-in always makes a new session: a token brought by the client is never adopted (fixation), and its session ends', async () => {
    await createUser(db, { username: 'fixation', role: 'viewer', password: TEST_PASSWORD });
    const first = await login('fixation', TEST_PASSWORD);
    const planted = `${SESSION_COOKIE}=attacker-chosen-value-0123456789`;
    const second = await login('fixation', TEST_PASSWORD, planted);
    expect(second.statusCode).toBe(200);
    expect(cookieOf(second)).not.toBe(planted);
    const third = await login('fixation', TEST_PASSWORD, cookieOf(first));
    expect(cookieOf(third)).not.toBe(cookieOf(first));
    // The session the client brought has ended; the new one works.
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieOf(first) } })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieOf(third) } })).json(),
    ).toMatchObject({ username: 'fixation', role: 'viewer' });
    // The cookie is HttpOnly and SameSite=Strict; Neo4j keeps only the token's hash.
    const set = third.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const [{ n }] = await db.read('MATCH (s:Session) WHERE s.id = $raw RETURN count(s) AS n', { raw: set.value });
    expect(Number(n)).toBe(0);
  });

  it('sign-out ends the session on the server', async () => {
    const s = await signIn(app, db, 'viewer');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: asSession(s) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/search?q=x', headers: asSession(s) })).statusCode).toBe(401);
  });

  it('passwords are stored as argon2id hashes, never as given', async () => {
    const [row] = await db.read("MATCH (u:User {username: 'fixation'}) RETURN u.passwordHash AS h");
    expect(String(row.h)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(String(row.h)).not.toContain(TEST_PASSWORD);
  });
});

describe('the public health answer', () => {
  it('tells anyone whether the database answers, and only a signed-in user its version and contents', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ status: 'ok', neo4j: { reachable: true } });
    const signedIn = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: asSession(sessions.get('viewer')!),
    });
    expect(signedIn.json().neo4j.version).toMatch(/^5\./);
    expect(signedIn.json().counts.Region).toBe(89);
  });
});

describe('lock-out and rate limits', () => {
  it(`after ${settings.loginMaxFailures} wrong passwords in a row the account is locked, even for the right one, until the time is up`, async () => {
    await createUser(db, { username: 'locked', role: 'viewer', password: TEST_PASSWORD });
    for (let i = 1; i < settings.loginMaxFailures; i++)
      expect((await login('locked', `wrong-${i}`)).statusCode).toBe(401);
    const last = await login('locked', 'wrong-last');
    expect(last.statusCode).toBe(423);
    expect(last.json().message).toMatch(/locked for 15 minutes/);
    // The lock's end as a number, for the sign-in page to show in the reader's language.
    expect(last.json().lockedUntil).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await login('locked', TEST_PASSWORD)).statusCode).toBe(423);
    // The lock lives in Neo4j: time it out there, and the right password works again.
    await db.write("MATCH (u:User {username: 'locked'}) SET u.lockedUntil = $past", { past: Date.now() - 1000 });
    expect((await login('locked', TEST_PASSWORD)).statusCode).toBe(200);
    const [row] = await db.read("MATCH (u:User {username: 'locked'}) RETURN u.failedLogins AS f, u.lockedUntil AS l");
    expect(row).toMatchObject({ f: 0, l: null });
  });

  it('simultaneous wrong sign-ins check at most the allowed number of passwords, then the account is locked', async () => {
    await createUser(db, { username: 'stormed', role: 'viewer', password: TEST_PASSWORD });
    const roomy = await buildApp(db, { ...settings, loginRatePerMinute: 1000 }); // no 429 in the way
    try {
      const attempt = (password: string) =>
        roomy.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'stormed', password } });
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => attempt(`wrong-${i}`)));
      // A checked password answers 401, or 423 «locked for» (the one that locked); an attempt
      // refused unchecked answers 423 «locked until».
      const checked = answers.filter((r) => r.statusCode !== 423 || /locked for/.test(r.json().message as string));
      expect(checked.length, answers.map((r) => `${r.statusCode} ${r.body}`).join('\n')).toBeLessThanOrEqual(
        settings.loginMaxFailures,
      );
      // The right password after the storm finds the account locked.
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(423);
    } finally {
      await roomy.close();
    }
  });

  it('wrong current passwords on the change route count as failed sign-ins and lock the account', async () => {
    await createUser(db, { username: 'guessed', role: 'viewer', password: TEST_PASSWORD });
    const r = await login('guessed', TEST_PASSWORD);
    const session = { username: 'guessed', cookie: cookieOf(r), csrf: r.json().csrf };
    const change = (current: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { current, next: 'a brand new long secret' },
        headers: asSession(session),
      });
    const codes = [];
    for (let i = 0; i < settings.loginMaxFailures; i++) codes.push((await change(`guess-${i}`)).statusCode);
    expect(codes).toEqual([...Array(settings.loginMaxFailures - 1).fill(401), 423]);
    expect((await change(TEST_PASSWORD)).statusCode).toBe(423);
    expect((await login('guessed', TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await login('nobody-at-all', 'whatever-password');
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: 'unauthenticated', message: 'wrong user name or password' });
  });

  it('an unknown user name is counted and locked like an account: the answers never tell which names exist', async () => {
    await createUser(db, { username: 'existing', role: 'viewer', password: TEST_PASSWORD });
    const roomy = await buildApp(db, { ...settings, loginRatePerMinute: 1000 });
    try {
      const answers = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i <= settings.loginMaxFailures; i++) {
          const r = await roomy.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username, password: `wrong-${i}` },
          });
          // The lock's end differs by the moment it was set; everything else must be equal.
          const { lockedUntil, ...body } = r.json() as { lockedUntil?: number; message: string };
          const locked = lockedUntil === undefined ? '' : ' with its end';
          out.push(`${r.statusCode} ${JSON.stringify(body).replace(/until \S+"/, 'until …"')}${locked}`);
        }
        return out;
      };
      const known = await answers('existing');
      const unknown = await answers('nobody-here');
      expect(unknown).toEqual(known);
      expect(known.at(-2)).toMatch(/^423 .*locked for/);
      expect(known.at(-1)).toMatch(/^423 .*locked until/);
      const [guard] = await db.read("MATCH (g:SignInGuard {username: 'nobody-here'}) RETURN g.lockedUntil AS l");
      expect(Number(guard.l)).toBeGreaterThan(Date.now());
    } finally {
      await roomy.close();
    }
  });

  it('failures older than the lock-out period no longer count, and stale guards of unknown names are deleted', async () => {
    await createUser(db, { username: 'patient', role: 'viewer', password: TEST_PASSWORD });
    const roomy = await buildApp(db, { ...settings, loginRatePerMinute: 1000 });
    const login = (username: string, password: string) =>
      roomy.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    try {
      for (let i = 1; i < settings.loginMaxFailures; i++) {
        expect((await login('patient', `wrong-${i}`)).statusCode).toBe(401);
        expect((await login('ghost-name', `wrong-${i}`)).statusCode).toBe(401);
      }
      const past = Date.now() - settings.lockoutMinutes * 60_000 - 1000;
      await db.write("MATCH (u:User {username: 'patient'}) SET u.lastFailedAt = $past", { past });
      await db.write("MATCH (g:SignInGuard {username: 'ghost-name'}) SET g.lastFailedAt = $past", { past });
      // One more failure each would have locked; after the period it is the first of a new row.
      expect((await login('patient', 'wrong-again')).statusCode).toBe(401);
      const [row] = await db.read("MATCH (u:User {username: 'patient'}) RETURN u.failedLogins AS f");
      expect(Number(row.f)).toBe(1);
      // Any attempt sweeps the stale guard; the name's next attempt starts a new one at 1.
      expect(await db.read("MATCH (g:SignInGuard {username: 'ghost-name'}) RETURN g")).toHaveLength(0);
      expect((await login('ghost-name', 'wrong-again')).statusCode).toBe(401);
      const [guard] = await db.read("MATCH (g:SignInGuard {username: 'ghost-name'}) RETURN g.failedLogins AS f");
      expect(Number(guard.f)).toBe(1);
    } finally {
      await roomy.close();
    }
  });

  it('one client address may try only so often a minute (429)', async () => {
    const strict = await buildApp(db, { ...settings, loginRatePerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (
            await strict.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'nobody-throttled', password: 'x' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });

  it('sign-ins refused by the rate limit are written to the audit trail once a minute, not each', async () => {
    const strict = await buildApp(db, { ...settings, loginRatePerMinute: 2 });
    try {
      const name = `throttled-${Date.now()}`;
      const since = Date.now();
      const codes = [];
      for (let i = 0; i < 8; i++)
        codes.push(
          (await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: 'x' } }))
            .statusCode,
        );
      expect(codes).toEqual([401, 401, 429, 429, 429, 429, 429, 429]);
      // A throttled request is refused before its body is read: its entry names no account.
      const [row] = await db.read(
        `MATCH (a:AuditEvent) WHERE a.action = 'sign-in-failed' AND a.at >= $since
         RETURN count(CASE WHEN a.target = $name THEN 1 END) AS checked, count(CASE WHEN a.status = 429 THEN 1 END) AS throttled`,
        { name, since },
      );
      expect(row).toEqual({ checked: 2, throttled: 1 });
    } finally {
      await strict.close();
    }
  });

  it('a made-up session cookie does not buy a fresh budget', async () => {
    const strict = await buildApp(db, { ...settings, loginRatePerMinute: 3, rateLimitPerMinute: 4 });
    try {
      const cookie = () => ({ cookie: `coopgraph_session=${Math.random().toString(36).slice(2)}` });
      const logins = [];
      for (let i = 0; i < 4; i++)
        logins.push(
          (
            await strict.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'nobody-with-cookies', password: 'x' },
              headers: cookie(),
            })
          ).statusCode,
        );
      expect(logins).toEqual([401, 401, 401, 429]);
      // Any route: the made-up cookies count against the address's budget, not each its own.
      const reads = [];
      for (let i = 0; i < 5; i++)
        reads.push((await strict.inject({ method: 'GET', url: '/api/reference', headers: cookie() })).statusCode);
      expect(reads).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('accounts', () => {
  it('the first start creates an admin with a one-time password that must be changed; later starts do nothing', async () => {
    await db.write('MATCH (u:User) DETACH DELETE u');
    await db.write('MATCH (s:Session) DETACH DELETE s');
    const lines: string[] = [];
    await ensureAdmin(db, settings, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    const password = lines[0].match(/one-time password (\S+)/)![1];
    expect(password).toHaveLength(16);
    await ensureAdmin(db, settings, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    const r = await login('admin', password);
    expect(r.json()).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    const admin = { username: 'admin', cookie: cookieOf(r), csrf: r.json().csrf };
    // Until it is changed, the one-time password opens nothing else.
    for (const url of ['/api/search?q=Коми', '/api/users', '/api/imports']) {
      const refused = await app.inject({ method: 'GET', url, headers: asSession(admin) });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error).toBe('password_change_required');
    }
    // The health answer tells it no more than it tells anyone: no version, no counts.
    const health = await app.inject({ method: 'GET', url: '/api/health', headers: asSession(admin) });
    expect(health.json()).toEqual({ status: 'ok', neo4j: { reachable: true } });
    const change = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { current: password, next: 'short' },
      headers: asSession(admin),
    });
    expect(change.statusCode).toBe(400);
    const guessable = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { current: password, next: 'aaaaaaaaaa' },
      headers: asSession(admin),
    });
    expect(guessable.statusCode).toBe(400);
    expect(guessable.json()).toMatchObject({ error: 'weak_password', reason: 'password_guessable' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          payload: { current: password, next: 'a much longer secret' },
          headers: asSession(admin),
        })
      ).statusCode,
    ).toBe(204);
    expect((await login('admin', 'a much longer secret')).json().mustChangePassword).toBe(false);

    // Accounts by the admin: a planner with a one-time password; a new password ends its sessions.
    const made = await app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'anna', role: 'planner' },
      headers: asSession(admin),
    });
    expect(made.statusCode).toBe(201);
    const anna = await login('anna', made.json().oneTimePassword);
    expect(anna.json()).toMatchObject({ role: 'planner', mustChangePassword: true });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/users',
          payload: { username: 'anna', role: 'viewer' },
          headers: asSession(admin),
        })
      ).statusCode,
    ).toBe(409);
    const list = (await app.inject({ method: 'GET', url: '/api/users', headers: asSession(admin) })).json();
    expect(list.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'anna']);
    expect(JSON.stringify(list)).not.toContain('argon2');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/users/anna',
          payload: { disabled: true },
          headers: asSession(admin),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieOf(anna) } })).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/users/admin',
          payload: { role: 'viewer' },
          headers: asSession(admin),
        })
      ).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: '/api/users/anna', headers: asSession(admin) })).statusCode).toBe(
      204,
    );
  });

  it('with COOPGRAPH_ADMIN_PASSWORD the first admin takes it', async () => {
    await db.write('MATCH (u:User) DETACH DELETE u');
    const lines: string[] = [];
    await ensureAdmin(db, { ...settings, adminPassword: 'from the environment' }, (l) => lines.push(l));
    expect(lines[0]).toMatch(/COOPGRAPH_ADMIN_PASSWORD/);
    expect(lines[0]).not.toContain('from the environment');
    expect((await login('admin', 'from the environment')).json()).toMatchObject({
      role: 'admin',
      mustChangePassword: false,
    });
  });
});

describe('the audit trail', () => {
  it('records who imported and changed what, with counts; admins query it, others may not', async () => {
    const editor = await signIn(app, db, 'editor');
    const planner = await signIn(app, db, 'planner');
    const since = Date.now();
    const form = { 'content-type': 'multipart/form-data; boundary=x' };
    const csv = 'id,name,kind,status,chain,regions\r\nau-1,Кластер аудита,industrial,forming,timber,11\r\n';
    const body = `--x\r\nContent-Disposition: form-data; name="clusters"; filename="c.csv"\r\n\r\n${csv}--x--\r\n`;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: body,
      headers: { ...asSession(editor), ...form },
    });
    expect(imported.statusCode).toBe(200);
    const scenario = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { name: 'Аудит', items: [] },
      headers: asSession(planner),
    });
    const id = scenario.json().id;
    await app.inject({ method: 'DELETE', url: `/api/scenarios/${id}`, headers: asSession(planner) });
    await login('nobody-audit', 'wrong password here');
    // Refused requests change nothing and are not changes: a viewer's import attempt.
    await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: body,
      headers: { ...asSession(sessions.get('viewer')!), ...form },
    });

    const admin = asSession(await signIn(app, db, 'admin'));
    const changed = await signIn(app, db, 'viewer');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/users/${changed.username}`,
          payload: { role: 'editor', disabled: true },
          headers: admin,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/users/${changed.username}`,
          payload: { password: 'another long password' },
          headers: admin,
        })
      ).statusCode,
    ).toBe(204);
    const updates = (
      await app.inject({ method: 'GET', url: `/api/audit?since=${since}&action=user-update`, headers: admin })
    ).json().events;
    // What an account change changed, newest first; never the password itself.
    expect(updates.map((e: { target: string; changes: string[] }) => [e.target, e.changes])).toEqual([
      [changed.username, ['password']],
      [changed.username, ['role:editor', 'disabled']],
    ]);
    expect(JSON.stringify(updates)).not.toContain('another long password');
    const trail = (await app.inject({ method: 'GET', url: `/api/audit?since=${since}`, headers: admin })).json().events;
    const mine = trail.filter(
      (e: { user: string }) => e.user === editor.username || e.user === planner.username || e.user === 'anonymous',
    );
    expect(mine.map((e: { action: string }) => e.action).reverse()).toEqual([
      'import',
      'scenario-create',
      'scenario-delete',
      'sign-in-failed',
    ]);
    expect(mine.at(-1)).toMatchObject({
      user: editor.username,
      action: 'import',
      status: 200,
      counts: { clusters: 1, enterprises: 0, links: 0, errors: 0, files: 1 },
    });
    expect(mine.find((e: { action: string }) => e.action === 'scenario-create')).toMatchObject({
      user: planner.username,
      target: id,
      status: 201,
      counts: { items: 0 },
    });
    expect(mine[0]).toMatchObject({ user: 'anonymous', target: 'nobody-audit', status: 401 });
    expect(JSON.stringify(trail)).not.toContain('wrong password here');
    const onlyImports = (
      await app.inject({ method: 'GET', url: `/api/audit?since=${since}&action=import`, headers: admin })
    ).json().events;
    expect(onlyImports.map((e: { user: string }) => e.user)).toEqual([editor.username]);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: asSession(planner) })).statusCode).toBe(403);
  });
});

describe('saved views', () => {
  it('are kept per user in Neo4j, shared with the team when asked, and deleted only by their owner or an admin', async () => {
    const anna = await signIn(app, db, 'viewer');
    const boris = await signIn(app, db, 'planner');
    const save = (s: TestSession, name: string, shared: boolean) =>
      app.inject({
        method: 'POST',
        url: '/api/views',
        payload: { name, hash: `#explore?n=region:11&layout=chain&x=${name}`, shared },
        headers: asSession(s),
      });
    const mine = (await save(anna, 'Коми, личный', false)).json();
    const team = (await save(anna, 'Коми, для команды', true)).json();
    expect(mine).toMatchObject({
      owner: anna.username,
      shared: false,
      hash: '#explore?n=region:11&layout=chain&x=Коми, личный',
    });
    expect((await save(anna, 'плохой', false)).statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/views',
      payload: { name: 'x', hash: 'javascript:alert(1)' },
      headers: asSession(anna),
    });
    expect(bad.statusCode).toBe(400);
    const list = async (s: TestSession) =>
      (await app.inject({ method: 'GET', url: '/api/views', headers: asSession(s) }))
        .json()
        .views.map((v: { id: string }) => v.id);
    expect(await list(anna)).toEqual(expect.arrayContaining([mine.id, team.id]));
    expect(await list(boris)).toContain(team.id);
    expect(await list(boris)).not.toContain(mine.id);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/views/${team.id}`, headers: asSession(boris) })).statusCode,
    ).toBe(403);
    const admin = await signIn(app, db, 'admin');
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/views/${team.id}`, headers: asSession(admin) })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/views/${mine.id}`, headers: asSession(anna) })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/views/${mine.id}`, headers: asSession(anna) })).statusCode,
    ).toBe(404);
    expect(await list(boris)).not.toContain(team.id);
  });
});

describe('limits', () => {
  it('an upload with more plain fields, or a longer one, than the import reads is refused, naming the setting', async () => {
    const editor = await signIn(app, db, 'editor');
    const boundary = '----coopgraphfields';
    const fields = Array.from(
      { length: 30 },
      (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${'x'.repeat(100)}\r\n`,
    ).join('');
    const post = (url: string, parts: string) =>
      app.inject({
        method: 'POST',
        url,
        payload: `${parts}--${boundary}--\r\n`,
        headers: { ...asSession(editor), 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    const r = await post('/api/import?dryRun=true', fields);
    expect(r.statusCode).toBe(413);
    expect(r.json().message).toBe('the upload has more than 20 plain fields (UPLOAD_MAX_FIELDS)');
    // One field past UPLOAD_MAX_FIELD_KB (64) is refused, not cut short and read.
    const long = `--${boundary}\r\nContent-Disposition: form-data; name="regions"\r\n\r\n${'1,'.repeat(40_000)}\r\n`;
    const r2 = await post('/api/import/register', long);
    expect(r2.statusCode).toBe(413);
    expect(r2.json().message).toBe('the field regions exceeds 64 KB (UPLOAD_MAX_FIELD_KB)');
    // The file import reads no plain field, and still refuses one cut short.
    const file = `--${boundary}\r\nContent-Disposition: form-data; name="enterprises"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\nid,name\r\n`;
    const r3 = await post('/api/import?dryRun=true', `${file}${long.replace('regions', 'note')}`);
    expect(r3.statusCode).toBe(413);
    // A file's name is cut to 255 characters, and never inside a character.
    const longName = `${'я'.repeat(254)}😀.csv`;
    const named = await post(
      '/api/import?dryRun=true',
      `--${boundary}\r\nContent-Disposition: form-data; name="enterprises"; filename="${longName}"\r\nContent-Type: text/csv\r\n\r\nid,name,region,okved\r\ne1,Пармалес,11,16.10\r\n`,
    );
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().files[0].file).toBe('я'.repeat(254));
    expect(r3.json().message).toBe('the field note exceeds 64 KB (UPLOAD_MAX_FIELD_KB)');
  });

  it('imports reading files at once are bounded by IMPORT_MAX_PARALLEL; one waiting past IMPORT_WAIT_MS is refused', async () => {
    const one = await buildApp(db, { ...settings, importMaxParallel: 1, importWaitMs: 100 });
    try {
      const editor = await signIn(one, db, 'editor');
      const boundary = '----coopgraphparallel';
      const rows = Array.from({ length: 30_000 }, (_, i) => `p${i},Предприятие ${i},11,16.10`).join('\r\n');
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="enterprises"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\nid,name,region,okved\r\n${rows}\r\n--${boundary}--\r\n`;
      const dryRun = () =>
        one.inject({
          method: 'POST',
          url: '/api/import?dryRun=true',
          payload,
          headers: { ...asSession(editor), 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
      const answers = await Promise.all([dryRun(), dryRun()]);
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses, answers.map((r) => r.body.slice(0, 200)).join('\n')).toEqual([200, 503]);
      const refused = answers.find((r) => r.statusCode === 503)!.json();
      expect(refused.error).toBe('import_busy');
      expect(refused.message).toMatch(/IMPORT_MAX_PARALLEL/);
      // The slot was given back: the next check runs.
      expect((await dryRun()).statusCode).toBe(200);
    } finally {
      await one.close();
    }
  });

  it('a client sending its request a byte at a time is cut off (408) at COOPGRAPH_REQUEST_TIMEOUT_MS', async () => {
    const slow = await buildApp(db, { ...settings, requestTimeoutMs: 1500 });
    try {
      await slow.listen({ host: '127.0.0.1', port: 0 });
      const { port } = slow.server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
      // A byte every half second: never idle, never done.
      const drip = setInterval(() => socket.writable && socket.write(' '), 500);
      await closed;
      clearInterval(drip);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await slow.close();
    }
  }, 20_000);

  it('each session has a per-minute budget of requests (429), and a body over the limit is refused (413), each with the reason', async () => {
    const strict = await buildApp(db, { ...settings, rateLimitPerMinute: 5, bodyLimitKb: 16, exportMaxNodes: 100 });
    try {
      const s = await signIn(strict, db, 'viewer'); // the sign-in has its own budget
      const codes = [];
      for (let i = 0; i < 6; i++)
        codes.push((await strict.inject({ method: 'GET', url: '/api/reference', headers: asSession(s) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
      const other = await signIn(strict, db, 'viewer'); // another session has its own budget
      expect(
        (await strict.inject({ method: 'GET', url: '/api/reference', headers: asSession(other) })).statusCode,
      ).toBe(200);
      const big = await strict.inject({
        method: 'POST',
        url: '/api/explore/nodes',
        payload: { ids: Array.from({ length: 2000 }, (_, i) => `enterprise:x-${i}`) },
        headers: asSession(other),
      });
      expect(big.statusCode).toBe(413);
      expect(big.json().message).toContain('16 KB (COOPGRAPH_BODY_LIMIT_KB)');
      // The export takes more (ids and positions), up to a limit of its own.
      const exportIds = (n: number) => Array.from({ length: n }, (_, i) => `enterprise:x-${i}`);
      const bigExport = await strict.inject({
        method: 'POST',
        url: '/api/export',
        payload: { format: 'csv', ids: exportIds(20_000) },
        headers: asSession(await signIn(strict, db, 'planner')),
      });
      expect(bigExport.statusCode).toBe(413);
      expect(bigExport.json().message).toMatch(
        /exceeds \d+ KB \(EXPORT_MAX_NODES × 200 bytes \+ COOPGRAPH_BODY_LIMIT_KB\)/,
      );
      const limited = await strict.inject({ method: 'GET', url: '/api/reference', headers: asSession(s) });
      expect(limited.json()).toMatchObject({ error: 'too_many_requests' });
    } finally {
      await strict.close();
    }
  });
});
