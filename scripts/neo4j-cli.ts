// `npm run neo4j -- start|stop|status`: the project's own Neo4j, on its own.
import { loadSettings, usesEmbeddedNeo4j } from '../server/config.js';
import { startNeo4j, stopNeo4j } from './neo4j.js';

const settings = loadSettings();
const command = process.argv[2] ?? 'status';
if (!usesEmbeddedNeo4j(settings)) {
  console.log(`NEO4J_URI is set (${settings.neo4jUri}): this project does not manage that Neo4j.`);
  process.exit(0);
}
const opts = {
  home: settings.embeddedHome,
  boltPort: settings.embeddedBoltPort,
  heap: settings.embeddedHeap,
  pageCache: settings.embeddedPageCache,
};
if (command === 'start') {
  const n = await startNeo4j(opts);
  console.log(
    `Neo4j runs (pid ${n.pid}) at ${n.uri}; user neo4j, password in ${settings.embeddedHome}/password. Stop it with: npm run neo4j -- stop`,
  );
} else if (command === 'stop') {
  if (!(await stopNeo4j(settings.embeddedHome))) console.log('Neo4j was not running.');
  else console.log('Neo4j stopped.');
} else {
  console.log('usage: npm run neo4j -- start|stop');
  process.exit(2);
}
