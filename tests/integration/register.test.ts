// Loading FNS archives against the real Neo4j, checked through the API afterwards: a register dump
// in the real layout with the edge cases of the shared description (4.01 without ОГРН, hundreds of
// extra codes, OKVED 2001 codes, no main code, region ≠ INN prefix, wrong КолДок, a bad checksum, a
// sole trader without a patronymic), its ties and customers, a newer dump over an older one, the
// filters, the companions, a cancel, and the background job of the API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import {
  companionDocumentXml,
  encodePart,
  partName,
  partXml,
  registerDocumentXml,
  writeRegisterZip,
  type CompanionDoc,
  type OkvedEntry,
  type RegisterSubject,
  type RegisterVersion,
} from '../../seed/fns/generate.js';
import { importRegister, registerOptions, type RegisterOptions } from '../../server/register/index.js';
import { importFiles, importOptions } from '../../server/import/index.js';
import { completeInn } from '../../core/reference.js';
import type { Db } from '../../server/db.js';
import type { RegisterJob, RegisterReport } from '../../core/schemas.js';
import { asSession, multipart, signIn, type TestSession } from '../helpers.js';
import { buildApp } from '../../server/app.js';
import { EMPTY_DATASET, ensureDataset, useDb } from '../fixtures/index.js';

const connection = useDb({ importWaitMs: 2_000 });
let db: Db;
let app: FastifyInstance;
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

// Composing archives -------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-fns-test-'));
let fileCounter = 0;

const okved = (code: string, version: OkvedEntry['version'] = '2014'): OkvedEntry => ({
  code,
  name: `Код ${code}`,
  version,
});
let docCounter = 0;
const docId = () => `00000000-0000-4000-8000-${String(++docCounter).padStart(12, '0')}`;

