// `npm start`: Neo4j (the project's own unless NEO4J_URI is set), schema, seed when empty, app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { loadSettings } from '../server/config.js';
import { buildApp } from '../server/app.js';
import { prepareDatabase, isEmpty } from '../server/setup.js';
import { seedDatabase, DEFAULT_SEED_ENTERPRISES } from '../server/seed.js';
import { DbUnavailableError } from '../server/db.js';
import { connect } from './runtime.js';
import { REPO_ROOT } from './neo4j.js';

const settings = loadSettings();

if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'index.html')) || process.env.COOPGRAPH_REBUILD === '1') {
  console.log('[coopgraph] building the client…');
  execSync('npx vite build --logLevel warn', { cwd: REPO_ROOT, stdio: 'inherit' });
}

const runtime = await connect(settings);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[coopgraph] ${signal}: stopping…`);
  await app.close().catch(() => undefined);
  await runtime.close();
  process.exit(0);
}

// An external Neo4j may be down at start: serve 503s and keep trying until it answers.
async function prepareWhenReachable(): Promise<void> {
  for (;;) {
    try {
      await prepareDatabase(runtime.db);
      if (await isEmpty(runtime.db)) {
        const enterprises = Number(process.env.SEED_ENTERPRISES ?? DEFAULT_SEED_ENTERPRISES);
        console.log(`[seed] the database is empty: loading the seed (${enterprises} generated enterprises)…`);
        await seedDatabase(runtime.db, settings, { enterprises, workDir: join(REPO_ROOT, '.data', 'seed') });
      }
      return;
    } catch (error) {
      if (!(error instanceof DbUnavailableError)) throw error;
      console.log(`[coopgraph] Neo4j unreachable (${error.reason}); retrying in 5 s`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

await prepareWhenReachable();
const app = await buildApp(runtime.db, settings);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
await app.listen({ host: settings.host, port: settings.port });
console.log(`\n  coopgraph is running: http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${settings.port}/\n  (Ctrl-C stops the app and Neo4j)\n`);
