// Datasets of an import against the real Neo4j: every node and relationship an import writes holds
// the import's dataset id, the (:Dataset) node records the load and what it holds, and two datasets
// holding the same enterprise both stay in its list.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportFile, type ImportOptions } from '../../server/import/index.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { multipart } from '../helpers.js';
import { EMPTY_DATASET, ensureDataset, useApp, useDb } from '../fixtures/index.js';

const EXAMPLES = new URL('../../seed/examples/', import.meta.url).pathname;
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-import-datasets-'));
let fileCounter = 0;
function file(name: string, content: string): ImportFile {
  const path = join(tmp, `${fileCounter++}-${name}`);
  writeFileSync(path, content);
  return { path, name };
}
const csv = (...lines: string[]) => lines.join('\n') + '\n';
const exampleFiles = () => ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => file(f, example(f)));

const options: ImportOptions = {
  sme: DEFAULT_SETTINGS.sme,
  batchSize: 2,
  maxErrors: 100,
  timeoutMs: 60_000,
  waitMs: 60_000,
  lang: 'en',
};

const connection = useDb();
let db: Db;
beforeAll(() => {
  ({ db } = connection);
});

/** The `datasets` list of every node of the tagged labels and every relationship, by kind. */
async function tags(): Promise<Record<string, string[][]>> {
  const nodes = await db.read(
    `MATCH (n) WHERE n:Enterprise OR n:Cluster
     RETURN labels(n)[0] AS kind, n.datasets AS datasets ORDER BY n.id`,
  );
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE a:Enterprise OR a:Cluster
     RETURN type(r) AS kind, r.datasets AS datasets ORDER BY a.id, type(r), coalesce(b.id, b.code)`,
  );
  const byKind: Record<string, string[][]> = {};
  for (const r of [...nodes, ...rels]) (byKind[String(r.kind)] ??= []).push(r.datasets as string[]);
  return byKind;
}

async function dataset(id: string) {
  const [d] = await db.read(
    `MATCH (d:Dataset {id: $id})
     RETURN d.kind AS kind, d.name AS name, d.status AS status, d.loadedBy AS loadedBy,
            d.loadedAt IS NOT NULL AS loaded, d.enterprises AS enterprises, d.links AS links, d.clusters AS clusters,
            d.ties AS ties`,
    { id },
  );
  return d;
}

const every = (n: number, list: string[]) => Array.from({ length: n }, () => list);

describe('datasets of an import', () => {
  beforeEach(async () => {
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
  });

  it("tags what a user's import writes with file:<run id> and records the dataset", async () => {
    const report = await importFiles(db, exampleFiles(), { ...options, user: 'anna' });
    expect(report.errors).toEqual([]);
    expect(report.dataset).toBe(`file:${report.runId}`);
    const id = report.dataset!;
    // 5 enterprises, 1 cluster; 5 links, 3 memberships, 2 cluster regions; region and stage links untagged.
    const { LOCATED_IN, OPERATES_AT, ...tagged } = await tags();
    expect(tagged).toEqual({
      Enterprise: every(5, [id]),
      Cluster: every(1, [id]),
      SUPPLIES: every(5, [id]),
      MEMBER_OF: every(3, [id]),
      BASED_IN: every(2, [id]),
    });
    expect(LOCATED_IN).toHaveLength(5);
    expect(OPERATES_AT.length).toBeGreaterThan(5);
    for (const list of [...LOCATED_IN, ...OPERATES_AT]) expect(list).toBeNull();
    expect(await dataset(id)).toEqual({
      kind: 'file',
      name: 'clusters.csv, enterprises.csv, links.csv',
      status: 'completed',
      loadedBy: 'anna',
      loaded: true,
      enterprises: 5,
      links: 5,
      clusters: 1,
      ties: 0,
    });
    const [run] = await db.read('MATCH (r:ImportRun {id: $id}) RETURN r.dataset AS dataset', { id: report.runId });
    expect(run.dataset).toBe(id);
  });

  it('tags technopark residences', async () => {
    await db.write(
      "MERGE (t:Technopark {id: 'tp-test'}) SET t.name = 'Технопарк', t.region = '11', t.datasets = ['seed']",
    );
    const header = example('enterprises.csv').split('\n')[0];
    const rows = [
      header,
      'tp-new,,ООО «Резидент»,11,62.01,5,10,,,tp-test,false',
      'ex-chem,3525609133,ООО «Пример Химия»,35,20.13,200,1500,,,,false',
    ];
    expect((await importFiles(db, [file('enterprises.csv', rows.join('\n'))], options)).errors).toEqual([]);
    const moved = rows.slice();
    moved[2] = 'ex-chem,3525609133,ООО «Пример Химия»,35,20.13,200,1500,,,tp-test,false';
    const second = await importFiles(db, [file('enterprises.csv', moved.join('\n'))], {
      ...options,
      dataset: { id: 'file:second', kind: 'file' },
    });
    expect(second.errors).toEqual([]);
    const residents = await db.read(
      "MATCH (e:Enterprise)-[r:RESIDENT_OF]->(:Technopark {id: 'tp-test'}) RETURN e.id AS id, r.datasets AS datasets ORDER BY id",
    );
    // The existing enterprise takes the MERGE path; the new one the CREATE path, then MERGE.
    expect(residents.map((r) => [r.id, (r.datasets as string[]).length])).toEqual([
      ['ex-chem', 1],
      ['tp-new', 2],
    ]);
    expect(residents[0].datasets).toEqual(['file:second']);
    await db.write("MATCH (t:Technopark {id: 'tp-test'}) DETACH DELETE t");
  });

  it('keeps both datasets in the lists of what two datasets hold, and counts each once', async () => {
    const first = await importFiles(db, exampleFiles(), options);
    expect(first.errors).toEqual([]);
    // The same files again, as another dataset: every row now takes the MERGE path.
    const second = await importFiles(db, exampleFiles(), options);
    expect(second.errors).toEqual([]);
    const ids = [first.dataset!, second.dataset!];
    expect(ids[0]).not.toBe(ids[1]);
    const t = await tags();
    for (const kind of ['Enterprise', 'Cluster', 'SUPPLIES', 'MEMBER_OF', 'BASED_IN'])
      for (const list of t[kind]) expect(list, kind).toEqual(ids);
    for (const id of ids) expect(await dataset(id)).toMatchObject({ enterprises: 5, links: 5, clusters: 1 });

    // Into the first dataset again: nothing is added twice, to the lists or to its counts.
    const third = await importFiles(db, exampleFiles(), {
      ...options,
      dataset: { id: ids[0], kind: 'file', user: 'boris' },
    });
    expect(third.errors).toEqual([]);
    expect(third.dataset).toBe(ids[0]);
    expect(await tags()).toEqual(t);
    expect(await dataset(ids[0])).toMatchObject({
      enterprises: 5,
      links: 5,
      clusters: 1,
      status: 'completed',
      loadedBy: 'boris',
      name: 'clusters.csv, enterprises.csv, links.csv',
    });
  });

  it("adds two imports into one dataset (the seed's way) together", async () => {
    const seed = { id: 'seed', kind: 'seed' as const };
    const files = exampleFiles();
    const a = await importFiles(db, files.slice(0, 2), { ...options, dataset: seed });
    expect(a.errors).toEqual([]);
    expect(await dataset('seed')).toMatchObject({ kind: 'seed', enterprises: 5, links: 0, clusters: 1 });
    const b = await importFiles(db, files.slice(2), { ...options, dataset: seed });
    expect(b.errors).toEqual([]);
    expect(await dataset('seed')).toEqual({
      kind: 'seed',
      // Named by the first import's files; a later import into it keeps the name.
      name: 'clusters.csv, enterprises.csv',
      status: 'completed',
      loadedBy: null,
      loaded: true,
      enterprises: 5,
      links: 5,
      clusters: 1,
      ties: 0,
    });
    const t = await tags();
    expect(t.SUPPLIES).toEqual(every(5, ['seed']));
    expect(t.Enterprise).toEqual(every(5, ['seed']));
  });

  it('writes no dataset for a dry run or a rejected import', async () => {
    const dry = await importFiles(db, exampleFiles(), { ...options, dryRun: true });
    expect(dry.ok).toBe(true);
    expect(dry.dataset).toBeUndefined();
    const bad = await importFiles(
      db,
      [file('enterprises.csv', example('enterprises.csv').replace('1101526017', '1101526018'))],
      options,
    );
    expect(bad.ok).toBe(false);
    expect(bad.dataset).toBeUndefined();
    expect(await db.read('MATCH (d:Dataset) RETURN d.id AS id')).toEqual([]);
  });
});

describe('POST /api/import', () => {
  // Signed in after the tests above, whose clean-ups remove accounts and sessions.
  const api = useApp(connection, 'editor');

  it("answers with the dataset written into and the aggregate's refresh", async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/import',
      ...multipart([
        {
          field: 'file',
          name: 'предприятия.csv',
          content: csv('Идентификатор;Наименование;Регион;ОКВЭД', 'api-ru;ООО «Ёж»;11;16.10'),
        },
      ]),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.dataset).toBe(`file:${body.runId}`);
    expect(body.aggregate).toEqual({ version: expect.any(Number), durationMs: expect.any(Number) });
    expect(await dataset(body.dataset)).toMatchObject({ kind: 'file', name: 'предприятия.csv', enterprises: 1 });
  });
});
