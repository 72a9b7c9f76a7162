// `npm run seed -- [--enterprises N] [--seed S] [--force] [--online | --offline]`: loads the seed
// into the configured database (generated graph of N enterprises, about 5N links). Refuses a
// non-empty database unless --force is given (the online import is idempotent, so forcing only
// adds or updates).
//
// Two paths: online, through the import (server/import) like any user's file; offline, through
// Neo4j's own importer over the stopped store (seed/offline), for an empty database of the
// project's own Neo4j only. By default the offline path loads from OFFLINE_FROM enterprises on,
// where it is the faster (README: the seed's load, online and offline), and the online path
// otherwise or when the offline one cannot be used (NEO4J_URI set, data in the database).
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadSettings, usesEmbeddedNeo4j } from '../server/config.js';
import { prepareDatabase } from '../server/setup.js';
import { seedDatabase, seedNeeded, DEFAULT_SEED_ENTERPRISES } from '../seed/load.js';
import { OfflineRefused, offlineUnavailable, seedOffline } from '../seed/offline/index.js';
import { connect } from './runtime.js';
import { embeddedStore, neo4jPid, stopNeo4j, REPO_ROOT } from './neo4j.js';

/** From this many generated enterprises on, an empty local database is loaded offline by default. */
const OFFLINE_FROM = 50_000;

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: String(DEFAULT_SEED_ENTERPRISES) },
    seed: { type: 'string' },
    force: { type: 'boolean', default: false },
    online: { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
  },
});
const enterprises = Number(values.enterprises);
if (!Number.isInteger(enterprises) || enterprises < 0 || enterprises > 5_000_000) {
  console.error('--enterprises must be a whole number between 0 and 5,000,000');
  process.exit(2);
}
if (values.online && values.offline) {
  console.error('--online and --offline exclude each other');
  process.exit(2);
}
const settings = loadSettings();
const seed = values.seed === undefined ? undefined : Number(values.seed);
const workDir = join(REPO_ROOT, '.data', `seed-${enterprises}`);
const log = (line: string) => console.log(line);
const loadedBy = `cli:${userInfo().username}`;

const unavailable = offlineUnavailable(settings);
if (values.offline && unavailable) {
  console.error(`--offline: ${unavailable}. Run without --offline to load the seed online.`);
  process.exit(2);
}
const tryOffline = !unavailable && (values.offline || (!values.online && enterprises >= OFFLINE_FROM));

// Neo4j is left as it was found: stopped at the end if this command started it.
const embedded = usesEmbeddedNeo4j(settings);
const wasRunning = embedded && neo4jPid(settings.embeddedHome) !== null;
try {
  let done = false;
  if (tryOffline) {
    try {
      await seedOffline(settings, embeddedStore(settings, log), {
        enterprises,
        seed,
        workDir,
        log,
        loadedBy,
        leaveRunning: true,
      });
      done = true;
    } catch (error) {
      if (!(error instanceof OfflineRefused)) throw error;
      if (values.offline) {
        console.error(`--offline: ${error.message}. Run without --offline to load the seed online.`);
        process.exitCode = 1;
        done = true;
      } else log(`[seed] not loading offline: ${error.message}; loading online`);
    }
  }
  if (!done) {
    const runtime = await connect(settings, log);
    try {
      await prepareDatabase(runtime.db);
      if (!(await seedNeeded(runtime.db)) && !values.force) {
        console.error('The database already holds enterprises; run with --force to add the seed anyway.');
        process.exitCode = 1;
      } else {
        await seedDatabase(runtime.db, settings, { enterprises, seed, workDir, loadedBy });
      }
    } finally {
      await runtime.close({ keepNeo4j: true });
    }
  }
} finally {
  if (embedded && !wasRunning) await stopNeo4j(settings.embeddedHome, log);
}
