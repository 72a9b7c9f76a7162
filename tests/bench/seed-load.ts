// Benchmark part seed-load (`npm run bench -- seed-load [--enterprises N]`): the seed of N generated
// enterprises (default 1,000,000; about 5N links) loaded into an empty database both ways, each in
// a Neo4j home of its own started fresh — online through the import (seed/load.ts), as
// `npm run seed -- --online` does, and offline through neo4j-admin (seed/offline), as
// `npm run seed -- --offline` does — with the generation timed apart. Both use the same settings:
// BENCH_NEO4J_HEAP and BENCH_NEO4J_PAGECACHE (default 4g each) and BENCH_IMPORT_BATCH_SIZE (default
// 10,000), those of the README's 828 s figure. The homes are deleted afterwards unless
// BENCH_KEEP=1 (then .neo4j/bench-seed-online and .neo4j/bench-seed-offline stay, stopped).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { prepareDatabase } from '../../server/setup.js';
import { seedDatabase } from '../../seed/load.js';
import { seedOffline } from '../../seed/offline/index.js';
import { embeddedStore, freePort, startNeo4j, stopNeo4j, REPO_ROOT } from '../../scripts/neo4j.js';
import { table } from './lib.js';

export interface SeedLoadOptions {
  enterprises: number;
  log: (line: string) => void;
}

/** Seconds per phase of each path (null where a path has no such phase). */
export interface SeedLoadResult {
  enterprises: number;
  links: number;
  settings: { heap: string; pageCache: string; batchSize: number };
  online: Record<Phase, number | null>;
  offline: Record<Phase, number | null>;
}

const PHASES = [
  'generate',
  'convert',
  'stop',
  'import',
  'start',
  'schema',
  'write',
  'komi',
  'aggregate',
  'total',
  'totalLessGenerate',
] as const;
type Phase = (typeof PHASES)[number];

const LABELS: Record<Phase, string> = {
  generate: 'generate the CSV files (seed/generate)',
  convert: "write neo4j-admin's files",
  stop: 'stop Neo4j',
  import: 'neo4j-admin database import full',
  start: 'start Neo4j (fresh home)',
  schema: 'schema, indexes, reference data',
  write: 'import the generated files (online)',
  komi: 'Komi part, records',
  aggregate: "refresh the overview's aggregate",
  total: 'the whole command',
  totalLessGenerate: 'the whole command less generation',
};

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function benchSettings(home: string, port: number): Settings {
  return {
    ...DEFAULT_SETTINGS,
    neo4jUri: '',
    embeddedHome: home,
    embeddedBoltPort: port,
    embeddedHeap: process.env.BENCH_NEO4J_HEAP ?? '4g',
    embeddedPageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '4g',
    importBatchSize: Number(process.env.BENCH_IMPORT_BATCH_SIZE ?? 10_000),
    importTimeoutMs: 30 * 60_000,
  };
}

async function counts(db: Db): Promise<{ enterprises: number; links: number }> {
  const [row] = await db.read(
    'MATCH (e:Enterprise) WITH count(e) AS enterprises MATCH ()-[l:SUPPLIES]->() RETURN enterprises, count(l) AS links',
  );
  return { enterprises: Number(row.enterprises), links: Number(row.links) };
}

