// `npm run bench`: starts a Neo4j of its own (or uses BENCH_NEO4J_URI), runs each benchmark and
// prints its figures. BENCH_ENTERPRISES sets the graph size (default 100,000; about 5 links each).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { freePort, startNeo4j, REPO_ROOT } from '../../scripts/neo4j.js';
import { benchPlatform, printPlatform } from './platform.js';

const enterprises = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const dataDir = join(REPO_ROOT, '.data', `bench-${enterprises}`);
mkdirSync(dataDir, { recursive: true });
const log = (s: string) => console.log(`[bench] ${s}`);

let stop = async () => {};
let uri = process.env.BENCH_NEO4J_URI ?? '';
let user = process.env.BENCH_NEO4J_USER ?? 'neo4j';
let password = process.env.BENCH_NEO4J_PASSWORD ?? '';
if (!uri) {
  const neo = await startNeo4j({
    home: '.neo4j/bench', boltPort: await freePort(), heap: process.env.BENCH_NEO4J_HEAP ?? '4g',
    pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '2g', importDir: dataDir, log,
  });
  ({ uri, user, password } = neo);
  stop = neo.stop;
} else {
  log('BENCH_NEO4J_URI is set: LOAD CSV reads file:///<name>.csv from that server\'s import folder; copy the generated files there');
}
const settings: Settings = { ...DEFAULT_SETTINGS, neo4jUri: uri, neo4jUser: user, neo4jPassword: password, importTimeoutMs: 600_000 };
const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 60_000 });
try {
  console.log(`\ncoopgraph benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, Neo4j ${(await db.serverVersion()).version}\n`);
  const platform = await benchPlatform(db, settings, { enterprises, dataDir, log });
  console.log('\n## Platform: import, search, node details\n');
  console.log(printPlatform(platform));
  console.log('');
} finally {
  await db.close();
  await stop();
}
