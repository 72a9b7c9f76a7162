// Import of enterprises, links and clusters from CSV/XLSX files: the path users and the seed share.
// Pass 1 reads every file and checks every row (nothing is written if anything is wrong);
// pass 2 streams the rows into Neo4j in batches of idempotent MERGE statements, so a re-run
// changes nothing and an import killed half-way is completed by running it again. The phases:
// headers (./headers.ts), rows (./rows.ts), references (./references.ts), writes (./write.ts).
import type { Db } from '../db.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS } from '../aggregate.js';
import { importMessage } from './messages.js';
import { acquireImportLease, type ImportLease } from './lock.js';
import { IssueList } from './issues.js';
import { readHeaders } from './headers.js';
import { checkRows } from './rows.js';
import { loadContext, resolveReferences } from './references.js';
import { writeRows } from './write.js';

export type { ImportIssue } from '../../core/schemas.js';
export { importOptions, type ImportFile, type ImportOptions, type ImportReport } from './options.js';
import type { ImportFile, ImportOptions, ImportReport } from './options.js';

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

async function runImport(
  db: Db,
  files: ImportFile[],
  opts: ImportOptions,
  lease: ImportLease | null,
): Promise<ImportReport> {
  const started = Date.now();
  const lang = opts.lang ?? 'en';
  const issues = new IssueList(opts.maxErrors, lang);
  const report: ImportReport = {
    ok: false,
    dryRun: !!opts.dryRun,
    runId: null,
    files: [],
    errorCount: 0,
    errors: [],
    written: { clusters: 0, enterprises: 0, links: 0 },
    durationMs: 0,
  };
  const finish = (): ImportReport => {
    report.errorCount = issues.count;
    report.errors = issues.listed;
    if (issues.count > issues.listed.length) {
      report.errors.push({
        file: '',
        code: 'too_many_errors',
        message: importMessage('too_many_errors', lang, { value: issues.listed.length, detail: issues.count }),
      });
    }
    report.ok = issues.count === 0;
    report.durationMs = Date.now() - started;
    return report;
  };

  // Headers first: kinds and missing columns.
  const opened = await readHeaders(files, report, issues, opts.fileLimits);
  if (issues.count > 0) return finish();

  const ctx = await loadContext(db, opts.sme);
  // Pass 1: check every row, then what the rows refer to.
  const checked = await checkRows(opened, ctx, issues, report, opts);
  const resolved = await resolveReferences(db, checked, issues);
  if (issues.count > 0 || opts.dryRun) {
    issues.listed.sort((a, b) => (a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : a.file < b.file ? -1 : 1));
    return finish();
  }

  // Pass 2: write in batches, one transaction each, the next batch parsed while one is written.
  await writeRows(db, opened, ctx, checked, resolved, opts, lease, report);
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
