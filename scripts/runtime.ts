// Connects to the configured Neo4j, starting the project's own one when NEO4J_URI is not set.
import { Db } from '../server/db.js';
import { usesEmbeddedNeo4j, type Settings } from '../server/config.js';
import { startNeo4j, type EmbeddedNeo4j } from './neo4j.js';

export interface Runtime {
  db: Db;
  embedded: EmbeddedNeo4j | null;
  /** Closes the driver and stops the embedded Neo4j if this process started it. */
  close(opts?: { keepNeo4j?: boolean }): Promise<void>;
}

export async function connect(settings: Settings, log: (line: string) => void = console.log): Promise<Runtime> {
  let embedded: EmbeddedNeo4j | null = null;
  let uri = settings.neo4jUri;
  let user = settings.neo4jUser;
  let password = settings.neo4jPassword;
  if (usesEmbeddedNeo4j(settings)) {
    embedded = await startNeo4j({
      home: settings.embeddedHome,
      boltPort: settings.embeddedBoltPort,
      heap: settings.embeddedHeap,
      pageCache: settings.embeddedPageCache,
      log,
    });
    ({ uri, user, password } = embedded);
  }
  const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: settings.queryTimeoutMs });
  return {
    db,
    embedded,
    async close(opts = {}) {
      await db.close();
      if (embedded && !opts.keepNeo4j) await embedded.stop();
    },
  };
}
