// The seed through Neo4j's offline importer, for an empty database of the project's own Neo4j:
// generate the synthetic graph (seed/generate), turn it into the importer's files (./convert.ts),
// stop Neo4j, run `neo4j-admin database import full` over its store, start it again, apply the
// schema and reference data (prepareDatabase), then the online seed (seed/load.ts) with nothing
// generated left to load: its records, the Komi organisations (a few dozen rows), the aggregate.
//
// The importer replaces the whole store, so it is refused (OfflineRefused) unless the database
// holds nothing but reference data (and the aggregate's rows), and when NEO4J_URI points at a
// Neo4j this project does not run.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { usesEmbeddedNeo4j, type Settings } from '../../server/config.js';
import { cypherStatements, type Db } from '../../server/db.js';
import type { ImportReport } from '../../server/import/index.js';
import { prepareDatabase } from '../../server/setup.js';
import type { RefreshResult } from '../../server/aggregate.js';
import { loadReference } from '../../server/reference.js';
import { generateDataset } from '../generate/index.js';
import { convertForAdminImport, type AdminImportFiles } from './convert.js';
import { seedDatabase, SEED_DATASET_ID } from '../load.js';

/** The dataset the seed's nodes and relationships belong to. */
const SEED_DATASET = SEED_DATASET_ID;

/** How long to wait for the indexes over the imported graph, in seconds. */
const SCHEMA_WAIT_S = 3_600;

/** The offline path cannot be used for this database; the message says why. */
export class OfflineRefused extends Error {}

/** Why the offline importer cannot reach the settings' database (null when it can). */
export function offlineUnavailable(settings: Settings): string | null {
  if (!usesEmbeddedNeo4j(settings))
    return `NEO4J_URI is set (${settings.neo4jUri}): the offline importer writes the store files of the project's own Neo4j, not of a server elsewhere`;
  return null;
}

/**
 * Labels whose nodes an offline import may replace: reference data (prepareDatabase writes it
 * again after the import) and the rows of the overview's aggregate (refreshed at the end).
 */
const REPLACEABLE = [
  'Region',
  'Industry',
  'Chain',
  'Stage',
  'FlowAggregate',
  'RegionFlow',
  'RegionCount',
  'StageCell',
  'StageFlow',
];

/** Why the database is not empty enough for the offline importer (null when it is). */
export async function offlineBlocker(db: Db): Promise<string | null> {
  // Counted per label from the count store: no scan, whatever the size of the graph.
  const labels = await db.read('CALL db.labels() YIELD label RETURN label', {}, 60_000);
  const held: { label: string; n: number }[] = [];
  for (const { label } of labels) {
    if (REPLACEABLE.includes(String(label))) continue;
    const [row] = await db.read(`MATCH (n:\`${String(label).replace(/`/g, '``')}\`) RETURN count(n) AS n`, {}, 60_000);
    if (Number(row.n) > 0) held.push({ label: String(label), n: Number(row.n) });
  }
  if (held.length === 0) return null;
  const listed = held
    .sort((x, y) => y.n - x.n || x.label.localeCompare(y.label))
    .map((h) => `${h.n.toLocaleString('en')} ${h.label}`)
    .join(', ');
  return `the database is not empty (it holds ${listed}), and the offline importer replaces the whole store: load into a new home (COOPGRAPH_NEO4J_HOME) or online`;
}

/**
 * The project's own Neo4j as the offline path needs it (scripts/neo4j.ts embeddedStore): the seed
 * does not reach into the scripts, which start and stop Neo4j.
 */
/**
 * The project's own Neo4j as the offline path needs it (scripts/neo4j.ts embeddedStore): the seed
 * does not reach into the scripts, which start and stop Neo4j.
 */
export interface OfflineStore {
  /** Neo4j runs on the store now. */
  running(): boolean;
  /** The database was never created in the store (a new home): empty without starting Neo4j to look. */
  fresh(): boolean;
  /** Starts Neo4j on the store, or joins the one running there; close() closes the connection only. */
  open(): Promise<{ db: Db; close(): Promise<void> }>;
  stop(): Promise<void>;
  /** neo4j-admin database import full over the stopped store. */
  importFiles(input: {
    nodes: AdminImportFiles['nodes'];
    relationships: AdminImportFiles['relationships'];
    logFile: string;
    reportFile: string;
  }): Promise<void>;
}