export async function benchSeedLoad(opts: SeedLoadOptions): Promise<SeedLoadResult> {
  const { enterprises, log } = opts;
  const keep = process.env.BENCH_KEEP === '1';
  const workDir = join(REPO_ROOT, '.data', `bench-seed-${enterprises}`);
  const empty = () => Object.fromEntries(PHASES.map((p) => [p, null])) as Record<Phase, number | null>;
  const online = empty();
  const offline = empty();

  // Online: a fresh home, started, the schema, then the seed through the import.
  const onlineHome = '.neo4j/bench-seed-online';
  await stopNeo4j(onlineHome, log);
  rmSync(resolve(REPO_ROOT, onlineHome), { recursive: true, force: true });
  const onlineSettings = benchSettings(onlineHome, await freePort());
  let onlineCounts: { enterprises: number; links: number };
  {
    const started = Date.now();
    const neo = await startNeo4j({
      home: onlineHome,
      boltPort: onlineSettings.embeddedBoltPort,
      heap: onlineSettings.embeddedHeap,
      pageCache: onlineSettings.embeddedPageCache,
      log,
    });
    online.start = Date.now() - started;
    const db = new Db({ ...neo, database: onlineSettings.neo4jDatabase, queryTimeoutMs: 600_000 });
    try {
      let t = Date.now();
      await prepareDatabase(db);
      online.schema = Date.now() - t;
      t = Date.now();
      let generateMs = 0;
      const seeded = await seedDatabase(db, onlineSettings, {
        enterprises,
        workDir: join(workDir, 'online'),
        log: (line) => {
          const generated = line.match(/^\[seed\] generated .* in ([\d.]+) s$/);
          if (generated) generateMs = Number(generated[1]) * 1000;
          log(line);
        },
      });
      const seedMs = Date.now() - t;
      online.generate = generateMs;
      online.write = seeded.generated?.durationMs ?? 0;
      online.aggregate = seeded.aggregate.durationMs;
      online.komi = seedMs - generateMs - online.write - online.aggregate;
      online.total = online.start + online.schema + seedMs;
      online.totalLessGenerate = online.total - generateMs;
      onlineCounts = await counts(db);
    } finally {
      await db.close();
      await neo.stop();
    }
    if (!keep) rmSync(resolve(REPO_ROOT, onlineHome), { recursive: true, force: true });
  }

  // Offline: a fresh home, never started; seedOffline does the rest.
  const offlineHome = '.neo4j/bench-seed-offline';
  await stopNeo4j(offlineHome, log);
  rmSync(resolve(REPO_ROOT, offlineHome), { recursive: true, force: true });
  const offlineSettings = benchSettings(offlineHome, await freePort());
  const result = await seedOffline(offlineSettings, embeddedStore(offlineSettings, log), {
    enterprises,
    workDir: join(workDir, 'offline'),
    log,
    leaveRunning: true,
  });
  for (const [phase, ms] of Object.entries(result.timings)) offline[phase as Phase] = ms;
  offline.totalLessGenerate = result.timings.total - result.timings.generate;
  const store = embeddedStore(offlineSettings, log);
  const conn = await store.open();
  let offlineCounts: { enterprises: number; links: number };
  try {
    offlineCounts = await counts(conn.db);
  } finally {
    await conn.close();
    await store.stop();
  }
  if (!keep) {
    rmSync(resolve(REPO_ROOT, offlineHome), { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }
  if (onlineCounts.enterprises !== offlineCounts.enterprises || onlineCounts.links !== offlineCounts.links) {
    throw new Error(
      `the two loads differ: online ${JSON.stringify(onlineCounts)}, offline ${JSON.stringify(offlineCounts)}`,
    );
  }
  const toSeconds = (r: Record<Phase, number | null>) =>
    Object.fromEntries(PHASES.map((p) => [p, r[p] === null ? null : seconds(r[p]!)])) as Record<Phase, number | null>;
  return {
    enterprises: onlineCounts.enterprises,
    links: onlineCounts.links,
    settings: {
      heap: onlineSettings.embeddedHeap,
      pageCache: onlineSettings.embeddedPageCache,
      batchSize: onlineSettings.importBatchSize,
    },
    online: toSeconds(online),
    offline: toSeconds(offline),
  };
}

export function printSeedLoad(r: SeedLoadResult): string {
  const cell = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  const rows = PHASES.filter((p) => r.online[p] !== null || r.offline[p] !== null).map((p) => [
    LABELS[p],
    cell(r.online[p]),
    cell(r.offline[p]),
  ]);
  const faster = r.online.totalLessGenerate! / r.offline.totalLessGenerate!;
  return [
    `${r.enterprises.toLocaleString('en')} enterprises, ${r.links.toLocaleString('en')} links (Komi included); ` +
      `Neo4j heap ${r.settings.heap}, page cache ${r.settings.pageCache}, online batches of ${r.settings.batchSize.toLocaleString('en')}`,
    '',
    table([['phase, s', 'online', 'offline'], ...rows]),
    '',
    `offline/online, less generation: ${faster.toFixed(1)}× faster`,
  ].join('\n');
}
