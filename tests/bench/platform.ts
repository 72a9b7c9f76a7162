// Platform benchmark: import throughput beside Neo4j's own LOAD CSV of the same files, the
// refresh of the overview's aggregate, and the latency of search, node details and the overview
// over HTTP, on a generated graph.
import { generateDataset } from '../../seed/generate/index.js';
import { loadReference } from '../../server/reference.js';
import { importFiles, importOptions } from '../../server/import/index.js';
import { refreshAggregate } from '../../server/aggregate.js';
import { buildApp } from '../../server/app.js';
import { prepareDatabase } from '../../server/setup.js';
import type { Db } from '../../server/db.js';
import type { Settings } from '../../server/config.js';
import { UNTHROTTLED, benchHeaders, fmt, measure, table, type Latency } from './lib.js';

const LOAD_CSV = {
  clusters: `
LOAD CSV WITH HEADERS FROM 'file:///clusters.csv' AS row
CALL (row) {
  MERGE (c:Cluster {id: row.id})
  SET c.name = row.name, c.kind = row.kind, c.status = row.status, c.chain = row.chain,
      c.regions = split(row.regions, ';'), c.synthetic = row.synthetic = 'true'
  WITH c, row
  UNWIND split(row.regions, ';') AS code
  MATCH (r:Region {code: code})
  MERGE (c)-[:BASED_IN]->(r)
} IN TRANSACTIONS OF 5000 ROWS`,
  enterprises: `
LOAD CSV WITH HEADERS FROM 'file:///enterprises.csv' AS row
CALL (row) {
  MERGE (e:Enterprise {id: row.id})
  SET e.inn = CASE WHEN row.inn = '' THEN null ELSE row.inn END, e.name = row.name, e.region = row.region,
      e.okved = split(row.okved, ';')[0], e.okvedAll = split(row.okved, ';'),
      e.employees = toInteger(row.employees), e.revenueMlnRub = toFloat(row.revenue_mln_rub), e.size = row.size,
      e.stages = split(row.stages, ';'), e.priorityTerritory = row.priority_territory = 'true',
      e.synthetic = row.synthetic = 'true', e.syntheticFigures = row.synthetic_figures = 'true', e.source = row.source
  WITH e, row
  CALL (e, row) {
    MATCH (r:Region {code: row.region})
    MERGE (e)-[:LOCATED_IN]->(r)
  }
  CALL (e, row) {
    UNWIND split(row.stages, ';') AS stageId
    MATCH (s:Stage {id: stageId})
    MERGE (e)-[:OPERATES_AT]->(s)
  }
  CALL (e, row) {
    MATCH (c:Cluster {id: row.cluster})
    MERGE (e)-[m:MEMBER_OF]->(c)
    SET m.role = row.cluster_role
  }
} IN TRANSACTIONS OF 5000 ROWS`,
  links: `
LOAD CSV WITH HEADERS FROM 'file:///links.csv' AS row
CALL (row) {
  MATCH (s:Enterprise {id: row.supplier})
  MATCH (b:Enterprise {id: row.buyer})
  MERGE (s)-[l:SUPPLIES {product: row.product}]->(b)
  SET l.okved = row.okved, l.volumeMlnRub = toFloat(row.volume_mln_rub), l.since = row.since,
      l.synthetic = row.synthetic = 'true'
} IN TRANSACTIONS OF 5000 ROWS`,
};

async function wipe(db: Db): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

export interface PlatformResult {
  enterprises: number;
  links: number;
  importSeconds: number;
  importRowsPerSecond: number;
  loadCsvSeconds: number;
  loadCsvRowsPerSecond: number;
  refreshSeconds: number;
  search: Latency;
  nodeDetail: Latency;
  overview: Record<string, Latency>;
}