/**
 * The record an online import of the generated files leaves (server/import/write.ts): its
 * ImportRun, with what it wrote. (Its part of the (:Dataset) node is written by seedDatabase,
 * which counts the dataset from the graph.)
 */
async function recordImport(
  db: Db,
  run: { files: string[]; counts: AdminImportFiles['counts']; startedAt: string },
): Promise<void> {
  await db.write(
    `CREATE (r:ImportRun {id: $id, startedAt: datetime($startedAt), status: 'completed', files: $files, dataset: $dataset,
       finishedAt: datetime(), clusters: $clusters, enterprises: $enterprises, links: $links})`,
    {
      id: randomUUID(),
      startedAt: run.startedAt,
      files: run.files,
      dataset: SEED_DATASET,
      clusters: run.counts.clusters,
      enterprises: run.counts.enterprises,
      links: run.counts.links,
    },
  );
}

/**
 * The project's own Neo4j as the offline path needs it (scripts/neo4j.ts embeddedStore): the seed
 * does not reach into the scripts, which start and stop Neo4j.
 */
export interface OfflineStore {
  /** Neo4j runs on the store now. */
  running(): boolean;
  /** The database was never created in the store (a new home): empty without starting Neo4j to look. */
  fresh(): boolean;
  /** Starts Neo4j on the store, or joins the one running there; close() closes the connection only. */
  open(): Promise<{ db: Db; close(): Promise<void> }>;
  stop(): Promise<void>;
  /** neo4j-admin database import full over the stopped store. */
  importFiles(input: {
    nodes: AdminImportFiles['nodes'];
    relationships: AdminImportFiles['relationships'];
    logFile: string;
    reportFile: string;
  }): Promise<void>;
}

interface OfflineSeedOptions {
  enterprises: number;
  seed?: number;
  /** Folder for the generated files and the importer's files. */
  workDir: string;
  log?: (line: string) => void;
  /**
   * Leave Neo4j running at the end; by default it is left as it was found (running if it ran
   * before, stopped otherwise).
   */
  leaveRunning?: boolean;
  /** Who loads it, as the dataset list shows it (`cli:<os user>` from the command line). */
  loadedBy?: string | null;
  /** Delete the importer's files (not the generated ones) afterwards; default true. */
  cleanUp?: boolean;
}

interface OfflineSeedResult {
  files: AdminImportFiles;
  komi: ImportReport;
  aggregate: RefreshResult;
  /** Milliseconds per phase, and in all. */
  timings: {
    generate: number;
    convert: number;
    stop: number;
    import: number;
    start: number;
    schema: number;
    komi: number;
    aggregate: number;
    total: number;
  };
}

