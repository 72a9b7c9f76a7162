// `npm run import -- [--dry-run] [--lang ru|en] <files…>`: the same import as POST /api/import.
// `npm run import -- archive.zip [--regions 11,29] [--chains timber,oilgas] [--dry-run]`: an FNS
// archive (the SME register, or its revenue/expenses or headcount companion; recognised from the
// content, a ZIP by its signature) loaded as POST /api/import/register does, with its progress on
// one line (Ctrl+C stops it after the batch it is writing; a second Ctrl+C quits at once).
import { parseArgs } from 'node:util';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadSettings } from '../server/config.js';
import { prepareDatabase } from '../server/setup.js';
import { importFiles, importOptions } from '../server/import/index.js';
import {
  importRegister,
  registerOptions,
  type RegisterProgress,
  type RegisterReport,
} from '../server/register/index.js';
import { recordAudit } from '../server/audit.js';
import { leaseRefusal } from '../server/import/lock.js';
import { AppError } from '../server/errors.js';
import { userInfo } from 'node:os';
import { connect } from './runtime.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    regions: { type: 'string' },
    chains: { type: 'string' },
  },
});
if (positionals.length === 0) {
  console.error(
    [
      'usage: npm run import -- [--dry-run] [--lang ru|en] enterprises.csv links.xlsx clusters.csv …',
      '       npm run import -- [--dry-run] [--regions 11,29] [--chains timber,oilgas] data-DDMMYYYY-structure-DDMMYYYY.zip',
    ].join('\n'),
  );
  process.exit(2);
}
const lang = values.lang === 'ru' ? 'ru' : 'en';

/** A ZIP by its signature: a local file header, or the end record of an empty archive. */
async function isZip(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  } finally {
    await file.close();
  }
}

const zips = await Promise.all(positionals.map(isZip));
if (zips.some(Boolean) && positionals.length > 1) {
  console.error('An FNS archive (ZIP) is loaded on its own: give one ZIP file, or only CSV/XLSX files.');
  process.exit(2);
}
if (!zips[0] && (values.regions || values.chains)) {
  console.error('--regions and --chains apply to an FNS register archive (ZIP) only.');
  process.exit(2);
}

