// Helpers for integration, fault and end-to-end tests, over the Neo4j that `npm test` started;
// the set-up built from them (beforeAll/afterAll) lives in ./fixtures.
import { DEFAULT_SETTINGS, type Settings } from '../server/config.js';
import { Db } from '../server/db.js';
import { prepareDatabase } from '../server/setup.js';
import { importFiles, importOptions } from '../server/import/index.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../server/app.js';
import { CSRF_HEADER, SESSION_COOKIE, createUser, type Role } from '../server/auth.js';

export function testSettings(overrides: Partial<Settings> = {}): Settings {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: run the tests with `npm test`, which starts Neo4j');
  return {
    ...DEFAULT_SETTINGS,
    neo4jUri: uri,
    neo4jUser: process.env.TEST_NEO4J_USER ?? 'neo4j',
    neo4jPassword: process.env.TEST_NEO4J_PASSWORD ?? '',
    importBatchSize: 500,
    // Tests of other features are not throttled; the limits' own tests set them low.
    rateLimitPerMinute: 100_000,
    // A test that holds the import lease elsewhere is refused after 5 s, not the default 2 min.
    importWaitMs: 5_000,
    ...overrides,
  };
}

export function testDb(settings = testSettings()): Db {
  return new Db({
    uri: settings.neo4jUri,
    user: settings.neo4jUser,
    password: settings.neo4jPassword,
    database: settings.neo4jDatabase,
    queryTimeoutMs: settings.queryTimeoutMs,
  });
}

/** Empties the database (in batches, so a large leftover graph does not blow the heap). */
export async function wipe(db: Db): Promise<void> {
  for (;;) {
    // A minute per batch: a just-started Neo4j on a busy machine answers its first writes slowly.
    const [row] = await db.write('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n', {}, 60_000);
    if (Number(row.n) === 0) break;
  }
}

/** An empty graph with schema and reference data. */
export async function freshDatabase(db: Db): Promise<void> {
  await wipe(db);
  await prepareDatabase(db);
}

/**
 * A fingerprint of every node and relationship with its properties, for "nothing changed" checks.
 * Bookkeeping is left out: import runs and the import lease, the aggregate's marker, the test
 * fixtures' marker (tests/fixtures/datasets.ts), and of the aggregate's rows the previous version
 * and the version number (a refresh of unchanged data writes the same rows under a new version).
 */
export async function snapshot(db: Db): Promise<string[]> {
  const sorted = (p: unknown) => Object.entries(p as object).sort(([a], [b]) => a.localeCompare(b));
  const nodes = await db.read(
    `OPTIONAL MATCH (g:FlowAggregate {id: 'overview'})
     MATCH (n) WHERE NOT n:ImportRun AND NOT n:ImportLock AND NOT n:FlowAggregate AND NOT n:User AND NOT n:SignInGuard AND NOT n:Session AND NOT n:AuditEvent AND NOT n:SavedView AND NOT n:TestFixture
     WITH n, n:RegionFlow OR n:RegionCount OR n:StageCell OR n:StageFlow AS aggregate, g
     WHERE NOT aggregate OR n.version = g.version
     RETURN labels(n) AS l, CASE WHEN aggregate THEN n {.*, version: null} ELSE properties(n) END AS p`,
  );
  const rels = await db.read(
    'MATCH (a)-[r]->(b) WHERE NOT a:Session RETURN coalesce(a.id, a.code) AS a, type(r) AS t, properties(r) AS p, coalesce(b.id, b.code) AS b',
  );
  return [
    ...nodes.map((n) => JSON.stringify([n.l, sorted(n.p)])),
    ...rels.map((r) => JSON.stringify([r.a, r.t, sorted(r.p), r.b])),
  ].sort();
}

export const EXAMPLES = new URL('../seed/examples/', import.meta.url).pathname;

/** An empty graph holding only the example import files (seed/examples), figures known by hand. */
export async function loadExamples(db: Db, settings: Settings): Promise<void> {
  await freshDatabase(db);
  const report = await importFiles(
    db,
    ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => ({ path: EXAMPLES + f })),
    importOptions(settings),
  );
  if (!report.ok) throw new Error(`the example files did not import: ${JSON.stringify(report.errors.slice(0, 3))}`);
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestSession {
  username: string;
  cookie: string;
  csrf: string;
}

/** A fresh account of `role`, signed in through the API: its cookie header and CSRF token. */
export async function signIn(app: FastifyInstance, db: Db, role: Role): Promise<TestSession> {
  const username = `test-${role}-${randomUUID().slice(0, 8)}`;
  await createUser(db, { username, role, password: TEST_PASSWORD });
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (r.statusCode !== 200) throw new Error(`sign-in failed: ${r.statusCode} ${r.body}`);
  const value = r.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { username, cookie: `${SESSION_COOKIE}=${value}`, csrf: r.json().csrf };
}

/** Headers that make a request as the session: its cookie, and its CSRF token for changes. */
export const asSession = (session: TestSession) => ({ cookie: session.cookie, [CSRF_HEADER]: session.csrf });

/**
 * The app with a signed-in account of `role` (admin by default): its `inject` sends that session
 * unless a request brings its own cookie header. The requests still go through every check of
 * server/auth.ts; tests of the checks themselves sign in as they need.
 */
export async function testApp(db: Db, settings: Settings, role: Role = 'admin'): Promise<FastifyInstance> {
  const app = await buildApp(db, settings);
  const session = await signIn(app, db, role);
  const inject = app.inject.bind(app) as (opts: InjectOptions) => ReturnType<FastifyInstance['inject']>;
  (app as unknown as { inject: (opts: InjectOptions | string) => unknown }).inject = (opts: InjectOptions | string) => {
    const o: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
    const headers = (o.headers ?? {}) as Record<string, string>;
    return inject({ ...o, headers: 'cookie' in headers ? headers : { ...asSession(session), ...headers } });
  };
  return app;
}

/** A multipart/form-data body of files, as a browser sends an upload; for `inject`. */
export function multipart(files: { field: string; name: string; content: Buffer | string }[]) {
  const boundary = '----coopgraph' + Math.random().toString(16).slice(2);
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(f.content),
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
