// Stateless servers: two server processes (`npm start`'s script) against one Neo4j serve the same
// users — a session made on one is good on the other — and a restart logs nobody out, because the
// sessions live in Neo4j and not in a process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, REPO_ROOT } from '../../scripts/neo4j.js';
import { createUser } from '../../server/auth.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { TEST_PASSWORD } from '../helpers.js';
import { useExamples } from '../fixtures/index.js';

const examples = useExamples();
const { settings } = examples;
let db: Db;
const servers: ChildProcess[] = [];

/** One server process on a free port; resolves with its base URL once it says it runs. */
async function startServer(port?: number): Promise<{ base: string; child: ChildProcess; port: number }> {
  const p = port ?? (await freePort());
  // Node itself (not npx): a stop signal reaches the server, which shuts down in order.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: settings.neo4jUri,
      NEO4J_USER: settings.neo4jUser,
      NEO4J_PASSWORD: settings.neo4jPassword,
      HOST: '127.0.0.1',
      PORT: String(p),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('coopgraph is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
  return { base: `http://127.0.0.1:${p}`, child, port: p };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  ({ db } = examples);
  await createUser(db, { username: 'two-servers', role: 'planner', password: TEST_PASSWORD });
}, 60_000);
afterAll(async () => {
  for (const child of servers) await stop(child);
});

describe('two server processes against one Neo4j', () => {
  it('share sessions, and a restart keeps them', async () => {
    // One after the other: a free port is only known to be free until someone binds it.
    const a = await startServer();
    const b = await startServer();
    const signIn = await fetch(`${a.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'two-servers', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrf } = await signIn.json();
    // Signed in on A, read and change on B.
    expect((await fetch(`${b.base}/api/gaps?chain=timber&region=11`, { headers: { cookie } })).status).toBe(200);
    const created = await fetch(`${b.base}/api/scenarios`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'made on B' }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await (await fetch(`${a.base}/api/scenarios/${id}`, { headers: { cookie } })).json()).name).toBe(
      'made on B',
    );
    // A restarts: the session is still good there.
    await stop(a.child);
    const again = await startServer(a.port);
    const session = await fetch(`${again.base}/api/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ username: 'two-servers', role: 'planner', csrf });
    // Signing out on one ends the session on the other once that one's session cache lets go of
    // it (COOPGRAPH_SESSION_CACHE_MS, 2 s by default); on the server signed out on, at once.
    expect(
      (await fetch(`${again.base}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } }))
        .status,
    ).toBe(204);
    const signedOut = Date.now();
    expect((await fetch(`${again.base}/api/gaps?chain=timber&region=11`, { headers: { cookie } })).status).toBe(401);
    let status = 0;
    while (Date.now() - signedOut < DEFAULT_SETTINGS.sessionCacheMs + 1000) {
      status = (await fetch(`${b.base}/api/gaps?chain=timber&region=11`, { headers: { cookie } })).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
  }, 240_000);
});
