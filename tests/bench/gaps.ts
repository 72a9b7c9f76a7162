// The gap analysis on a large graph that already exists (by default the million-enterprise
// database in .neo4j/big on port 7790; BENCH_GAPS_URI, BENCH_GAPS_USER, BENCH_GAPS_PASSWORD for
// another): GET /api/gaps/matrix (a chain's stages × all regions) and GET /api/opportunities (the
// ranking over all regions, and one region's) over HTTP through the app (buildApp), one request
// at a time after a warm-up. Both read the pre-aggregated layer (server/aggregate.ts); when that
// database has none with the gap figures yet, it is refreshed first (a write, as an import would
// do) and the refresh is timed. Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { buildApp } from '../../server/app.js';
import { applySchema } from '../../server/setup.js';
import { refreshAggregate } from '../../server/aggregate.js';
import { cellsFromAggregate } from '../../server/gaps/index.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { UNTHROTTLED, benchHeaders, fmt, measure, table, type Latency } from './lib.js';

export interface GapsBench {
  enterprises: number;
  links: number;
  cells: number;
  refresh: { seconds: number; links: number; flows: number } | null;
  rows: { label: string; latency: Latency; bytes: number }[];
}

export async function benchGaps(opts: { requests: number; log: (s: string) => void }): Promise<GapsBench> {
  const { log } = opts;
  const uri = process.env.BENCH_GAPS_URI ?? 'neo4j://127.0.0.1:7790';
  const user = process.env.BENCH_GAPS_USER ?? 'neo4j';
  const password =
    process.env.BENCH_GAPS_PASSWORD ??
    readFileSync(join(REPO_ROOT, process.env.BENCH_GAPS_HOME ?? '.neo4j/big', 'password'), 'utf8').trim();
  const settings: Settings = { ...DEFAULT_SETTINGS, neo4jUri: uri, neo4jUser: user, neo4jPassword: password };
  // The app's own read timeout; the refresh gets as long as it needs.
  const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: settings.queryTimeoutMs });
  const slow = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 3_600_000 });
  try {
    const [{ enterprises, links }] = await db.read(
      'CALL () { MATCH (e:Enterprise) RETURN count(e) AS enterprises } CALL () { MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS links } RETURN enterprises, links',
    );
    log(`${uri}: ${Number(enterprises).toLocaleString('en')} enterprises, ${Number(links).toLocaleString('en')} links`);
    let refresh: GapsBench['refresh'] = null;
    let table0 = await cellsFromAggregate(db);
    if (!table0) {
      log('no aggregate with the gap figures there: applying the schema and refreshing it…');
      await applySchema(slow);
      const started = performance.now();
      const r = await refreshAggregate(slow);
      refresh = { seconds: (performance.now() - started) / 1000, links: r.links, flows: r.flows };
      log(`  ${refresh.seconds.toFixed(1)} s`);
      table0 = await cellsFromAggregate(db);
    }
    const app = await buildApp(db, { ...settings, ...UNTHROTTLED });
    const auth = await benchHeaders(app, db);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const rows: GapsBench['rows'] = [];
    try {
      const urls: [string, string][] = [
        ['GET /api/gaps/matrix?chain=timber', '/api/gaps/matrix?chain=timber'],
        ['GET /api/gaps/matrix?chain=oilgas', '/api/gaps/matrix?chain=oilgas'],
        ['GET /api/opportunities?chain=timber (all regions)', '/api/opportunities?chain=timber'],
        ['GET /api/opportunities?chain=oilgas (all regions)', '/api/opportunities?chain=oilgas'],
        ['GET /api/opportunities?chain=timber&region=11', '/api/opportunities?chain=timber&region=11'],
        ['GET /api/gaps?chain=timber&region=11', '/api/gaps?chain=timber&region=11'],
      ];
      for (const [label, url] of urls) {
        let bytes = 0;
        const get = async () => {
          const res = await fetch(base + url, { headers: auth });
          const body = await res.arrayBuffer();
          if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString()}`);
          bytes = body.byteLength;
        };
        await measure(Array.from({ length: 5 }), get); // warm-up: plans and page cache
        const latency = await measure(Array.from({ length: opts.requests }), get);
        rows.push({ label, latency, bytes });
        log(`${label}: p50 ${fmt(latency.p50)} ms`);
      }
    } finally {
      await app.close();
    }
    return { enterprises: Number(enterprises), links: Number(links), cells: table0?.cells.length ?? 0, refresh, rows };
  } finally {
    await db.close();
    await slow.close();
  }
}

export function printGaps(b: GapsBench): string {
  const lines = [
    `${b.enterprises.toLocaleString('en')} enterprises, ${b.links.toLocaleString('en')} links; ${b.cells.toLocaleString('en')} (region, stage) cells in the aggregate`,
  ];
  if (b.refresh)
    lines.push(
      `aggregate refreshed first: ${b.refresh.seconds.toFixed(1)} s (${b.refresh.links.toLocaleString('en')} links, ${b.refresh.flows.toLocaleString('en')} region flows)`,
    );
  lines.push(
    '',
    table([
      ['HTTP latency, ms', 'n', 'p50', 'p95', 'max', 'KB'],
      ...b.rows.map((r) => [
        r.label,
        r.latency.n,
        fmt(r.latency.p50),
        fmt(r.latency.p95),
        fmt(r.latency.max),
        (r.bytes / 1024).toFixed(0),
      ]),
    ]),
  );
  return lines.join('\n');
}
