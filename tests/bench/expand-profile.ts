// `npx tsx tests/bench/expand-profile.ts`: the database hits of the explorer's expansion queries,
// counted by Neo4j's PROFILE — a measure of the work that does not move with the machine's load,
// beside `npm run bench:expand`, which measures latency. Same database and variables as that
// benchmark (.neo4j/big on port 7790 by default; BENCH_EXPAND_URI, …_USER, …_PASSWORD).
//
// It fills the screen first (random enterprises' and a cluster's expansions until
// BENCH_EXPAND_VISIBLE nodes, 1,000 by default, are visible; the ids are kept in
// BENCH_EXPAND_SCREEN, /tmp/coopgraph-expand-screen.json by default, so that a later run, after
// a change, profiles the same screen), then expands a few typical nodes with that screen visible
// and prints each query's database hits. Reads only. Prints figures; asserts nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { Db, type Row } from '../../server/db.js';
import { expand } from '../../server/explore.js';
import { table } from './lib.js';
import { VISIBLE_MAX, password, uri, user } from './expand-target.js';

const SCREEN = process.env.BENCH_EXPAND_SCREEN ?? '/tmp/coopgraph-expand-screen.json';

interface Plan {
  operatorType?: string;
  identifiers?: string[];
  arguments?: Record<string, unknown>;
  dbHits?: number;
  rows?: number;
  children?: Plan[];
}
/** The plan as an indented list of operators with their rows and hits (BENCH_EXPAND_PLANS=1). */
const printPlan = (plan: Plan, depth = 0): string =>
  [
    `${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} hits=${plan.dbHits} ${String(plan.arguments?.Details ?? '').slice(0, 160)}`,
    ...(plan.children ?? []).map((c) => printPlan(c, depth + 1)),
  ].join('\n');
const hitsOf = (plan: Plan | null | undefined): number =>
  plan ? Number(plan.dbHits ?? 0) + (plan.children ?? []).reduce((s, c) => s + hitsOf(c), 0) : 0;

/** A Db whose reads run under PROFILE and are accounted, by the first words of the query, in `hits`. */
class ProfilingDb extends Db {
  hits: { query: string; hits: number; rows: number }[] = [];
  override async read(query: string, params: Row = {}): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(`PROFILE ${query}`, params);
      const name = query.includes('AS id, type(r) AS type')
        ? 'edges'
        : query.includes('AS found')
          ? 'visible ids'
          : 'expansion';
      if (process.env.BENCH_EXPAND_PLANS) console.log(`--- ${name}\n${printPlan(result.summary.profile as Plan)}`);
      this.hits.push({ query: name, hits: hitsOf(result.summary.profile as Plan), rows: result.records.length });
      return result.records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  }
}

const db = new ProfilingDb({ uri, user, password, database: 'neo4j', queryTimeoutMs: 60_000 });
const options = {
  defaultLimit: 200,
  edgesFrom: (process.env.BENCH_EXPAND_EDGES_FROM || undefined) as 'new' | 'visible' | undefined,
};

async function screen(): Promise<string[]> {
  if (existsSync(SCREEN)) return JSON.parse(readFileSync(SCREEN, 'utf8')) as string[];
  const plain = new Db({ uri, user, password, database: 'neo4j', queryTimeoutMs: 60_000 });
  try {
    const ids = (
      await plain.read('MATCH (e:Enterprise) WITH e, rand() AS r ORDER BY r LIMIT 400 RETURN e.id AS id')
    ).map((r) => `enterprise:${String(r.id)}`);
    const [cluster] = await plain.read('MATCH (c:Cluster) RETURN c.id AS id ORDER BY id LIMIT 1');
    let onScreen: string[] = [];
    for (const id of [`cluster:${String(cluster.id)}`, ...ids]) {
      if (onScreen.length >= VISIBLE_MAX) break;
      const x = await expand(plain, { id, visible: onScreen }, options);
      onScreen = [...new Set([x.node.id, ...x.nodes.map((n) => n.id), ...onScreen])];
    }
    onScreen = onScreen.slice(0, VISIBLE_MAX);
    writeFileSync(SCREEN, JSON.stringify(onScreen));
    return onScreen;
  } finally {
    await plain.close();
  }
}

try {
  const visible = await screen();
  const kinds = new Map<string, number>();
  for (const id of visible) kinds.set(id.split(':')[0], (kinds.get(id.split(':')[0]) ?? 0) + 1);
  console.log(`visible: ${visible.length} (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`);
  const [bigBuyer] = await db.read(
    "MATCH (e:Enterprise {size: 'large'}) WITH e, COUNT { (e)<-[:SUPPLIES]-() } AS buyers ORDER BY buyers DESC LIMIT 1 RETURN e.id AS id",
  );
  const probes = (process.env.BENCH_EXPAND_PROBES ?? '').split(',').filter(Boolean);
  if (probes.length === 0)
    probes.push(
      visible.find((id) => id.startsWith('enterprise:')) ?? 'enterprise:none',
      `enterprise:${String(bigBuyer.id)}`,
      'stage:timber.transport',
      'region:86',
      'cluster:c-72-oilgas',
    );
  const rows: (string | number)[][] = [
    ['expansion of', 'total', 'returned', 'edges', 'expansion', 'visible ids', 'edges q'],
  ];
  for (const id of probes) {
    for (const pass of [0, 1]) {
      db.hits = [];
      const x = await expand(db, { id, visible: visible.filter((v) => v !== id) }, options);
      if (pass === 0) continue; // the first pass plans the queries
      const by = (q: string) => db.hits.filter((h) => h.query === q).reduce((s, h) => s + h.hits, 0);
      rows.push([id, x.total, x.returned, x.edges.length, by('expansion'), by('visible ids'), by('edges')]);
    }
  }
  console.log(table(rows));
} finally {
  await db.close();
}
