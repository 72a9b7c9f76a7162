// Import of enterprises, links and clusters from CSV/XLSX files: the path users and the seed share.
// Pass 1 reads every file and checks every row (nothing is written if anything is wrong);
// pass 2 streams the rows into Neo4j in batches of idempotent MERGE statements, so a re-run
// changes nothing and an import killed half-way is completed by running it again.
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { cypher, type Db } from '../db.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS } from '../aggregate.js';
import type { Settings } from '../config.js';
import { stageMatcher, type SmeLimits, type StageMatcher } from '../../core/reference.js';
import type { ChainRef } from '../../core/schemas.js';
import { FileFormatError, readTable, type Table } from './read.js';
import { importMessage, type Lang } from './messages.js';
import { latinName } from './rules.js';
import { acquireImportLease, type ImportLease } from './lock.js';
import {
  COLUMNS, FILE_KINDS, detectKind, linkStage, validateCluster, validateEnterprise, validateLink,
  type ClusterRow, type EnterpriseRow, type FileKind, type LinkRow, type RowIssue, type ValidationContext,
} from './validate.js';

export interface ImportFile {
  path: string;
  /** Name shown in errors (an upload's original name); defaults to the path's base name. */
  name?: string;
  kind?: FileKind;
}

export interface ImportIssue {
  file: string;
  row?: number;
  column?: string;
  code: string;
  value?: string;
  message: string;
}

export interface ImportOptions {
  sme: SmeLimits;
  batchSize: number;
  maxErrors: number;
  timeoutMs: number;
  /** How long to wait for an import running in another process (server/import/lock.ts). */
  waitMs: number;
  dryRun?: boolean;
  /**
   * Refresh the overview's aggregate (server/aggregate.ts) after a successful import; default
   * true. The seed turns it off for its imports and refreshes once at the end.
   */
  aggregate?: boolean;
  lang?: Lang;
  onProgress?: (p: { phase: 'validate' | 'write'; kind: FileKind; rows: number }) => void;
}

/** The import options that come from the settings. */
export function importOptions(settings: Settings): ImportOptions {
  return {
    sme: settings.sme,
    batchSize: settings.importBatchSize,
    maxErrors: settings.importMaxErrors,
    timeoutMs: settings.importTimeoutMs,
    waitMs: settings.importWaitMs,
  };
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  runId: string | null;
  files: { file: string; kind: FileKind | null; rows: number; encoding?: string; delimiter?: string }[];
  errorCount: number;
  errors: ImportIssue[];
  written: Record<FileKind, number>;
  durationMs: number;
  /**
   * The refresh of the overview's aggregate after the writes (absent for dry runs, rejected
   * imports and `aggregate: false`). A failed refresh leaves the import done and the previous
   * aggregate in place; the next import or start-up refreshes it.
   */
  aggregate?: { version: number; durationMs: number } | { error: string };
}

interface EnterpriseInfo {
  okved: string[];
  stages: string[];
}

const LOOKUP_BATCH = 20_000;
/** Rows of pass 1 kept for pass 2 up to this many (beyond it, pass 2 reads the files again). */
const CACHED_ROWS = 2_000_000;

let running: Promise<unknown> = Promise.resolve();

/**
 * Imports run one at a time: a second in the same process waits for the first; one in another
 * process waits for the lease in Neo4j (up to `waitMs`, then ImportBusyError). Dry runs write
 * nothing and take no lease.
 */
export function importFiles(db: Db, files: ImportFile[], opts: ImportOptions): Promise<ImportReport> {
  const next = running.then(async () => {
    if (opts.dryRun) return runImport(db, files, opts, null);
    const lease = await acquireImportLease(db, { waitMs: opts.waitMs });
    try {
      return await runImport(db, files, opts, lease);
    } finally {
      await lease.release();
    }
  });
  running = next.catch(() => undefined);
  return next;
}

class IssueList {
  readonly listed: ImportIssue[] = [];
  count = 0;
  constructor(private max: number, private lang: Lang) {}
  add(file: string, row: number | undefined, issue: RowIssue): void {
    this.count++;
    if (this.listed.length >= this.max) return;
    this.listed.push({
      file, row, column: issue.column, code: issue.code, value: issue.value,
      message: importMessage(issue.code, this.lang, { value: issue.value, column: issue.column, detail: issue.detail }),
    });
  }
}

