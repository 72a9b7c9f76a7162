// Datasets: every enterprise, cluster, technopark and support organisation, and every tagged
// relationship (SUPPLIES, MEMBER_OF, RESIDENT_OF, SUPPORTS, BASED_IN, IN_PROGRAMME, CONTRACT), lists
// the datasets that hold it in `datasets`; each dataset is a (:Dataset) node with its kind, state
// date, status, counts and who loaded it (core/schemas/datasets.ts).
//
// Counts are kept on the Dataset node, written by its loader when the load ends (closeDataset counts
// them from the graph once): counting list membership on every listing would scan every tagged node
// and relationship, and no index serves `$id IN n.datasets`. They say what the dataset holds, so
// removing another dataset leaves them true.
//
// Removing a dataset (removeDataset), under the import lease so that no import writes meanwhile:
//   1. every tagged relationship loses its id; one no other dataset holds goes;
//   2. every tagged node loses its id; one no other dataset holds goes with its relationships — the
//      structural ones (LOCATED_IN, OPERATES_AT, CAPABLE_OF) and any link another dataset holds to it;
//   3. kept enterprises lose the figures whose source is the dataset (revenueSource, employeesSource),
//      and a size that came from it (sizeDataset) or was derived from a figure that went is derived
//      again from what remains (core/reference.ts smeCategory), or cleared;
//   4. the Dataset node goes (the demo seed's SeedRun is marked 'removed', so `npm start` does not
//      load it again); the overview's aggregate is refreshed; the route records it in the audit trail.
// Steps 1 and 2 are `CALL { … } IN TRANSACTIONS` queries, so a removal of millions never sits in one
// transaction; each step is idempotent, and removing again after a failure completes the removal.
// Nodes and relationships without a `datasets` list (written before datasets existed) belong to no
// dataset and are never removed; nor is the reference data (regions, chains, stages, industries).
import { hostname } from 'node:os';
import neo4j from 'neo4j-driver';
import { cypher, type Db, type Row } from './db.js';
import { AppError } from './errors.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS } from './aggregate.js';
import { acquireImportLease, ImportBusyError, type ImportLease } from './import/lock.js';
import { smeCategory, type SmeLimits } from '../core/reference.js';
import type { Dataset, DatasetKind, DatasetRemoval } from '../core/schemas.js';

/** Rows per inner transaction of a removal. */
export const REMOVAL_BATCH = 10_000;

const epoch = (v: unknown): number | null =>
  v == null ? null : typeof v === 'number' ? v : Number.isFinite(Date.parse(String(v))) ? Date.parse(String(v)) : null;

function toDataset(r: Row): Dataset {
  const counts = (r.counts ?? {}) as Record<string, unknown>;
  return {
    id: String(r.id),
    kind: String(r.kind ?? 'file') as DatasetKind,
    name: String(r.name ?? r.id),
    stateDate: r.stateDate == null ? null : String(r.stateDate),
    status: String(r.status) as Dataset['status'],
    loadedAt: epoch(r.loadedAt),
    loadedBy: r.loadedBy == null ? null : String(r.loadedBy),
    counts: {
      enterprises: Number(counts.enterprises ?? 0),
      links: Number(counts.links ?? 0),
      ties: Number(counts.ties ?? 0),
      clusters: Number(counts.clusters ?? 0),
    },
  };
}

/** Every dataset, newest first. */
export async function listDatasets(db: Db): Promise<Dataset[]> {
  return (await db.read(cypher('datasets-list'))).map(toDataset);
}

// Loads that run in this process: a load between two of its imports holds no import lease (the
// seed generates its graph between the Komi files and the generated ones), yet is still running.
const loading = new Map<string, number>();

/**
 * Marks `id` as loading in this process while `work` runs, so that a removal refuses it (409) even
 * between the load's imports.
 */
export async function whileLoading<T>(id: string, work: () => Promise<T>): Promise<T> {
  loading.set(id, (loading.get(id) ?? 0) + 1);
  try {
    return await work();
  } finally {
    const n = (loading.get(id) ?? 1) - 1;
    if (n > 0) loading.set(id, n);
    else loading.delete(id);
  }
}

