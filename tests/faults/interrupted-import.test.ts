// An import process killed half-way leaves a consistent database, and running it again
// completes it: the real CLI, killed with SIGKILL while it writes.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../../seed/generate/index.js';
import { loadReference } from '../../server/reference.js';
import { importFiles } from '../../server/import/index.js';
import type { Db } from '../../server/db.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { useEmptyGraph } from '../fixtures/index.js';

const empty = useEmptyGraph();
const { settings } = empty;
let db: Db;
beforeAll(() => {
  ({ db } = empty);
});

const count = async (query: string) => Number((await db.read(query))[0].n);

describe('an interrupted import', () => {
  it('leaves the database consistent, and a re-run completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-kill-'));
    const { files, counts } = await generateDataset({ enterprises: 20_000, outDir: dir, reference: loadReference() });

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', files.clusters, files.enterprises, files.links],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NEO4J_URI: settings.neo4jUri,
          NEO4J_USER: settings.neo4jUser,
          NEO4J_PASSWORD: settings.neo4jPassword,
          IMPORT_BATCH_SIZE: '500',
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it once it has written part of the enterprises.
    const deadline = Date.now() + 90_000;
    while ((await count('MATCH (e:Enterprise) RETURN count(e) AS n')) < 3_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await exited;

    const partial = await count('MATCH (e:Enterprise) RETURN count(e) AS n');
    expect(partial).toBeGreaterThanOrEqual(3_000);
    expect(partial).toBeLessThan(counts.enterprises);
    // Each batch is one transaction: no enterprise without its region or stages half-written.
    expect(await count('MATCH (e:Enterprise) WHERE NOT (e)-[:LOCATED_IN]->(:Region) RETURN count(e) AS n')).toBe(0);
    expect(
      await count('MATCH (e:Enterprise) WHERE size(e.stages) > 0 AND NOT (e)-[:OPERATES_AT]->() RETURN count(e) AS n'),
    ).toBe(0);
    expect(await count("MATCH (r:ImportRun {status: 'running'}) RETURN count(r) AS n")).toBe(1);

    const report = await importFiles(
      db,
      [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }],
      {
        sme: settings.sme,
        batchSize: 2_000,
        maxErrors: 100,
        timeoutMs: 120_000,
        waitMs: 60_000,
      },
    );
    expect(report.errors).toEqual([]);
    expect(await count('MATCH (e:Enterprise) RETURN count(e) AS n')).toBe(counts.enterprises);
    expect(await count('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n')).toBe(counts.links);
    expect(await count('MATCH (c:Cluster) RETURN count(c) AS n')).toBe(counts.clusters);
    expect(await count('MATCH (e:Enterprise) WHERE NOT (e)-[:LOCATED_IN]->(:Region) RETURN count(e) AS n')).toBe(0);
  });
});
