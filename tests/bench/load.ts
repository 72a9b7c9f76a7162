// Load benchmark (part `load` of `npm run bench`): 50 concurrent clients for 60 s on loopback,
// each signed in with its own account, over a realistic mix — search 40 %, expansion 30 %, gaps
// of a region 20 %, export of a small selection (CSV) 10 % — against the server in a process of
// its own (tests/bench/export-server.ts, with the default per-session request budget) on an
// existing large graph: by default the million-enterprise database in .neo4j/big on port 7790
// (BENCH_LOAD_URI, …_USER, …_PASSWORD for another). Prints p50/p95/p99, errors and the server's
// memory before and after; asserts nothing. BENCH_LOAD_CONNECTIONS and BENCH_LOAD_SECONDS change
// the defaults (50, 60).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import { Db } from '../../server/db.js';
import { createUser } from '../../server/auth.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { TEST_PASSWORD } from '../helpers.js';
import { fmt, percentile, table } from './lib.js';
import type { ServerStats } from './export-server.js';

export interface LoadBench {
  graph: { enterprises: number; links: number };
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Of the answered requests (ms); timeouts are counted apart. */
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Socket errors, timeouts and non-2xx answers, by status. */
  errors: number;
  timeouts: number;
  non2xx: number;
  status: Record<string, number>;
  memoryMb: { before: number; after: number; peak: number };
  /** Timed inside the server over the run: requests by route, Neo4j calls by query, the event loop. */
  server: ServerStats;
}

const kb = (pid: number, field: string) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))![1]);