async function loadContext(db: Db, sme: SmeLimits): Promise<ValidationContext> {
  const regions = await db.read('MATCH (r:Region) RETURN r.code AS code');
  const stages = await db.read('MATCH (s:Stage) RETURN s.id AS id, s.chain AS chain, s.okved AS okved, s.order AS order, s.kind AS kind');
  const chains = new Map<string, ChainRef>();
  for (const s of stages) {
    const chainId = String(s.chain);
    if (!chains.has(chainId)) chains.set(chainId, { id: chainId, name: chainId, nameEn: chainId, stages: [] });
    chains.get(chainId)!.stages.push({
      id: String(s.id), name: '', nameEn: '', order: Number(s.order), kind: s.kind as 'core', okved: s.okved as string[], feeds: [],
    });
  }
  return {
    regions: new Set(regions.map((r) => String(r.code))),
    chains: new Set(chains.keys()),
    matcher: stageMatcher([...chains.values()]),
    sme,
  };
}

/** Ids (or INNs) that the database already holds, looked up in batches. */
async function existing(db: Db, query: string, keys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
    const rows = await db.read(query, { keys: keys.slice(i, i + LOOKUP_BATCH) });
    for (const r of rows) found.set(String(r.key), r);
  }
  return found;
}

function pushRef(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key);
  if (rows) rows.push(row);
  else map.set(key, [row]);
}

interface OpenedFile {
  file: ImportFile;
  name: string;
  kind: FileKind;
}

async function openTable(f: ImportFile): Promise<Table> {
  return readTable(f.path);
}

