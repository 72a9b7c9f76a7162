// A load of an FNS register archive from the command line, stopped half-way: Ctrl+C stops it after
// the batch it is writing and says so (the dataset 'cancelled', nobody marked as having left);
// SIGKILL leaves every batch committed whole, and loading again completes the dump.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRegisterZip, type WrittenArchive } from '../../seed/fns/generate.js';
import { importRegister, registerOptions } from '../../server/register/index.js';
import type { Db } from '../../server/db.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { useEmptyGraph } from '../fixtures/index.js';

const empty = useEmptyGraph({}, { each: true });
const { settings } = empty;
let db: Db;
let archive: WrittenArchive;
const BATCH = 500;
beforeAll(async () => {
  ({ db } = empty);
  const dir = mkdtempSync(join(tmpdir(), 'coopgraph-fns-kill-'));
  archive = await writeRegisterZip(join(dir, 'data-10022026-structure-10062025.zip'), {
    documents: 30_000,
    regions: ['11', '29', '86'],
    stateDate: '2026-02-10',
    perPart: 900,
  });
});

const count = async (query: string) => Number((await db.read(query))[0].n);
const loaded = () =>
  count(
    "MATCH (e:Enterprise) WHERE e.source = 'fns-rsmp' AND 'fns-rsmp:2026-02-10' IN e.datasets RETURN count(e) AS n",
  );

function cli(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', archive.file], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: settings.neo4jUri,
      NEO4J_USER: settings.neo4jUser,
      NEO4J_PASSWORD: settings.neo4jPassword,
      IMPORT_BATCH_SIZE: String(BATCH),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function waitForLoaded(atLeast: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while ((await loaded()) < atLeast && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/**
 * The count once the killed process's last commit, if it had sent one, has landed: Neo4j finishes
 * a COMMIT it received even when the client is gone, so a count read at once may be a batch short.
 */
async function settledLoaded(): Promise<number> {
  let last = await loaded();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await loaded();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Every subject written whole: its region, its stages; no half batch. */
async function expectConsistent(): Promise<number> {
  const n = await loaded();
  expect(n % BATCH).toBe(0);
  expect(
    await count(
      'MATCH (e:Enterprise) WHERE NOT (e)-[:LOCATED_IN]->(:Region) AND e.region IS NOT NULL RETURN count(e) AS n',
    ),
  ).toBe(0);
  expect(
    await count('MATCH (e:Enterprise) WHERE size(e.stages) > 0 AND NOT (e)-[:OPERATES_AT]->() RETURN count(e) AS n'),
  ).toBe(0);
  expect(await count('MATCH (e:Enterprise) WHERE e.leftRegisterAt IS NOT NULL RETURN count(e) AS n')).toBe(0);
  return n;
}

describe('a register load from the command line, stopped half-way', () => {
  it('stops after the batch being written on Ctrl+C, and says so', async () => {
    const run = cli();
    await waitForLoaded(2 * BATCH);
    run.child.kill('SIGINT');
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('Stopping after the batch being written');
    expect(run.output()).toMatch(
      /Stopped: the batches written stay, no subject was marked as having left the register/,
    );
    const n = await expectConsistent();
    expect(n).toBeLessThan(archive.documents);
    const [ds] = await db.read("MATCH (d:Dataset {id: 'fns-rsmp:2026-02-10'}) RETURN d.status AS status");
    expect(ds.status).toBe('cancelled');
    expect(await count('MATCH (l:ImportLock) WHERE l.token IS NOT NULL RETURN count(l) AS n')).toBe(0);
  });

  it('leaves every committed batch whole when killed, and loading again completes it', async () => {
    const run = cli();
    await waitForLoaded(3 * BATCH);
    run.child.kill('SIGKILL');
    await run.exited;
    await settledLoaded();
    const n = await expectConsistent();
    expect(n).toBeLessThan(archive.documents);
    expect(await count("MATCH (r:ImportRun {status: 'running'}) RETURN count(r) AS n")).toBe(1);

    const report = await importRegister(db, archive.file, { ...registerOptions(settings), batchSize: 2_000 });
    expect(report.status).toBe('completed');
    expect(await loaded()).toBe(archive.documents);
    expect(report.counts.created + report.counts.updated).toBe(archive.documents);
    expect(report.counts.updated).toBe(n);
    const [ds] = await db.read(
      "MATCH (d:Dataset {id: 'fns-rsmp:2026-02-10'}) RETURN d.status AS status, d.enterprises AS e",
    );
    expect(ds.status).toBe('completed');
    expect(ds.e).toBeGreaterThanOrEqual(archive.documents);
  });
});
