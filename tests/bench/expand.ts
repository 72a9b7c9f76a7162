// `npm run bench:expand`: latency of the explorer's expansion (POST /api/explore/expand) over
// HTTP, through the real app (buildApp), on a large graph that already exists — by default the
// million-enterprise database in .neo4j/big, which this benchmark neither starts nor stops, and
// writes only its sign-in and the schema's indexes to (applied as `npm start` does: a database
// made before an index the expansion uses gets it, once). Start it first:
//   COOPGRAPH_NEO4J_HOME=.neo4j/big COOPGRAPH_NEO4J_PORT=7790 COOPGRAPH_NEO4J_HEAP=4g \
//   COOPGRAPH_NEO4J_PAGECACHE=4g npm run neo4j -- start
// or point BENCH_EXPAND_URI (BENCH_EXPAND_USER, BENCH_EXPAND_PASSWORD) at another Neo4j.
//
// The mix: random enterprises, anchors (cluster anchors and the buyers with the most supply
// links), every cluster, a few stages and regions (hubs of 10^4–10^5 relationships), shuffled.
// As on screen, each request lists as visible the nodes the previous expansions returned (up to
// 1000; BENCH_EXPAND_VISIBLE sets it). Requests run one at a time after a warm-up that plans every query variant. Prints
// figures; asserts nothing.
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { buildApp } from '../../server/app.js';
import { applySchema } from '../../server/setup.js';
import { UNTHROTTLED, benchHeaders, fmt, percentile, table } from './lib.js';
import { VISIBLE_MAX, password, uri, user } from './expand-target.js';

const log = (s: string) => console.log(`[bench] ${s}`);

const settings: Settings = { ...DEFAULT_SETTINGS, neo4jUri: uri, neo4jUser: user, neo4jPassword: password };
const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 60_000 });

type Kind = 'enterprise' | 'anchor' | 'cluster' | 'stage' | 'region';
interface Probe {
  kind: Kind;
  id: string;
}

