// `npm run import -- [--dry-run] [--lang ru|en] <files…>`: the same import as POST /api/import.
import { parseArgs } from 'node:util';
import { loadSettings } from '../server/config.js';
import { prepareDatabase } from '../server/setup.js';
import { importFiles, importOptions } from '../server/import/index.js';
import { recordAudit } from '../server/audit.js';
import { leaseRefusal } from '../server/import/lock.js';
import { userInfo } from 'node:os';
import { connect } from './runtime.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, lang: { type: 'string', default: 'en' } },
});
if (positionals.length === 0) {
  console.error('usage: npm run import -- [--dry-run] [--lang ru|en] enterprises.csv links.xlsx clusters.csv …');
  process.exit(2);
}
const settings = loadSettings();
const runtime = await connect(settings);
try {
  await prepareDatabase(runtime.db);
  const report = await importFiles(
    runtime.db,
    positionals.map((path) => ({ path })),
    {
      ...importOptions(settings),
      dryRun: values['dry-run'],
      lang: values.lang === 'ru' ? 'ru' : 'en',
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
} catch (error) {
  const refusal = leaseRefusal(error, values.lang === 'ru' ? 'ru' : 'en');
  if (!refusal) throw error;
  console.error(refusal.message);
  process.exitCode = 1;
} finally {
  await runtime.close();
}
