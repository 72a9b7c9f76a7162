// Own files as people have them, against the real Neo4j: only the identifying columns required, an
// absent column leaving what the database holds, Russian headers, and two headers for one column
// refused.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportFile, type ImportOptions } from '../../server/import/index.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { snapshot } from '../helpers.js';
import { EMPTY_DATASET, ensureDataset, useDb } from '../fixtures/index.js';

const EXAMPLES = new URL('../../seed/examples/', import.meta.url).pathname;
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-import-columns-'));
let fileCounter = 0;
function file(name: string, content: string): ImportFile {
  const path = join(tmp, `${fileCounter++}-${name}`);
  writeFileSync(path, content);
  return { path, name };
}
const csv = (...lines: string[]) => lines.join('\n') + '\n';
const exampleFiles = (folder = '') =>
  ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => file(f, example(folder + f)));

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
beforeEach(async () => {
  await ensureDataset(db, connection.settings, EMPTY_DATASET);
});

async function imported(files: ImportFile[], opts: Partial<ImportOptions> = {}) {
  const report = await importFiles(db, files, { ...options, ...opts });
  expect(report.errors).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

async function enterprise(id: string) {
  const [row] = await db.read(
    `MATCH (e:Enterprise {id: $id})
     RETURN e.name AS name, e.inn AS inn, e.employees AS employees, e.revenueMlnRub AS revenue,
            e.size AS size, e.sizeSource AS sizeSource, e.sizeDataset AS sizeDataset,
            e.employeesSource AS employeesSource, e.revenueSource AS revenueSource,
            e.priorityTerritory AS priority, e.synthetic AS synthetic, e.source AS source,
            COLLECT { MATCH (e)-[m:MEMBER_OF]->(c) RETURN c.id + ':' + m.role } AS clusters,
            COLLECT { MATCH (e)-[:RESIDENT_OF]->(t) RETURN t.id } AS technoparks,
            COLLECT { MATCH (e)-[:LOCATED_IN]->(r) RETURN r.code } AS regions`,
    { id },
  );
  return row;
}

describe('files with only the identifying columns', () => {
  it('create enterprises, links and clusters with the documented defaults', async () => {
    await imported([
      file('clusters.csv', csv('id,name', 'c-min,Кластер без подробностей')),
      file('enterprises.csv', csv('id,name,region,okved', 'e-a,ООО «А»,11,16.10', 'e-b,ООО «Б»,11,17.12')),
      file('links.csv', csv('supplier,buyer,volume_mln_rub', 'e-a,e-b,7')),
    ]);
    expect(await enterprise('e-a')).toMatchObject({
      inn: null,
      employees: null,
      revenue: null,
      size: null,
      sizeSource: null,
      priority: false,
      synthetic: false,
      source: null,
      clusters: [],
      technoparks: [],
      regions: ['11'],
    });
    const [link] = await db.read(
      "MATCH (:Enterprise {id: 'e-a'})-[l:SUPPLIES]->(:Enterprise {id: 'e-b'}) RETURN l.product AS product, l.okved AS okved, l.since AS since, l.volumeMlnRub AS volume, l.stage AS stage",
    );
    // No OKVED of its own: the stage comes from the supplier's codes.
    expect(link).toEqual({ product: '', okved: null, since: null, volume: 7, stage: 'timber.sawmilling' });
    const [cluster] = await db.read(
      "MATCH (c:Cluster {id: 'c-min'}) RETURN c.kind AS kind, c.status AS status, c.chain AS chain, c.regions AS regions, COUNT { (c)-[:BASED_IN]->() } AS based",
    );
    expect(cluster).toEqual({ kind: 'industrial', status: 'forming', chain: null, regions: [], based: 0 });
  });

  it('are refused without an identifying column, naming its Russian header', async () => {
    const report = await importFiles(db, [file('enterprises.csv', csv('id,name,okved', 'e-a,ООО «А»,16.10'))], {
      ...options,
      lang: 'ru',
    });
    expect(report.errors.map(({ column, code }) => ({ column, code }))).toEqual([
      { column: 'region', code: 'missing_column' },
    ]);
    expect(report.errors[0].message).toContain('«Регион»');
  });
});

describe('an absent column leaves what the database holds', () => {
  let first: string;
  beforeEach(async () => {
    first = (await imported(exampleFiles())).dataset!;
  });

  it('keeps headcount, revenue, INN, size, flags, memberships and residences of the listed enterprises', async () => {
    await db.write(
      `MERGE (t:Technopark {id: 'tp-cols'}) SET t.name = 'Технопарк'
       WITH t MATCH (e:Enterprise {id: 'ex-repair'}) MERGE (e)-[:RESIDENT_OF]->(t)`,
    );
    const before = await Promise.all(['ex-pulp', 'ex-logging', 'ex-repair'].map(enterprise));
    const report = await imported([
      file(
        'enterprises.csv',
        csv(
          'id,name,region,okved',
          'ex-pulp,АО «Пример ЦБК» (новое имя),11,17.11;17.12',
          'ex-logging,ООО «Пример Лесозаготовка»,11,02.20',
          'ex-repair,ООО «Пример Ремонт»,29,33.12',
        ),
      ),
    ]);
    const after = await Promise.all(['ex-pulp', 'ex-logging', 'ex-repair'].map(enterprise));
    expect(after[0]).toEqual({ ...before[0], name: 'АО «Пример ЦБК» (новое имя)' });
    expect(after[1]).toEqual(before[1]);
    expect(after[2]).toEqual(before[2]);
    // The values the examples give, kept: ex-pulp is the cluster's anchor, ex-logging in a priority territory.
    expect(after[0]).toMatchObject({
      inn: '1102830161',
      employees: 2500,
      revenue: 40000,
      size: 'large',
      clusters: ['ex-timber:anchor'],
    });
    expect(after[1]).toMatchObject({ priority: true, clusters: ['ex-timber:participant'] });
    expect(after[2].technoparks).toEqual(['tp-cols']);
    // The listed enterprises are held by both datasets now.
    const [tags] = await db.read("MATCH (e:Enterprise {id: 'ex-pulp'}) RETURN e.datasets AS d");
    expect(tags.d).toEqual([first, report.dataset]);
  });

  it('but a present, empty cell still clears: no cluster, unknown headcount, no INN', async () => {
    await imported([
      file(
        'enterprises.csv',
        csv('id,name,region,okved,inn,employees,cluster', 'ex-sawmill,ООО «Пример Лесопилка»,11,16.10,,,'),
      ),
    ]);
    // 45 staff and 300 mln gave small; without the headcount, 300 mln alone gives small too.
    expect(await enterprise('ex-sawmill')).toMatchObject({
      inn: null,
      employees: null,
      employeesSource: null,
      revenue: 300,
      revenueSource: first,
      clusters: [],
      size: 'small',
    });
  });

  it('derives the size from the figures the enterprise holds, the given one and the stored one', async () => {
    // ex-chem: 200 staff and 1,500 mln (medium). The headcount alone would make 10 staff micro.
    const report = await imported([
      file('enterprises.csv', csv('id,name,region,okved,employees', 'ex-chem,ООО «Пример Химия»,35,20.13,10')),
    ]);
    expect(await enterprise('ex-chem')).toMatchObject({
      employees: 10,
      revenue: 1500,
      size: 'medium',
      sizeSource: 'derived',
      sizeDataset: report.dataset,
      employeesSource: report.dataset,
      revenueSource: first,
    });
  });

  it('keeps a given size, and an official one, unless a size column says otherwise', async () => {
    const given = csv('id,name,region,okved,size', 'ex-chem,ООО «Пример Химия»,35,20.13,small');
    const report = await imported([file('enterprises.csv', given)]);
    expect(await enterprise('ex-chem')).toMatchObject({
      size: 'small',
      sizeSource: 'given',
      sizeDataset: report.dataset,
    });
    const headcount = csv('id,name,region,okved,employees', 'ex-chem,ООО «Пример Химия»,35,20.13,5');
    await imported([file('enterprises.csv', headcount)]);
    expect(await enterprise('ex-chem')).toMatchObject({ employees: 5, size: 'small', sizeSource: 'given' });
    // An empty size cell: derived again (5 staff, 1,500 mln → medium).
    await imported([file('enterprises.csv', csv('id,name,region,okved,size', 'ex-chem,ООО «Пример Химия»,35,20.13,'))]);
    expect(await enterprise('ex-chem')).toMatchObject({ size: 'medium', sizeSource: 'derived' });

    await db.write(
      "MATCH (e:Enterprise {id: 'ex-chem'}) SET e.size = 'micro', e.sizeSource = 'register', e.sizeDataset = 'fns-rsmp:2025-06-10'",
    );
    await imported([file('enterprises.csv', headcount)]);
    expect(await enterprise('ex-chem')).toMatchObject({
      size: 'micro',
      sizeSource: 'register',
      sizeDataset: 'fns-rsmp:2025-06-10',
    });
  });

  it('keeps the start, OKVED code and stage of links, and the details of clusters', async () => {
    await imported([
      file('links.csv', csv('supplier,buyer,product,volume_mln_rub', 'ex-logging,ex-sawmill,Пиловочник,41')),
      file('clusters.csv', csv('id,name', 'ex-timber,Лесопромышленный кластер (новое имя)')),
    ]);
    const [link] = await db.read(
      "MATCH (:Enterprise {id: 'ex-logging'})-[l:SUPPLIES]->(:Enterprise {id: 'ex-sawmill'}) RETURN l.volumeMlnRub AS v, l.since AS since, l.okved AS okved, l.stage AS stage",
    );
    expect(link).toEqual({ v: 41, since: '2019', okved: '02.20', stage: 'timber.logging' });
    const [cluster] = await db.read(
      "MATCH (c:Cluster {id: 'ex-timber'}) RETURN c.name AS name, c.kind AS kind, c.status AS status, c.chain AS chain, c.regions AS regions, COLLECT { MATCH (c)-[:BASED_IN]->(r) RETURN r.code ORDER BY r.code } AS based",
    );
    expect(cluster).toEqual({
      name: 'Лесопромышленный кластер (новое имя)',
      kind: 'industrial',
      status: 'forming',
      chain: 'timber',
      regions: ['11', '29'],
      based: ['11', '29'],
    });
    // A row that gives regions is the truth for them.
    await imported([file('clusters.csv', csv('id,name,regions,status', 'ex-timber,Кластер,29,registered'))]);
    const [moved] = await db.read(
      "MATCH (c:Cluster {id: 'ex-timber'}) RETURN c.status AS status, c.kind AS kind, COLLECT { MATCH (c)-[:BASED_IN]->(r) RETURN r.code } AS based",
    );
    expect(moved).toEqual({ status: 'registered', kind: 'industrial', based: ['29'] });
  });
});

describe('Russian headers', () => {
  const withoutDatasets = async () => (await snapshot(db)).filter((line) => !line.startsWith('[["Dataset"]'));

  it('the Russian example files give the graph the English ones give', async () => {
    const into = { dataset: { id: 'file:examples', kind: 'file' as const } };
    const english = await imported(exampleFiles(), into);
    expect(english.written).toEqual({ clusters: 1, enterprises: 5, links: 5 });
    const graph = await withoutDatasets();
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
    const russian = await imported(exampleFiles('ru/'), into);
    expect(russian.files.map((f) => [f.kind, f.delimiter])).toEqual([
      ['clusters', ';'],
      ['enterprises', ';'],
      ['links', ';'],
    ]);
    expect(russian.written).toEqual(english.written);
    expect(await withoutDatasets()).toEqual(graph);
  });

  it('are matched regardless of case, spaces, punctuation and «ё»', async () => {
    const report = await imported([
      file(
        'предприятия.csv',
        csv(
          '  ИДЕНТИФИКАТОР ;наименование;код  региона;Код ОКВЭД;среднесписочная численность;"ВЫРУЧКА (млн. руб)";инн;Приоритетная-территория',
          'r-1;ООО «Ёлка»;11;16.10;20;100,5;1101526017;да',
          'r-2;ООО «Щепа»;29;17.12;;;;нет',
        ),
      ),
      file(
        'поставки.csv',
        csv('Поставщик,ПОКУПАТЕЛЬ,"Объём, млн руб.",продукция,Начало поставок', 'r-1,r-2,3,Доска,2020'),
      ),
    ]);
    expect(report.files.map((f) => f.kind)).toEqual(['enterprises', 'links']);
    expect(await enterprise('r-1')).toMatchObject({
      name: 'ООО «Ёлка»',
      inn: '1101526017',
      employees: 20,
      revenue: 100.5,
      size: 'small',
      priority: true,
      regions: ['11'],
    });
    const [link] = await db.read(
      "MATCH (:Enterprise {id: 'r-1'})-[l:SUPPLIES]->(:Enterprise {id: 'r-2'}) RETURN l.volumeMlnRub AS v, l.product AS p, l.since AS since",
    );
    expect(link).toEqual({ v: 3, p: 'Доска', since: '2020' });
  });

  it('two headers for one column are refused, and nothing is written', async () => {
    const before = await snapshot(db);
    const report = await importFiles(
      db,
      [
        file(
          'enterprises.csv',
          csv('id,name,Наименование,region,okved,ИНН,inn', 'd-1,ООО «Д»,ООО «Д»,11,16.10,1101526017,1101526017'),
        ),
      ],
      { ...options, lang: 'ru' },
    );
    expect(report.ok).toBe(false);
    expect(report.errors.map(({ row, column, code, value }) => ({ row, column, code, value }))).toEqual([
      { row: 1, column: 'name', code: 'duplicate_column', value: '«name», «Наименование»' },
      { row: 1, column: 'inn', code: 'duplicate_column', value: '«ИНН», «inn»' },
    ]);
    expect(report.errors[0].message).toContain('несколько раз');
    expect(report.written).toEqual({ clusters: 0, enterprises: 0, links: 0 });
    expect(await snapshot(db)).toEqual(before);
  });
});
