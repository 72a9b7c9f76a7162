// The export against the real Neo4j, on the example files (seed/examples; the figures are listed
// at the top of explore.test.ts). Every format is read back by a reader that is not ours —
// graphology-gexf, graphology-graphml, JSZip + csv-parse, ExcelJS, graphology's import,
// xmldom, the PNG header, pdftotext — and compared with the subgraph the explorer's API returns.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { DOMParser, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildApp } from '../../server/app.js';
import { Db } from '../../server/db.js';
import { exploreNodes } from '../../server/explore.js';
import { type Subgraph } from '../../core/schemas.js';
import { loadReference } from '../../server/reference.js';
import {
  applyAppearance,
  applyEdgeWidths,
  buildGraph,
  geoLayout,
  indexReference,
  DEFAULT_APPEARANCE,
  NO_FILTERS,
} from '../../core/graph/model.js';
import { encodeView, EMPTY_VIEW } from '../../core/view/url.js';
import { docFromGraph } from '../../core/export/describe.js';
import { writeExport } from '../../core/export/formats.js';
import type { Reference } from '../../core/schemas.js';
import { asSession, signIn, testApp } from '../helpers.js';
import { schemaErrors } from '../fixtures/xml-schemas.js';
import { transliterate } from '../../server/import/rules.js';
import { useApp, useExamples } from '../fixtures/index.js';

const examples = useExamples();
const api = useApp(examples);
const { settings } = examples;
let db: Db;
let app: FastifyInstance;

const IDS = [
  'enterprise:ex-logging',
  'enterprise:ex-sawmill',
  'enterprise:ex-pulp',
  'enterprise:ex-repair',
  'enterprise:ex-chem',
  'cluster:ex-timber',
  'region:11',
  'region:29',
  'region:35',
];
const VIEW = encodeView({ ...EMPTY_VIEW, nodes: IDS });
const DATE = '2026-03-01';
let sub: Subgraph;

beforeAll(async () => {
  ({ db } = examples);
  ({ app } = api);
  sub = await exploreNodes(db, IDS);
});

const get = (query: Record<string, string | number>) =>
  app.inject({
    method: 'GET',
    url: '/api/export?' + new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString(),
  });
const text = (res: { rawPayload: Buffer }) => res.rawPayload.toString('utf8');
const supplies = () => sub.edges.filter((e) => e.type === 'SUPPLIES');