export async function benchPlatform(
  db: Db,
  settings: Settings,
  opts: { enterprises: number; dataDir: string; log: (s: string) => void },
): Promise<PlatformResult> {
  const { log } = opts;
  const reference = loadReference();
  log(`generating ${opts.enterprises.toLocaleString('en')} enterprises…`);
  const { files, counts } = await generateDataset({ enterprises: opts.enterprises, outDir: opts.dataDir, reference });
  const rows = counts.clusters + counts.enterprises + counts.links;
  log(`  ${counts.enterprises} enterprises, ${counts.links} links, ${counts.clusters} clusters (${rows} rows)`);

  // Neo4j's own LOAD CSV of the same files (no validation, no derived link stages).
  await wipe(db);
  await prepareDatabase(db);
  log('LOAD CSV…');
  let started = performance.now();
  const session = db.driver.session({ database: db.database });
  try {
    for (const kind of ['clusters', 'enterprises', 'links'] as const) await session.run(LOAD_CSV[kind]);
  } finally {
    await session.close();
  }
  const loadCsvSeconds = (performance.now() - started) / 1000;
  log(`  ${loadCsvSeconds.toFixed(1)} s`);

  await wipe(db);
  await prepareDatabase(db);
  log('coopgraph import (validation pass + batched writes)…');
  started = performance.now();
  const report = await importFiles(db, [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }], {
    ...importOptions(settings),
    maxErrors: 100,
    aggregate: false, // timed on its own below
  });
  const importSeconds = (performance.now() - started) / 1000;
  if (!report.ok) throw new Error(`the import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  log(`  ${importSeconds.toFixed(1)} s`);

  log("refreshing the overview's aggregate (what every import does at its end)…");
  started = performance.now();
  await refreshAggregate(db);
  const refreshSeconds = (performance.now() - started) / 1000;
  log(`  ${refreshSeconds.toFixed(1)} s`);

  // Latency over HTTP on loopback, as a browser would see it.
  const app = await buildApp(db, { ...settings, ...UNTHROTTLED });
  const auth = await benchHeaders(app, db);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const sample = await db.read(
      'MATCH (e:Enterprise) WITH e, rand() AS r ORDER BY r LIMIT 400 RETURN e.id AS id, e.name AS name, e.inn AS inn, e.okved AS okved',
    );
    const words = [
      'лесопромышленный',
      'кластеры',
      'Сыктывкар',
      'Монди',
      'Mondi',
      'пиломатериалы',
      'нефтесервис',
      'Коми',
      'Тюменская',
      'ЛесТорг',
    ];
    const queries: string[] = [];
    sample.forEach((e, i) => {
      const name = String(e.name).replace(/[«»"]/g, '');
      const word = name.split(/\s+/).find((w) => w.length > 4) ?? name;
      if (i % 4 === 0) queries.push(word.slice(0, Math.max(3, word.length - 2)));
      else if (i % 4 === 1) queries.push(e.inn ? String(e.inn) : name);
      else if (i % 4 === 2) queries.push(String(e.okved).slice(0, 4));
      else queries.push(words[i % words.length]);
    });
    const get = async (path: string) => {
      const res = await fetch(base + path, { headers: auth });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    await measure(queries.slice(0, 50), (q) => get(`/api/search?q=${encodeURIComponent(q)}&limit=20`)); // warm-up
    const search = await measure(queries, (q) => get(`/api/search?q=${encodeURIComponent(q)}&limit=20`));
    const nodeDetail = await measure(
      sample.map((e) => e.id as string),
      (id) => get(`/api/nodes/enterprise:${encodeURIComponent(id)}`),
    );
    const overview: Record<string, Latency> = {};
    for (const chain of ['timber', 'oilgas', 'all']) {
      const requests = Array.from({ length: 100 }, () => `/api/overview?chain=${chain}`);
      await measure(requests.slice(0, 10), get); // warm-up
      overview[chain] = await measure(requests, get);
    }
    return {
      enterprises: counts.enterprises,
      links: counts.links,
      importSeconds,
      importRowsPerSecond: rows / importSeconds,
      loadCsvSeconds,
      loadCsvRowsPerSecond: rows / loadCsvSeconds,
      refreshSeconds,
      search,
      nodeDetail,
      overview,
    };
  } finally {
    await app.close();
  }
}

export function printPlatform(r: PlatformResult): string {
  return [
    `Graph: ${r.enterprises.toLocaleString('en')} enterprises, ${r.links.toLocaleString('en')} links`,
    table([
      ['import', 'seconds', 'rows/s', 'vs LOAD CSV'],
      ['LOAD CSV (Neo4j)', r.loadCsvSeconds.toFixed(1), Math.round(r.loadCsvRowsPerSecond), '1.00×'],
      [
        'coopgraph import',
        r.importSeconds.toFixed(1),
        Math.round(r.importRowsPerSecond),
        `${(r.importRowsPerSecond / r.loadCsvRowsPerSecond).toFixed(2)}×`,
      ],
      ['refresh aggregate', r.refreshSeconds.toFixed(1), '', ''],
    ]),
    table([
      ['HTTP latency, ms', 'n', 'p50', 'p95', 'p99', 'max'],
      ['GET /api/search', r.search.n, fmt(r.search.p50), fmt(r.search.p95), fmt(r.search.p99), fmt(r.search.max)],
      [
        'GET /api/nodes/:id',
        r.nodeDetail.n,
        fmt(r.nodeDetail.p50),
        fmt(r.nodeDetail.p95),
        fmt(r.nodeDetail.p99),
        fmt(r.nodeDetail.max),
      ],
      ...Object.entries(r.overview).map(([chain, l]) => [
        `GET /api/overview?chain=${chain}`,
        l.n,
        fmt(l.p50),
        fmt(l.p95),
        fmt(l.p99),
        fmt(l.max),
      ]),
    ]),
  ].join('\n\n');
}
