// `npm run bench [-- part …]`: runs the benchmarks and prints their figures. Parts:
//   platform  import, search and node details on a generated graph in a Neo4j of its own (or
//             BENCH_NEO4J_URI). BENCH_ENTERPRISES sets the graph size (default 100,000; about 5
//             links each).
//   render    the explorer in headless Chromium beside bare sigma (no Neo4j). BENCH_RENDER_SIZES
//             (default 5000,20000,50000 nodes), BENCH_RENDER_RUNS (default 3, 2 from 50,000 nodes).
//   gaps      the gap analysis over HTTP (stages × regions matrix, opportunity ranking) on an
//             existing large graph: by default the million-enterprise database in .neo4j/big on
//             port 7790 (BENCH_GAPS_URI, …_USER, …_PASSWORD for another); skipped when it is not
//             running. BENCH_GAPS_REQUESTS (default 50) per route. See tests/bench/gaps.ts.
//   export    POST /api/export of 5,000- and 50,000-node subgraphs in GEXF, GraphML and CSV: time
//             and the server's peak memory, on a generated graph in a Neo4j of its own
//             (BENCH_EXPORT_ENTERPRISES, default 60,000). See tests/bench/export.ts.
//   load      50 signed-in clients for 60 s over a mix of search, expansion, gaps and export on
//             the large graph of `gaps` (BENCH_LOAD_URI…); skipped when it is not running. See
//             tests/bench/load.ts.
//   seed-load the seed's online load beside the offline import (neo4j-admin), each into an empty
//             database of its own: --enterprises N (default 1,000,000). See tests/bench/seed-load.ts.
//   register  the FNS register reader on a synthetic 1,000,000-document register ZIP (cached under
//             .data/bench/): the bare streaming XML parse (floor) beside the reader's parse, peak
//             RSS. BENCH_REGISTER_DOCUMENTS, BENCH_REGISTER_VERSION, BENCH_REGISTER_RUNS. See
//             tests/bench/register.ts.
//   basemap   what Russia's outline under the explorer's geographic layout costs while the camera
//             moves: frame and render times with and without it in headless Chromium (no Neo4j).
//             BENCH_BASEMAP_SIZES (default 200,5000,20000 nodes), BENCH_BASEMAP_RUNS (default 3).
//             See tests/bench/basemap.ts.
// Without a part, all of them run except seed-load (about half an hour at 1,000,000 enterprises).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { freePort, startNeo4j, REPO_ROOT } from '../../scripts/neo4j.js';
import { benchPlatform, printPlatform } from './platform.js';
import { benchRender, printRender } from './render.js';
import { benchBasemap, printBasemap } from './basemap.js';
import { benchGaps, printGaps } from './gaps.js';
import { benchExport, printExport } from './export.js';
import { benchLoad, printLoad } from './load.js';
import { benchRegister, printRegister } from './register.js';
import type { RegisterVersion } from '../../seed/fns/generate.js';
import { benchSeedLoad, printSeedLoad } from './seed-load.js';

const PARTS = ['platform', 'render', 'basemap', 'gaps', 'export', 'load', 'seed-load', 'register'] as const;
type Part = (typeof PARTS)[number];
// Options (`--name value` or `--name=value`) are for the parts that read them, not part names.
const argv = process.argv.slice(2);
const args = argv.filter(
  (a, i) => !a.startsWith('--') && !(argv[i - 1]?.startsWith('--') && !argv[i - 1].includes('=')),
);
const option = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return i < 0 ? undefined : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark part: ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  process.exit(2);
}
const parts = new Set<Part>(args.length > 0 ? (args as Part[]) : PARTS.filter((p) => p !== 'seed-load'));
const log = (s: string) => console.log(`[bench] ${s}`);

console.log(
  `\ncoopgraph benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, parts: ${[...parts].join(', ')}\n`,
);

if (parts.has('platform')) {
  const enterprises = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
  const dataDir = join(REPO_ROOT, '.data', `bench-${enterprises}`);
  mkdirSync(dataDir, { recursive: true });
  let stop = async () => {};
  let uri = process.env.BENCH_NEO4J_URI ?? '';
  let user = process.env.BENCH_NEO4J_USER ?? 'neo4j';
  let password = process.env.BENCH_NEO4J_PASSWORD ?? '';
  if (!uri) {
    const neo = await startNeo4j({
      home: '.neo4j/bench',
      boltPort: await freePort(),
      heap: process.env.BENCH_NEO4J_HEAP ?? '4g',
      pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '2g',
      importDir: dataDir,
      log,
    });
    ({ uri, user, password } = neo);
    stop = neo.stop;
  } else {
    log(
      "BENCH_NEO4J_URI is set: LOAD CSV reads file:///<name>.csv from that server's import folder; copy the generated files there",
    );
  }
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    neo4jUri: uri,
    neo4jUser: user,
    neo4jPassword: password,
    importTimeoutMs: 600_000,
  };
  const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 60_000 });
  try {
    log(`Neo4j ${(await db.serverVersion()).version}`);
    const platform = await benchPlatform(db, settings, { enterprises, dataDir, log });
    console.log('\n## Platform: import, search, node details\n');
    console.log(printPlatform(platform));
    console.log('');
  } finally {
    await db.close();
    await stop();
  }
}

