// `npm start`: Neo4j (the project's own unless NEO4J_URI is set), the app, then schema, the
// reference data, the demo seed (unless COOPGRAPH_START_DATA=reference, or the seed was removed)
// and the overview's aggregate in the background (the API answers 503 until Neo4j is reachable,
// and the overview of a large graph until its aggregate exists). The settings are checked before
// anything starts: a bad SEED_ENTERPRISES stops here, with nothing written.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { loadSettings, type Settings } from '../server/config.js';
import { buildApp } from '../server/app.js';
import { prepareDatabase } from '../server/setup.js';
import { loadStartData } from '../seed/load.js';
import { DbUnavailableError } from '../server/db.js';
import { ensureAggregate } from '../server/aggregate.js';
import { ensureAdmin } from '../server/auth.js';
import { connect, type Runtime } from './runtime.js';
import { REPO_ROOT } from './neo4j.js';
import { clientIsStale } from './client-build.js';

let settings: Settings;
try {
  settings = loadSettings();
} catch (error) {
  console.error(`[coopgraph] ${(error as Error).message}`);
  process.exit(2);
}
let runtime: Runtime | undefined;
let app: FastifyInstance | undefined;

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`[coopgraph] ${reason}: stopping…`);
  await app?.close().catch(() => undefined);
  await runtime?.close();
  process.exit(exitCode);
}
// Installed first, so Ctrl-C during start-up still stops Neo4j in order.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (clientIsStale() || process.env.COOPGRAPH_REBUILD === '1') {
  console.log('[coopgraph] building the client…');
  execSync('npx vite build --logLevel warn', { cwd: REPO_ROOT, stdio: 'inherit' });
}

runtime = await connect(settings);
const db = runtime.db;
app = await buildApp(db, settings);
await app.listen({ host: settings.host, port: settings.port });
const url = `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${settings.port}/`;

// The first start creates an admin; its one-time password is printed with the URL below.
let firstAdmin = '';
// An external Neo4j may be down at start: keep trying until it answers.
for (;;) {
  try {
    await prepareDatabase(db);
    await ensureAdmin(db, settings, (line) => {
      firstAdmin = line;
    });
    await loadStartData(db, settings, {
      workDir: join(REPO_ROOT, '.data', 'seed'),
      loadedBy: `cli:${userInfo().username}`,
    });
    // The overview reads an aggregate that imports refresh; refresh it here when it is missing
    // or older than the last import (an import by another process, or one that was killed).
    await ensureAggregate(db);
    break;
  } catch (error) {
    if (!(error instanceof DbUnavailableError)) {
      console.error(error);
      await shutdown('start-up failed', 1);
    }
    console.log(`[coopgraph] Neo4j unreachable (${(error as DbUnavailableError).reason}); retrying in 5 s`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}
console.log(`\n  coopgraph is running: ${url}\n  (Ctrl-C stops the app and Neo4j)\n`);
if (firstAdmin) console.log(`  ${firstAdmin}\n`);