export async function seedOffline(
  settings: Settings,
  store: OfflineStore,
  opts: OfflineSeedOptions,
): Promise<OfflineSeedResult> {
  const log = opts.log ?? console.log;
  const unavailable = offlineUnavailable(settings);
  if (unavailable) throw new OfflineRefused(unavailable);
  if (!(opts.enterprises >= 1)) throw new OfflineRefused('the offline import needs at least one generated enterprise');
  const leaveRunning = opts.leaveRunning ?? store.running();
  const started = Date.now();
  const timings = { stop: 0 } as OfflineSeedResult['timings'];
  const timed = async <T>(phase: keyof OfflineSeedResult['timings'], work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      timings[phase] = Date.now() - t;
    }
  };

  // A home whose database was never created holds nothing: no need to start Neo4j to look.
  let conn = store.fresh() ? null : await store.open();
  try {
    const blocker = conn && (await offlineBlocker(conn.db));
    if (blocker) throw new OfflineRefused(blocker);

    mkdirSync(opts.workDir, { recursive: true });
    const reference = loadReference();
    const generated = await timed('generate', () =>
      generateDataset({ enterprises: opts.enterprises, seed: opts.seed, outDir: opts.workDir, reference }),
    );
    log(
      `[seed] generated ${generated.counts.enterprises} enterprises, ${generated.counts.links} links, ${generated.counts.clusters} clusters in ${(timings.generate / 1000).toFixed(1)} s`,
    );
    const importDir = join(opts.workDir, 'offline-import');
    rmSync(importDir, { recursive: true, force: true });
    const importStarted = new Date().toISOString();
    const files = await timed('convert', () =>
      convertForAdminImport({
        files: generated.files,
        outDir: importDir,
        reference,
        sme: settings.sme,
        dataset: SEED_DATASET,
        // The seed's marker, as seedDatabase (seed/load.ts) writes it before its writes: a seed
        // stopped after the import is completed by the next start (seedNeeded).
        extraNodes: [
          {
            label: 'SeedRun',
            header: ['id:ID(SeedRun)', 'status', 'enterprises:double', 'startedAt:datetime'],
            rows: [['seed', 'running', opts.enterprises, importStarted]],
          },
        ],
        log,
      }),
    );
    log(`[seed] the importer's files written in ${(timings.convert / 1000).toFixed(1)} s`);

    // Nothing may have been written meanwhile: look again, then stop Neo4j for the importer.
    const late = conn && (await offlineBlocker(conn.db));
    if (late) throw new OfflineRefused(late);
    await conn?.close();
    conn = null;
    if (store.running()) await timed('stop', () => store.stop());
    await timed('import', () =>
      store.importFiles({
        nodes: files.nodes,
        relationships: files.relationships,
        logFile: join(opts.workDir, 'offline-import.log'),
        reportFile: join(opts.workDir, 'offline-import.report'),
      }),
    );
    log(`[seed] offline import of the generated graph in ${(timings.import / 1000).toFixed(1)} s`);
    if (opts.cleanUp !== false) rmSync(importDir, { recursive: true, force: true });

    conn = await timed('start', () => store.open());
    const db = conn.db;
    await timed('schema', async () => {
      // The indexes are built over the imported graph here, not kept up as rows arrive: on a
      // million enterprises that may take longer than prepareDatabase waits for (300 s), so the
      // schema is applied and awaited first, with the time a transaction may take.
      await db.runSchema(cypherStatements('schema'));
      await db.runSchema([`CALL db.awaitIndexes(${SCHEMA_WAIT_S})`]);
      await prepareDatabase(db);
    });
    log(`[seed] schema, indexes and reference data in ${(timings.schema / 1000).toFixed(1)} s`);
    await recordImport(db, {
      files: [generated.files.clusters, generated.files.enterprises, generated.files.links].map((f) => basename(f)),
      counts: files.counts,
      startedAt: importStarted,
    });
    // The rest is the online seed's, with no generated enterprises left to load: the SeedRun and
    // the dataset opened, the Komi organisations, the aggregate, the dataset closed with its counts
    // from the graph (the generated part included), the SeedRun completed.
    const t = Date.now();
    const seeded = await seedDatabase(db, settings, {
      enterprises: 0,
      workDir: opts.workDir,
      loadedBy: opts.loadedBy,
      log,
    });
    timings.aggregate = seeded.aggregate.durationMs;
    timings.komi = Date.now() - t - timings.aggregate;
    // What seedDatabase writes for a seed of `enterprises` generated ones.
    await db.write("MATCH (s:SeedRun {id: 'seed'}) SET s.enterprises = $n", { n: opts.enterprises });
    await db.write('MATCH (d:Dataset {id: $id}) SET d.name = $name', {
      id: SEED_DATASET_ID,
      name: `Komi organisations + ${opts.enterprises} generated enterprises`,
    });
    const { komi, aggregate } = seeded;
    timings.total = Date.now() - started;
    log(`[seed] offline seed done in ${(timings.total / 1000).toFixed(1)} s`);
    return { files, komi, aggregate, timings };
  } finally {
    await conn?.close();
    if (!leaveRunning && store.running()) await store.stop();
  }
}
