// `npm run seed -- [--enterprises N] [--seed S] [--force]`: loads the seed into the configured
// database (generated graph of N enterprises, about 5N links). Refuses a non-empty database
// unless --force is given (the import is idempotent, so forcing only adds or updates).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../server/config.js';
import { prepareDatabase } from '../server/setup.js';
import { seedDatabase, seedNeeded, DEFAULT_SEED_ENTERPRISES } from '../seed/load.js';
import { connect } from './runtime.js';
import { REPO_ROOT } from './neo4j.js';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: String(DEFAULT_SEED_ENTERPRISES) },
    seed: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const enterprises = Number(values.enterprises);
if (!Number.isInteger(enterprises) || enterprises < 0 || enterprises > 5_000_000) {
  console.error('--enterprises must be a whole number between 0 and 5,000,000');
  process.exit(2);
}
const settings = loadSettings();
const runtime = await connect(settings);
try {
  await prepareDatabase(runtime.db);
  if (!(await seedNeeded(runtime.db)) && !values.force) {
    console.error('The database already holds enterprises; run with --force to add the seed anyway.');
    process.exitCode = 1;
  } else {
    await seedDatabase(runtime.db, settings, {
      enterprises,
      seed: values.seed === undefined ? undefined : Number(values.seed),
      workDir: join(REPO_ROOT, '.data', `seed-${enterprises}`),
    });
  }
} finally {
  await runtime.close();
}
