// `npm test`: builds the client, starts a Neo4j for the tests (the project's own on a separate
// port and folder, unless TEST_NEO4J_URI points at another), runs every test, stops Neo4j.
import { execSync, spawn } from 'node:child_process';
import os from 'node:os';
import { freePort, startNeo4j, REPO_ROOT } from './neo4j.js';

console.log('[test] building the client…');
execSync('npx vite build --logLevel warn', { cwd: REPO_ROOT, stdio: 'inherit' });

let env: NodeJS.ProcessEnv = { ...process.env };
let stop = async () => {};
if (!process.env.TEST_NEO4J_URI) {
  const neo = await startNeo4j({
    // A run on a port of its own keeps its own folder, so runs side by side do not share a store.
    home: process.env.TEST_NEO4J_PORT ? `.neo4j/test-${process.env.TEST_NEO4J_PORT}` : '.neo4j/test',
    boltPort: Number(process.env.TEST_NEO4J_PORT ?? (await freePort())),
    heap: '1g',
    pageCache: '512m',
  });
  env = { ...env, TEST_NEO4J_URI: neo.uri, TEST_NEO4J_USER: neo.user, TEST_NEO4J_PASSWORD: neo.password };
  env.TEST_OUTAGE_NEO4J_PORT ??= String(await freePort());
  stop = neo.stop;
}
let status = 1;
const args = ['vitest', 'run', ...process.argv.slice(2)];
const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: 'inherit', env });
// Interrupted (Ctrl+C, a closed terminal, CI's timeout): the tests stop and so does their Neo4j,
// instead of leaving it holding its port.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
try {
  status = await new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
    child.on('error', () => resolve(1));
  });
} finally {
  await stop();
}
process.exit(status);