/** Fisher–Yates with a fixed seed, so that a run can be repeated on the same sample. */
function shuffle<T>(items: T[], seed = 1): T[] {
  const a = [...items];
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const column = (rows: Record<string, unknown>[], name: string) => rows.map((r) => String(r[name]));

async function sample(): Promise<{ probes: Probe[]; warmup: Probe[] }> {
  log('sampling nodes…');
  const enterprises = column(
    await db.read('MATCH (e:Enterprise) WITH e, rand() AS r ORDER BY r LIMIT 360 RETURN e.id AS id'),
    'id',
  );
  const clusterAnchors = column(
    await db.read("MATCH (e:Enterprise)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster) RETURN DISTINCT e.id AS id"),
    'id',
  );
  const bigBuyers = column(
    await db.read(
      "MATCH (e:Enterprise {size: 'large'}) WITH e, COUNT { (e)<-[:SUPPLIES]-() } AS buyers ORDER BY buyers DESC LIMIT 100 RETURN e.id AS id",
    ),
    'id',
  );
  const clusters = column(await db.read('MATCH (c:Cluster) RETURN c.id AS id ORDER BY id'), 'id');
  const stages = column(await db.read('MATCH (s:Stage) RETURN s.id AS id ORDER BY id'), 'id');
  const regions = column(await db.read('MATCH (r:Region) RETURN r.code AS id ORDER BY id'), 'id');
  const pick = <T>(items: T[], n: number, seed: number) => shuffle(items, seed).slice(0, n);
  const as = (kind: Kind, type: string, keys: string[]) => keys.map((k) => ({ kind, id: `${type}:${k}` }));
  const probes = [
    ...as('enterprise', 'enterprise', enterprises.slice(0, 320)),
    ...as('anchor', 'enterprise', [...pick(clusterAnchors, 20, 2), ...pick(bigBuyers, 20, 3)]),
    ...as('cluster', 'cluster', clusters),
    ...as('stage', 'stage', pick(stages, 5, 4)),
    ...as('region', 'region', pick(regions, 10, 5)),
  ];
  // The warm-up plans every variant (one per node type) and touches the hubs' pages once.
  const warmup = [
    ...as('enterprise', 'enterprise', enterprises.slice(320)),
    ...as('anchor', 'enterprise', pick(bigBuyers, 5, 6)),
    ...as('cluster', 'cluster', pick(clusters, 5, 7)),
    ...as('stage', 'stage', pick(stages, 5, 8)),
    ...as('region', 'region', pick(regions, 5, 9)),
  ];
  return { probes: shuffle(probes, 10), warmup: shuffle(warmup, 11) };
}

interface Result {
  kind: Kind;
  ms: number;
  total: number;
  returned: number;
  edges: number;
  visible: number;
}

/** The bench account's session headers (set once the app is up). */
let auth: Record<string, string> = {};

async function run(base: string, probes: Probe[]): Promise<Result[]> {
  const results: Result[] = [];
  let onScreen: string[] = [];
  for (const probe of probes) {
    const visible = onScreen.slice(0, VISIBLE_MAX);
    const started = performance.now();
    const res = await fetch(`${base}/api/explore/expand`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id: probe.id, visible }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`${probe.id}: ${res.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as {
      node: { id: string };
      nodes: { id: string }[];
      edges: unknown[];
      total: number;
      returned: number;
    };
    results.push({
      kind: probe.kind,
      ms,
      total: body.total,
      returned: body.returned,
      edges: body.edges.length,
      visible: visible.length,
    });
    onScreen = [...new Set([body.node.id, ...body.nodes.map((n) => n.id), ...onScreen])];
  }
  return results;
}

function report(results: Result[]): string {
  const row = (label: string, rs: Result[]) => {
    const t = rs.map((r) => r.ms).sort((a, b) => a - b);
    const mean = (f: (r: Result) => number) => Math.round(rs.reduce((s, r) => s + f(r), 0) / rs.length);
    return [
      label,
      rs.length,
      fmt(percentile(t, 50)),
      fmt(percentile(t, 95)),
      fmt(percentile(t, 99)),
      fmt(t[t.length - 1]),
      mean((r) => r.total),
      mean((r) => r.returned),
      mean((r) => r.edges),
    ];
  };
  const kinds: [Kind, string][] = [
    ['enterprise', '  random enterprises'],
    ['anchor', '  anchors'],
    ['cluster', '  clusters'],
    ['stage', '  stages'],
    ['region', '  regions'],
  ];
  return table([
    ['POST /api/explore/expand, ms', 'n', 'p50', 'p95', 'p99', 'max', 'avg total', 'avg returned', 'avg edges'],
    row('all', results),
    ...kinds.map(([kind, label]) =>
      row(
        label,
        results.filter((r) => r.kind === kind),
      ),
    ),
  ]);
}

try {
  const { version } = await db.serverVersion();
  const [counts] = await db.read(
    'MATCH (e:Enterprise) WITH count(e) AS enterprises MATCH ()-[l:SUPPLIES]->() RETURN enterprises, count(l) AS links',
  );
  console.log(
    `\ncoopgraph expansion benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, Neo4j ${version}`,
  );
  console.log(
    `Graph at ${uri}: ${Number(counts.enterprises).toLocaleString('en')} enterprises, ${Number(counts.links).toLocaleString('en')} supply links\n`,
  );
  await applySchema(db);
  const { probes, warmup } = await sample();
  const app = await buildApp(db, { ...settings, ...UNTHROTTLED });
  auth = await benchHeaders(app, db);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    log(`warm-up: ${warmup.length} expansions…`);
    await run(base, warmup);
    log(`measuring ${probes.length} expansions (limit ${settings.expandLimit}, up to ${VISIBLE_MAX} visible)…`);
    const results = await run(base, probes);
    const visible = results.map((r) => r.visible);
    console.log(
      `\nvisible per request: avg ${Math.round(visible.reduce((a, b) => a + b, 0) / visible.length)}, max ${Math.max(...visible)}\n`,
    );
    console.log(report(results));
    console.log('');
  } finally {
    await app.close();
  }
} finally {
  await db.close();
}
