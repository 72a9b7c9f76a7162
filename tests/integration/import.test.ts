// Import against the real Neo4j: the example files, idempotency, every kind of bad input,
// Windows-1251 with semicolons, XLSX.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { importFiles, type ImportFile, type ImportOptions } from '../../server/import/index.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { snapshot } from '../helpers.js';
import { EMPTY_DATASET, ensureDataset, useDb } from '../fixtures/index.js';

const EXAMPLES = new URL('../../seed/examples/', import.meta.url).pathname;
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-import-test-'));
let fileCounter = 0;
function file(name: string, content: string | Buffer): ImportFile {
  const path = join(tmp, `${fileCounter++}-${name}`);
  writeFileSync(path, content);
  return { path, name };
}

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

const exampleFiles = () => [
  file('clusters.csv', example('clusters.csv')),
  file('enterprises.csv', example('enterprises.csv')),
  file('links.csv', example('links.csv')),
];

describe('import of the example files', () => {
  beforeEach(async () => {
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
  });

  it('writes enterprises with derived size and stages, memberships and links with stages', async () => {
    const report = await importFiles(db, exampleFiles(), options);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.written).toEqual({ clusters: 1, enterprises: 5, links: 5 });

    const enterprises = await db.read(
      `MATCH (e:Enterprise)-[:LOCATED_IN]->(r:Region)
       OPTIONAL MATCH (e)-[m:MEMBER_OF]->(c:Cluster)
       RETURN e.id AS id, e.size AS size, e.sizeSource AS sizeSource, e.stages AS stages, r.code AS region,
              c.id AS cluster, m.role AS role, e.priorityTerritory AS priority, e.employees AS employees
       ORDER BY id`,
    );
    const byId = Object.fromEntries(enterprises.map((e) => [e.id, e]));
    // 209-FZ: 12 staff and 90 mln → micro; 45 and 300 → small; 200 and 1,500 → medium; 2,500 staff → large.
    expect(byId['ex-logging']).toMatchObject({
      size: 'micro',
      sizeSource: 'derived',
      region: '11',
      cluster: 'ex-timber',
      role: 'participant',
      priority: true,
      employees: 12,
    });
    expect(byId['ex-sawmill']).toMatchObject({ size: 'small', stages: ['timber.sawmilling'] });
    expect(byId['ex-chem']).toMatchObject({ size: 'medium', region: '35', cluster: null });
    expect(byId['ex-pulp']).toMatchObject({ size: 'large', role: 'anchor' });
    expect((byId['ex-pulp'].stages as string[]).sort()).toEqual(['timber.paper', 'timber.pulp']);
    // 33.12 belongs to both chains; the enterprise operates at both stages.
    expect((byId['ex-repair'].stages as string[]).sort()).toEqual(['oilgas.repair', 'timber.equipment-repair']);

    const operates = await db.read(
      "MATCH (:Enterprise {id: 'ex-pulp'})-[:OPERATES_AT]->(s:Stage) RETURN s.id AS id ORDER BY id",
    );
    expect(operates.map((r) => r.id)).toEqual(['timber.paper', 'timber.pulp']);

    const links = await db.read(
      'MATCH (s:Enterprise)-[l:SUPPLIES]->(b:Enterprise) RETURN s.id AS s, b.id AS b, l.stage AS stage, l.volumeMlnRub AS v, l.since AS since ORDER BY s, b',
    );
    const link = (s: string, b: string) => links.find((l) => l.s === s && l.b === b)!;
    expect(link('ex-logging', 'ex-pulp')).toMatchObject({ stage: 'timber.logging', v: 25.5, since: '2020' }); // from the supplier's OKVED
    expect(link('ex-repair', 'ex-pulp').stage).toBe('timber.equipment-repair'); // the buyer's chain decides
    expect(link('ex-sawmill', 'ex-pulp').since).toBe('2021-03-01');

    const clusterRegions = await db.read(
      "MATCH (:Cluster {id: 'ex-timber'})-[:BASED_IN]->(r) RETURN r.code AS code ORDER BY code",
    );
    expect(clusterRegions.map((r) => r.code)).toEqual(['11', '29']);
  });

  it('changes nothing when the same files are imported again into the same dataset', async () => {
    const into = { ...options, dataset: { id: 'file:examples', kind: 'file' as const } };
    expect((await importFiles(db, exampleFiles(), into)).ok).toBe(true);
    // The dataset's node records when it was loaded: the rest of the graph must not change.
    const withoutDatasets = async () => (await snapshot(db)).filter((line) => !line.startsWith('[["Dataset"]'));
    const counts =
      'MATCH (d:Dataset) RETURN d.id AS id, d.enterprises AS e, d.links AS l, d.clusters AS c, d.ties AS t';
    const before = await withoutDatasets();
    const datasetsBefore = await db.read(counts);
    const again = await importFiles(db, exampleFiles(), into);
    expect(again.ok).toBe(true);
    expect(await withoutDatasets()).toEqual(before);
    expect(await db.read(counts)).toEqual(datasetsBefore);
    expect(datasetsBefore).toEqual([{ id: 'file:examples', e: 5, l: 5, c: 1, t: 0 }]);
  });

  it('treats the file as the truth for the rows it lists (a moved enterprise leaves its old region)', async () => {
    expect((await importFiles(db, exampleFiles(), options)).ok).toBe(true);
    const moved = example('enterprises.csv').replace(
      'ex-chem,3525609133,ООО «Пример Химия»,35,',
      'ex-chem,3525609133,ООО «Пример Химия»,29,',
    );
    expect((await importFiles(db, [file('enterprises.csv', moved)], options)).ok).toBe(true);
    const regions = await db.read("MATCH (:Enterprise {id: 'ex-chem'})-[:LOCATED_IN]->(r) RETURN r.code AS code");
    expect(regions).toEqual([{ code: '29' }]);
  });

  it("moves an INN from an enterprise to a new one, and swaps two enterprises' INNs, in one file", async () => {
    expect((await importFiles(db, exampleFiles(), options)).ok).toBe(true);
    const header = example('enterprises.csv').split('\n')[0];
    const moved = [
      header,
      // The sawmill takes a new INN and hands its old one to a new enterprise…
      'ex-sawmill,1100000013,ООО «Пример Лесопилка»,11,16.10,45,300,ex-timber,participant,,false',
      'ex-heir,1101526017,ООО «Наследник ИНН»,11,16.10,10,50,,,,false',
      // …and the logging and pulp companies swap theirs.
      'ex-logging,1102830161,ООО «Пример Лесозаготовка»,11,02.20,12,90,ex-timber,participant,,true',
      'ex-pulp,1101815900,АО «Пример ЦБК»,11,17.11;17.12,2500,40000,ex-timber,anchor,,false',
    ].join('\n');
    const report = await importFiles(db, [file('enterprises.csv', moved)], options);
    expect(report.errors).toEqual([]);
    const inns = await db.read(
      "MATCH (e:Enterprise) WHERE e.id IN ['ex-sawmill', 'ex-heir', 'ex-logging', 'ex-pulp'] RETURN e.id AS id, e.inn AS inn ORDER BY id",
    );
    expect(inns).toEqual([
      { id: 'ex-heir', inn: '1101526017' },
      { id: 'ex-logging', inn: '1102830161' },
      { id: 'ex-pulp', inn: '1101815900' },
      { id: 'ex-sawmill', inn: '1100000013' },
    ]);
  });
});