/** A dataset begins to load: created (or marked running again), with who loads it. */
export async function openDataset(
  db: Db,
  dataset: { id: string; kind: DatasetKind; name: string; stateDate?: string | null; loadedBy?: string | null },
): Promise<void> {
  await db.write(cypher('datasets-open'), {
    id: dataset.id,
    kind: dataset.kind,
    name: dataset.name,
    stateDate: dataset.stateDate ?? null,
    loadedBy: dataset.loadedBy ?? null,
  });
}

/** What a dataset holds, counted from the graph (one scan of each tagged label and type). */
async function countDataset(db: Db, id: string, timeoutMs?: number): Promise<Dataset['counts']> {
  const [row] = await db.read(cypher('datasets-counts'), { id }, timeoutMs);
  return {
    enterprises: Number(row.enterprises),
    links: Number(row.links),
    ties: Number(row.ties),
    clusters: Number(row.clusters),
  };
}

/** A dataset's load ended: its status, and its counts from the graph. */
export async function closeDataset(
  db: Db,
  id: string,
  status: 'completed' | 'cancelled' | 'failed',
  opts: { error?: string | null; timeoutMs?: number } = {},
): Promise<Dataset['counts']> {
  const counts = await countDataset(db, id, opts.timeoutMs);
  await db.write(cypher('datasets-close'), { id, status, error: opts.error ?? null, ...counts });
  return counts;
}

/** Marks a dataset's load as failed without counting (the load's own error is what matters). */
export async function failDataset(db: Db, id: string, error: string): Promise<void> {
  await db.write(cypher('datasets-mark'), { id, status: 'failed', error: error.slice(0, 2000) });
}

class DatasetNotFoundError extends AppError {
  constructor(id: string) {
    super(404, 'dataset_not_found', `there is no dataset "${id}"`);
  }
}

class DatasetRunningError extends AppError {
  constructor(id: string) {
    super(409, 'dataset_running', `the dataset "${id}" is still loading; remove it once its load has ended`);
  }
}

class DatasetRemovingError extends AppError {
  constructor(id: string) {
    super(409, 'dataset_removing', `the dataset "${id}" is being removed now`);
  }
}

export interface RemovalOptions {
  sme: SmeLimits;
  /** How long to wait for an import that runs now (then 409 import_running). */
  waitMs: number;
  /** Time allowed to each step of the removal. */
  timeoutMs: number;
  /** Who removes it (the audit trail and, for the seed, its SeedRun). */
  user: string;
  batchSize?: number;
}

interface DatasetState {
  status: string;
  leased: boolean;
  host: string | null;
  pid: number | null;
  holder: string | null;
  since: string | null;
}

async function datasetState(db: Db, id: string): Promise<DatasetState | null> {
  const [row] = await db.read(cypher('datasets-get'), { id });
  if (!row) return null;
  return {
    status: String(row.status),
    leased: row.leased === true,
    host: row.host == null ? null : String(row.host),
    pid: row.pid == null ? null : Number(row.pid),
    holder: row.holder == null ? null : String(row.holder),
    since: row.since == null ? null : String(row.since),
  };
}

/**
 * A running dataset is loading now when an import holds the lease (its loader is between batches),
 * or when this process runs its load. A dataset left 'running' by a load whose process died is not:
 * removing it is how its half-loaded data goes.
 */
function loadingNow(id: string, state: DatasetState): boolean {
  return state.status === 'running' && (state.leased || loading.has(id));
}

/**
 * The import lease (server/import/lock.ts) for a removal. The lease takes over a lease its own
 * process holds (it counts it as left behind), and imports in one process take turns outside the
 * lease, so a live lease of this process is waited for here rather than taken.
 */
async function removalLease(db: Db, id: string, waitMs: number): Promise<ImportLease> {
  const deadline = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    const state = await datasetState(db, id);
    if (!state) throw new DatasetNotFoundError(id);
    if (loadingNow(id, state)) throw new DatasetRunningError(id);
    if (state.status === 'removing' && state.leased) throw new DatasetRemovingError(id);
    const ours = state.leased && state.host === hostname() && state.pid === process.pid;
    if (!ours) break;
    const left = deadline - Date.now();
    if (left <= 0) throw new ImportBusyError(state.holder ?? '', state.since ?? '');
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
  }
  return acquireImportLease(db, {
    waitMs: Math.max(0, deadline - Date.now()),
    holder: `${hostname()} pid ${process.pid}: removing dataset ${id}`,
  });
}

