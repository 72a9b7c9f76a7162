// The app alone in a process of its own, so that the export benchmark can read the server's
// memory (VmHWM of this process) apart from its own. Prints its URL on the first line, and on
// the second the session headers of a bench account signed in there. With BENCH_SERVER_STATS=1
// it also times, inside the server, every request by route and every Neo4j call by query file,
// and watches the event loop; on SIGUSR2 it prints them as one JSON line (ServerStats).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { buildApp } from '../../server/app.js';
import { UNTHROTTLED, benchHeaders } from './lib.js';

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  neo4jUri: process.env.BENCH_EXPORT_URI!,
  neo4jUser: process.env.BENCH_EXPORT_USER ?? 'neo4j',
  neo4jPassword: process.env.BENCH_EXPORT_PASSWORD ?? '',
  queryTimeoutMs: 60_000,
};
const db = new Db({
  uri: settings.neo4jUri,
  user: settings.neo4jUser,
  password: settings.neo4jPassword,
  database: settings.neo4jDatabase,
  queryTimeoutMs: settings.queryTimeoutMs,
});
// BENCH_SERVER_THROTTLED=1 keeps the per-session request budget (the load benchmark's clients live with it).
const app = await buildApp(
  db,
  process.env.BENCH_SERVER_THROTTLED === '1'
    ? // Every client of the load benchmark signs in from the one loopback address.
      { ...settings, loginRatePerMinute: 10_000 }
    : { ...settings, ...UNTHROTTLED },
);
/** Milliseconds by name: requests by route, Neo4j calls by query file. */
export interface ServerStats {
  routes: Record<string, number[]>;
  queries: Record<string, number[]>;
  /** Event loop delay (ms) and utilisation (0–1) over the timed period. */
  loop: { p50: number; p99: number; max: number; utilisation: number };
}
if (process.env.BENCH_SERVER_STATS === '1') {
  const routes: Record<string, number[]> = {};
  const queries: Record<string, number[]> = {};
  const add = (to: Record<string, number[]>, key: string, ms: number) => (to[key] ??= []).push(ms);
  app.addHook('onResponse', async (request, reply) => {
    add(routes, `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`, reply.elapsedTime);
  });
  // A query is known by its file: templated ones keep the file's opening comment.
  const dir = join(REPO_ROOT, 'cypher');
  const heads = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => [readFileSync(join(dir, f), 'utf8').trim().slice(0, 60), f.replace(/\.cypher$/, '')] as const);
  const nameOf = (query: string) => heads.find(([head]) => query.trimStart().startsWith(head))?.[1] ?? 'other';
  for (const method of ['read', 'write'] as const) {
    const original = db[method].bind(db);
    db[method] = async (query, params, timeoutMs) => {
      const t0 = performance.now();
      try {
        return await original(query, params, timeoutMs);
      } finally {
        add(queries, nameOf(query), performance.now() - t0);
      }
    };
  }
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  process.on('SIGUSR2', () => {
    const used = performance.eventLoopUtilization(elu);
    const stats: ServerStats = {
      routes,
      queries,
      loop: {
        p50: delay.percentile(50) / 1e6,
        p99: delay.percentile(99) / 1e6,
        max: delay.max / 1e6,
        utilisation: used.utilization,
      },
    };
    console.log(JSON.stringify(stats));
    delay.reset();
    elu = performance.eventLoopUtilization();
  });
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(url);
console.log(JSON.stringify(await benchHeaders(app, db)));
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