describe('bad input is rejected whole, with row and column, and nothing is written', () => {
  let before: string[];
  beforeAll(async () => {
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
    expect((await importFiles(db, exampleFiles(), options)).ok).toBe(true);
    before = await snapshot(db);
  });

  const enterprises = example('enterprises.csv');
  const links = example('links.csv');
  const clusters = example('clusters.csv');
  const extraEnterprise = 'ex-new,,ООО «Новое»,11,16.10,5,10,,,,false';

  const cases: {
    name: string;
    files: () => ImportFile[];
    expected: { file: string; row?: number; column?: string; code: string }[];
  }[] = [
    {
      name: 'unknown region',
      files: () => [
        file(
          'enterprises.csv',
          enterprises.replace('ООО «Пример Химия»,35,', 'ООО «Пример Химия»,99,') + extraEnterprise + '\n',
        ),
      ],
      expected: [{ file: 'enterprises.csv', row: 6, column: 'region', code: 'unknown_region' }],
    },
    {
      name: 'bad INN checksum',
      files: () => [file('enterprises.csv', enterprises.replace('1101526017', '1101526018'))],
      expected: [{ file: 'enterprises.csv', row: 2, column: 'inn', code: 'inn_checksum' }],
    },
    {
      name: 'negative volume',
      files: () => [file('links.csv', links.replace('Щепа,16.10,12,', 'Щепа,16.10,-12,'))],
      expected: [{ file: 'links.csv', row: 4, column: 'volume_mln_rub', code: 'negative' }],
    },
    {
      name: 'self-supply',
      files: () => [file('links.csv', links + 'ex-chem,ex-chem,Реагенты,20.13,1,2020\n')],
      expected: [{ file: 'links.csv', row: 7, column: 'buyer', code: 'self_supply' }],
    },
    {
      name: 'link to an unknown enterprise',
      files: () => [file('links.csv', links + 'ex-chem,ex-nobody,Реагенты,20.13,1,2020\n')],
      expected: [{ file: 'links.csv', row: 7, column: 'buyer', code: 'unknown_enterprise' }],
    },
    {
      name: 'duplicate id',
      files: () => [file('enterprises.csv', enterprises + 'ex-sawmill,,ООО «Дубль»,11,16.10,5,10,,,,false\n')],
      expected: [{ file: 'enterprises.csv', row: 7, column: 'id', code: 'duplicate_id' }],
    },
    {
      name: 'wrong encoding (KOI8-R)',
      files: () => [file('enterprises.csv', iconv.encode(enterprises, 'koi8-r'))],
      expected: [{ file: 'enterprises.csv', code: 'encoding' }],
    },
    {
      name: 'wrong encoding (UTF-16)',
      files: () => [
        file('enterprises.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(enterprises, 'utf16le')])),
      ],
      expected: [{ file: 'enterprises.csv', code: 'encoding' }],
    },
    {
      name: 'missing identifying column',
      files: () => [
        file('clusters.csv', clusters.replace('id,name,', 'id,').replace(',Пример: лесопромышленный кластер,', ',')),
      ],
      expected: [{ file: 'clusters.csv', row: 1, column: 'name', code: 'missing_column' }],
    },
    {
      name: 'two headers for one column',
      files: () => [
        file(
          'links.csv',
          links
            .replace('volume_mln_rub', 'Объём (млн руб.)')
            .replace('supplier,', 'supplier,Поставщик,')
            .replace(/^(ex-[a-z]+),/gm, '$1,$1,'),
        ),
      ],
      expected: [{ file: 'links.csv', row: 1, column: 'supplier', code: 'duplicate_column' }],
    },
    {
      name: 'several errors in several files, all listed',
      files: () => [
        file('enterprises.csv', enterprises.replace('2901613180', '29016131').replace(',45,300,', ',много,300,')),
        file('links.csv', links.replace('Пиловочник,02.20,40,2019', 'Пиловочник,02.20,40,позавчера')),
      ],
      expected: [
        { file: 'enterprises.csv', row: 2, column: 'employees', code: 'invalid_number' },
        { file: 'enterprises.csv', row: 5, column: 'inn', code: 'invalid_inn' },
        { file: 'links.csv', row: 2, column: 'since', code: 'invalid_date' },
      ],
    },
    {
      name: 'an INN already held by another enterprise in the database',
      files: () => [
        file(
          'enterprises.csv',
          'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory\nex-other,1101526017,ООО «Другое»,11,16.10,5,10,,,,false\n',
        ),
      ],
      expected: [{ file: 'enterprises.csv', row: 2, column: 'inn', code: 'duplicate_inn' }],
    },
    {
      name: 'a cluster that does not exist',
      files: () => [file('enterprises.csv', enterprises.replace('ex-timber,anchor', 'ex-nowhere,anchor'))],
      expected: [{ file: 'enterprises.csv', row: 4, column: 'cluster', code: 'unknown_cluster' }],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const report = await importFiles(db, c.files(), options);
      expect(report.ok).toBe(false);
      expect(report.written).toEqual({ clusters: 0, enterprises: 0, links: 0 });
      expect(
        report.errors.map(({ file, row, column, code }) => ({
          file: file.replace(/^\d+-/, ''),
          ...(row !== undefined && c.expected.some((e) => e.row !== undefined) ? { row } : {}),
          ...(column ? { column } : {}),
          code,
        })),
      ).toEqual(c.expected);
      for (const error of report.errors) expect(error.message.length).toBeGreaterThan(10);
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('messages come in Russian when asked', async () => {
    const report = await importFiles(db, [file('enterprises.csv', enterprises.replace('1101526017', '1101526018'))], {
      ...options,
      lang: 'ru',
    });
    expect(report.errors[0].message).toContain('контрольные цифры');
  });
});

describe('files from Russian Excel', () => {
  beforeEach(async () => {
    await ensureDataset(db, connection.settings, EMPTY_DATASET);
  });

  it('accepts Windows-1251 with semicolons and decimal commas', async () => {
    // The example files hold no quotes or commas inside fields, so a plain split is exact here.
    const toExcelCsv = (text: string) =>
      iconv.encode(
        text
          .split('\n')
          .map((line) =>
            line
              .split(',')
              .map((f) => (f.includes(';') ? `"${f}"` : f.replace('.', ',')))
              .join(';'),
          )
          .join('\r\n'),
        'win1251',
      );
    const report = await importFiles(
      db,
      [
        file('clusters.csv', toExcelCsv(example('clusters.csv'))),
        file('enterprises.csv', toExcelCsv(example('enterprises.csv'))),
        file('links.csv', toExcelCsv(example('links.csv'))),
      ],
      options,
    );
    expect(report.errors).toEqual([]);
    expect(report.files.map((f) => [f.encoding, f.delimiter])).toEqual([
      ['windows-1251', ';'],
      ['windows-1251', ';'],
      ['windows-1251', ';'],
    ]);
    const [pulp] = await db.read("MATCH (e:Enterprise {id: 'ex-pulp'}) RETURN e.name AS name, e.okvedAll AS okved");
    expect(pulp).toEqual({ name: 'АО «Пример ЦБК»', okved: ['17.11', '17.12'] });
    const regions = await db.read(
      "MATCH (:Cluster {id: 'ex-timber'})-[:BASED_IN]->(r) RETURN r.code AS code ORDER BY code",
    );
    expect(regions.map((r) => r.code)).toEqual(['11', '29']);
    const [link] = await db.read(
      "MATCH (:Enterprise {id: 'ex-logging'})-[l:SUPPLIES]->(:Enterprise {id: 'ex-pulp'}) RETURN l.volumeMlnRub AS v, l.product AS p",
    );
    expect(link).toEqual({ v: 25.5, p: 'Балансы' });
  });

  it('accepts UTF-8 with a BOM', async () => {
    const report = await importFiles(db, [file('clusters.csv', '\uFEFF' + example('clusters.csv'))], options);
    expect(report.errors).toEqual([]);
    const [c] = await db.read("MATCH (c:Cluster {id: 'ex-timber'}) RETURN c.name AS name");
    expect(c.name).toBe('Пример: лесопромышленный кластер');
  });

  it('accepts XLSX, with numbers stored as numbers and a lost leading zero in an INN', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Предприятия');
    sheet.addRow([
      'id',
      'inn',
      'name',
      'region',
      'okved',
      'employees',
      'revenue_mln_rub',
      'cluster',
      'cluster_role',
      'technopark',
      'priority_territory',
    ]);
    sheet.addRow(['xl-1', 105948219, 'ООО «Адыгейская мебель»', 1, '31.01', 14, 100.5, '', '', '', 'нет']);
    sheet.addRow(['xl-2', '', 'ИП Лесов', 11, '02.40', 3, 5, '', '', '', 'да']);
    const path = join(tmp, 'enterprises.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await importFiles(db, [{ path }], options);
    expect(report.errors).toEqual([]);
    expect(report.files[0]).toMatchObject({ kind: 'enterprises', rows: 2, encoding: 'xlsx' });
    const rows = await db.read(
      'MATCH (e:Enterprise)-[:LOCATED_IN]->(r) RETURN e.id AS id, e.inn AS inn, r.code AS region, e.revenueMlnRub AS revenue, e.size AS size, e.priorityTerritory AS p ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'xl-1', inn: '0105948219', region: '01', revenue: 100.5, size: 'micro', p: false },
      { id: 'xl-2', inn: null, region: '11', revenue: 5, size: 'micro', p: true },
    ]);
  });
});
