// One import at a time across processes: two `npm run import` processes given the same new files
// at once both finish and nothing is doubled; an import waits for one held elsewhere and says so
// when it waits too long; a lease left by a dead process is taken over at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../../seed/generate/index.js';
import { loadReference } from '../../server/reference.js';
import { importFiles, importOptions, type ImportFile } from '../../server/import/index.js';
import { ImportBusyError, ImportLeaseLostError, acquireImportLease } from '../../server/import/lock.js';
import type { Db } from '../../server/db.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { EXAMPLES, multipart, snapshot, testApp } from '../helpers.js';
import { useEmptyGraph } from '../fixtures/index.js';

// Each test starts from an empty graph.
const empty = useEmptyGraph({ importWaitMs: 1_000 }, { each: true });
const { settings } = empty;
let db: Db;
beforeAll(() => {
  ({ db } = empty);
});

const count = async (query: string) => Number((await db.read(query))[0].n);
const examples = (): ImportFile[] =>
  ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => ({ path: join(EXAMPLES, f) }));

/** The lease as another server would hold it: another machine, alive, for ten more minutes. */
async function holdElsewhere(): Promise<void> {
  await db.write(
    `MERGE (l:ImportLock {id: 'import'})
     SET l.token = 'elsewhere', l.holder = 'server-b pid 4242', l.host = 'server-b', l.pid = 4242,
         l.since = datetime('2026-11-28T09:30:00Z'), l.expiresAt = datetime() + duration('PT10M')`,
  );
}

