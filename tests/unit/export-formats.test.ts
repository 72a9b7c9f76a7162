// The shared serialiser on its own: escaping, CSV cells, colours, and that the writers stream
// (bytes leave before the links are all read) and write the same bytes twice.
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import Graph from 'graphology';
import ExcelJS from 'exceljs';
import { DOMParser } from '@xmldom/xmldom';
import { schemaErrors } from '../fixtures/xml-schemas.js';
import {
  hexColor,
  neutralise,
  parseColor,
  writeExport,
  xml,
  type ExportDoc,
  type ExportEdge,
  type ExportNode,
} from '../../core/export/formats.js';
import { columnHeaders, docFromGraph, tableValues } from '../../core/export/describe.js';
import { asciiFileName } from '../../server/export.js';
import { loadReference } from '../../server/reference.js';
import {
  DEFAULT_APPEARANCE,
  EDGE_COLORS,
  NO_FILTERS,
  buildStyledGraph,
  indexReference,
  nodeLabel,
} from '../../core/graph/model.js';
import type { ExploreEdge, ExploreNode, Subgraph } from '../../core/schemas.js';

const node = (id: string, extra: Partial<ExportNode> = {}): ExportNode => ({
  id,
  label: `Узел ${id}`,
  kind: 'enterprise',
  x: 1.5,
  y: -2,
  size: 4,
  color: '#3b6fb6',
  name: `Узел ${id}`,
  nameEn: null,
  nameLatin: null,
  inn: null,
  okved: null,
  region: '11',
  category: 'small',
  employees: 12,
  revenueMlnRub: 3.25,
  chains: ['timber'],
  stages: ['timber.logging'],
  clusters: [],
  degree: 1,
  dbDegree: 3,
  synthetic: true,
  ...extra,
});
const edge = (i: number, source: string, target: string): ExportEdge => ({
  id: `e${i}`,
  source,
  sourceName: `Узел ${source}`,
  target,
  targetName: `Узел ${target}`,
  rel: 'SUPPLIES',
  volumeMlnRub: i + 0.5,
  stage: 'timber.logging',
  product: 'лес; "круглый"',
  synthetic: true,
  law: null,
  subject: null,
  number: null,
  date: null,
  color: 'rgba(44, 62, 80, 0.55)',
  size: 2,
});
const doc = (nodes: ExportNode[], edges: ExportDoc['edges'], lang: 'ru' | 'en' = 'ru'): ExportDoc => ({
  lang,
  title: 'Тест',
  date: '2026-01-02',
  source: 'источник',
  filters: [],
  nodes,
  edges,
  legend: { colorTitle: 'Цвет', colors: [], sizeTitle: 'Размер', sizeNote: '', edgeLines: [] },
  headers: columnHeaders(lang),
  tables: [],
  values: tableValues(lang, undefined, (id) => `Узел ${id}`),
});
async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

