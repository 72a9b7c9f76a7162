// The overview on an existing graph (e.g. the million-enterprise seed): the live query it used to
// run, the refresh of its aggregate, and GET /api/overview over HTTP reading the aggregate.
//
//   BENCH_NEO4J_URI=neo4j://127.0.0.1:7790 BENCH_NEO4J_PASSWORD=$(cat .neo4j/big/password) \
//     npx tsx tests/bench/overview.ts [--live N] [--requests N]
//
// Writes the aggregate into that database (as an import would); reads nothing else.
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { applySchema } from '../../server/setup.js';
import { refreshAggregate } from '../../server/aggregate.js';
import { overviewLive } from '../../server/overview.js';
import { buildApp } from '../../server/app.js';
import { UNTHROTTLED, benchHeaders, fmt, measure, table } from './lib.js';

const { values } = parseArgs({
  options: { live: { type: 'string', default: '2' }, requests: { type: 'string', default: '100' } },
});
const uri = process.env.BENCH_NEO4J_URI;
if (!uri) {
  console.error('set BENCH_NEO4J_URI (and BENCH_NEO4J_USER, BENCH_NEO4J_PASSWORD) to the Neo4j that holds the graph');
  process.exit(2);
}
const user = process.env.BENCH_NEO4J_USER ?? 'neo4j';
const password = process.env.BENCH_NEO4J_PASSWORD ?? '';
const settings = { ...DEFAULT_SETTINGS, neo4jUri: uri, neo4jUser: user, neo4jPassword: password };
const CHAINS = ['timber', 'oilgas', 'all'];
const log = (s: string) => console.log(`[bench] ${s}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// The app's own timeouts for reads; the live query and the refresh get as long as they need.
const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: settings.queryTimeoutMs });
const slow = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 3_600_000 });
try {
  await applySchema(slow);
  const [{ enterprises, links }] = await db.read(
    'CALL () { MATCH (e:Enterprise) RETURN count(e) AS enterprises } CALL () { MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS links } RETURN enterprises, links',
  );
  log(`${Number(enterprises).toLocaleString('en')} enterprises, ${Number(links).toLocaleString('en')} links`);

  const live: (string | number)[][] = [];
  for (const chain of CHAINS) {
    const times: number[] = [];
    for (let i = 0; i < Number(values.live); i++) {
      const started = performance.now();
      await overviewLive(slow, chain);
      times.push(performance.now() - started);
      log(`live overview, ${chain}: ${seconds(times[times.length - 1])} s`);
    }
    times.sort((a, b) => a - b);
    if (times.length > 0)
      live.push([`live query, ${chain}`, times.length, seconds(times[0]), seconds(times[times.length - 1])]);
  }

  log('refreshing the aggregate…');
  const started = performance.now();
  const refreshed = await refreshAggregate(slow);
  const refreshSeconds = seconds(performance.now() - started);
  log(
    `  ${refreshSeconds} s: ${refreshed.links.toLocaleString('en')} links into ${refreshed.flows.toLocaleString('en')} region flows (version ${refreshed.version})`,
  );

  const app = await buildApp(db, { ...settings, ...UNTHROTTLED });
  const auth = await benchHeaders(app, db);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const rows: (string | number)[][] = [];
  try {
    for (const chain of CHAINS) {
      const get = async () => {
        const res = await fetch(`${base}/api/overview?chain=${chain}`, { headers: auth });
        if (!res.ok) throw new Error(`/api/overview?chain=${chain}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      await measure(Array.from({ length: 10 }), get); // warm-up
      const l = await measure(Array.from({ length: Number(values.requests) }), get);
      rows.push([`GET /api/overview?chain=${chain}`, l.n, fmt(l.p50), fmt(l.p95), fmt(l.p99), fmt(l.max)]);
    }
  } finally {
    await app.close();
  }

  console.log('');
  if (live.length > 0) console.log(table([['before: live query, s', 'n', 'fastest', 'slowest'], ...live]), '\n');
  console.log(
    table([
      ['refresh aggregate, s', 'links', 'flows'],
      [refreshSeconds, refreshed.links, refreshed.flows],
    ]),
    '\n',
  );
  console.log(table([['after: HTTP latency, ms', 'n', 'p50', 'p95', 'p99', 'max'], ...rows]));
  console.log('');
} finally {
  await db.close();
  await slow.close();
}