/** An organisation of region 11 by default; every field may be overridden. */
function org(inn: string, over: Partial<RegisterSubject> = {}): RegisterSubject {
  return {
    docId: docId(),
    enteredAt: '01.08.2016',
    kind: 1,
    category: 1,
    isNew: 2,
    social: 2,
    headcount: 5,
    inn,
    ogrn: '1' + inn.slice(0, 2) + '00000000' + inn.slice(-2),
    org: { name: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ФИРМА ${inn}"`, short: `ООО "ФИРМА ${inn}"` },
    fio: null,
    region: inn.slice(0, 2),
    regionPlace: null,
    locality: { element: 'Город', type: 'ГОРОД', name: 'СЫКТЫВКАР' },
    okvedMain: okved('16.10'),
    okvedExtra: [],
    licences: [],
    products: [],
    programmes: [],
    contracts: [],
    ...over,
  };
}

/** A sole trader (12-digit INN). */
function trader(inn: string, over: Partial<RegisterSubject> = {}): RegisterSubject {
  return org(inn, {
    kind: 2,
    org: null,
    fio: { surname: 'ПЕТРОВ', name: 'ИВАН', patronymic: 'СЕРГЕЕВИЧ' },
    headcount: null,
    okvedMain: okved('02.20'),
    ...over,
  });
}

interface PartSpec {
  docs: (RegisterSubject | string)[];
  /** КолДок as written (default: the real count). */
  declared?: number | null;
}

/** A register ZIP: state date `YYYY-MM-DD`, one version for every part. */
function registerZip(stateDate: string, parts: PartSpec[], version: RegisterVersion = '4.05'): string {
  const [y, m, d] = stateDate.split('-');
  const ru = `${d}.${m}.${y}`;
  const files: Record<string, Uint8Array> = {};
  parts.forEach((p, i) => {
    const name = partName('register', ru, `3f6c1a52-0c1e-4d0b-9a77-${String(i).padStart(12, '0')}`);
    const docs = p.docs.map((s) => (typeof s === 'string' ? s : registerDocumentXml(s, version, ru)));
    files[name] = encodePart(
      partXml({
        kind: 'register',
        name,
        version,
        declaredDocuments: p.declared === undefined ? docs.length : p.declared,
        documents: docs,
      }),
    );
  });
  const path = join(tmp, `${fileCounter++}-data-${d}${m}${y}-structure-10062025.zip`);
  writeFileSync(path, zipSync(files));
  return path;
}

function companionZip(kind: 'revexp' | 'headcount', year: number, docs: CompanionDoc[]): string {
  const docDate = `25.07.${year + 1}`;
  const name = partName(kind, docDate, '9a77-0000-4000-8000-000000000001');
  const xml = partXml({
    kind,
    name,
    version: '4.01',
    declaredDocuments: docs.length,
    documents: docs.map((d) => companionDocumentXml(d, kind, year, docDate)),
  });
  const path = join(tmp, `${fileCounter++}-${kind}-${year}.zip`);
  writeFileSync(path, zipSync({ [name]: encodePart(xml) }));
  return path;
}

const options = (over: Partial<RegisterOptions> = {}): RegisterOptions => ({
  ...registerOptions(connection.settings),
  batchSize: 3,
  lang: 'en',
  ...over,
});

async function load(path: string, over: Partial<RegisterOptions> = {}): Promise<RegisterReport> {
  return importRegister(db, path, options(over));
}

/** A node's details as GET /api/nodes/:id answers them. */
async function node(id: string) {
  const r = await app.inject({ url: `/api/nodes/${encodeURIComponent(id)}`, headers: asSession(editor) });
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json() as {
    properties: Record<string, unknown>;
    relationships: { type: string; direction: string; count: number }[];
  };
  const rels = Object.fromEntries(body.relationships.map((x) => [`${x.type}:${x.direction}`, x.count]));
  return { p: body.properties, rels };
}

// Identifiers with valid check digits (core/reference.ts completeInn), and ones without.
const SAWMILL = completeInn('110199001'); // Komi organisation
const LOGGER = completeInn('1101990050'); // Komi sole trader without a patronymic
const MOVED = completeInn('290199002'); // INN of Arkhangelsk, КодРегион 11
const TRADER_CO = completeInn('110199003'); // no main code, 616 extra codes
const OLD = completeInn('110199004'); // 4.01 document: no ОГРН, contracts
const OILCO = completeInn('860199005'); // KhMAO oil services
const CUSTOMER = '7706107510'; // a large customer (Rosneft's INN), named only by the ties
const CUSTOMER2 = completeInn('770199006');
const BAD_ORG = SAWMILL.slice(0, 9) + String((Number(SAWMILL[9]) + 1) % 10);
const BAD_TRADER = LOGGER.slice(0, 11) + String((Number(LOGGER[11]) + 1) % 10);
const DATASET = 'fns-rsmp:2026-02-10';

/** 616 extra codes: every OKVED2 shape NN.NN over 16–22 and 46–47, with timber and oil-gas codes among them. */
function manyCodes(): OkvedEntry[] {
  const codes: OkvedEntry[] = [];
  for (const major of [16, 17, 18, 19, 20, 21, 22, 46])
    for (let minor = 0; minor < 77; minor++) codes.push(okved(`${major}.${String(minor).padStart(2, '0')}`));
  return codes.slice(0, 616);
}

function firstDump(): string {
  return registerZip('2026-02-10', [
    {
      declared: 99, // КолДок that disagrees with the real count
      docs: [
        org(SAWMILL, {
          category: 2,
          headcount: 74,
          enteredAt: '01.08.2016',
          okvedMain: okved('16.10'),
          okvedExtra: [okved('02.20'), okved('16.23'), okved('16.10'), okved('20.20', '2001'), okved('62.01')],
          products: [{ code: '16.10.10', name: 'Лесоматериалы распиленные', innovative: false }],
          programmes: [
            { customerInn: CUSTOMER, customerName: 'ПАО "НК "РОСНЕФТЬ"', number: 'ПП-2024/117', date: '14.03.2024' },
            { customerInn: '7706107511', customerName: 'ООО "ОШИБКА"', number: 'ПП-1', date: '01.01.2024' },
          ],
        }),
        trader(LOGGER, { fio: { surname: 'ИВАНОВ', name: 'ПЁТР', patronymic: null }, enteredAt: '10.05.2020' }),
        org(MOVED, { region: '11', okvedMain: okved('16.23'), category: 1 }),
        org(TRADER_CO, { okvedMain: null, okvedExtra: manyCodes(), category: 3, headcount: 180 }),
        org(BAD_ORG),
        trader(BAD_TRADER),
        org(completeInn('110199007'), { region: '99' }),
      ],
    },
    {
      docs: [
        org(OILCO, {
          okvedMain: okved('09.10'),
          okvedExtra: [okved('33.12')],
          programmes: [{ customerInn: CUSTOMER2, customerName: 'АО "ЗАКАЗЧИК"', number: '17', date: '02.02.2025' }],
        }),
        '<Документ ИдДок="broken-1" ДатаСост="10.02.2026"><ОргВклМСП ИННЮЛ="1101990010"></Документ>',
      ],
    },
  ]);
}

// Tests --------------------------------------------------------------------------------------------

describe('a register dump', () => {
  it('loads subjects with their category, region, codes, headcount and ties, and sets aside bad documents', async () => {
    const zip = firstDump();
    const report = await load(zip);
    expect(report.error).toBeNull();
    expect(report).toMatchObject({
      status: 'completed',
      kind: 'register',
      datasetId: DATASET,
      stateDate: '2026-02-10',
      parts: 2,
    });
    expect(report.counts).toMatchObject({
      documents: 9,
      created: 5,
      ties: 2,
      customers: 2,
      filtered: 0,
      leftRegister: 0,
    });

    const sawmill = await node(`enterprise:fns-${SAWMILL}`);
    expect(sawmill.p).toMatchObject({
      inn: SAWMILL,
      name: `ООО "ФИРМА ${SAWMILL}"`,
      fullName: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ФИРМА ${SAWMILL}"`,
      subject: 'organisation',
      size: 'small',
      sizeSource: 'register',
      sizeDataset: DATASET,
      region: '11',
      okved: '16.10',
      stages: ['timber.sawmilling'],
      chains: ['timber'],
      employees: 74,
      // A February dump carries the headcount of the year before last.
      employeesYear: 2024,
      employeesSource: DATASET,
      registeredAt: '2016-08-01',
      registerState: '2026-02-10',
      products: ['Лесоматериалы распиленные'],
      synthetic: false,
      source: 'fns-rsmp',
      datasets: [DATASET],
    });
    expect(sawmill.p.nameLatin).toMatch(/^OOO "FIRMA/);
    // OKVED2 only (the 2001 code is left out), the main code once.
    expect(sawmill.p.okvedAll).toEqual(['16.10', '02.20', '16.23', '62.01']);
    // Main code: OPERATES_AT; extra codes' stages the main code does not reach: CAPABLE_OF.
    expect(sawmill.rels).toMatchObject({
      'OPERATES_AT:out': 1,
      'CAPABLE_OF:out': 2,
      'LOCATED_IN:out': 1,
      'IN_PROGRAMME:out': 1,
    });
    const capable = await db.read(`MATCH (:Enterprise {inn: $inn})-[:CAPABLE_OF]->(s) RETURN s.id AS id ORDER BY id`, {
      inn: SAWMILL,
    });
    expect(capable.map((r) => r.id)).toEqual(['timber.joinery', 'timber.logging']);

    // A sole trader: kept as the register shows it (no patronymic), a person's INN.
    const logger = await node(`enterprise:fns-${LOGGER}`);
    expect(logger.p).toMatchObject({
      subject: 'sole-trader',
      name: 'ИП ИВАНОВ ПЁТР',
      okved: '02.20',
      registeredAt: '2020-05-10',
    });
    expect(logger.p.size).toBe('micro');
    expect(logger.p.employees).toBeUndefined();

    // КодРегион, not the INN's prefix, says where the subject is.
    const moved = await node(`enterprise:fns-${MOVED}`);
    expect(moved.p.region).toBe('11');
    const movedRegion = await db.read('MATCH (:Enterprise {inn: $inn})-[:LOCATED_IN]->(r) RETURN r.code AS code', {
      inn: MOVED,
    });
    expect(movedRegion).toEqual([{ code: '11' }]);

    // No main code: no OPERATES_AT; 616 extra codes, every one kept, their stages as capabilities.
    const traderCo = await node(`enterprise:fns-${TRADER_CO}`);
    expect(traderCo.p.okved).toBeUndefined();
    expect((traderCo.p.okvedAll as string[]).length).toBe(616);
    expect(traderCo.p.size).toBe('medium');
    expect(traderCo.rels['OPERATES_AT:out']).toBeUndefined();
    expect(traderCo.rels['CAPABLE_OF:out']).toBeGreaterThan(5);

    // The customers named only by ties: enterprises of their INN's region, marked as such.
    const customer = await node(`enterprise:fns-${CUSTOMER}`);
    expect(customer.p).toMatchObject({
      inn: CUSTOMER,
      name: 'ПАО "НК "РОСНЕФТЬ"',
      region: '77',
      tiesOnly: true,
      synthetic: false,
      datasets: [DATASET],
    });
    expect(customer.rels).toMatchObject({ 'LOCATED_IN:out': 1, 'IN_PROGRAMME:in': 1 });
    const ties = await db.read(
      `MATCH (s:Enterprise)-[t:IN_PROGRAMME]->(c:Enterprise) RETURN s.inn AS sme, c.inn AS customer, t.number AS number, t.date AS date, t.datasets AS datasets ORDER BY sme`,
    );
    expect(ties).toEqual([
      { sme: SAWMILL, customer: CUSTOMER, number: 'ПП-2024/117', date: '2024-03-14', datasets: [DATASET] },
      { sme: OILCO, customer: CUSTOMER2, number: '17', date: '2025-02-02', datasets: [DATASET] },
    ]);

    // Set aside, by part, position and ИдДок; a tie with a bad customer INN skipped and reported.
    const aside = report.setAside.map((s) => [s.part.slice(0, 10), s.index, s.code, s.value ?? null]);
    expect(aside).toEqual([
      ['VO_RRMSPSV', 1, 'bad_customer_inn', '7706107511'],
      ['VO_RRMSPSV', 5, 'bad_inn', BAD_ORG],
      ['VO_RRMSPSV', 6, 'bad_inn', null],
      ['VO_RRMSPSV', 7, 'unknown_region', '99'],
      ['VO_RRMSPSV', 2, 'unreadable', null],
    ]);
    expect(report.setAsideCount).toBe(5);
    expect(report.setAside[1].docId).toMatch(/^00000000-0000-4000-8000-/);
    expect(report.setAside[4].docId).toBe('broken-1');
    expect(report.setAside[1].message).toBe('the INN check digits are wrong');
    // A sole trader's INN and name appear nowhere in the report.
    const text = JSON.stringify(report);
    expect(text).not.toContain(BAD_TRADER);
    expect(text).not.toContain('ПЕТРОВ');
    expect(text).not.toContain(LOGGER);
    for (const bad of [BAD_ORG, BAD_TRADER])
      expect(await db.read('MATCH (e:Enterprise {inn: $bad}) RETURN e', { bad })).toEqual([]);

    // Search finds a subject by INN; the import log lists the load; the dataset has its counts.
    const search = await app.inject({ url: `/api/search?q=${SAWMILL}`, headers: asSession(editor) });
    expect(search.json().hits.map((h: { id: string }) => h.id)).toContain(`enterprise:fns-${SAWMILL}`);
    const runs = await app.inject({ url: '/api/imports', headers: asSession(editor) });
    expect(runs.json().runs[0]).toMatchObject({
      id: report.runId,
      status: 'completed',
      files: [zip.split('/').pop()],
      enterprises: 5,
      links: 2,
    });
    const [dataset] = await db.read(
      `MATCH (d:Dataset {id: $id}) RETURN d.kind AS kind, d.status AS status, d.stateDate AS stateDate, d.enterprises AS enterprises, d.ties AS ties, d.links AS links, d.clusters AS clusters`,
      { id: DATASET },
    );
    // Five subjects and the two customers the dump names.
    expect(dataset).toEqual({
      kind: 'register',
      status: 'completed',
      stateDate: '2026-02-10',
      enterprises: 7,
      ties: 2,
      links: 0,
      clusters: 0,
    });
  });

  it('changes nothing when loaded again', async () => {
    const zip = firstDump();
    await load(zip);
    const state = async () =>
      db.read(
        `MATCH (e:Enterprise) OPTIONAL MATCH (e)-[r]->(x) WITH e, collect(type(r) + '>' + coalesce(x.id, x.code)) AS out
         RETURN e.id AS id, properties(e) AS p, out ORDER BY id`,
      );
    const before = await state();
    const again = await load(zip);
    expect(again.counts).toMatchObject({ created: 0, updated: 5, customers: 0, ties: 2 });
    const after = await state();
    expect(after.map((r) => [r.id, (r.out as string[]).sort()])).toEqual(
      before.map((r) => [r.id, (r.out as string[]).sort()]),
    );
    expect(after.map((r) => r.p)).toEqual(before.map((r) => r.p));
  });

  it('reads a 4.01 dump: no ОГРН, no headcount, contract ties under 44-FZ and 223-FZ', async () => {
    const zip = registerZip(
      '2019-08-10',
      [
        {
          docs: [
            org(OLD, {
              contracts: [
                {
                  law: 44,
                  customerInn: CUSTOMER,
                  customerName: 'ЗАКАЗЧИК 44',
                  subject: 'Поставка пиломатериалов',
                  number: '0107300000119000001',
                  date: '05.03.2019',
                },
                {
                  law: 223,
                  customerInn: CUSTOMER2,
                  customerName: 'ЗАКАЗЧИК 223',
                  subject: 'Ремонт',
                  number: '31908000001',
                  date: '06.04.2019',
                },
              ],
            }),
          ],
        },
      ],
      '4.01',
    );
    const report = await load(zip);
    expect(report).toMatchObject({ status: 'completed', version: '4.01', datasetId: 'fns-rsmp:2019-08-10' });
    const old = await node(`enterprise:fns-${OLD}`);
    expect(old.p.ogrn).toBeUndefined();
    expect(old.p.employees).toBeUndefined();
    const contracts = await db.read(
      `MATCH (:Enterprise {inn: $inn})-[t:CONTRACT]->(c) RETURN c.inn AS customer, t.law AS law, t.subject AS subject, t.number AS number, t.date AS date, c.tiesOnly AS tiesOnly ORDER BY law`,
      { inn: OLD },
    );
    expect(contracts).toEqual([
      {
        customer: CUSTOMER2,
        law: '223-FZ',
        subject: 'Ремонт',
        number: '31908000001',
        date: '2019-04-06',
        tiesOnly: true,
      },
      {
        customer: CUSTOMER,
        law: '44-FZ',
        subject: 'Поставка пиломатериалов',
        number: '0107300000119000001',
        date: '2019-03-05',
        tiesOnly: true,
      },
    ]);
  });
});

describe('a newer dump', () => {
  it('updates in place, marks who it no longer lists as having left, and clears it when listed again', async () => {
    await load(firstDump());
    const march = registerZip('2026-03-10', [
      {
        docs: [
          org(SAWMILL, { category: 3, headcount: 90, okvedMain: okved('16.21'), okvedExtra: [] }),
          trader(LOGGER, { fio: { surname: 'ИВАНОВ', name: 'ПЁТР', patronymic: null } }),
          org(MOVED, { region: '11', okvedMain: okved('16.23') }),
          org(OILCO, { okvedMain: okved('09.10') }),
          // A ties-only customer of February is a subject now.
          org(CUSTOMER2, { region: '77', okvedMain: okved('46.71') }),
        ],
      },
    ]);
    const report = await load(march);
    expect(report.counts).toMatchObject({ created: 0, updated: 5, leftRegister: 1 });

    const sawmill = await node(`enterprise:fns-${SAWMILL}`);
    expect(sawmill.p).toMatchObject({
      size: 'medium',
      sizeDataset: 'fns-rsmp:2026-03-10',
      okved: '16.21',
      stages: ['timber.panels'],
      employees: 90,
      registerState: '2026-03-10',
      datasets: [DATASET, 'fns-rsmp:2026-03-10'],
    });
    expect(sawmill.rels['CAPABLE_OF:out']).toBeUndefined();
    const operates = await db.read('MATCH (:Enterprise {inn: $inn})-[:OPERATES_AT]->(s) RETURN s.id AS id', {
      inn: SAWMILL,
    });
    expect(operates).toEqual([{ id: 'timber.panels' }]);
    // The February programme tie stays, held by the February dump only.
    const tie = await db.read('MATCH (:Enterprise {inn: $inn})-[t:IN_PROGRAMME]->() RETURN t.datasets AS d', {
      inn: SAWMILL,
    });
    expect(tie).toEqual([{ d: [DATASET] }]);

    const left = await node(`enterprise:fns-${TRADER_CO}`);
    expect(left.p.leftRegisterAt).toBe('2026-03-10');
    expect(left.p.registerState).toBe('2026-02-10');
    expect((await node(`enterprise:fns-${SAWMILL}`)).p.leftRegisterAt).toBeUndefined();
    const customer = await node(`enterprise:fns-${CUSTOMER2}`);
    expect(customer.p.tiesOnly).toBeUndefined();
    expect(customer.p.okved).toBe('46.71');
    // Customers known only from ties never "leave" the register.
    expect((await node(`enterprise:fns-${CUSTOMER}`)).p.leftRegisterAt).toBeUndefined();

    const april = registerZip('2026-04-10', [
      { docs: [org(TRADER_CO, { okvedMain: null, okvedExtra: manyCodes(), category: 3 })] },
    ]);
    const again = await load(april, { regions: ['11'] });
    expect(again.status).toBe('completed');
    const back = await node(`enterprise:fns-${TRADER_CO}`);
    expect(back.p.leftRegisterAt).toBeUndefined();
    expect(back.p.registerState).toBe('2026-04-10');

    // An older dump loaded after a newer one changes no figure; it only holds the subjects too.
    const before = await node(`enterprise:fns-${SAWMILL}`);
    await load(registerZip('2026-01-10', [{ docs: [org(SAWMILL, { category: 1, okvedMain: okved('02.20') })] }]));
    const after = await node(`enterprise:fns-${SAWMILL}`);
    expect(after.p).toEqual({ ...before.p, datasets: [DATASET, 'fns-rsmp:2026-03-10', 'fns-rsmp:2026-01-10'] });
  });
});

describe('filters', () => {
  it('keeps the regions asked for by КодРегион, never by the INN or the file', async () => {
    const report = await load(firstDump(), { regions: ['11'] });
    expect(report.filters).toEqual({ regions: ['11'], chains: [] });
    const inns = (await db.read('MATCH (e:Enterprise) WHERE e.tiesOnly IS NULL RETURN e.inn AS inn ORDER BY inn')).map(
      (r) => r.inn,
    );
    expect(inns).toEqual([SAWMILL, MOVED, TRADER_CO, LOGGER].sort());
    // The KhMAO firm, and the unknown region's document, are outside the scope: not set aside.
    expect(report.counts.filtered).toBe(2);
    expect(report.setAside.map((s) => s.code)).toEqual(['bad_customer_inn', 'bad_inn', 'bad_inn', 'unreadable']);
  });

  it('keeps subjects whose main or extra codes touch a chain; a known subject filtered out is not taken as gone', async () => {
    const report = await load(firstDump(), { chains: ['oilgas'] });
    const inns = (await db.read('MATCH (e:Enterprise) WHERE e.tiesOnly IS NULL RETURN e.inn AS inn ORDER BY inn')).map(
      (r) => r.inn,
    );
    // The oil services firm (09.10), the sawmill only by… none of its codes; the 616-code trader by 19.20/20.14…
    expect(inns).toEqual([TRADER_CO, OILCO].sort());
    expect(report.counts.filtered).toBe(6);

    // Now everything, then a timber-only dump that still lists the oil firm: it has not left.
    await load(firstDump());
    const march = registerZip('2026-03-10', [
      {
        docs: [
          org(SAWMILL),
          org(OILCO, { okvedMain: okved('09.10') }),
          org(MOVED, { region: '11', okvedMain: okved('16.23') }),
          trader(LOGGER),
        ],
      },
    ]);
    const filtered = await load(march, { chains: ['timber'] });
    expect(filtered.counts.leftRegister).toBe(1);
    expect((await node(`enterprise:fns-${OILCO}`)).p).toMatchObject({ registerState: '2026-03-10' });
    expect((await node(`enterprise:fns-${OILCO}`)).p.leftRegisterAt).toBeUndefined();
    expect((await node(`enterprise:fns-${TRADER_CO}`)).p.leftRegisterAt).toBe('2026-03-10');
  });

  it('refuses unknown regions and chains before reading', async () => {
    await expect(load(firstDump(), { regions: ['98'] })).rejects.toThrow(/unknown region code\(s\): 98/);
    await expect(load(firstDump(), { chains: ['steel'] })).rejects.toThrow(/unknown chain\(s\): steel/);
  });
});

describe('companions', () => {
  it('fill revenue and headcount of the organisations the graph holds; a newer user figure stays', async () => {
    await load(firstDump());
    // A user's file: an enterprise with the sawmill's INN? No — another organisation, with its own figures.
    const userInn = completeInn('110199008');
    const csvPath = join(tmp, `${fileCounter++}-enterprises.csv`);
    writeFileSync(
      csvPath,
      ['id,inn,name,region,okved,employees,revenue_mln_rub', `user-firm,${userInn},ООО «Своя»,11,16.10,12,50`].join(
        '\n',
      ),
    );
    const csv = await importFiles(db, [{ path: csvPath }], importOptions(connection.settings));
    expect(csv.errors).toEqual([]);
    // An older user figure, with its year stated: the FNS figure of a later year replaces it.
    await db.write("MATCH (e:Enterprise {id: 'user-firm'}) SET e.revenueYear = 2020");

    const revexp = companionZip('revexp', 2025, [
      { docId: docId(), inn: SAWMILL, name: 'ВЛЗ', income: 123_456_789.12, expenses: 100_000_000 },
      { docId: docId(), inn: OILCO, name: 'НЕФТЬ', income: 2_500_000_000, expenses: 1 },
      { docId: docId(), inn: userInn, name: 'СВОЯ', income: 70_000_000, expenses: 1 },
      { docId: docId(), inn: completeInn('110199009'), name: 'НЕТ В ГРАФЕ', income: 1, expenses: 1 },
      { docId: docId(), inn: BAD_ORG, name: 'ОШИБКА', income: 1, expenses: 1 },
    ]);
    const r1 = await load(revexp);
    expect(r1).toMatchObject({ status: 'completed', kind: 'revexp', datasetId: 'fns-revexp:2025' });
    expect(r1.counts).toMatchObject({ matched: 3, unmatched: 1, kept: 0, enterprises: 3 });
    expect(r1.setAside.map((s) => s.code)).toEqual(['bad_inn']);

    const sawmill = await node(`enterprise:fns-${SAWMILL}`);
    expect(sawmill.p).toMatchObject({
      revenueMlnRub: 123.45678912,
      revenueYear: 2025,
      revenueSource: 'fns-revexp:2025',
      size: 'small',
      sizeSource: 'register',
    });
    const oil = await node(`enterprise:fns-${OILCO}`);
    // The official category stays whatever the figures say.
    expect(oil.p).toMatchObject({ revenueMlnRub: 2500, size: 'micro', sizeSource: 'register' });
    const user = await node('enterprise:user-firm');
    expect(user.p).toMatchObject({
      revenueMlnRub: 70,
      revenueYear: 2025,
      revenueSource: 'fns-revexp:2025',
      employees: 12,
    });

    // Headcount of 2025: the user's figure (no year, loaded this year) stays; the register's of 2024 goes.
    const headcount = companionZip('headcount', 2025, [
      { docId: docId(), inn: SAWMILL, name: 'ВЛЗ', headcount: 81 },
      { docId: docId(), inn: userInn, name: 'СВОЯ', headcount: 300 },
    ]);
    const r2 = await load(headcount);
    expect(r2.counts).toMatchObject({ matched: 2, unmatched: 0, kept: 1, enterprises: 1 });
    expect((await node(`enterprise:fns-${SAWMILL}`)).p).toMatchObject({
      employees: 81,
      employeesYear: 2025,
      employeesSource: 'fns-sshr:2025',
    });
    expect((await node('enterprise:user-firm')).p).toMatchObject({ employees: 12 });
    expect((await node('enterprise:user-firm')).p.employeesSource).toMatch(/^file:/);
    // A size derived from figures is derived again: 12 staff and 70 mln → micro.
    expect((await node('enterprise:user-firm')).p).toMatchObject({
      size: 'micro',
      sizeSource: 'derived',
      sizeDataset: 'fns-revexp:2025',
    });

    const [ds] = await db.read(
      "MATCH (d:Dataset {id: 'fns-sshr:2025'}) RETURN d.kind AS kind, d.status AS status, d.enterprises AS n",
    );
    expect(ds).toEqual({ kind: 'headcount', status: 'completed', n: 1 });
  });
});

describe('cancel', () => {
  it('stops between batches: every batch written whole, the dataset cancelled, nobody marked as left', async () => {
    const big = join(tmp, `${fileCounter++}-big.zip`);
    const written = await writeRegisterZip(big, {
      documents: 6_000,
      regions: ['11', '29'],
      stateDate: '2026-02-10',
      perPart: 300,
    });
    // One subject of an earlier dump the new one does not list: it must not be marked as left.
    await load(registerZip('2026-01-10', [{ docs: [org(completeInn('119088001'))] }]));
    const controller = new AbortController();
    const report = await load(big, {
      batchSize: 200,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.documents >= 1_500) controller.abort();
      },
    });
    expect(report.status).toBe('cancelled');
    const count = async (q: string) => Number((await db.read(q))[0].n);
    const loaded = await count(
      "MATCH (e:Enterprise) WHERE 'fns-rsmp:2026-02-10' IN e.datasets AND e.tiesOnly IS NULL RETURN count(e) AS n",
    );
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(written.documents);
    expect(loaded % 200).toBe(0);
    expect(
      await count('MATCH (e:Enterprise) WHERE NOT (e)-[:LOCATED_IN]->() AND e.tiesOnly IS NULL RETURN count(e) AS n'),
    ).toBe(0);
    expect(
      await count('MATCH (e:Enterprise) WHERE size(e.stages) > 0 AND NOT (e)-[:OPERATES_AT]->() RETURN count(e) AS n'),
    ).toBe(0);
    expect(await count('MATCH (e:Enterprise) WHERE e.leftRegisterAt IS NOT NULL RETURN count(e) AS n')).toBe(0);
    const [ds] = await db.read(
      "MATCH (d:Dataset {id: 'fns-rsmp:2026-02-10'}) RETURN d.status AS status, d.enterprises AS n",
    );
    expect(ds).toEqual({ status: 'cancelled', n: loaded });
    const [run] = await db.read('MATCH (r:ImportRun {id: $id}) RETURN r.status AS status, r.error AS error', {
      id: report.runId,
    });
    expect(run).toEqual({ status: 'failed', error: 'cancelled' });
    // The import lease is free again; loading again completes the dump.
    const again = await load(big, { batchSize: 1_000 });
    expect(again.status).toBe('completed');
    expect(
      await count(
        "MATCH (e:Enterprise) WHERE 'fns-rsmp:2026-02-10' IN e.datasets AND e.tiesOnly IS NULL RETURN count(e) AS n",
      ),
    ).toBe(written.documents);
    expect(again.counts.leftRegister).toBe(1);
  });
});