describe('GET /api/export, each format read back', () => {
  it('GEXF 1.3: graphology-gexf reads the same nodes, links, typed attributes, colours, sizes and positions', async () => {
    const res = await get({ format: 'gexf', view: VIEW, date: DATE });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('gexf');
    expect(res.headers['x-export-nodes']).toBe('9');
    expect(text(res)).toContain('xmlns="http://gexf.net/1.3"');
    expect(schemaErrors('gexf', res.rawPayload)).toBe('');
    const g = parseGexf(Graph, text(res), { addMissingNodes: false });
    expect(g.nodes().sort()).toEqual([...IDS].sort());
    expect(g.size).toBe(sub.edges.length);
    const pulp = g.getNodeAttributes('enterprise:ex-pulp');
    expect(pulp.label).toBe('АО «Пример ЦБК»');
    expect(pulp.employees).toBe(2500); // a double, not a string
    expect(pulp.degree).toBe(8 - 2); // its 8 relationships less the two to stages outside the view
    expect(pulp.synthetic).toBe(false);
    expect(pulp.color).toMatch(/^rgb/);
    expect(typeof pulp.x).toBe('number');
    expect(pulp.size).toBeGreaterThan(3);
    const volumes = g
      .filterEdges((_, a) => a.rel === 'SUPPLIES')
      .map((e) => g.getEdgeAttribute(e, 'volumeMlnRub'))
      .sort((a, b) => a - b);
    expect(volumes).toEqual(
      supplies()
        .map((e) => e.volumeMlnRub)
        .sort((a, b) => a! - b!),
    );
    expect(volumes).toEqual([8, 12, 25.5, 30, 40]);
  });

  it('GraphML: graphology-graphml reads typed keys with the same figures', async () => {
    const res = await get({ format: 'graphml', view: VIEW, date: DATE });
    expect(res.statusCode).toBe(200);
    expect(schemaErrors('graphml', res.rawPayload)).toBe('');
    const g = parseGraphml(Graph, text(res));
    expect(g.order).toBe(9);
    expect(g.size).toBe(sub.edges.length);
    expect(g.getNodeAttribute('enterprise:ex-sawmill', 'label')).toBe('ООО «Пример Лесопилка»');
    expect(g.getNodeAttribute('enterprise:ex-sawmill', 'employees')).toBe(45);
    expect(g.getNodeAttribute('enterprise:ex-sawmill', 'color')).toBe('#3b6fb6');
    const logToSaw = g.edges('enterprise:ex-logging', 'enterprise:ex-sawmill');
    expect(logToSaw.map((e) => g.getEdgeAttribute(e, 'volumeMlnRub'))).toEqual([40]);
    expect(text(res)).toContain('attr.type="double"');
  });

  it('CSV: a zip of nodes and links, UTF-8 with BOM, Russian delimiters and decimal commas, Cyrillic intact', async () => {
    const res = await get({ format: 'csv', view: VIEW, date: DATE });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual(['links.csv', 'nodes.csv']);
    const nodesRaw = await zip.file('nodes.csv')!.async('uint8array');
    expect([...nodesRaw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const nodes = parseCsv(Buffer.from(nodesRaw), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(nodes).toHaveLength(9);
    expect(Object.keys(nodes[0])).toContain('Название');
    expect(nodes.find((n) => n['Идентификатор'] === 'enterprise:ex-sawmill')).toMatchObject({
      Название: 'ООО «Пример Лесопилка»',
      ИНН: '1101526017',
      ОКВЭД: '16.10',
      // Codes are written as names in tables (kind, region, category, chains, stages).
      Тип: 'Предприятие',
      Регион: 'Республика Коми',
    });
    const links = parseCsv(Buffer.from(await zip.file('links.csv')!.async('uint8array')), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(links).toHaveLength(sub.edges.length);
    expect(
      links
        .map((l) => l['Объём, млн руб.'])
        .filter(Boolean)
        .sort(),
    ).toEqual(['12', '25,5', '30', '40', '8']);
    // Both ends of a link by name, not only by id; the link's type by name.
    expect(links.find((l) => l['Объём, млн руб.'] === '40')).toMatchObject({
      'Тип связи': 'поставки',
      'Поставщик / начало': 'enterprise:ex-logging',
      'Поставщик / начало: название': 'ООО «Пример Лесозаготовка»',
      'Покупатель / конец: название': 'ООО «Пример Лесопилка»',
    });
  });

  it('CSV in English: comma-separated with decimal points', async () => {
    const res = await get({ format: 'csv', view: VIEW, date: DATE, lang: 'en' });
    const zip = await JSZip.loadAsync(res.rawPayload);
    const links = parseCsv(Buffer.from(await zip.file('links.csv')!.async('uint8array')), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(
      links
        .map((l) => l['Volume, mln RUB'])
        .filter(Boolean)
        .sort(),
    ).toEqual(['12', '25.5', '30', '40', '8']);
    // No English name in the data: the Latin spelling, not the Cyrillic.
    expect(links.find((l) => l['Volume, mln RUB'] === '40')).toMatchObject({
      'Supplier / start: name': transliterate('ООО «Пример Лесозаготовка»'),
      'Buyer / end: name': transliterate('ООО «Пример Лесопилка»'),
    });
  });

  it('names the file in ASCII too: the Russian title transliterated', async () => {
    const res = await get({ format: 'gexf', view: VIEW, date: DATE });
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="graf-mezhregionalnoy-kooperatsii-${DATE}.gexf"; ` +
        `filename*=UTF-8''${encodeURIComponent(`граф-межрегиональной-кооперации-${DATE}.gexf`)}`,
    );
  });

  it('names ids that match no node: 404 when none does, listed in the caption when some do', async () => {
    const none = await app.inject({
      method: 'POST',
      url: '/api/export',
      payload: { format: 'csv', ids: ['enterprise:nope', 'region:99'] },
    });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ reason: 'unknown-ids', ids: ['enterprise:nope', 'region:99'] });
    const some = await app.inject({
      method: 'POST',
      url: '/api/export',
      payload: { format: 'gexf', ids: [...IDS, 'enterprise:nope'], date: DATE },
    });
    expect(some.statusCode).toBe(200);
    expect(some.headers['x-export-missing']).toBe('1');
    const description = new DOMParser()
      .parseFromString(text(some), 'text/xml')
      .getElementsByTagName('description')[0].textContent;
    expect(description).toContain('Не найден в базе 1 идентификатор: enterprise:nope');
  });

  it('XLSX: ExcelJS reads the nodes and links sheets with Russian headers and typed cells', async () => {
    const res = await get({ format: 'xlsx', view: VIEW, date: DATE });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Узлы', 'Связи']);
    const nodes = wb.getWorksheet('Узлы')!;
    expect(nodes.rowCount).toBe(10);
    const header = (nodes.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['Идентификатор', 'Название', 'ИНН', 'ОКВЭД', 'Тип']);
    const pulpRow = nodes.getRows(2, 9)!.find((r) => r.getCell(1).value === 'enterprise:ex-pulp')!;
    expect(pulpRow.getCell(2).value).toBe('АО «Пример ЦБК»');
    expect(pulpRow.getCell(3).value).toBe('1102830161');
    expect(pulpRow.getCell(header.indexOf('Численность') + 1).value).toBe(2500);
    const links = wb.getWorksheet('Связи')!;
    expect(links.rowCount).toBe(1 + sub.edges.length);
    const linkHeader = (links.getRow(1).values as unknown[]).slice(1);
    expect(linkHeader.slice(0, 5)).toEqual([
      'Идентификатор',
      'Поставщик / начало',
      'Поставщик / начало: название',
      'Покупатель / конец',
      'Покупатель / конец: название',
    ]);
    const volumes = links
      .getRows(2, sub.edges.length)!
      .map((r) => r.getCell(linkHeader.indexOf('Объём, млн руб.') + 1).value)
      .filter((v) => v !== null)
      .sort((a, b) => Number(a) - Number(b));
    expect(volumes).toEqual([8, 12, 25.5, 30, 40]);
  });

  it('JSON: graphology imports its own serialisation', async () => {
    const res = await get({ format: 'json', view: VIEW, date: DATE });
    const g = Graph.from(JSON.parse(text(res)));
    expect(g.type).toBe('directed');
    expect(g.multi).toBe(true);
    expect(g.order).toBe(9);
    expect(g.size).toBe(sub.edges.length);
    expect(g.getNodeAttribute('region:11', 'label')).toBe('Республика Коми');
  });

  it('SVG: the requested size, caption and legend', async () => {
    const res = await get({ format: 'svg', view: VIEW + '&chain=timber', date: DATE, width: 1200, height: 800 });
    expect(res.statusCode).toBe(200);
    const svg = new DOMParser().parseFromString(text(res), 'image/svg+xml').documentElement!;
    expect(svg.getAttribute('width')).toBe('1200');
    expect(svg.getAttribute('height')).toBe('800');
    expect(svg.getElementsByTagName('circle').length).toBeGreaterThanOrEqual(9);
    const all = svg.textContent!;
    expect(all).toContain('Граф межрегиональной кооперации');
    expect(all).toContain(DATE);
    expect(all).toContain('Цепочка: Лесопромышленный комплекс');
    expect(all).toContain('Цвет: тип узла');
    expect(all).toContain('Предприятие');
    expect(all).toContain('Регион');
    // Supply links end in an arrowhead (from supplier to buyer), other links do not; so does the legend's supply line.
    const group = (part: string) =>
      Array.from(svg.getElementsByTagName('g')).find((g) => g.getAttribute('data-part') === part)!;
    expect(group('links').getElementsByTagName('polygon').length).toBe(
      sub.edges.filter((e: { type: string }) => e.type === 'SUPPLIES').length,
    );
    expect(group('links').getElementsByTagName('line').length).toBe(sub.edges.length);
    expect(group('legend').getElementsByTagName('polygon').length).toBe(1);
  });

  it('PNG: width × scale pixels', async () => {
    const res = await get({ format: 'png', view: VIEW, date: DATE, width: 1000, height: 700, scale: 2 });
    expect(res.statusCode).toBe(200);
    const png = res.rawPayload;
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(2000);
    expect(png.readUInt32BE(20)).toBe(1400);
  });

  it("PDF: pdftotext finds the title, filters and the tables' figures", async () => {
    const res = await get({ format: 'pdf', view: VIEW + '&chain=timber', date: DATE });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), res.rawPayload);
    const out = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(out).toContain('Граф межрегиональной кооперации');
    expect(out).toContain(DATE);
    expect(out).toContain('Цепочка: Лесопромышленный комплекс');
    expect(out).toContain('Крупнейшие поставки');
    expect(out).toContain('115,5'); // 40 + 25.5 + 12 + 8 + 30
    expect(out).toMatch(/ООО «Пример\s+Лесозаготовка»/);
    expect(out).toContain('25,5');
  });
  it('PDF in English on request', async () => {
    const res = await get({ format: 'pdf', view: VIEW + '&chain=timber', date: DATE, lang: 'en' });
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-pdf-'));
    writeFileSync(join(dir, 'en.pdf'), res.rawPayload);
    const out = execFileSync('pdftotext', [join(dir, 'en.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(out).toContain('Inter-regional cooperation graph');
    expect(out).toContain('Chain: Timber and wood processing');
    expect(out).toContain('The largest supply links');
    expect(out).toContain('115.5');
  });
});

describe('filters, selection and the planner', () => {
  it('filters apply as in the explorer: only SMEs of region 11, with the links among them', async () => {
    const res = await get({ format: 'json', view: VIEW + '&sme=micro,small&type=enterprise', date: DATE });
    const g = Graph.from(JSON.parse(text(res)));
    expect(g.nodes().sort()).toEqual(['enterprise:ex-logging', 'enterprise:ex-repair', 'enterprise:ex-sawmill']);
    expect(g.edges().map((e) => `${g.source(e)}>${g.target(e)}`)).toEqual([
      'enterprise:ex-logging>enterprise:ex-sawmill',
    ]);
  });

  it('a volume filter drops supply links outside the range and keeps the nodes', async () => {
    const res = await get({ format: 'json', view: VIEW + '&vmin=20', date: DATE });
    const g = Graph.from(JSON.parse(text(res)));
    expect(g.order).toBe(9);
    expect(
      g
        .filterEdges((_, a) => a.rel === 'SUPPLIES')
        .map((e) => g.getEdgeAttribute(e, 'volumeMlnRub'))
        .sort(),
    ).toEqual([25.5, 30, 40]);
  });

  it('POST with a selection exports only those nodes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/export',
      payload: { format: 'json', view: VIEW, only: ['enterprise:ex-pulp', 'enterprise:ex-chem'], date: DATE },
    });
    expect(res.statusCode).toBe(200);
    const g = Graph.from(JSON.parse(text(res)));
    expect(g.nodes()).toEqual(['enterprise:ex-chem', 'enterprise:ex-pulp']);
    expect(g.size).toBe(1);
  });

  it("a planner's result: XLSX with the gap, opportunity, partner and readiness tables matching the API", async () => {
    const gaps = (await app.inject({ method: 'GET', url: '/api/gaps?chain=timber&region=11' })).json();
    const readiness = (await app.inject({ method: 'GET', url: '/api/clusters/ex-timber/readiness' })).json();
    const res = await get({ format: 'xlsx', chain: 'timber', region: '11', cluster: 'ex-timber', date: DATE });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Узлы',
      'Связи',
      'Пробелы',
      'Возможности для МСП',
      'Пробелы без спроса',
      'Регионы-партнёры',
      'Готовность к реестру',
      'Участники кластера',
    ]);
    const gapSheet = wb.getWorksheet('Пробелы')!;
    expect(gapSheet.rowCount).toBe(1 + gaps.stages.length);
    const pulp = gaps.stages.find((s: { stage: string }) => s.stage === 'timber.pulp');
    const row = gapSheet.getRows(2, gaps.stages.length)!.find((r) => r.getCell(1).value === pulp.name)!;
    expect(row.getCell(2).value).toBe(pulp.demandMlnRub);
    expect(row.getCell(3).value).toBe(pulp.localMlnRub);
    const ready = wb.getWorksheet('Готовность к реестру')!;
    expect(ready.getRow(2).getCell(2).value).toBe(readiness.checks.participants.value);
    const verdictRu = { passed: 'выполнено', failed: 'не выполнено', undetermined: 'не определено' } as const;
    expect(ready.getRow(2).getCell(4).value).toBe(
      verdictRu[readiness.checks.participants.status as keyof typeof verdictRu],
    );
    const nodes = wb.getWorksheet('Узлы')!;
    const ids = nodes.getRows(2, nodes.rowCount - 1)!.map((r) => String(r.getCell(1).value));
    expect(ids).toContain('cluster:ex-timber');
    expect(ids).toContain('enterprise:ex-pulp');
    expect(ids).toContain('stage:timber.sawmilling');
  });

  it("a planner's PDF report carries the gaps, opportunities with their components, partners and readiness with definitions", async () => {
    const res = await get({ format: 'pdf', chain: 'timber', region: '11', cluster: 'ex-timber', date: DATE });
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-pdf-'));
    writeFileSync(join(dir, 'p.pdf'), res.rawPayload);
    const out = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(out).toContain('Пробелы цепочки «Лесопромышленный комплекс»: Республика Коми');
    for (const heading of ['Пробелы', 'Возможности для МСП', 'Регионы-партнёры', 'Готовность к реестру'])
      expect(out).toContain(heading);
    expect(out).toContain('доля местных поставок = L / D');
    expect(out).toContain('Балл = 100 × (0,4·V');
    expect(out).not.toMatch(/low-local-sourcing|no-local-enterprise|missing-upstream-link|score = /);
    expect(out).toContain('№ 779');
    const opp = (await app.inject({ method: 'GET', url: '/api/opportunities?chain=timber&region=11' })).json();
    const top = opp.opportunities[0];
    expect(out).toContain(top.stageName);
    expect(out).toContain(String(Math.round(top.score * 100) / 100).replace('.', ','));
  });
});

describe('pictures drawn by the server', () => {
  const svgOf = async (query: Record<string, string | number>) => {
    const res = await get({ format: 'svg', date: DATE, ...query });
    expect(res.statusCode).toBe(200);
    return new DOMParser().parseFromString(text(res), 'image/svg+xml').documentElement!;
  };
  const circles = (svg: Element) =>
    Array.from(svg.getElementsByTagName('circle')).filter((c) => c.hasAttribute('data-id'));

  it("rings the planner's gap stages, as the gap analysis names them", async () => {
    const gaps = (await app.inject({ method: 'GET', url: '/api/gaps?chain=timber&region=11' })).json();
    const expected = gaps.stages
      .filter((s: { gap: boolean }) => s.gap)
      .map((s: { stage: string }) => `stage:${s.stage}`);
    expect(expected.length).toBeGreaterThan(0);
    const svg = await svgOf({ chain: 'timber', region: '11', cluster: 'ex-timber' });
    const rings = Array.from(svg.getElementsByTagName('circle')).filter((c) => c.getAttribute('data-mark') === 'gap');
    const at = new Map(
      circles(svg).map((c) => [`${c.getAttribute('cx')},${c.getAttribute('cy')}`, c.getAttribute('data-id')]),
    );
    expect(rings.map((r) => at.get(`${r.getAttribute('cx')},${r.getAttribute('cy')}`)).sort()).toEqual(expected.sort());
    expect(svg.textContent).toContain('Красное кольцо: этап-пробел в регионе');
  });

  it('places a stage beside its enterprises when it has no coordinates (no node parked below the map)', async () => {
    const view = encodeView({
      ...EMPTY_VIEW,
      nodes: [...IDS, 'stage:timber.sawmilling', 'stage:timber.pulp', 'chain:timber'],
    });
    const res = await get({ format: 'json', view, date: DATE });
    const g = Graph.from(JSON.parse(text(res)));
    const ys = g
      .filterNodes((_, a) => a.kind === 'enterprise' || a.kind === 'region')
      .map((n) => g.getNodeAttribute(n, 'y'));
    const xs = g
      .filterNodes((_, a) => a.kind === 'enterprise' || a.kind === 'region')
      .map((n) => g.getNodeAttribute(n, 'x'));
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    for (const id of ['stage:timber.sawmilling', 'stage:timber.pulp', 'chain:timber']) {
      const { x, y } = g.getNodeAttributes(id);
      expect(y, id).toBeGreaterThan(Math.min(...ys) - span * 0.2 - 60);
      expect(x, id).toBeGreaterThan(Math.min(...xs) - span * 0.2 - 60);
      expect(x, id).toBeLessThan(Math.max(...xs) + span * 0.2 + 60);
    }
  });

  it('greys out, in «приглушить» mode, the nodes and links the filters fail, the volume filter included', async () => {
    const svg = await svgOf({ view: VIEW + '&sme=micro,small,medium&fmode=grey&vmin=20' });
    const large = circles(svg).filter((c) => ['enterprise:ex-pulp'].includes(c.getAttribute('data-id')!));
    expect(large).toHaveLength(1);
    expect(large[0].getAttribute('fill')).toBe('#dde2e7');
    const weak = supplies().filter((e) => (e.volumeMlnRub ?? 0) < 20);
    expect(weak.length).toBeGreaterThan(0);
    const lines = Array.from(svg.getElementsByTagName('line')).filter((l) => l.getAttribute('stroke') === '#b4bcc4');
    expect(lines.length).toBeGreaterThanOrEqual(weak.length);
    expect(svg.textContent).toContain('Приглушены: не проходят фильтры');
  });

  it('numbers the pages of the PDF report and writes its legend as text', async () => {
    const res = await get({
      format: 'pdf',
      chain: 'timber',
      region: '11',
      cluster: 'ex-timber',
      date: DATE,
      title: 'Отчёт для комиссии',
    });
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-pdf-'));
    writeFileSync(join(dir, 'n.pdf'), res.rawPayload);
    const pages = execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`Стр. ${i + 1} из ${pages.length}`);
      expect(page).toContain('Отчёт для комиссии');
    });
    expect(pages[0].replace(/\s+/g, ' ')).toContain('Цвет: тип узла');
    expect(pages[0]).toContain('Красное кольцо: этап-пробел в регионе');
  });
});

describe('bad input and outages', () => {
  it('answers 400 with the reason for an unknown format, a malformed id, an empty request or half a planner', async () => {
    for (const [query, reason] of [
      [{ format: 'doc', view: VIEW }, /format/],
      [{ format: 'gexf', view: 'n=bogus' }, /malformed node id: bogus/],
      [{ format: 'gexf' }, /nothing to export/],
      [{ format: 'gexf', chain: 'timber' }, /both chain and region/],
      [{ format: 'png', view: VIEW, width: 10 }, /width/],
    ] as const) {
      const res = await get(query as Record<string, string | number>);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().message).toMatch(reason);
    }
  });

  it('answers 404 for an unknown cluster and 413 over EXPORT_MAX_NODES', async () => {
    expect((await get({ format: 'xlsx', chain: 'timber', region: '11', cluster: 'nope' })).statusCode).toBe(404);
    const small = await testApp(db, { ...settings, exportMaxNodes: 3 });
    const res = await small.inject({ method: 'GET', url: `/api/export?format=gexf&view=${encodeURIComponent(VIEW)}` });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('EXPORT_MAX_NODES');
    await small.close();
  });

  it('answers 503 when Neo4j is unreachable', async () => {
    const down = new Db({
      uri: 'neo4j://127.0.0.1:1',
      user: 'neo4j',
      password: 'x',
      database: 'neo4j',
      queryTimeoutMs: 2000,
    });
    const downApp = await buildApp(down, settings);
    // A real session; on the app without Neo4j even its lookup meets the outage, and says so.
    const session = await signIn(app, db, 'planner');
    const res = await downApp.inject({
      method: 'GET',
      url: `/api/export?format=gexf&view=${encodeURIComponent(VIEW)}`,
      headers: asSession(session),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('neo4j_unavailable');
    await downApp.close();
    await down.close();
  });
});

describe('the OpenAPI document', () => {
  it('lists GET and POST /api/export with their parameters and the files they answer', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const get = doc.paths['/api/export'].get;
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['format', 'view', 'lang', 'width', 'scale', 'chain', 'region', 'cluster']),
    );
    expect(Object.keys(get.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/gexf+xml', 'application/pdf', 'image/png']),
    );
    expect(
      doc.paths['/api/export'].post.requestBody.content['application/json'].schema.properties.positions,
    ).toBeTruthy();
  });
});

describe('the browser and the server write the same files', () => {
  it('for the same view (positions as on screen), byte for byte in every format but PNG and PDF', async () => {
    const ref = loadReference() as unknown as Reference;
    const index = indexReference(ref);
    // What the explorer holds after loading the view: the same model functions it runs.
    const graph = buildGraph(sub, 'ru');
    geoLayout(graph);
    const legend = applyAppearance(graph, DEFAULT_APPEARANCE, index);
    const volume = applyEdgeWidths(graph);
    const filters = { ...NO_FILTERS, chain: 'timber' };
    const positions = Object.fromEntries(graph.mapNodes((id, a) => [id, [a.x, a.y]]));
    for (const format of ['gexf', 'graphml', 'json', 'csv', 'xlsx', 'svg'] as const) {
      const doc = docFromGraph(graph, index, {
        lang: 'ru',
        date: DATE,
        filters,
        appearance: DEFAULT_APPEARANCE,
        reference: ref,
        legend: { ...legend, volume },
      });
      const chunks: Uint8Array[] = [];
      for await (const c of writeExport(format, doc)) chunks.push(c);
      const browser = Buffer.concat(chunks);
      const res = await app.inject({
        method: 'POST',
        url: '/api/export',
        payload: { format, view: VIEW + '&chain=timber', positions, date: DATE },
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(browser), format).toBe(true);
    }
  });
});