async function importCsv(): Promise<void> {
  const report = await importFiles(
    runtime.db,
    positionals.map((path) => ({ path })),
    {
      ...importOptions(settings),
      dryRun: values['dry-run'],
      lang,
      user: `cli:${userInfo().username}`,
      onProgress: (p) => p.rows % 100_000 === 0 && p.rows > 0 && console.log(`  ${p.phase} ${p.kind}: ${p.rows} rows`),
    },
  );
  await recordAudit(runtime.db, {
    user: `cli:${userInfo().username}`,
    action: report.dryRun ? 'import-dry-run' : 'import',
    target: report.runId,
    status: 0,
    counts: { ...report.written, errors: report.errorCount, files: report.files.length },
  }).catch((error) => console.error(`The audit trail could not be written: ${error.message}`));
  for (const f of report.files)
    console.log(
      `${f.file}: ${f.kind ?? '?'}, ${f.rows} rows${f.encoding ? `, ${f.encoding}` : ''}${f.delimiter ? `, delimiter "${f.delimiter}"` : ''}`,
    );
  if (report.ok) {
    console.log(
      report.dryRun
        ? 'All rows are valid (dry run: nothing written).'
        : `Imported ${report.written.clusters} clusters, ${report.written.enterprises} enterprises, ${report.written.links} links in ${(report.durationMs / 1000).toFixed(1)} s.`,
    );
    if (report.aggregate && 'error' in report.aggregate) {
      console.error(
        `The overview's aggregate was not refreshed (${report.aggregate.error}); the next import or \`npm start\` refreshes it.`,
      );
    } else if (report.aggregate) {
      console.log(
        `Refreshed the overview's aggregate of supply flows by region in ${(report.aggregate.durationMs / 1000).toFixed(1)} s.`,
      );
    }
  } else {
    console.error(`Rejected: ${report.errorCount} error(s); nothing was written.`);
    for (const e of report.errors)
      console.error(`  ${e.file}${e.row ? `:${e.row}` : ''}${e.column ? ` [${e.column}]` : ''} ${e.message}`);
    process.exitCode = 1;
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const duration = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`
      : `${Math.round(s)} s`;

function progressLine(p: RegisterProgress): string {
  const of = p.declaredDocuments ? ` of ~${int(p.declaredDocuments)}` : '';
  const pct = p.totalBytes > 0 ? ` (${Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100))} %)` : '';
  const left =
    p.phase === 'reading'
      ? p.etaSeconds === null
        ? ', estimating the time left'
        : `, ${duration(p.etaSeconds)} left`
      : p.phase === 'ties'
        ? ', writing the ties to customers'
        : ', finishing';
  return `${int(p.documents)}${of} documents${pct}, ${p.parts}/${p.partsTotal} parts, ${int(p.rate)} documents/s${left}`;
}

async function loadArchive(path: string): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    console.error('\nStopping after the batch being written (Ctrl+C again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tty = process.stdout.isTTY === true;
  let lastLine = 0;
  let lineOpen = false;
  const onProgress = (p: RegisterProgress) => {
    if (tty) {
      process.stdout.write(`\r\x1b[2K${progressLine(p)}`);
      lineOpen = true;
    } else if (Date.now() - lastLine >= 10_000) {
      lastLine = Date.now();
      console.log(progressLine(p));
    }
  };
  const list = (s: string | undefined) => (s ? s.split(/[\s,;]+/).filter(Boolean) : undefined);
  console.log(`Loading ${basename(path)}…`);
  const report = await importRegister(runtime.db, path, {
    ...registerOptions(settings),
    regions: list(values.regions),
    chains: list(values.chains),
    dryRun: values['dry-run'],
    lang,
    user: `cli:${userInfo().username}`,
    signal: controller.signal,
    onProgress,
  }).finally(() => {
    if (lineOpen) process.stdout.write('\n');
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  if (!report.dryRun)
    await recordAudit(runtime.db, {
      user: `cli:${userInfo().username}`,
      action: 'import',
      target: report.runId,
      status: 0,
      counts: {
        enterprises: report.counts.enterprises,
        ties: report.counts.ties,
        setAside: report.setAsideCount,
        documents: report.counts.documents,
        files: 1,
      },
    }).catch((error) => console.error(`The audit trail could not be written: ${error.message}`));
  printSummary(report);
  if (report.status !== 'completed') process.exitCode = 1;
}

const KIND_NAMES = { register: 'SME register', revexp: 'revenue and expenses', headcount: 'average headcount' };

function printSummary(r: RegisterReport): void {
  const c = r.counts;
  const what = r.kind ? KIND_NAMES[r.kind] : 'FNS archive';
  const status =
    r.status === 'completed'
      ? r.dryRun
        ? 'Checked (dry run: nothing written)'
        : 'Loaded'
      : r.status === 'cancelled'
        ? 'Stopped: the batches written stay, no subject was marked as having left the register'
        : `Failed: ${r.error}`;
  console.log(
    `${status}: ${r.file}, ${what} of ${r.stateDate ?? '?'} (version ${r.version ?? '?'}), dataset ${r.datasetId}`,
  );
  console.log(`  ${int(c.documents)} documents in ${r.parts} parts, ${(r.durationMs / 1000).toFixed(1)} s`);
  if (r.filters.regions.length > 0 || r.filters.chains.length > 0)
    console.log(
      `  filters: regions ${r.filters.regions.join(', ') || 'all'}, chains ${r.filters.chains.join(', ') || 'all'}; ${int(c.filtered)} documents outside them`,
    );
  if (r.kind === 'register') {
    console.log(`  enterprises: ${int(c.created)} created, ${int(c.updated)} updated`);
    console.log(`  ties to customers: ${int(c.ties)} (${int(c.customers)} customers known only from them)`);
    if (r.status === 'completed' && !r.dryRun) console.log(`  left the register: ${int(c.leftRegister)}`);
  } else if (r.kind) {
    console.log(
      `  INNs: ${int(c.matched)} found, ${int(c.unmatched)} not found; figures written: ${int(c.enterprises)}, user's figures kept: ${int(c.kept)}`,
    );
  }
  if (r.setAsideCount > 0) {
    console.log(
      `  set aside (not loaded) or ties skipped: ${int(r.setAsideCount)}${r.setAside.length < r.setAsideCount ? `; the first ${r.setAside.length}:` : ':'}`,
    );
    for (const s of r.setAside.slice(0, 50))
      console.log(`    ${s.part} #${s.index}${s.docId ? ` (ИдДок ${s.docId})` : ''}: ${s.message}`);
    if (r.setAside.length > 50)
      console.log(`    … and ${int(r.setAsideCount - 50)} more (the report lists ${r.setAside.length})`);
  }
}

const settings = loadSettings();
const runtime = await connect(settings);
try {
  await prepareDatabase(runtime.db);
  if (zips[0]) await loadArchive(positionals[0]);
  else await importCsv();
} catch (error) {
  const refusal = leaseRefusal(error, lang);
  if (refusal) console.error(refusal.message);
  else if (error instanceof AppError) console.error(`Refused: ${error.message}`);
  else throw error;
  process.exitCode = 1;
} finally {
  await runtime.close();
}