describe('the API', () => {
  async function waitFor(id: string): Promise<RegisterJob> {
    for (;;) {
      const r = await app.inject({ url: `/api/import/jobs/${id}`, headers: asSession(editor) });
      expect(r.statusCode).toBe(200);
      const job = r.json() as RegisterJob;
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const upload = (path: string, query = '', session = editor) => {
    const body = multipart([
      { field: 'file', name: 'data-10022026-structure-10062025.zip', content: readFileSync(path) },
    ]);
    return app.inject({
      method: 'POST',
      url: `/api/import/register${query}`,
      payload: body.payload,
      headers: { ...body.headers, ...asSession(session) },
    });
  };
  const uploads = () => readdirSync(tmpdir()).filter((n) => n.startsWith('coopgraph-upload-register-'));
  /** An upload taken as a job (202) that then fails. */
  const failedJob = async (path: string, query: string): Promise<RegisterJob> => {
    const r = await upload(path, query);
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitFor((r.json() as RegisterJob).id);
    expect(job.status).toBe('failed');
    return job;
  };

  it('loads an uploaded ZIP as a job: 202, progress, then the report; the temporary file goes', async () => {
    const before = uploads();
    const r = await upload(firstDump(), '?regions=11&lang=ru');
    expect(r.statusCode, r.body).toBe(202);
    const started = r.json() as RegisterJob;
    expect(started).toMatchObject({
      status: 'running',
      file: 'data-10022026-structure-10062025.zip',
      user: editor.username,
    });
    const job = await waitFor(started.id);
    expect(job.status).toBe('completed');
    expect(job.progress?.documents).toBe(9);
    expect(job.report).toMatchObject({ status: 'completed', filters: { regions: ['11'], chains: [] } });
    expect(job.report!.counts.created).toBe(4);
    // In the user's language.
    expect(job.report!.setAside[1].message).toBe('неверная контрольная сумма ИНН');
    const list = await app.inject({ url: '/api/import/jobs', headers: asSession(editor) });
    expect(list.json().jobs[0].id).toBe(started.id);
    // The import log names who loaded it.
    const runs = await app.inject({ url: '/api/imports', headers: asSession(editor) });
    expect(runs.json().runs[0]).toMatchObject({ id: job.report!.runId, user: editor.username });
    expect(uploads()).toEqual(before);
  });

  it('cancels a job', async () => {
    const big = join(tmp, `${fileCounter++}-big.zip`);
    await writeRegisterZip(big, { documents: 20_000, regions: ['11'], stateDate: '2026-02-10', perPart: 500 });
    const r = await upload(big);
    expect(r.statusCode, r.body).toBe(202);
    const id = (r.json() as RegisterJob).id;
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/import/jobs/${id}`, headers: asSession(editor) });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelRequested).toBe(true);
    const job = await waitFor(id);
    expect(job.status).toBe('cancelled');
    const audit = await db.read("MATCH (a:AuditEvent {action: 'import-cancel'}) RETURN a.user AS user");
    expect(audit).toEqual([{ user: editor.username }]);
  });

  it('refuses a zip bomb by REGISTER_MAX_RATIO, saying so in Russian; memory stays flat, the upload goes', async () => {
    const before = uploads();
    // 64 MB of one letter in a part packs to about 64 KB: a ratio near 1,000.
    const part = 'VO_RRMSPSV_0000_9965_20260210_bomb.xml';
    const bomb = join(tmp, `${fileCounter++}-bomb.zip`);
    writeFileSync(bomb, zipSync({ [part]: new Uint8Array(64 * 1024 * 1024).fill(65) }, { level: 9 }));
    expect(statSync(bomb).size).toBeLessThan(200 * 1024);
    const rss = process.memoryUsage().rss;
    const job = await failedJob(bomb, '?lang=ru&dryRun=true');
    expect(job.error).toEqual({
      error: 'fns_limit',
      message: `архив «data-10022026-structure-10062025.zip» отклонён: его часть ${part} сжата подозрительно сильно (похоже на zip-бомбу) (предел REGISTER_MAX_RATIO = 200)`,
    });
    // Refused before the 64 MB were held.
    expect(process.memoryUsage().rss - rss).toBeLessThan(48 * 1024 * 1024);
    expect(uploads()).toEqual(before);
  });

  it('refuses what it cannot load, and viewers', async () => {
    const before = uploads();
    const notZip = join(tmp, `${fileCounter++}-x.zip`);
    writeFileSync(notZip, 'id,name\n1,2\n');
    const r1 = await upload(notZip);
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error).toBe('fns_not_zip');
    // A ZIP, but no FNS dataset: the job fails, saying why in the user's language.
    const noParts = join(tmp, `${fileCounter++}-other.zip`);
    writeFileSync(noParts, zipSync({ 'readme.txt': new TextEncoder().encode('nothing') }));
    const failed = await failedJob(noParts, '?lang=ru');
    expect(failed.error).toEqual({
      error: 'fns_no_parts',
      message: 'в архиве «data-10022026-structure-10062025.zip» нет частей XML',
    });
    const r2 = await upload(firstDump(), '?chains=steel');
    expect(r2.statusCode).toBe(400);
    const viewer = await signIn(app, db, 'viewer');
    const r3 = await upload(firstDump(), '', viewer);
    expect(r3.statusCode).toBe(403);
    const r4 = await app.inject({ url: '/api/import/jobs/nope', headers: asSession(editor) });
    expect(r4.statusCode).toBe(404);
    const r5 = await app.inject({ method: 'DELETE', url: '/api/import/jobs/nope', headers: asSession(editor) });
    expect(r5.statusCode).toBe(404);
    expect(existsSync(notZip)).toBe(true);
    expect(uploads()).toEqual(before);
  });
});
