// The seed: the Komi organisations of the source article plus a generated synthetic graph of
// the same shape, loaded through the import path as one dataset (id 'seed'), removable like any.
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher, type Db } from '../server/db.js';
import { DEFAULT_SETTINGS, type Settings } from '../server/config.js';
import { importFiles, importOptions, type ImportReport } from '../server/import/index.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS, type RefreshResult } from '../server/aggregate.js';
import { loadReference } from '../server/reference.js';
import { closeDataset, failDataset, openDataset, whileLoading } from '../server/datasets.js';
import { generateDataset } from './generate/index.js';

const SEED_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED_ENTERPRISES = DEFAULT_SETTINGS.seedEnterprises;

/** The seed's dataset: its id, and the name stored (the client shows a translated one for the kind). */
export const SEED_DATASET_ID = 'seed';
const SEED_DATASET = { id: SEED_DATASET_ID, kind: 'seed' } as const;

interface Organisations {
  technoparks: { id: string; name: string; nameEn?: string; kind: string; region: string; source?: string }[];
  supportOrgs: {
    id: string;
    name: string;
    nameEn?: string;
    kind: string;
    region: string;
    supports: string[];
    source?: string;
  }[];
}

function organisations(): Organisations {
  return JSON.parse(readFileSync(join(SEED_DIR, 'komi', 'organisations.json'), 'utf8')) as Organisations;
}

async function loadTechnoparks(db: Db): Promise<void> {
  await db.write(cypher('seed-technoparks'), {
    rows: organisations().technoparks.map((t) => ({ nameEn: null, source: null, ...t })),
    dataset: SEED_DATASET_ID,
  });
}

async function loadSupportOrgs(db: Db): Promise<void> {
  await db.write(cypher('seed-support-orgs'), {
    rows: organisations().supportOrgs.map((s) => ({ nameEn: null, source: null, ...s })),
    dataset: SEED_DATASET_ID,
  });
}

function throwIfFailed(report: ImportReport, what: string): void {
  if (report.ok) return;
  const lines = report.errors.slice(0, 20).map((e) => `  ${e.file}:${e.row ?? '-'} ${e.column ?? ''} ${e.message}`);
  throw new Error(`${what} failed with ${report.errorCount} errors:\n${lines.join('\n')}`);
}

export interface SeedOptions {
  /** Generated enterprises beside the Komi organisations; 0 loads the Komi organisations alone. */
  enterprises: number;
  seed?: number;
  workDir: string;
  /** Who loads it, as the dataset list shows it (`cli:<os user>` from the command line). */
  loadedBy?: string | null;
  log?: (line: string) => void;
}

/**
 * True for an empty database, or one where loading the seed began and did not finish (the
 * import is idempotent, so loading it again completes it) — but never once the seed was removed
 * as a dataset (its SeedRun says 'removed'): a removal on purpose is not undone by a restart.
 */
export async function seedNeeded(db: Db): Promise<boolean> {
  const [row] = await db.read(
    `OPTIONAL MATCH (s:SeedRun {id: 'seed'})
     RETURN s.status = 'running' OR (coalesce(s.status, '') <> 'removed' AND NOT EXISTS { (:Enterprise) }) AS needed`,
  );
  return row.needed === true;
}

export interface SeedResult {
  komi: ImportReport;
  /** Null when no generated enterprises were asked for. */
  generated: ImportReport | null;
  aggregate: RefreshResult;
}

export async function seedDatabase(db: Db, settings: Settings, opts: SeedOptions): Promise<SeedResult> {
  if (!Number.isInteger(opts.enterprises) || opts.enterprises < 0)
    throw new Error(`the seed's generated enterprises must be a whole number from 0, got ${opts.enterprises}`);
  return whileLoading(SEED_DATASET_ID, async () => {
    await db.write(
      "MERGE (s:SeedRun {id: 'seed'}) SET s.status = 'running', s.enterprises = $n, s.startedAt = datetime()",
      { n: opts.enterprises },
    );
    await openDataset(db, {
      ...SEED_DATASET,
      name:
        opts.enterprises > 0 ? `Komi organisations + ${opts.enterprises} generated enterprises` : 'Komi organisations',
      loadedBy: opts.loadedBy ?? null,
    });
    try {
      return await loadSeed(db, settings, opts);
    } catch (error) {
      // The SeedRun stays 'running', so the next start completes the seed; the list says it failed.
      await failDataset(db, SEED_DATASET_ID, (error as Error).message).catch(() => undefined);
      throw error;
    }
  });
}