async function runImport(db: Db, files: ImportFile[], opts: ImportOptions, lease: ImportLease | null): Promise<ImportReport> {
  const started = Date.now();
  const lang = opts.lang ?? 'en';
  const issues = new IssueList(opts.maxErrors, lang);
  const report: ImportReport = {
    ok: false, dryRun: !!opts.dryRun, runId: null, files: [], errorCount: 0, errors: [],
    written: { clusters: 0, enterprises: 0, links: 0 }, durationMs: 0,
  };
  const finish = (): ImportReport => {
    report.errorCount = issues.count;
    report.errors = issues.listed;
    if (issues.count > issues.listed.length) {
      report.errors.push({
        file: '', code: 'too_many_errors',
        message: importMessage('too_many_errors', lang, { value: issues.listed.length, detail: issues.count }),
      });
    }
    report.ok = issues.count === 0;
    report.durationMs = Date.now() - started;
    return report;
  };

  // Headers first: kinds and missing columns.
  const opened: OpenedFile[] = [];
  for (const file of files) {
    const name = file.name ?? basename(file.path);
    try {
      const table = await openTable(file);
      table.close();
      const kind = file.kind ?? detectKind(table.header, name);
      report.files.push({ file: name, kind, rows: 0, encoding: table.encoding, delimiter: table.delimiter });
      if (!kind) {
        issues.add(name, 1, { code: 'unknown_file_kind' });
        continue;
      }
      for (const column of COLUMNS[kind].required) {
        if (!table.header.includes(column)) issues.add(name, 1, { column, code: 'missing_column' });
      }
      opened.push({ file, name, kind });
    } catch (error) {
      if (!(error instanceof FileFormatError)) throw error;
      report.files.push({ file: name, kind: file.kind ?? null, rows: 0 });
      issues.add(name, error.row, { code: error.code, detail: error.message });
    }
  }
  if (issues.count > 0) return finish();
  opened.sort((a, b) => FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));

  const ctx = await loadContext(db, opts.sme);
  const fileReport = (name: string) => report.files.find((f) => f.file === name)!;

  // Pass 1: check every row.
  // Where each id was first seen, as a number (file index · 2^32 + row): a million enterprises
  // cost a Map of numbers, not a million small objects.
  const at = (fileIndex: number, row: number) => fileIndex * 2 ** 32 + row;
  const where = (position: number) => `${opened[Math.floor(position / 2 ** 32)].name}:${position % 2 ** 32}`;
  const clusterRows = new Map<string, number>();
  const enterpriseRows = new Map<string, number>();
  const enterpriseInfo = new Map<string, EnterpriseInfo>();
  const innRows = new Map<string, { id: string; file: string; row: number }>();
  const linkKeys = new Map<string, number>();
  const clusterRefs = new Map<string, number[]>();
  const technoparkRefs = new Map<string, number[]>();
  const enterpriseRefs = new Map<string, number[]>();
  const refFile = new Map<Map<string, number[]>, Map<string, string>>([
    [clusterRefs, new Map()], [technoparkRefs, new Map()], [enterpriseRefs, new Map()],
  ]);
  const ref = (map: Map<string, number[]>, column: string, key: string, file: string, row: number) => {
    const fileKey = `${file}\u0000${column}\u0000${key}`;
    pushRef(map, fileKey, row);
    refFile.get(map)!.set(fileKey, key);
  };

  // Validated rows kept for pass 2, per file, while they fit; null where the file is read again.
  const cache = new Map<OpenedFile, (ClusterRow | EnterpriseRow | LinkRow)[] | null>();
  let cachedRows = 0;
  for (const opened1 of opened) {
    const { file, name, kind } = opened1;
    const fileIndex = opened.indexOf(opened1);
    const kept: (ClusterRow | EnterpriseRow | LinkRow)[] | null = [];
    cache.set(opened1, kept);
    let table: Table;
    try {
      table = await openTable(file);
    } catch (error) {
      if (!(error instanceof FileFormatError)) throw error;
      issues.add(name, error.row, { code: error.code, detail: error.message });
      continue;
    }
    let count = 0;
    const keep = (validated: ClusterRow | EnterpriseRow | LinkRow) => {
      if (cache.get(opened1) === null) return;
      if (++cachedRows > CACHED_ROWS) {
        cache.set(opened1, null);
        kept!.length = 0;
      } else kept!.push(validated);
    };
    try {
      for await (const { row, values } of table.rows) {
        count++;
        if (count % 50_000 === 0) opts.onProgress?.({ phase: 'validate', kind, rows: count });
        if (kind === 'clusters') {
          const { row: c, issues: rowIssues } = validateCluster(values, ctx);
          keep(c);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (c.id) {
            const first = clusterRows.get(c.id);
            if (first !== undefined) issues.add(name, row, { column: 'id', code: 'duplicate_id', value: c.id, detail: where(first) });
            else clusterRows.set(c.id, at(fileIndex, row));
          }
        } else if (kind === 'enterprises') {
          const { row: e, issues: rowIssues } = validateEnterprise(values, ctx);
          keep(e);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (e.id) {
            const first = enterpriseRows.get(e.id);
            if (first !== undefined) issues.add(name, row, { column: 'id', code: 'duplicate_id', value: e.id, detail: where(first) });
            else {
              enterpriseRows.set(e.id, at(fileIndex, row));
              enterpriseInfo.set(e.id, { okved: e.okvedAll, stages: e.stages });
            }
          }
          if (e.inn) {
            const first = innRows.get(e.inn);
            if (first && first.id !== e.id) issues.add(name, row, { column: 'inn', code: 'duplicate_inn', value: e.inn, detail: `${first.file}:${first.row}` });
            else innRows.set(e.inn, { id: e.id, file: name, row });
          }
          if (e.cluster && !clusterRows.has(e.cluster)) ref(clusterRefs, 'cluster', e.cluster, name, row);
          if (e.technopark) ref(technoparkRefs, 'technopark', e.technopark, name, row);
        } else {
          const { row: l, issues: rowIssues } = validateLink(values);
          keep(l);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (l.supplier && l.buyer) {
            const key = `${l.supplier}\u0000${l.buyer}\u0000${l.product}`;
            const first = linkKeys.get(key);
            if (first !== undefined) {
              issues.add(name, row, { column: 'product', code: 'duplicate_link', value: `${l.supplier} → ${l.buyer} «${l.product}»`, detail: String(first) });
            } else linkKeys.set(key, row);
          }
          if (l.supplier && !enterpriseRows.has(l.supplier)) ref(enterpriseRefs, 'supplier', l.supplier, name, row);
          if (l.buyer && !enterpriseRows.has(l.buyer)) ref(enterpriseRefs, 'buyer', l.buyer, name, row);
        }
      }
    } catch (error) {
      table.close();
      if (!(error instanceof FileFormatError)) throw error;
      issues.add(name, error.row ?? count + 2, { code: error.code, detail: error.message });
    }
    fileReport(name).rows = count;
  }
  linkKeys.clear();

  // References that the files do not define must already be in the database.
  const checkRefs = async (map: Map<string, number[]>, query: string, code: string) => {
    const keys = [...new Set(refFile.get(map)!.values())];
    const found = await existing(db, query, keys);
    for (const [fileKey, rows] of map) {
      const [file, column, key] = fileKey.split('\u0000');
      if (!found.has(key)) for (const row of rows) issues.add(file, row, { column, code, value: key });
    }
    return found;
  };
  await checkRefs(clusterRefs, 'UNWIND $keys AS key MATCH (c:Cluster {id: key}) RETURN key', 'unknown_cluster');
  await checkRefs(technoparkRefs, 'UNWIND $keys AS key MATCH (t:Technopark {id: key}) RETURN key', 'unknown_technopark');
  const known = await checkRefs(
    enterpriseRefs,
    'UNWIND $keys AS key MATCH (e:Enterprise {id: key}) RETURN key, coalesce(e.okvedAll, [e.okved]) AS okved, coalesce(e.stages, []) AS stages',
    'unknown_enterprise',
  );
  for (const [key, r] of known) enterpriseInfo.set(key, { okved: r.okved as string[], stages: r.stages as string[] });

  // Enterprises of the files whose INN another row of the files takes (a moved or swapped INN):
  // their INNs are released before the rows are written, whatever order the batches commit in.
  const innHolders = new Set<string>();
  if (innRows.size > 0) {
    const inns = [...innRows.keys()];
    for (let i = 0; i < inns.length; i += LOOKUP_BATCH) {
      const pairs = inns.slice(i, i + LOOKUP_BATCH).map((inn) => ({ inn, id: innRows.get(inn)!.id }));
      const taken = await db.read(
        'UNWIND $pairs AS p MATCH (e:Enterprise {inn: p.inn}) WHERE e.id <> p.id RETURN p.inn AS inn, e.id AS owner',
        { pairs },
      );
      for (const t of taken) {
        const at = innRows.get(String(t.inn))!;
        if (!enterpriseRows.has(String(t.owner))) {
          issues.add(at.file, at.row, { column: 'inn', code: 'duplicate_inn', value: String(t.inn), detail: `enterprise ${t.owner}` });
        } else innHolders.add(String(t.owner));
      }
    }
  }
  innRows.clear();
  // Enterprises absent from the database take the fast CREATE path when written.
  const existingEnterprises = new Set(
    (await existing(db, 'UNWIND $keys AS key MATCH (e:Enterprise {id: key}) RETURN key', [...enterpriseRows.keys()])).keys(),
  );
  if (issues.count > 0 || opts.dryRun) {
    issues.listed.sort((a, b) => (a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : a.file < b.file ? -1 : 1));
    return finish();
  }

  // Pass 2: write in batches, one transaction each, the next batch parsed while one is written.
  const runId = randomUUID();
  report.runId = runId;
  await db.write(
    'CREATE (r:ImportRun {id: $id, startedAt: datetime(), status: "running", files: $files})',
    { id: runId, files: opened.map((o) => o.name) },
  );
  const closeRun = (status: 'completed' | 'failed', error: string | null) =>
    db.write(
      'MATCH (r:ImportRun {id: $id}) SET r.status = $status, r.error = $error, r.finishedAt = datetime(), r.clusters = $c, r.enterprises = $e, r.links = $l',
      { id: runId, status, error, c: report.written.clusters, e: report.written.enterprises, l: report.written.links },
    );
  try {
    // If the import stops right after this, those enterprises lack an INN until a re-run writes it.
    if (innHolders.size > 0) {
      await db.write('UNWIND $ids AS id MATCH (e:Enterprise {id: id}) REMOVE e.inn', { ids: [...innHolders] }, opts.timeoutMs);
    }
    for (const opened1 of opened) {
      const { kind } = opened1;
      const writer = new BatchWriter(db, opts.batchSize, opts.timeoutMs, 2);
      let count = 0;
      for await (const validated of validatedRows(opened1, cache.get(opened1) ?? null, ctx)) {
        if (kind === 'clusters') {
          await writer.add('import-clusters', clusterParams(validated as ClusterRow));
        } else if (kind === 'enterprises') {
          const row = validated as EnterpriseRow;
          await writer.add(existingEnterprises.has(row.id) ? 'import-enterprises' : 'import-enterprises-new', enterpriseParams(row));
        } else {
          const row = validated as LinkRow;
          // Both ends created by this import: the link cannot exist yet.
          const fresh = enterpriseRows.has(row.supplier) && enterpriseRows.has(row.buyer) &&
            !existingEnterprises.has(row.supplier) && !existingEnterprises.has(row.buyer);
          await writer.add(fresh ? 'import-links-new' : 'import-links', linkParams(row, enterpriseInfo, ctx.matcher));
        }
        count++;
        if (count % opts.batchSize === 0) {
          lease?.check();
          opts.onProgress?.({ phase: 'write', kind, rows: count });
        }
      }
      await writer.finish();
      report.written[kind] += count;
      opts.onProgress?.({ phase: 'write', kind, rows: count });
    }
  } catch (error) {
    // Batches already committed stay (each is consistent); the run says where it stopped.
    await closeRun('failed', (error as Error).message).catch(() => undefined);
    throw error;
  }
  await closeRun('completed', null);
  if (opts.aggregate !== false) {
    try {
      const refreshed = await refreshAggregate(db, { timeoutMs: Math.max(opts.timeoutMs, REFRESH_TIMEOUT_MS) });
      report.aggregate = { version: refreshed.version, durationMs: refreshed.durationMs };
    } catch (error) {
      report.aggregate = { error: (error as Error).message };
    }
  }
  return finish();
}