if (parts.has('basemap')) {
  const sizes = (process.env.BENCH_BASEMAP_SIZES ?? '200,5000,20000').split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 200))
    throw new Error('BENCH_BASEMAP_SIZES: node counts of at least 200, separated by commas');
  const runs = Number(process.env.BENCH_BASEMAP_RUNS ?? 3);
  const res = await benchBasemap({ sizes, runs, animations: 8, durationMs: 400, log });
  console.log("\n## Basemap: the explorer's geographic layout with and without it (headless Chromium)\n");
  console.log(printBasemap(res));
  console.log('');
}

if (parts.has('render')) {
  const sizes = (process.env.BENCH_RENDER_SIZES ?? '5000,20000,50000').split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 200))
    throw new Error('BENCH_RENDER_SIZES: node counts of at least 200, separated by commas');
  // Three runs per size, two at 50,000 nodes and more (a run there takes over a minute in SwiftShader).
  const runs = (nodes: number) => Number(process.env.BENCH_RENDER_RUNS ?? (nodes >= 50_000 ? 2 : 3));
  const render = await benchRender({ sizes, runs, layoutMs: 5000, panSteps: 6, log });
  console.log('\n## Rendering: the explorer beside bare sigma (headless Chromium)\n');
  console.log(printRender(render));
  console.log('');
}

if (parts.has('gaps')) {
  try {
    const gaps = await benchGaps({ requests: Number(process.env.BENCH_GAPS_REQUESTS ?? 50), log });
    console.log('\n## Gap analysis on a large graph (HTTP)\n');
    console.log(printGaps(gaps));
    console.log('');
  } catch (error) {
    if (!/ENOENT|ECONNREFUSED|unavailable/i.test(String(error))) throw error;
    log(
      `gaps skipped: no large graph to read (${String(error).split('\n')[0]}). Start it with COOPGRAPH_NEO4J_HOME=.neo4j/big ` +
        'COOPGRAPH_NEO4J_PORT=7790 COOPGRAPH_NEO4J_HEAP=4g COOPGRAPH_NEO4J_PAGECACHE=4g npm run neo4j -- start, or set BENCH_GAPS_URI',
    );
  }
}

if (parts.has('export')) {
  const sizes = (process.env.BENCH_EXPORT_SIZES ?? '5000,50000').split(',').map(Number);
  const exported = await benchExport({ sizes, formats: ['gexf', 'graphml', 'csv'], log });
  console.log('\n## Export of large subgraphs (HTTP, streamed)\n');
  console.log(printExport(exported));
  console.log('');
}

if (parts.has('load')) {
  try {
    const load = await benchLoad({ log });
    console.log('\n## Load: concurrent clients on a large graph (HTTP)\n');
    console.log(printLoad(load));
    console.log('');
  } catch (error) {
    if (!/ENOENT|ECONNREFUSED|unavailable/i.test(String(error))) throw error;
    log(
      `load skipped: no large graph to read (${String(error).split('\n')[0]}). Start it as for the gaps part, or set BENCH_LOAD_URI`,
    );
  }
}

if (parts.has('seed-load')) {
  const enterprises = Number(option('enterprises') ?? 1_000_000);
  if (!Number.isInteger(enterprises) || enterprises < 1) throw new Error('--enterprises: a whole number of at least 1');
  const seedLoad = await benchSeedLoad({ enterprises, log });
  console.log('\n## Seed load: online import beside the offline importer (neo4j-admin)\n');
  console.log(printSeedLoad(seedLoad));
  console.log('');
}

if (parts.has('register')) {
  const documents = Number(process.env.BENCH_REGISTER_DOCUMENTS ?? 1_000_000);
  if (!Number.isInteger(documents) || documents < 1000)
    throw new Error('BENCH_REGISTER_DOCUMENTS: a whole number of at least 1,000');
  const register = await benchRegister({
    documents,
    version: (process.env.BENCH_REGISTER_VERSION ?? '4.05') as RegisterVersion,
    runs: Number(process.env.BENCH_REGISTER_RUNS ?? 2),
    log,
  });
  console.log('\n## FNS register: streaming parse beside its floor\n');
  console.log(printRegister(register));
  console.log('');
}