/** Removes dataset `id`: what no other dataset holds goes (see the top of this file). */
export async function removeDataset(db: Db, id: string, opts: RemovalOptions): Promise<DatasetRemoval> {
  const started = Date.now();
  const batchSize = opts.batchSize ?? REMOVAL_BATCH;
  // `IN TRANSACTIONS OF $batch ROWS` takes an integer, not the float a JavaScript number is sent as.
  const batch = neo4j.int(batchSize);
  const lease = await removalLease(db, id, opts.waitMs);
  const result: DatasetRemoval = {
    id,
    deleted: { enterprises: 0, clusters: 0, technoparks: 0, supportOrgs: 0, relationships: 0 },
    kept: { nodes: 0, relationships: 0 },
    detached: 0,
    figures: 0,
    aggregate: { error: 'not refreshed' },
    durationMs: 0,
  };
  try {
    // Checked again under the lease: a load may have begun, or the dataset gone, while we waited.
    const state = await datasetState(db, id);
    if (!state) throw new DatasetNotFoundError(id);
    if (state.status === 'running' && loading.has(id)) throw new DatasetRunningError(id);
    await db.write(cypher('datasets-mark'), { id, status: 'removing', error: null });

    const [rels] = await db.autoCommit(cypher('datasets-remove-relationships'), { id, batch }, opts.timeoutMs);
    result.deleted.relationships = Number(rels.deleted);
    result.kept.relationships = Number(rels.kept);
    lease.check();

    const nodes = await db.autoCommit(cypher('datasets-remove-nodes'), { id, batch }, opts.timeoutMs);
    const KEYS: Record<string, keyof DatasetRemoval['deleted']> = {
      Enterprise: 'enterprises',
      Cluster: 'clusters',
      Technopark: 'technoparks',
      SupportOrg: 'supportOrgs',
    };
    for (const row of nodes) {
      if (row.label == null) continue;
      result.deleted[KEYS[String(row.label)]] += Number(row.deleted);
      result.kept.nodes += Number(row.kept);
      result.detached += Number(row.lost);
    }
    lease.check();

    result.figures = await clearFigures(db, id, opts.sme, Math.min(batchSize, 5_000), opts.timeoutMs);
    lease.check();
    await db.write(cypher('datasets-delete'), { id, user: opts.user });
  } finally {
    // A removal that failed half-way leaves the dataset 'removing': removing it again completes it.
    await lease.release();
  }
  try {
    const refreshed = await refreshAggregate(db, { timeoutMs: Math.max(opts.timeoutMs, REFRESH_TIMEOUT_MS) });
    result.aggregate = { version: refreshed.version, durationMs: refreshed.durationMs };
  } catch (error) {
    result.aggregate = { error: (error as Error).message };
  }
  result.durationMs = Date.now() - started;
  return result;
}

/** Step 3 of a removal: the figures whose source is the dataset, batch by batch; how many enterprises changed. */
async function clearFigures(db: Db, id: string, sme: SmeLimits, batch: number, timeoutMs: number): Promise<number> {
  let changed = 0;
  for (;;) {
    const rows = await db.read(cypher('datasets-figures-read'), { id, batch }, timeoutMs);
    if (rows.length === 0) return changed;
    const updates = rows.map((r) => {
      const revenue = r.revenueMlnRub == null ? null : Number(r.revenueMlnRub);
      const employees = r.employees == null ? null : Number(r.employees);
      const derivedFromCleared = r.sizeSource === 'derived' && (r.clearRevenue === true || r.clearEmployees === true);
      const resize = r.clearSize === true || derivedFromCleared;
      const size = resize ? smeCategory(employees, revenue, sme) : null;
      return {
        eid: r.eid,
        clearRevenue: r.clearRevenue === true,
        clearEmployees: r.clearEmployees === true,
        resize,
        size,
        sizeSource: size ? 'derived' : null,
      };
    });
    await db.write(cypher('datasets-figures-write'), { id, rows: updates }, timeoutMs);
    changed += updates.length;
  }
}