/** The validated rows of a file: from the pass-1 cache, or read and checked again. */
async function* validatedRows(
  { file, kind }: OpenedFile,
  cached: (ClusterRow | EnterpriseRow | LinkRow)[] | null,
  ctx: ValidationContext,
): AsyncIterable<ClusterRow | EnterpriseRow | LinkRow> {
  if (cached) {
    yield* cached;
    return;
  }
  const table = await openTable(file);
  for await (const { values } of table.rows) {
    if (kind === 'clusters') yield validateCluster(values, ctx).row;
    else if (kind === 'enterprises') yield validateEnterprise(values, ctx).row;
    else yield validateLink(values).row;
  }
}

/** Write queries that read their batch through a rows fragment; the others read the columns themselves. */
const ROWS_OF: Record<string, string | undefined> = {
  'import-clusters': 'import-cluster-rows',
  'import-enterprises': 'import-enterprise-rows',
  'import-links': 'import-link-rows',
};

/**
 * Batches rows per query; one transaction per batch, and the next batch is prepared while the
 * previous one is written (two at a time for batches that only create).
 */
class BatchWriter {
  private batches = new Map<string, Record<string, unknown>[]>();
  private inFlight: Promise<unknown>[] = [];
  constructor(private db: Db, private size: number, private timeoutMs: number, private parallel = 1) {}

