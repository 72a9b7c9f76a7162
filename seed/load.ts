// The seed: the Komi organisations of the source article plus a generated synthetic graph of
// the same shape, loaded through the import path.
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher, type Db } from '../server/db.js';
import type { Settings } from '../server/config.js';
import { importFiles, importOptions, type ImportReport } from '../server/import/index.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS, type RefreshResult } from '../server/aggregate.js';
import { loadReference } from '../server/reference.js';
import { generateDataset } from './generate/index.js';

const SEED_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED_ENTERPRISES = 3_000;

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
  });
}

async function loadSupportOrgs(db: Db): Promise<void> {
  await db.write(cypher('seed-support-orgs'), {
    rows: organisations().supportOrgs.map((s) => ({ nameEn: null, source: null, ...s })),
  });
}

function throwIfFailed(report: ImportReport, what: string): void {
  if (report.ok) return;
  const lines = report.errors.slice(0, 20).map((e) => `  ${e.file}:${e.row ?? '-'} ${e.column ?? ''} ${e.message}`);
  throw new Error(`${what} failed with ${report.errorCount} errors:\n${lines.join('\n')}`);
}

export interface SeedOptions {
  enterprises: number;
  seed?: number;
  workDir: string;
  log?: (line: string) => void;
}

/**
 * True for an empty database, or one where loading the seed began and did not finish (the
 * import is idempotent, so loading it again completes it).
 */
export async function seedNeeded(db: Db): Promise<boolean> {
  const [row] = await db.read(
    "RETURN NOT EXISTS { (:Enterprise) } OR EXISTS { (s:SeedRun {status: 'running'}) } AS needed",
  );
  return row.needed === true;
}

export async function seedDatabase(
  db: Db,
  settings: Settings,
  opts: SeedOptions,
): Promise<{ komi: ImportReport; generated: ImportReport; aggregate: RefreshResult }> {
  const log = opts.log ?? console.log;
  await db.write(
    "MERGE (s:SeedRun {id: 'seed'}) SET s.status = 'running', s.enterprises = $n, s.startedAt = datetime()",
    { n: opts.enterprises },
  );
  // The overview's aggregate is refreshed once, at the end, rather than after each import. A
  // second process seeding the same empty database at the same time waits for the first (up to
  // half an hour), then finds its rows written and changes nothing.
  const importOpts = {
    ...importOptions(settings),
    aggregate: false,
    waitMs: Math.max(settings.importWaitMs, 30 * 60_000),
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
  const generated = await importFiles(
    db,
    [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }],
    {
      ...importOpts,
      onProgress: (p) => {
        if (p.rows % 100_000 === 0 && p.rows > 0) log(`[seed] ${p.phase} ${p.kind}: ${p.rows} rows`);
      },
    },
  );
  throwIfFailed(generated, 'the generated seed');
  log(`[seed] imported the generated graph in ${(generated.durationMs / 1000).toFixed(1)} s`);
  const aggregate = await refreshAggregate(db, { timeoutMs: Math.max(settings.importTimeoutMs, REFRESH_TIMEOUT_MS) });
  log(
    `[seed] aggregated ${aggregate.links} links into ${aggregate.flows} region flows in ${(aggregate.durationMs / 1000).toFixed(1)} s`,
  );
  await db.write("MATCH (s:SeedRun {id: 'seed'}) SET s.status = 'completed', s.finishedAt = datetime()");
  return { komi, generated, aggregate };
}
