// Datasets against the real Neo4j: the list (GET /api/datasets) and removal (DELETE
// /api/datasets/:id): what no other dataset holds goes, shared data keeps only the other ids,
// figures sourced from the removed dataset are cleared, the demo seed goes like any dataset and
// does not come back at the next start; unknown ids, loads under way and roles are refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { importFiles, importOptions, type ImportFile } from '../../server/import/index.js';
import { acquireImportLease } from '../../server/import/lock.js';
import { whileLoading } from '../../server/datasets.js';
import { aggregateState } from '../../server/aggregate.js';
import { overviewFromAggregate } from '../../server/overview.js';
import { loadStartData, seedDatabase, seedNeeded } from '../../seed/load.js';
import type { Db } from '../../server/db.js';
import type { DatasetList, DatasetRemoval } from '../../core/schemas.js';
import { asSession, signIn, snapshot, type TestSession } from '../helpers.js';
import { buildApp } from '../../server/app.js';
import { EMPTY_DATASET, ensureDataset, useDb } from '../fixtures/index.js';

const connection = useDb({ importWaitMs: 1_500 });
let db: Db;
let app: FastifyInstance;
/** An editor, signed in afresh for each test (restoring the empty graph removes accounts). */
let editor: TestSession;
beforeAll(async () => {
  ({ db } = connection);
  app = await buildApp(db, connection.settings);
});
afterAll(async () => {
  await app?.close();
});
beforeEach(async () => {
  await ensureDataset(db, connection.settings, EMPTY_DATASET);
  editor = await signIn(app, db, 'editor');
});