function importProcess(files: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...files], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: settings.neo4jUri,
      NEO4J_USER: settings.neo4jUser,
      NEO4J_PASSWORD: settings.neo4jPassword,
      IMPORT_BATCH_SIZE: '500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('imports take turns', () => {
  it('two import processes started together on the same new files both finish, and nothing is doubled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-turns-'));
    const { files, counts } = await generateDataset({ enterprises: 5_000, outDir: dir, reference: loadReference() });
    const paths = [files.clusters, files.enterprises, files.links];
    const [a, b] = await Promise.all([importProcess(paths), importProcess(paths)]);
    expect(a.out).toContain('Imported');
    expect(b.out).toContain('Imported');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(await count('MATCH (e:Enterprise) RETURN count(e) AS n')).toBe(counts.enterprises);
    expect(await count('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n')).toBe(counts.links);
    expect(await count('MATCH (c:Cluster) RETURN count(c) AS n')).toBe(counts.clusters);
    expect(await count("MATCH (r:ImportRun {status: 'completed'}) RETURN count(r) AS n")).toBe(2);
    // The second began after the first had ended.
    const runs = await db.read(
      'MATCH (r:ImportRun) RETURN r.startedAt AS started, r.finishedAt AS finished ORDER BY started',
    );
    expect(String(runs[1].started) >= String(runs[0].finished)).toBe(true);
    expect(await count('MATCH (l:ImportLock) WHERE l.token IS NOT NULL RETURN count(l) AS n')).toBe(0);
  }, 240_000);

  it('an import waits while another server holds the lease, then names it and writes nothing', async () => {
    await holdElsewhere();
    const before = await snapshot(db);
    const started = Date.now();
    const refused = await importFiles(db, examples(), importOptions(settings)).catch((error) => error);
    expect(refused).toBeInstanceOf(ImportBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(refused.holder).toBe('server-b pid 4242');
    expect(refused.since).toContain('2026-11-28T09:30');
    expect(await snapshot(db)).toEqual(before);
    expect(await count('MATCH (r:ImportRun) RETURN count(r) AS n')).toBe(0);
  });

  it("POST /api/import answers 409 in the user's language while the lease is held; a dry run still checks the files", async () => {
    const app = await testApp(db, settings, 'editor');
    try {
      await holdElsewhere();
      const upload = () =>
        multipart([
          { field: 'enterprises', name: 'enterprises.csv', content: readFileSync(join(EXAMPLES, 'enterprises.csv')) },
        ]);
      const form = upload();
      const busy = await app.inject({
        method: 'POST',
        url: '/api/import?lang=ru',
        payload: form.payload,
        headers: form.headers,
      });
      expect(busy.statusCode).toBe(409);
      expect(busy.json().error).toBe('import_running');
      expect(busy.json().message).toMatch(/^Идёт другой импорт \(с 2026-11-28 09:30 UTC, server-b pid 4242\)/);
      const dryForm = multipart([
        { field: 'clusters', name: 'clusters.csv', content: readFileSync(join(EXAMPLES, 'clusters.csv')) },
        { field: 'enterprises', name: 'enterprises.csv', content: readFileSync(join(EXAMPLES, 'enterprises.csv')) },
      ]);
      const dry = await app.inject({
        method: 'POST',
        url: '/api/import?dryRun=true',
        payload: dryForm.payload,
        headers: dryForm.headers,
      });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ ok: true, dryRun: true });
    } finally {
      await app.close();
    }
  });

  it('GET /api/imports lists the runs with who started them, the lease, and runs cut off as interrupted', async () => {
    const app = await testApp(db, settings, 'editor');
    try {
      const form = multipart([
        {
          field: 'enterprises',
          name: 'предприятия.csv',
          content: readFileSync(join(EXAMPLES, 'enterprises.csv'))
            .toString()
            .split('\n')
            .filter((l) => !l.includes('ex-timber'))
            .join('\n'),
        },
      ]);
      expect(
        (await app.inject({ method: 'POST', url: '/api/import', payload: form.payload, headers: form.headers }))
          .statusCode,
      ).toBe(200);
      // A run whose process died: recorded as running, and nobody holds the lease.
      await db.write(
        "CREATE (:ImportRun {id: 'dead-run', status: 'running', startedAt: datetime() - duration('PT1H'), files: ['big.csv']})",
      );
      const list = async () => (await app.inject({ method: 'GET', url: '/api/imports' })).json();
      const first = await list();
      expect(first.lease).toBeNull();
      expect(first.runs.map((r: { id: string; status: string; files: string[] }) => [r.status, r.files])).toEqual([
        ['completed', ['предприятия.csv']],
        ['interrupted', ['big.csv']],
      ]);
      expect(first.runs[0]).toMatchObject({ enterprises: 2, links: 0, clusters: 0, error: null });
      const [{ username }] = await db.read("MATCH (u:User) WHERE u.role = 'editor' RETURN u.username AS username");
      expect(first.runs[0].user).toBe(username);
      // Another server holds the lease and has begun a run: that one is running, the old one still cut off.
      await holdElsewhere();
      await db.write("MATCH (l:ImportLock) SET l.since = datetime() - duration('PT1M')");
      await db.write(
        "CREATE (:ImportRun {id: 'live-run', status: 'running', startedAt: datetime(), files: ['now.csv']})",
      );
      const second = await list();
      expect(second.lease).toMatchObject({ holder: 'server-b pid 4242' });
      expect(second.runs.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
        ['live-run', 'running'],
        [first.runs[0].id, 'completed'],
        ['dead-run', 'interrupted'],
      ]);
      expect((await app.inject({ method: 'GET', url: '/api/imports?limit=1' })).json().runs).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('an import waiting for the lease starts once it is given back', async () => {
    await holdElsewhere();
    const releasedAt = Date.now() + 1_500;
    setTimeout(() => {
      void db.write("MATCH (l:ImportLock {id: 'import'}) SET l.token = null, l.expiresAt = null");
    }, 1_500);
    const report = await importFiles(db, examples(), { ...importOptions(settings), waitMs: 30_000 });
    expect(report.ok).toBe(true);
    expect(report.written).toEqual({ clusters: 1, enterprises: 5, links: 5 });
    const [run] = await db.read('MATCH (r:ImportRun) RETURN r.startedAt.epochMillis AS started');
    expect(Number(run.started)).toBeGreaterThanOrEqual(releasedAt - 50);
  });

  it('a lease past its expiry is taken over', async () => {
    await holdElsewhere();
    await db.write("MATCH (l:ImportLock {id: 'import'}) SET l.expiresAt = datetime() - duration('PT1S')");
    const report = await importFiles(db, examples(), { ...importOptions(settings), waitMs: 0 });
    expect(report.ok).toBe(true);
  });

  it('a lease left by a dead process on this machine is taken over at once', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    await db.write(
      `MERGE (l:ImportLock {id: 'import'})
       SET l.token = 'dead', l.holder = $holder, l.host = $host, l.pid = $pid, l.since = datetime(), l.expiresAt = datetime() + duration('PT10M')`,
      { holder: `${hostname()} pid ${deadPid}`, host: hostname(), pid: deadPid },
    );
    const report = await importFiles(db, examples(), { ...importOptions(settings), waitMs: 0 });
    expect(report.ok).toBe(true);
  });

  it('an import whose lease was taken from it stops at its next batch', async () => {
    const lease = await acquireImportLease(db, { waitMs: 0, ttlMs: 300 });
    lease.check();
    await db.write("MATCH (l:ImportLock {id: 'import'}) SET l.token = 'thief'");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(() => lease.check()).toThrow(ImportLeaseLostError);
    await lease.release();
    // Giving back a lease it no longer holds leaves the new holder's in place.
    expect(await count("MATCH (l:ImportLock {token: 'thief'}) RETURN count(l) AS n")).toBe(1);
  });
});