  async add(queryName: string, row: Record<string, unknown>): Promise<void> {
    let batch = this.batches.get(queryName);
    if (!batch) this.batches.set(queryName, (batch = []));
    batch.push(row);
    if (batch.length >= this.size) await this.flush(queryName);
  }

  private async flush(queryName: string): Promise<void> {
    const rows = this.batches.get(queryName)!;
    this.batches.set(queryName, []);
    const columns: Record<string, unknown[]> = {};
    for (const key of Object.keys(rows[0])) columns[key] = rows.map((row) => row[key]);
    const rowsOf = ROWS_OF[queryName];
    const query = rowsOf ? `${cypher(rowsOf)}\n${cypher(queryName)}` : cypher(queryName);
    const lanes = PARALLEL_SAFE.has(queryName) ? this.parallel : 1;
    while (this.inFlight.length >= lanes) await this.inFlight.shift();
    const write = writeRetryingDeadlocks(this.db, query, columns, this.timeoutMs);
    // Awaited later; marked handled now so a failure while another batch is awaited is not fatal.
    write.catch(() => undefined);
    this.inFlight.push(write);
  }

  async finish(): Promise<void> {
    for (const [queryName, rows] of this.batches) if (rows.length > 0) await this.flush(queryName);
    await Promise.all(this.inFlight);
  }
}

/** Batches that only create (no MERGE, no delete) may run side by side; deadlocks are retried. */
const PARALLEL_SAFE = new Set(['import-enterprises-new', 'import-links-new']);

async function writeRetryingDeadlocks(db: Db, query: string, params: Record<string, unknown>, timeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.write(query, params, timeoutMs);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.includes('DeadlockDetected') || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

function clusterParams(c: ClusterRow): Record<string, unknown> {
  return { ...c, nameLatin: latinName(c.name) };
}

function enterpriseParams(e: EnterpriseRow): Record<string, unknown> {
  return { ...e, nameLatin: latinName(e.name) };
}

function linkParams(link: LinkRow, info: Map<string, EnterpriseInfo>, matcher: StageMatcher): Record<string, unknown> {
  return { ...link, stage: linkStage(link, info.get(link.supplier)?.okved ?? [], info.get(link.buyer)?.stages ?? [], matcher) };
}