const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-datasets-'));
let fileCounter = 0;
function csv(name: string, lines: string[]): ImportFile {
  const path = join(tmp, `${fileCounter++}-${name}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, name };
}

const ENTERPRISES =
  'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory';
// With the `synthetic` column, so that a link the import creates and one it updates hold the same
// properties (a file without a column leaves an update's value as it was).
const LINKS = 'supplier,buyer,product,okved,volume_mln_rub,since,synthetic';
// Two enterprises and the link between them are in both files, row for row the same.
const SHARED = [
  'ds-sawmill,1101526017,ООО «Общая Лесопилка»,11,16.10,45,300,,,,false',
  'ds-pulp,1102830161,АО «Общий ЦБК»,11,17.11,2500,40000,,,,false',
];
const SHARED_LINK = 'ds-sawmill,ds-pulp,Щепа,16.10,12,2021,false';

/** Dataset A: the shared part, an enterprise of its own in a cluster, and a link of its own. */
const filesA = () => [
  csv('clusters.csv', ['id,name,kind,status,chain,regions', 'ds-cluster-a,Кластер А,industrial,forming,timber,11;29']),
  csv('enterprises.csv', [
    ENTERPRISES,
    ...SHARED,
    'ds-logging,1101815900,ООО «Лесозаготовка А»,11,02.20,12,90,ds-cluster-a,participant,,true',
  ]),
  csv('links.csv', [LINKS, SHARED_LINK, 'ds-logging,ds-sawmill,Пиловочник,02.20,40,2019,false']),
];
/** Dataset B: the shared part, an enterprise of its own in another region and a link of its own. */
const filesB = () => [
  csv('enterprises.csv', [ENTERPRISES, ...SHARED, 'ds-repair,2901613180,ООО «Ремонт Б»,29,33.12,80,500,,,,false']),
  csv('links.csv', [LINKS, SHARED_LINK, 'ds-repair,ds-pulp,Ремонт оборудования,33.12,8,2022,false']),
];

async function load(files: ImportFile[], id: string, user = 'loader') {
  const report = await importFiles(db, files, {
    ...importOptions(connection.settings),
    dataset: { id, kind: 'file', user },
  });
  expect(report.errors).toEqual([]);
  expect(report.dataset).toBe(id);
}

const one = async (query: string, params = {}) => (await db.read(query, params))[0];
const count = async (query: string, params = {}) => Number((await one(query, params)).n);

/** Nodes and relationships of the graph's data (not the reference data, not bookkeeping), by kind. */
async function graphCounts(): Promise<Record<string, number>> {
  const rows = await db.read(
    `CALL () {
       MATCH (n) WHERE n:Enterprise OR n:Cluster OR n:Technopark OR n:SupportOrg
       RETURN labels(n)[0] AS kind, count(n) AS n
       UNION ALL
       MATCH (a)-[r]->() WHERE a:Enterprise OR a:Cluster OR a:Technopark OR a:SupportOrg
       RETURN type(r) AS kind, count(r) AS n
     }
     RETURN kind, sum(n) AS n ORDER BY kind`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.kind), Number(r.n)]));
}

/** The graph as a snapshot (tests/helpers.ts) without the Dataset nodes, whose times differ from load to load. */
const dataSnapshot = async () => (await snapshot(db)).filter((line) => !line.startsWith('[["Dataset"]'));

const remove = (id: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'DELETE',
    url: `/api/datasets/${encodeURIComponent(id)}`,
    headers: { ...asSession(editor), ...headers },
  });
const list = async (session = editor) => {
  const r = await app.inject({ method: 'GET', url: '/api/datasets', headers: asSession(session) });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as DatasetList).datasets;
};

describe('GET /api/datasets', () => {
  it('lists each dataset with its kind, counts, status, and when and by whom it was loaded', async () => {
    const before = Date.now();
    await load(filesA(), 'file:a', 'anna');
    await load(filesB(), 'file:b', 'boris');
    const datasets = await list();
    // Newest first.
    expect(datasets.map((d) => d.id)).toEqual(['file:b', 'file:a']);
    expect(datasets[1]).toMatchObject({
      kind: 'file',
      name: 'clusters.csv, enterprises.csv, links.csv',
      stateDate: null,
      status: 'completed',
      loadedBy: 'anna',
      counts: { enterprises: 3, links: 2, ties: 0, clusters: 1 },
    });
    expect(datasets[0]).toMatchObject({
      loadedBy: 'boris',
      counts: { enterprises: 3, links: 2, ties: 0, clusters: 0 },
    });
    for (const d of datasets) {
      expect(d.loadedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(d.loadedAt).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('answers an empty list for the reference data alone', async () => {
    expect(await list()).toEqual([]);
  });
});

describe('DELETE /api/datasets/:id', () => {
  it('leaves exactly the data of the other dataset, the shared part holding only its id', async () => {
    // What B alone gives, to compare with: the graph, its aggregate included.
    await load(filesB(), 'file:b');
    const bAlone = await dataSnapshot();
    const bAloneCounts = await graphCounts();
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
    editor = await signIn(app, db, 'editor');

    await load(filesA(), 'file:a');
    await load(filesB(), 'file:b');
    // 4 enterprises (2 shared), 1 cluster; 3 links (1 shared), 1 membership, 2 cluster regions.
    expect(await graphCounts()).toEqual({
      Enterprise: 4,
      Cluster: 1,
      SUPPLIES: 3,
      MEMBER_OF: 1,
      BASED_IN: 2,
      LOCATED_IN: 4,
      OPERATES_AT: expect.any(Number),
    });
    const shared = await db.read(
      `MATCH (e:Enterprise) WHERE size(e.datasets) = 2 RETURN e.id AS id, e.datasets AS datasets ORDER BY id`,
    );
    expect(shared).toEqual([
      { id: 'ds-pulp', datasets: ['file:a', 'file:b'] },
      { id: 'ds-sawmill', datasets: ['file:a', 'file:b'] },
    ]);

    const r = await remove('file:a');
    expect(r.statusCode, r.body).toBe(200);
    const removal = r.json() as DatasetRemoval;
    expect(removal).toMatchObject({
      id: 'file:a',
      deleted: { enterprises: 1, clusters: 1, technoparks: 0, supportOrgs: 0, relationships: 4 },
      kept: { nodes: 2, relationships: 1 },
      detached: 0,
      figures: 0,
    });
    expect(removal.aggregate).toMatchObject({ version: expect.any(Number) });

    // Exactly what B alone gives: the same nodes, relationships, properties and aggregate.
    expect(await graphCounts()).toEqual(bAloneCounts);
    expect(bAloneCounts).toMatchObject({ Enterprise: 3, SUPPLIES: 2, LOCATED_IN: 3 });
    expect(await dataSnapshot()).toEqual(bAlone);
    expect(await one("MATCH ()-[l:SUPPLIES {product: 'Щепа'}]->() RETURN l.datasets AS d")).toEqual({
      d: ['file:b'],
    });
    expect((await db.read('MATCH (d:Dataset) RETURN d.id AS id')).map((d) => d.id)).toEqual(['file:b']);
    expect(await aggregateState(db)).toMatchObject({ missing: false, stale: false });

    // The audit trail says who removed what.
    const [event] = await db.read(
      "MATCH (a:AuditEvent {action: 'dataset-remove', target: 'file:a'}) RETURN a.user AS user, a.status AS status, a.counts AS counts",
    );
    expect(event.user).toMatch(/^test-editor-/);
    expect(event.status).toBe(200);
    expect(JSON.parse(String(event.counts))).toMatchObject({ enterprises: 1, clusters: 1, relationships: 4 });
  });

  it('clears the figures whose source is the dataset and works the size out again', async () => {
    await db.write(
      `CREATE (:Dataset {id: 'fns-rsmp:2025-06-10', kind: 'register', name: 'data-10062025.zip', stateDate: '2025-06-10', status: 'completed', loadedAt: datetime()})
       CREATE (:Dataset {id: 'fns-sshr:2024', kind: 'headcount', name: 'sshr.zip', status: 'completed', loadedAt: datetime()})
       CREATE (:Dataset {id: 'file:x', kind: 'file', name: 'enterprises.csv', status: 'completed', loadedAt: datetime()})
       WITH 1 AS one
       MATCH (r11:Region {code: '11'}), (r77:Region {code: '77'})
       CREATE (sme:Enterprise {id: 'fns-1101526017', inn: '1101526017', name: 'ООО «Реестровая»', region: '11',
                 datasets: ['file:x', 'fns-rsmp:2025-06-10'],
                 size: 'medium', sizeSource: 'register', sizeDataset: 'fns-rsmp:2025-06-10',
                 employees: 50, employeesYear: 2024, employeesSource: 'fns-sshr:2024',
                 revenueMlnRub: 100.0, revenueYear: 2023, revenueSource: 'file:x'})-[:LOCATED_IN]->(r11)
       CREATE (derived:Enterprise {id: 'fns-1102830161', inn: '1102830161', name: 'АО «Производная»', region: '11',
                 datasets: ['file:x'], size: 'small', sizeSource: 'derived',
                 employees: 30, employeesYear: 2024, employeesSource: 'fns-sshr:2024',
                 revenueMlnRub: 500.0, revenueSource: 'file:x'})-[:LOCATED_IN]->(r11)
       CREATE (customer:Enterprise {id: 'fns-7707083893', inn: '7707083893', name: 'ПАО «Заказчик»', region: '77',
                 tiesOnly: true, datasets: ['fns-rsmp:2025-06-10']})-[:LOCATED_IN]->(r77)
       CREATE (sme)-[:IN_PROGRAMME {number: '1', date: '2024-01-01', datasets: ['fns-rsmp:2025-06-10']}]->(customer)
       CREATE (sme)-[:CONTRACT {law: '44-FZ', subject: 'поставка', datasets: ['fns-rsmp:2025-06-10', 'file:x']}]->(derived)
       // Written before datasets existed: no list, never removed.
       CREATE (legacy:Enterprise {id: 'legacy', name: 'Старое', region: '11', employees: 7})-[:LOCATED_IN]->(r11)
       CREATE (legacy)-[:SUPPLIES {product: 'старое'}]->(customer)`,
    );

    // The headcount goes: employees and their year and source, on both; the derived size follows.
    let r = await remove('fns-sshr:2024');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      deleted: { enterprises: 0, relationships: 0 },
      kept: { nodes: 0, relationships: 0 },
      figures: 2,
    });
    const figures = () =>
      db.read(
        `MATCH (e:Enterprise) WHERE e.id STARTS WITH 'fns-11'
         RETURN e.id AS id, e.employees AS employees, e.employeesYear AS employeesYear, e.employeesSource AS employeesSource,
                e.revenueMlnRub AS revenue, e.revenueSource AS revenueSource, e.size AS size, e.sizeSource AS sizeSource,
                e.sizeDataset AS sizeDataset, e.datasets AS datasets ORDER BY id`,
      );
    expect(await figures()).toEqual([
      {
        id: 'fns-1101526017',
        employees: null,
        employeesYear: null,
        employeesSource: null,
        revenue: 100,
        revenueSource: 'file:x',
        // The register's category stays: it did not come from the headcount.
        size: 'medium',
        sizeSource: 'register',
        sizeDataset: 'fns-rsmp:2025-06-10',
        datasets: ['file:x', 'fns-rsmp:2025-06-10'],
      },
      {
        id: 'fns-1102830161',
        employees: null,
        employeesYear: null,
        employeesSource: null,
        revenue: 500,
        revenueSource: 'file:x',
        // Derived again from the revenue alone: 500 mln rub is small (≤ 800).
        size: 'small',
        sizeSource: 'derived',
        sizeDataset: null,
        datasets: ['file:x'],
      },
    ]);

    // The register goes: its customer known only from ties, the tie; the contract stays with file:x.
    r = await remove('fns-rsmp:2025-06-10');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      deleted: { enterprises: 1, relationships: 1 },
      kept: { nodes: 1, relationships: 1 },
      // The legacy link to the customer went with it, uncounted: it was in no dataset.
      detached: 0,
      figures: 1,
    });
    const [sme] = await figures();
    // The register's category goes; 100 mln rub of revenue alone makes it micro.
    expect(sme).toMatchObject({ size: 'micro', sizeSource: 'derived', sizeDataset: null, datasets: ['file:x'] });
    expect(await count("MATCH (e:Enterprise {id: 'fns-7707083893'}) RETURN count(e) AS n")).toBe(0);
    expect(await one('MATCH ()-[c:CONTRACT]->() RETURN c.datasets AS d')).toEqual({ d: ['file:x'] });
    expect(await count('MATCH ()-[t:IN_PROGRAMME]->() RETURN count(t) AS n')).toBe(0);

    // file:x goes: what it held goes; the legacy enterprise, never in a dataset, stays.
    r = await remove('file:x');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ deleted: { enterprises: 2, relationships: 1 }, kept: { nodes: 0 } });
    expect(await db.read('MATCH (e:Enterprise) RETURN e.id AS id, e.employees AS employees')).toEqual([
      { id: 'legacy', employees: 7 },
    ]);
    expect(await count('MATCH (d:Dataset) RETURN count(d) AS n')).toBe(0);
  });

  it('counts the links of other datasets that go with an end no other dataset held', async () => {
    await db.write(
      `CREATE (:Dataset {id: 'file:p', kind: 'file', name: 'p', status: 'completed'})
       CREATE (:Dataset {id: 'file:q', kind: 'file', name: 'q', status: 'completed'})
       CREATE (a:Enterprise {id: 'p-a', region: '11', datasets: ['file:p']})
       CREATE (b:Enterprise {id: 'p-b', region: '11', datasets: ['file:p', 'file:q']})
       CREATE (a)-[:SUPPLIES {product: 'x', datasets: ['file:q']}]->(b)`,
    );
    const r = await remove('file:p');
    expect(r.json()).toMatchObject({ deleted: { enterprises: 1, relationships: 0 }, kept: { nodes: 1 }, detached: 1 });
    expect(await count('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n')).toBe(0);
  });

  it('removes the demo seed, which the next start does not load again', async () => {
    await seedDatabase(db, connection.settings, {
      enterprises: 0,
      workDir: mkdtempSync(join(tmpdir(), 'coopgraph-seed-')),
      loadedBy: 'cli:tester',
      log: () => {},
    });
    const [listed] = await list();
    expect(listed).toMatchObject({ id: 'seed', kind: 'seed', status: 'completed', loadedBy: 'cli:tester' });
    expect(listed.counts.enterprises).toBeGreaterThan(5);
    const held = await graphCounts();
    expect(held.Technopark).toBe(1);
    expect(held.SupportOrg).toBeGreaterThanOrEqual(1);
    expect(held.SUPPORTS).toBeGreaterThanOrEqual(2);

    const r = await remove('seed');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      deleted: {
        enterprises: listed.counts.enterprises,
        clusters: listed.counts.clusters,
        technoparks: held.Technopark,
        supportOrgs: held.SupportOrg,
      },
      kept: { nodes: 0, relationships: 0 },
    });
    // None of it is left; the reference data is.
    expect(await graphCounts()).toEqual({});
    expect(await count('MATCH (r:Region) RETURN count(r) AS n')).toBeGreaterThan(80);
    expect(await count('MATCH (s:Stage) RETURN count(s) AS n')).toBeGreaterThan(10);
    expect(await one("MATCH (s:SeedRun {id: 'seed'}) RETURN s.status AS status, s.removedBy AS by")).toEqual({
      status: 'removed',
      by: expect.stringMatching(/^test-editor-/),
    });
    const overview = await overviewFromAggregate(db, 'all');
    expect(overview?.flows).toEqual([]);

    // The next start: the seed was removed on purpose, so it stays removed.
    expect(await seedNeeded(db)).toBe(false);
    const outcome = await loadStartData(
      db,
      { ...connection.settings, startData: 'demo', seedEnterprises: 0 },
      { workDir: tmp, log: () => {} },
    );
    expect(outcome).toBe('kept');
    expect(await graphCounts()).toEqual({});
  });

  it('answers 404 for a dataset that does not exist', async () => {
    const r = await remove('file:nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'dataset_not_found', message: 'there is no dataset "file:nothing-here"' });
    expect((await remove('bad id with spaces')).statusCode).toBe(400);
  });

  it('answers 409 while the dataset loads, and removes one whose load was cut off', async () => {
    await db.write(
      `CREATE (:Dataset {id: 'file:loading', kind: 'file', name: 'big.csv', status: 'running', startedAt: datetime()})
       CREATE (:Enterprise {id: 'loading-1', region: '11', datasets: ['file:loading']})`,
    );
    // Its import holds the lease (between two batches).
    const lease = await acquireImportLease(db, { waitMs: 1_000, holder: 'the test import' });
    try {
      const r = await remove('file:loading');
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'dataset_running' });
    } finally {
      await lease.release();
    }
    // Its load runs in this process, between two imports (the seed's way).
    await whileLoading('file:loading', async () => {
      const r = await remove('file:loading');
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'dataset_running' });
    });
    expect(await count("MATCH (e:Enterprise {id: 'loading-1'}) RETURN count(e) AS n")).toBe(1);
    // Left 'running' by a process that died: no lease, no load here. Removing it cleans it up.
    const r = await remove('file:loading');
    expect(r.statusCode, r.body).toBe(200);
    expect(await count("MATCH (e:Enterprise {id: 'loading-1'}) RETURN count(e) AS n")).toBe(0);
  });

  it('completes a removal that stopped half-way, and refuses one while another removes it', async () => {
    // A removal cut off after its first steps: the dataset says 'removing', part of its data is left.
    await db.write(
      `CREATE (:Dataset {id: 'file:half', kind: 'file', name: 'half.csv', status: 'removing'})
       CREATE (:Enterprise {id: 'half-1', region: '11', datasets: ['file:half']})
       CREATE (:Enterprise {id: 'half-2', region: '11', datasets: ['file:other']})`,
    );
    const lease = await acquireImportLease(db, { waitMs: 1_000, holder: 'the other removal' });
    try {
      const r = await remove('file:half');
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'dataset_removing' });
    } finally {
      await lease.release();
    }
    const r = await remove('file:half');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ deleted: { enterprises: 1 } });
    expect((await db.read('MATCH (e:Enterprise) RETURN e.id AS id')).map((e) => e.id)).toEqual(['half-2']);
    expect(await count("MATCH (d:Dataset {id: 'file:half'}) RETURN count(d) AS n")).toBe(0);
  });

  it('answers 409 when an import runs and does not end in time, removing nothing', async () => {
    await load(filesB(), 'file:b');
    const before = await dataSnapshot();
    const lease = await acquireImportLease(db, { waitMs: 1_000, holder: 'a long import' });
    try {
      const r = await remove('file:b', { 'accept-language': 'en' });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'import_running' });
    } finally {
      await lease.release();
    }
    expect(await dataSnapshot()).toEqual(before);
  });

  it('is refused to a planner (403) and to nobody signed in (401), and listed to a viewer', async () => {
    await load(filesB(), 'file:b');
    const planner = await signIn(app, db, 'planner');
    expect((await remove('file:b', asSession(planner))).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/api/datasets/file:b' })).statusCode).toBe(401);
    const viewer = await signIn(app, db, 'viewer');
    expect((await list(viewer)).map((d) => d.id)).toEqual(['file:b']);
    expect(await count("MATCH (e:Enterprise) WHERE 'file:b' IN e.datasets RETURN count(e) AS n")).toBe(3);
  });
});
