// The shared serialiser on its own: escaping, CSV cells, colours, and that the writers stream
// (bytes leave before the links are all read) and write the same bytes twice.
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { parse as parseGexf } from 'graphology-gexf';
import Graph from 'graphology';
import {
  hexColor,
  parseColor,
  writeExport,
  xml,
  type ExportDoc,
  type ExportEdge,
  type ExportNode,
} from '../../core/export/formats.js';
import { columnHeaders } from '../../core/export/describe.js';

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
  target,
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
});
async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

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