export async function benchLoad(opts: { log: (s: string) => void }): Promise<LoadBench> {
  const { log } = opts;
  const uri = process.env.BENCH_LOAD_URI ?? 'neo4j://127.0.0.1:7790';
  const user = process.env.BENCH_LOAD_USER ?? 'neo4j';
  const password =
    process.env.BENCH_LOAD_PASSWORD ?? readFileSync(join(REPO_ROOT, '.neo4j/big', 'password'), 'utf8').trim();
  const connections = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
  const db = new Db({ uri, user, password, database: 'neo4j', queryTimeoutMs: 120_000 });
  const server = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tests/bench/export-server.ts')], {
    env: {
      ...process.env,
      BENCH_EXPORT_URI: uri,
      BENCH_EXPORT_USER: user,
      BENCH_EXPORT_PASSWORD: password,
      BENCH_SERVER_THROTTLED: '1',
      BENCH_SERVER_STATS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [{ enterprises, links }] = await db.read(
      'CALL () { MATCH (e:Enterprise) RETURN count(e) AS enterprises } CALL () { MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS links } RETURN enterprises, links',
    );
    log(`${uri}: ${Number(enterprises).toLocaleString('en')} enterprises, ${Number(links).toLocaleString('en')} links`);
    // The server's lines in turn: its URL, a bench session, then its stats on each SIGUSR2.
    const lines: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    });
    const exited = new Promise<never>((_, reject) =>
      server.once('exit', (code) => reject(new Error(`the server exited (${code})`))),
    );
    const nextLine = () =>
      Promise.race([
        lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise<string>((r) => waiting.push(r)),
        exited,
      ]);
    const serverStats = async (): Promise<ServerStats> => {
      server.kill('SIGUSR2');
      for (;;) {
        const line = await nextLine();
        if (line.startsWith('{"routes"')) return JSON.parse(line) as ServerStats;
      }
    };
    const base = await nextLine();
    // The mix's inputs: names to search for, enterprises to expand and export, regions.
    const sample = await db.read(
      'MATCH (e:Enterprise) WITH e, rand() AS r ORDER BY r LIMIT 2000 RETURN e.id AS id, e.name AS name',
    );
    const ids = sample.map((r) => String(r.id));
    const words = [
      ...new Set(
        sample
          .map(
            (r) =>
              String(r.name)
                .replace(/^[^«]*«|».*$/g, '')
                .split(/[\s-]+/)[0],
          )
          .filter((w) => w.length >= 3),
      ),
    ];
    const regions = (await db.read('MATCH (r:Region) RETURN r.code AS code')).map((r) => String(r.code));
    // One account and session per client.
    const stamp = Date.now().toString(36);
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < connections; i++) {
      const username = `load-${stamp}-${i}`;
      await createUser(db, { username, role: 'planner', password: TEST_PASSWORD });
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${await r.text()}`);
      sessions.push({ cookie: r.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await r.json()).csrf });
    }
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
    let next = 0;
    const pid = server.pid!;
    const before = kb(pid, 'VmRSS') / 1024;
    await serverStats(); // from here on: the sign-ins above are not counted
    log(`${connections} clients for ${seconds} s…`);
    const times: number[] = [];
    const result = await new Promise<Result>((resolve, reject) =>
      autocannon(
        {
          url: base,
          connections,
          duration: seconds,
          timeout: 30,
          requests: [
            {
              setupRequest: (_req, context) => {
                if (!context.auth) context.auth = sessions[next++ % sessions.length];
                const auth = context.auth as Record<string, string>;
                const x = rand();
                if (x < 0.4)
                  return {
                    method: 'GET',
                    path: `/api/search?q=${encodeURIComponent(pick(words))}&limit=20`,
                    headers: auth,
                  };
                if (x < 0.7) {
                  return {
                    method: 'POST',
                    path: '/api/explore/expand',
                    headers: { ...auth, 'content-type': 'application/json' },
                    body: JSON.stringify({ id: `enterprise:${pick(ids)}`, limit: 50 }),
                  };
                }
                if (x < 0.9)
                  return {
                    method: 'GET',
                    path: `/api/gaps?chain=${rand() < 0.5 ? 'timber' : 'oilgas'}&region=${pick(regions)}`,
                    headers: auth,
                  };
                const selection = Array.from({ length: 20 }, () => `enterprise:${pick(ids)}`);
                return {
                  method: 'POST',
                  path: '/api/export',
                  headers: { ...auth, 'content-type': 'application/json' },
                  body: JSON.stringify({ format: 'csv', ids: [...new Set(selection)] }),
                };
              },
            },
          ],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      ).on('response', (_client, _status, _bytes, ms) => times.push(ms)),
    );
    times.sort((a, b) => a - b);
    const inside = await serverStats();
    const after = kb(pid, 'VmRSS') / 1024;
    const peak = kb(pid, 'VmHWM') / 1024;
    return {
      graph: { enterprises: Number(enterprises), links: Number(links) },
      connections,
      seconds,
      requests: result.requests.total,
      perSecond: result.requests.average,
      latency: {
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: times.at(-1) ?? 0,
        mean: result.latency.mean,
      },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      status: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
      memoryMb: { before: Math.round(before), after: Math.round(after), peak: Math.round(peak) },
      server: inside,
    };
  } finally {
    server.kill('SIGTERM');
    await db.close();
  }
}

export function printLoad(b: LoadBench): string {
  return [
    `graph: ${b.graph.enterprises.toLocaleString('en')} enterprises, ${b.graph.links.toLocaleString('en')} links; ${b.connections} clients (one account each) for ${b.seconds} s`,
    'mix: search 40 %, expand 30 %, gaps of a region 20 %, export of 20 enterprises as CSV 10 %',
    '',
    table([
      ['requests', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'timeouts', 'non-2xx'],
      [
        b.requests,
        b.perSecond.toFixed(1),
        fmt(b.latency.p50),
        fmt(b.latency.p95),
        fmt(b.latency.p99),
        fmt(b.latency.max),
        b.errors,
        b.timeouts,
        b.non2xx,
      ],
    ]),
    `status codes: ${Object.entries(b.status)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
    `server memory (RSS): ${b.memoryMb.before} MB before, ${b.memoryMb.after} MB after, peak ${b.memoryMb.peak} MB`,
    '',
    "inside the server (from the request's arrival to its answer, ms):",
    table(timed('route', b.server.routes)),
    '',
    'Neo4j calls by query file (a transaction each, from the session asked for to its result; ms):',
    table(timed('query', b.server.queries)),
    '',
    `event loop: delay p50 ${fmt(b.server.loop.p50)} ms, p99 ${fmt(b.server.loop.p99)} ms, max ${fmt(b.server.loop.max)} ms; ` +
      `busy ${(b.server.loop.utilisation * 100).toFixed(0)} % of the time`,
  ].join('\n');
}

/** Count, percentiles and total time by name, the most time first. */
function timed(title: string, by: Record<string, number[]>): (string | number)[][] {
  const rows = Object.entries(by).map(([name, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { name, sorted, total: ms.reduce((a, b) => a + b, 0) };
  });
  rows.sort((a, b) => b.total - a.total);
  return [
    [title, 'n', 'p50', 'p95', 'max', 'total s'],
    ...rows.map((r) => [
      r.name,
      r.sorted.length,
      fmt(percentile(r.sorted, 50)),
      fmt(percentile(r.sorted, 95)),
      fmt(r.sorted.at(-1) ?? 0),
      (r.total / 1000).toFixed(1),
    ]),
  ];
}