async function loadSeed(db: Db, settings: Settings, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? console.log;
  // The overview's aggregate is refreshed once, at the end, rather than after each import. A
  // second process seeding the same empty database at the same time waits for the first (up to
  // half an hour), then finds its rows written and changes nothing.
  const importOpts = {
    ...importOptions(settings),
    aggregate: false,
    waitMs: Math.max(settings.importWaitMs, 30 * 60_000),
    dataset: SEED_DATASET,
  };
  await loadTechnoparks(db);
  const komiDir = join(SEED_DIR, 'komi');
  const komi = await importFiles(
    db,
    ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => ({ path: join(komiDir, f) })),
    importOpts,
  );
  throwIfFailed(komi, 'the Komi seed');
  await loadSupportOrgs(db);
  log(
    `[seed] Komi: ${komi.written.enterprises} enterprises, ${komi.written.links} links, ${komi.written.clusters} clusters`,
  );

  let generated: ImportReport | null = null;
  if (opts.enterprises > 0) {
    mkdirSync(opts.workDir, { recursive: true });
    const started = Date.now();
    const ref = loadReference();
    const { files, counts } = await generateDataset({
      enterprises: opts.enterprises,
      seed: opts.seed,
      outDir: opts.workDir,
      reference: ref,
    });
    log(
      `[seed] generated ${counts.enterprises} enterprises, ${counts.links} links, ${counts.clusters} clusters in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    generated = await importFiles(db, [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }], {
      ...importOpts,
      onProgress: (p) => {
        if (p.rows % 100_000 === 0 && p.rows > 0) log(`[seed] ${p.phase} ${p.kind}: ${p.rows} rows`);
      },
    });
    throwIfFailed(generated, 'the generated seed');
    log(`[seed] imported the generated graph in ${(generated.durationMs / 1000).toFixed(1)} s`);
  }
  const timeoutMs = Math.max(settings.importTimeoutMs, REFRESH_TIMEOUT_MS);
  const aggregate = await refreshAggregate(db, { timeoutMs });
  log(
    `[seed] aggregated ${aggregate.links} links into ${aggregate.flows} region flows in ${(aggregate.durationMs / 1000).toFixed(1)} s`,
  );
  await closeDataset(db, SEED_DATASET_ID, 'completed', { timeoutMs });
  await db.write("MATCH (s:SeedRun {id: 'seed'}) SET s.status = 'completed', s.finishedAt = datetime()");
  return { komi, generated, aggregate };
}

/** What `npm start` did to the database's data (beside the schema and the reference data). */
export type StartOutcome = 'seeded' | 'kept' | 'reference';

/**
 * `npm start`'s data, once the schema and the reference data are in (server/setup.ts
 * prepareDatabase): with `startData` 'demo', the demo seed when seedNeeded says so; with
 * 'reference', no seed, whatever the database holds.
 */
export async function loadStartData(
  db: Db,
  settings: Settings,
  opts: Omit<SeedOptions, 'enterprises'>,
): Promise<StartOutcome> {
  const log = opts.log ?? console.log;
  if (settings.startData === 'reference') {
    log('[seed] COOPGRAPH_START_DATA=reference: the schema and the reference data, no seed');
    return 'reference';
  }
  if (!(await seedNeeded(db))) return 'kept';
  const enterprises = settings.seedEnterprises;
  log(
    enterprises > 0
      ? `[seed] loading the seed (${enterprises} generated enterprises)…`
      : '[seed] loading the seed (the Komi organisations alone: SEED_ENTERPRISES=0)…',
  );
  await seedDatabase(db, settings, { ...opts, enterprises });
  return 'seeded';
}