describe('tables write names, graph files codes', () => {
  const reference = loadReference();
  const mill = node('enterprise:mill', {
    kind: 'enterprise',
    region: '11',
    category: 'small',
    chains: ['timber'],
    stages: ['timber.logging'],
    clusters: ['cluster:komi'],
    synthetic: true,
  });
  const named = (lang: 'ru' | 'en'): ExportDoc => ({
    ...doc([mill, node('cluster:komi', { kind: 'cluster' })], [edge(1, 'enterprise:mill', 'cluster:komi')], lang),
    values: tableValues(lang, reference, (id) => (id === 'cluster:komi' ? 'Лесной кластер Коми' : id)),
  });

  it('CSV and XLSX name the kind, region, SME category, chains, stages, clusters, link type and stage', async () => {
    const zip = unzipSync(await collect(writeExport('csv', named('ru'))));
    const nodes = parseCsv(strFromU8(zip['nodes.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(nodes[0]).toMatchObject({
      Тип: 'Предприятие',
      Регион: 'Республика Коми',
      Этапы: 'Лесозаготовки',
      Кластеры: 'Лесной кластер Коми',
    });
    const row = Object.values(nodes[0]);
    expect(row).toContain('малое');
    expect(row).toContain('Лесопромышленный комплекс');
    expect(row).toContain('да');
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(links[0]['Тип связи']).toBe('поставки');
    expect(Object.values(links[0])).toContain('Лесозаготовки');
    // No cell of either table is a code.
    for (const cell of [...row, ...Object.values(links[0])])
      expect(cell).not.toMatch(/^(enterprise|small|timber|timber\.logging|SUPPLIES|true|false|11)$/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await collect(writeExport('xlsx', named('en')))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Nodes')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const first = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    expect(first).toMatchObject({ Type: 'Enterprise', Region: 'Komi Republic' });
  });

  it('GEXF keeps the codes for machines', async () => {
    const g = parseGexf(Graph, (await collect(writeExport('gexf', named('ru')))).toString('utf8'));
    expect(g.getNodeAttributes('enterprise:mill')).toMatchObject({
      kind: 'enterprise',
      region: '11',
      category: 'small',
    });
  });
});

describe('helpers', () => {
  it('escapes XML and drops the control characters XML 1.0 forbids', () => {
    expect(xml('a<b & "c" \'d\' \u0001e')).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos; e');
  });
  it('reads colours in every notation the explorer uses', () => {
    expect(parseColor('#3b6fb6')).toEqual({ r: 59, g: 111, b: 182, a: 1 });
    expect(parseColor('#abc')).toEqual({ r: 170, g: 187, b: 204, a: 1 });
    expect(parseColor('rgba(44, 62, 80, 0.55)')).toEqual({ r: 44, g: 62, b: 80, a: 0.55 });
    expect(parseColor('rgb(166, 217, 106)')).toEqual({ r: 166, g: 217, b: 106, a: 1 });
    expect(hexColor('rgb(166, 217, 106)')).toBe('#a6d96a');
  });
});

describe('schemas and exact text', () => {
  // Names as real data has them: a line break, quotes, markup characters, a formula, a space in a key.
  const ends = { sourceName: 'ООО «Лес»\nфилиал "Север" <1> & Co', targetName: '=HYPERLINK("http://evil")' };
  const awkward = () =>
    doc(
      [
        node('enterprise:a b/c', {
          label: 'ООО «Лес»\nфилиал "Север" <1> & Co',
          name: 'ООО «Лес»\nфилиал "Север" <1> & Co',
          inn: '1101234567',
          okved: '02.20',
        }),
        node('enterprise:b', { label: '=HYPERLINK("http://evil")', name: '=HYPERLINK("http://evil")' }),
      ],
      [
        { ...edge(1, 'enterprise:a b/c', 'enterprise:b'), ...ends, product: 'доски\r\nобрезные\tсухие' },
        { ...edge(2, 'enterprise:a b/c', 'enterprise:b'), ...ends, rel: 'CONTRACT', volumeMlnRub: null },
      ],
    );

  it('GEXF is valid against the GEXF 1.3 grammar, and a <title> in <meta> would not be', async () => {
    const gexf = await collect(writeExport('gexf', awkward()));
    expect(schemaErrors('gexf', gexf)).toBe('');
    const withTitle = gexf.toString('utf8').replace('<creator>', '<title>x</title><creator>');
    expect(schemaErrors('gexf', Buffer.from(withTitle))).toMatch(/meta/);
  });

  it('GraphML is valid against the GraphML schema, ids with spaces and slashes included', async () => {
    const graphml = await collect(writeExport('graphml', awkward()));
    expect(schemaErrors('graphml', graphml)).toBe('');
    const g = parseGraphml(Graph, graphml.toString('utf8'));
    expect(g.order).toBe(2);
    expect(g.size).toBe(2);
  });

  it('keeps line breaks, tabs and quotes in names exactly, and tells parallel links apart by kind', async () => {
    const gexf = parseGexf(Graph, (await collect(writeExport('gexf', awkward()))).toString('utf8'), {
      allowUndeclaredAttributes: true,
    });
    expect(gexf.getNodeAttribute('enterprise:a b/c', 'label')).toBe('ООО «Лес»\nфилиал "Север" <1> & Co');
    expect(gexf.getNodeAttribute('enterprise:a b/c', 'inn')).toBe('1101234567');
    const products = gexf.mapEdges((_, a) => a.product);
    expect(products).toContain('доски\r\nобрезные\tсухие');
    // Each <edge> names its kind: two links between the same ends stay two.
    const raw = new DOMParser().parseFromString(
      (await collect(writeExport('gexf', awkward()))).toString('utf8'),
      'text/xml',
    );
    const kinds = Array.from(raw.getElementsByTagName('edge')).map((e) => e.getAttribute('kind'));
    expect(kinds.sort()).toEqual(['CONTRACT', 'SUPPLIES']);

    const graphml = parseGraphml(Graph, (await collect(writeExport('graphml', awkward()))).toString('utf8'));
    const named = graphml.findNode((_, a) => a.okved === '02.20')!;
    expect(graphml.getNodeAttribute(named, 'label')).toBe('ООО «Лес»\nфилиал "Север" <1> & Co');
    expect(graphml.mapEdges((_, a) => a.product)).toContain('доски\r\nобрезные\tсухие');
  });

  it('CSV and XLSX neutralise formulas (OWASP): =HYPERLINK reads as text, numbers stay numbers', async () => {
    expect(neutralise('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutralise(`${lead}1`)).toBe(`'${lead}1`);
    expect(neutralise('ООО «Лес»')).toBe('ООО «Лес»');
    const negative = (d: ExportDoc) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, revenueMlnRub: -2.5 })) });

    const zip = unzipSync(await collect(writeExport('csv', negative(awkward()))));
    const nodes = parseCsv(strFromU8(zip['nodes.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const evil = nodes.find((n) => n['Идентификатор'] === 'enterprise:b')!;
    expect(evil['Название']).toBe(`'=HYPERLINK("http://evil")`);
    expect(evil['Выручка, млн руб.']).toBe('-2,5');
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(links.map((l) => l['Покупатель / конец: название'])).toEqual([
      `'=HYPERLINK("http://evil")`,
      `'=HYPERLINK("http://evil")`,
    ]);
    // No cell of either file begins with a formula character.
    for (const file of ['nodes.csv', 'links.csv']) {
      const rows = parseCsv(strFromU8(zip[file]), { bom: true, delimiter: ';' }) as string[][];
      for (const cell of rows.flat()) expect(cell, file).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    }

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await collect(writeExport('xlsx', negative(awkward())))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Узлы')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const row = sheet.getRows(2, 2)!.find((r) => r.getCell(1).value === 'enterprise:b')!;
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
    expect(cell('Название').value).toBe(`'=HYPERLINK("http://evil")`);
    expect(cell('Название').formula).toBeUndefined();
    expect(cell('Выручка, млн руб.').value).toBe(-2.5);
  });

  it('names both ends of every link, and carries INN and OKVED of the nodes', async () => {
    const zip = unzipSync(await collect(writeExport('csv', awkward())));
    const nodes = parseCsv(strFromU8(zip['nodes.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(nodes.find((n) => n['ИНН'] === '1101234567')).toMatchObject({ ОКВЭД: '02.20' });
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(links[0]['Поставщик / начало: название']).toBe('ООО «Лес»\nфилиал "Север" <1> & Co');
  });
});

describe('names in the language of the file', () => {
  it('English uses the English name, else the Latin spelling, never the Cyrillic one', () => {
    expect(nodeLabel({ name: 'Лузалес', nameEn: null, nameLatin: 'Luzales' }, 'en')).toBe('Luzales');
    expect(nodeLabel({ name: 'Лузалес', nameEn: 'Luzales JSC', nameLatin: 'Luzales' }, 'en')).toBe('Luzales JSC');
    expect(nodeLabel({ name: 'Лузалес', nameEn: null, nameLatin: 'Luzales' }, 'ru')).toBe('Лузалес');
  });

  it('an English file names nodes and both ends of each link in Latin letters', async () => {
    const n = (id: string, name: string, nameLatin: string): ExploreNode => ({
      id,
      type: 'enterprise',
      name,
      nameEn: null,
      nameLatin,
      inn: '1101234567',
      okved: '16.10',
      region: null,
      lat: null,
      lon: null,
      size: 'small',
      employees: null,
      revenueMlnRub: null,
      chains: [],
      stages: [],
      clusters: [],
      degree: 1,
      synthetic: false,
    });
    const sub: Subgraph = {
      nodes: [n('enterprise:a', 'Лузалес', 'Luzales'), n('enterprise:b', 'Монди', 'Mondi')],
      edges: [
        {
          id: 'l1',
          source: 'enterprise:a',
          target: 'enterprise:b',
          type: 'SUPPLIES',
          volumeMlnRub: 2,
          stage: null,
          product: null,
          synthetic: false,
        },
      ],
    };
    const index = indexReference(undefined);
    const { graph, legend } = buildStyledGraph(sub, index, {
      lang: 'en',
      appearance: DEFAULT_APPEARANCE,
      layout: 'force',
    });
    const d = docFromGraph(graph, index, {
      lang: 'en',
      date: '2026-01-02',
      filters: NO_FILTERS,
      appearance: DEFAULT_APPEARANCE,
      reference: undefined,
      legend,
    });
    const zip = unzipSync(await collect(writeExport('csv', d)));
    const nodes = parseCsv(strFromU8(zip['nodes.csv']), { bom: true, columns: true }) as Record<string, string>[];
    expect(nodes.map((r) => [r.Name, r.INN, r.OKVED])).toEqual([
      ['Luzales', '1101234567', '16.10'],
      ['Mondi', '1101234567', '16.10'],
    ]);
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, columns: true }) as Record<string, string>[];
    expect(links[0]).toMatchObject({ 'Supplier / start: name': 'Luzales', 'Buyer / end: name': 'Mondi' });
  });

  it('the ASCII file name reads: Russian transliterated, not underscores', () => {
    expect(asciiFileName('граф-связей-коми-2026-01-02.pdf')).toBe('graf-svyazey-komi-2026-01-02.pdf');
    expect(asciiFileName('«кавычки»; "и" \\ прочее.csv')).toBe('kavychki i  prochee.csv');
    expect(asciiFileName('日本.gexf')).toBe('coopgraph.gexf');
  });
});

describe('writers', () => {
  it('CSV quotes delimiters and quotes, keeps Cyrillic, and reads back to the same values', async () => {
    const zip = unzipSync(await collect(writeExport('csv', doc([node('a'), node('b')], [edge(1, 'a', 'b')]))));
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(links).toEqual([
      expect.objectContaining({ Продукция: 'лес; "круглый"', 'Объём, млн руб.': '1,5', 'Поставщик / начало': 'a' }),
    ]);
  });

  it('streams: the first bytes leave before the links are all read', async () => {
    let read = 0;
    async function* edges() {
      for (let i = 0; i < 20_000; i++) {
        read++;
        yield edge(i, 'a', 'b');
      }
    }
    for (const format of ['gexf', 'graphml', 'json', 'csv', 'xlsx'] as const) {
      read = 0;
      const it = writeExport(format, doc([node('a'), node('b')], edges()))[Symbol.asyncIterator]();
      let readAtFirstEdgeChunk = -1;
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (read > 0 && readAtFirstEdgeChunk < 0) readAtFirstEdgeChunk = read;
      }
      expect(read, format).toBe(20_000);
      expect(readAtFirstEdgeChunk, format).toBeGreaterThan(0);
      expect(readAtFirstEdgeChunk, format).toBeLessThan(20_000);
    }
  });

  it('writes the same bytes for the same document, and GEXF that graphology-gexf reads with typed values', async () => {
    const make = () => doc([node('a'), node('b', { employees: null, synthetic: false })], [edge(1, 'a', 'b')]);
    for (const format of ['gexf', 'graphml', 'json', 'csv', 'xlsx', 'svg'] as const) {
      expect(
        (await collect(writeExport(format, make()))).equals(await collect(writeExport(format, make()))),
        format,
      ).toBe(true);
    }
    const g = parseGexf(Graph, (await collect(writeExport('gexf', make()))).toString('utf8'));
    expect(g.getNodeAttributes('a')).toMatchObject({
      label: 'Узел a',
      employees: 12,
      revenueMlnRub: 3.25,
      synthetic: true,
      x: 1.5,
      y: -2,
      size: 4,
    });
    expect(g.getNodeAttribute('b', 'employees')).toBeUndefined();
    expect(g.getEdgeAttributes(g.edges()[0])).toMatchObject({
      volumeMlnRub: 1.5,
      product: 'лес; "круглый"',
      weight: 1.5,
    });
  });
});

// A view with ties of the SME register, through the same steps as the explorer's export: the
// model's graph, the document, each writer, read back by a reader that is not ours.
describe('ties of the SME register in every format', () => {
  const enterprise = (id: string, x: number): ExploreNode => ({
    id,
    type: 'enterprise',
    name: `Предприятие ${id}`,
    nameEn: null,
    region: null,
    lat: null,
    lon: null,
    size: 'small',
    employees: null,
    revenueMlnRub: null,
    chains: [],
    stages: [],
    clusters: [],
    degree: x,
    synthetic: false,
  });
  const link = (id: string, type: string, fields: Partial<ExploreEdge> = {}): ExploreEdge => ({
    id,
    source: 'enterprise:sme',
    target: 'enterprise:customer',
    type,
    volumeMlnRub: null,
    stage: null,
    product: null,
    synthetic: false,
    ...fields,
  });
  const sub: Subgraph = {
    nodes: [enterprise('enterprise:sme', 1), enterprise('enterprise:customer', 2)],
    edges: [
      link('a-programme', 'IN_PROGRAMME', { number: 'П-17', date: '2024-03-01' }),
      link('b-contract', 'CONTRACT', {
        law: '44-FZ',
        subject: 'Поставка пиломатериалов; "обрезных"',
        number: '0107300000124000001',
        date: '2023-11-20',
      }),
      link('c-supply', 'SUPPLIES', { volumeMlnRub: 7.5 }),
    ],
  };
  const index = indexReference(undefined);
  const makeDoc = (lang: 'ru' | 'en' = 'ru', filters = NO_FILTERS) => {
    const { graph, legend } = buildStyledGraph(sub, index, { lang, appearance: DEFAULT_APPEARANCE, layout: 'force' });
    return docFromGraph(graph, index, {
      lang,
      date: '2026-01-02',
      filters,
      appearance: DEFAULT_APPEARANCE,
      reference: undefined,
      legend,
    });
  };
  const bytesOf = async (format: 'gexf' | 'graphml' | 'csv' | 'xlsx' | 'json' | 'svg', lang: 'ru' | 'en' = 'ru') =>
    collect(writeExport(format, makeDoc(lang)));
  const CONTRACT = {
    rel: 'CONTRACT',
    law: '44-FZ',
    subject: 'Поставка пиломатериалов; "обрезных"',
    number: '0107300000124000001',
    date: '2023-11-20',
  };

  it('GEXF and GraphML: the kind and every field of each tie', async () => {
    const gexf = parseGexf(Graph, (await bytesOf('gexf')).toString('utf8'));
    const graphml = parseGraphml(Graph, (await bytesOf('graphml')).toString('utf8'));
    for (const g of [gexf, graphml]) {
      expect(g.size).toBe(3);
      const byRel = new Map(g.mapEdges((e, a) => [a.rel, a]));
      expect(byRel.get('CONTRACT')).toMatchObject(CONTRACT);
      expect(byRel.get('IN_PROGRAMME')).toMatchObject({ number: 'П-17', date: '2024-03-01' });
      expect(byRel.get('IN_PROGRAMME')).not.toHaveProperty('law');
    }
    // Colours as the explorer draws them.
    const programme = gexf.findEdge((_, a) => a.rel === 'IN_PROGRAMME')!;
    expect(gexf.getEdgeAttribute(programme, 'color')).toBe('rgba(142,68,173,0.7)');
    expect(
      graphml.getEdgeAttribute(
        graphml.findEdge((_, a) => a.rel === 'CONTRACT')!,
        'color',
      ),
    ).toBe(hexColor(EDGE_COLORS.CONTRACT));
  });

  it('CSV and XLSX: columns for law, subject, number and date with headers in the language', async () => {
    const zip = unzipSync(await bytesOf('csv'));
    const links = parseCsv(strFromU8(zip['links.csv']), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    // Tables name the link type; graph files keep the code.
    const contract = links.find((l) => l['Тип связи'] === 'контракт')!;
    expect(contract).toMatchObject({
      Закон: '44-FZ',
      'Предмет контракта': 'Поставка пиломатериалов; "обрезных"',
      'Номер договора': '0107300000124000001',
      Дата: '2023-11-20',
    });
    const en = unzipSync(await bytesOf('csv', 'en'));
    const enLinks = parseCsv(strFromU8(en['links.csv']), { bom: true, columns: true }) as Record<string, string>[];
    expect(enLinks.find((l) => l.Relationship === 'partnership programme')).toMatchObject({
      'Contract number': 'П-17',
      Date: '2024-03-01',
      Law: '',
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytesOf('xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Связи')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const rows = sheet.getRows(2, 3)!.map((r) => Object.fromEntries(header.map((h, i) => [h, r.getCell(i + 1).value])));
    expect(rows.find((r) => r['Тип связи'] === 'контракт')).toMatchObject({
      Закон: '44-FZ',
      'Номер договора': '0107300000124000001',
      Дата: '2023-11-20',
    });
  });

  it('JSON: graphology imports the ties with their fields', async () => {
    const g = Graph.from(JSON.parse((await bytesOf('json')).toString('utf8')));
    expect(g.multi).toBe(true);
    expect(g.edges('enterprise:sme', 'enterprise:customer')).toHaveLength(3);
    expect(g.getEdgeAttributes('b-contract')).toMatchObject(CONTRACT);
  });

  it('SVG: a wedge for the programme, an arrow for the contract, and each kind in the legend with its colour', async () => {
    const svg = new DOMParser().parseFromString(
      (await bytesOf('svg')).toString('utf8'),
      'image/svg+xml',
    ).documentElement!;
    const group = (part: string) =>
      Array.from(svg.getElementsByTagName('g')).find((g) => g.getAttribute('data-part') === part)!;
    const polygons = Array.from(group('links').getElementsByTagName('polygon'));
    const wedge = polygons.filter((p) => p.getAttribute('data-rel') === 'IN_PROGRAMME');
    expect(wedge).toHaveLength(1);
    expect(wedge[0].getAttribute('fill')).toBe(hexColor(EDGE_COLORS.IN_PROGRAMME));
    // Arrowheads: the supply link's and the contract's; lines: those two, not the wedge.
    expect(polygons.filter((p) => !p.hasAttribute('data-rel')).map((p) => p.getAttribute('fill'))).toEqual(
      expect.arrayContaining([hexColor(EDGE_COLORS.CONTRACT), hexColor(EDGE_COLORS.SUPPLIES)]),
    );
    expect(group('links').getElementsByTagName('line')).toHaveLength(2);
    const legend = group('legend');
    // Lines are wrapped into several <text> elements.
    const words = legend.textContent!.replace(/\s+/g, ' ');
    expect(words).toContain('программа партнёрства МСП, клин к заказчику');
    expect(words).toContain('контракт 44-ФЗ или 223-ФЗ, стрелка к заказчику');
    expect(words).toContain('поставка');
    expect(words).not.toContain('прочие связи');
    const legendFills = Array.from(legend.getElementsByTagName('polygon')).map((p) => p.getAttribute('fill'));
    expect(legendFills).toEqual(['SUPPLIES', 'IN_PROGRAMME', 'CONTRACT'].map((r) => hexColor(EDGE_COLORS[r])));
  });

  it('leaves out a kind switched off, and says so among the filters', async () => {
    const doc = makeDoc('ru', { ...NO_FILTERS, linksOff: ['IN_PROGRAMME'] });
    expect(doc.filters).toEqual(['Скрыты связи: Программы партнёрства МСП']);
    expect(doc.legend.edgeLines.map((l) => l.shape)).toEqual(['arrow', 'arrow']);
    const g = Graph.from(JSON.parse((await collect(writeExport('json', doc))).toString('utf8')));
    expect(g.mapEdges((_, a) => a.rel).sort()).toEqual(['CONTRACT', 'SUPPLIES']);
  });
});
