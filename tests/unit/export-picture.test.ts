// The exported picture, read back as XML: every node inside the picture, no two drawn labels
// overlapping (their boxes measured with the font's own metrics, read by pdfkit from DejaVu Sans,
// not with the picture's table), greyed-out nodes grey, synthetic records dashed, gaps ringed,
// and no node parked far from the view.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { svgText, type ExportDoc, type ExportNode } from '../../core/export/formats.js';
import { GAP_RING, MUTED_LINK, MUTED_NODE, plotViewport } from '../../core/export/picture.js';
import { columnHeaders, tableValues } from '../../core/export/describe.js';
import { fontFile } from '../../server/export-pdf.js';
import { komiDoc } from '../fixtures/komi-doc.js';

const W = 1600;
const H = 1000;

/** The font's own measure of a label: advance width, ascent and descent. */
const metrics = new PDFDocument();
metrics.font(fontFile('DejaVuSans.ttf')!);
const font = (metrics as unknown as { _font: { ascender: number; descender: number } })._font;
function glyphBox(text: string, x: number, y: number, size: number) {
  const w = metrics.fontSize(size).widthOfString(text);
  return { x0: x, y0: y - (font.ascender / 1000) * size, x1: x + w, y1: y - (font.descender / 1000) * size };
}
type Box = ReturnType<typeof glyphBox>;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

interface Drawn {
  svg: Element;
  circles: { id: string; x: number; y: number; r: number; fill: string; dash: string | null }[];
  labels: { id: string; text: string; box: Box }[];
  links: Element[];
  legend: string;
  /** Where the plot may draw: below the caption, left of the legend. */
  plot: Box;
}

async function draw(doc: ExportDoc, size = { width: W, height: H }): Promise<Drawn> {
  const svg = new DOMParser().parseFromString(
    await svgText(doc, { ...size, labels: 60 }),
    'image/svg+xml',
  ).documentElement!;
  const group = (part: string) =>
    Array.from(svg.getElementsByTagName('g')).find((g) => g.getAttribute('data-part') === part)!;
  const labelGroup = group('labels');
  const labelSize = Number(labelGroup.getAttribute('font-size'));
  const legendRect = group('legend').getElementsByTagName('rect')[0];
  const caption = Array.from(group('caption').getElementsByTagName('text'));
  return {
    svg,
    circles: Array.from(group('nodes').getElementsByTagName('circle'))
      .filter((c) => c.hasAttribute('data-id'))
      .map((c) => ({
        id: c.getAttribute('data-id')!,
        x: Number(c.getAttribute('cx')),
        y: Number(c.getAttribute('cy')),
        r: Number(c.getAttribute('r')),
        fill: c.getAttribute('fill')!,
        dash: c.getAttribute('stroke-dasharray') || null,
      })),
    labels: Array.from(labelGroup.getElementsByTagName('text')).map((l) => ({
      id: l.getAttribute('data-id')!,
      text: l.textContent!,
      box: glyphBox(l.textContent!, Number(l.getAttribute('x')), Number(l.getAttribute('y')), labelSize),
    })),
    links: Array.from(group('links').childNodes).filter((n): n is Element => n.nodeType === 1),
    legend: group('legend').textContent!.replace(/\s+/g, ' '),
    plot: {
      x0: 0,
      y0: Math.max(...caption.map((c) => Number(c.getAttribute('y')))),
      x1: Number(legendRect.getAttribute('x')),
      y1: size.height,
    },
  };
}

/** The checks of every picture: nodes inside the plot, labels inside it and apart. */
function expectReadable(d: Drawn) {
  for (const c of d.circles) {
    expect(c.x - c.r, c.id).toBeGreaterThanOrEqual(d.plot.x0);
    expect(c.x + c.r, c.id).toBeLessThanOrEqual(d.plot.x1);
    expect(c.y - c.r, c.id).toBeGreaterThanOrEqual(d.plot.y0);
    expect(c.y + c.r, c.id).toBeLessThanOrEqual(d.plot.y1);
  }
  for (const [i, a] of d.labels.entries()) {
    expect(a.box.x0, a.text).toBeGreaterThanOrEqual(d.plot.x0);
    expect(a.box.x1, a.text).toBeLessThanOrEqual(d.plot.x1);
    expect(a.box.y0, a.text).toBeGreaterThanOrEqual(d.plot.y0);
    expect(a.box.y1, a.text).toBeLessThanOrEqual(d.plot.y1);
    for (const b of d.labels.slice(i + 1)) expect(overlap(a.box, b.box), `«${a.text}» and «${b.text}»`).toBe(false);
  }
}

describe('the picture of the demo seed’s Komi timber view', () => {
  it('draws every node inside the picture, and labels that do not overlap', async () => {
    const d = await draw(komiDoc());
    expect(d.circles.length).toBeGreaterThan(40);
    expect(d.labels.length).toBeGreaterThan(20);
    expectReadable(d);
    // The largest node is labelled: labels go largest first.
    expect(d.labels.map((l) => l.text)).toContain('Республика Коми');
  });

  it('keeps no node parked: stages and the chain stand by their enterprises', () => {
    const doc = komiDoc();
    const placed = doc.nodes.filter((n) => n.kind === 'enterprise' || n.kind === 'region');
    const ys = placed.map((n) => n.y);
    const xs = placed.map((n) => n.x);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    for (const n of doc.nodes.filter((n) => n.kind === 'stage' || n.kind === 'chain')) {
      expect(n.y, n.id).toBeGreaterThan(Math.min(...ys) - span);
      expect(n.y, n.id).toBeLessThan(Math.max(...ys) + span);
      expect(n.x, n.id).toBeGreaterThan(Math.min(...xs) - span);
      expect(n.x, n.id).toBeLessThan(Math.max(...xs) + span);
    }
  });

  it('does not collapse the region into a blob when partners far away share the view', async () => {
    const d = await draw(komiDoc({ partners: true }));
    expectReadable(d);
    const komi = d.circles.filter((c) => !c.id.includes(':p-') && !/^region:(29|35|77|78)$/.test(c.id));
    // Komi's nodes share out the plot, none on top of another.
    const xs = komi.map((c) => c.x);
    const ys = komi.map((c) => c.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan((d.plot.x1 - d.plot.x0) * 0.4);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan((d.plot.y1 - d.plot.y0) * 0.4);
    for (const [i, a] of komi.entries())
      for (const b of komi.slice(i + 1))
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} ${b.id}`).toBeGreaterThanOrEqual(a.r + b.r);
    // North stays north: St Petersburg and Arkhangelsk above Moscow.
    const y = (id: string) => d.circles.find((c) => c.id === id)!.y;
    expect(y('enterprise:p-78')).toBeLessThan(y('enterprise:p-77'));
    expect(y('enterprise:p-29')).toBeLessThan(y('enterprise:p-77'));
    expect(d.labels.length).toBeGreaterThan(30);
  });

  it('draws greyed-out nodes grey and unlabelled, and greys the links the volume filter fails', async () => {
    const doc = komiDoc({
      appearance: { colorBy: 'size', sizeBy: 'degree' },
      filters: { sizes: ['micro', 'small', 'medium'], mode: 'grey', volumeMin: 20 },
    });
    const d = await draw(doc);
    expectReadable(d);
    const mondi = d.circles.find((c) => c.id === 'enterprise:mondi-syktyvkar')!;
    expect(mondi.fill).toBe(MUTED_NODE);
    expect(d.labels.map((l) => l.id)).not.toContain('enterprise:mondi-syktyvkar');
    for (const n of doc.nodes.filter((n) => n.category === 'large'))
      expect(d.circles.find((c) => c.id === n.id)!.fill, n.id).toBe(MUTED_NODE);
    // The legend names what the picture shows in colour: no «крупное» under «микро, малое, среднее».
    expect(d.legend).not.toContain('крупное');
    expect(d.legend).toContain('Приглушены: не проходят фильтры');
    // Supply links under 20 mln RUB: grey, as on screen.
    const edges = [...(doc.edges as Iterable<{ rel: string; volumeMlnRub: number | null; muted?: boolean }>)];
    const weak = edges.filter((e) => e.rel === 'SUPPLIES' && (e.volumeMlnRub ?? 0) < 20);
    expect(weak.length).toBeGreaterThan(5);
    expect(weak.every((e) => e.muted)).toBe(true);
    const greyLines = d.links.filter((l) => l.tagName === 'line' && l.getAttribute('stroke') === MUTED_LINK);
    expect(greyLines.length).toBeGreaterThanOrEqual(weak.length);
  });

  it('marks synthetic records with a dash, as the caption promises', async () => {
    const doc = komiDoc();
    const d = await draw(doc);
    expect(doc.source).toContain('синтетические записи помечены');
    for (const n of doc.nodes.filter((n) => n.kind === 'enterprise')) {
      const c = d.circles.find((c) => c.id === n.id)!;
      expect(!!c.dash, n.id).toBe(n.synthetic);
    }
    expect(d.links.some((l) => l.getAttribute('stroke-dasharray'))).toBe(true);
    expect(d.legend).toContain('Пунктир: синтетическая запись');
  });

  it('rings the gap stages of a planner’s picture and labels them first', async () => {
    const doc = komiDoc({ layout: 'chain' });
    const gaps = ['stage:timber.pulp', 'stage:timber.forest-management'];
    for (const n of doc.nodes) if (gaps.includes(n.id)) n.gap = true;
    const d = await draw(doc);
    expectReadable(d);
    const rings = Array.from(d.svg.getElementsByTagName('circle')).filter((c) => c.getAttribute('data-mark') === 'gap');
    expect(rings).toHaveLength(2);
    for (const ring of rings) {
      expect(ring.getAttribute('stroke')).toBe(GAP_RING);
      const at = { x: Number(ring.getAttribute('cx')), y: Number(ring.getAttribute('cy')) };
      expect(d.circles.some((c) => gaps.includes(c.id) && c.x === at.x && c.y === at.y)).toBe(true);
    }
    for (const id of gaps) expect(d.labels.map((l) => l.id)).toContain(id);
    expect(d.legend).toContain('Красное кольцо: этап-пробел в регионе');
  });

  it('writes the same bytes twice', async () => {
    expect(await svgText(komiDoc({ partners: true }))).toBe(await svgText(komiDoc({ partners: true })));
  });
});

describe('the picture of the Komi view in the chain layout', () => {
  for (const size of [
    { width: W, height: H },
    { width: 1400, height: 600 },
    { width: 900, height: 1200 },
  ])
    it(`draws every stage column and every lane inside ${size.width}×${size.height}, labels apart`, async () => {
      const doc = komiDoc({ layout: 'chain' });
      const d = await draw(doc, size);
      // Every node is drawn (none clipped away) and lies inside the plot with its labels apart.
      expect(d.circles.map((c) => c.id).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
      expectReadable(d);
      expect(d.labels.length).toBeGreaterThan(5);
      // The lanes stay under the chain in the picture: the region below every enterprise of a stage.
      const at = new Map(d.circles.map((c) => [c.id, c]));
      const enterprises = doc.nodes.filter((n) => n.kind === 'enterprise' && n.stages.length > 0);
      expect(enterprises.length).toBeGreaterThan(10);
      const region = at.get('region:11')!;
      for (const n of enterprises) expect(at.get(n.id)!.y, n.id).toBeLessThan(region.y);
      // Not squeezed into a strip: the drawing uses most of the plot's height or of its width.
      const xs = d.circles.map((c) => c.x);
      const ys = d.circles.map((c) => c.y);
      const used = Math.max(
        (Math.max(...xs) - Math.min(...xs)) / (d.plot.x1 - d.plot.x0),
        (Math.max(...ys) - Math.min(...ys)) / (d.plot.y1 - d.plot.y0),
      );
      expect(used).toBeGreaterThan(0.8);
    });
});

describe('the layout viewport of a server picture', () => {
  it('is the plot of the picture, not an 800 × 600 canvas', async () => {
    for (const size of [
      { width: W, height: H },
      { width: 1200, height: 1600 },
    ]) {
      const v = plotViewport({ ...size, labels: 60 });
      const d = await draw(komiDoc(), size);
      expect(Math.abs(v.width - (d.plot.x1 - d.plot.x0))).toBeLessThan(60);
      expect(Math.abs(v.height - (d.plot.y1 - d.plot.y0))).toBeLessThan(60);
    }
  });
});

describe('any picture', () => {
  const node = (i: number, x: number, y: number, size: number, label: string): ExportNode => ({
    id: `enterprise:n${i}`,
    label,
    kind: 'enterprise',
    x,
    y,
    size,
    color: '#3b6fb6',
    name: label,
    nameEn: null,
    nameLatin: null,
    inn: null,
    okved: null,
    region: '11',
    category: 'small',
    employees: null,
    revenueMlnRub: null,
    chains: [],
    stages: [],
    clusters: [],
    degree: 0,
    dbDegree: 0,
    synthetic: false,
  });
  const doc = (nodes: ExportNode[]): ExportDoc => ({
    lang: 'ru',
    title: 'Тест',
    date: '2026-01-02',
    source: 'источник',
    filters: [],
    nodes,
    edges: [],
    legend: { colorTitle: 'Цвет', colors: [], sizeTitle: 'Размер', sizeNote: '', edgeLines: [] },
    headers: columnHeaders('ru'),
    tables: [],
    values: tableValues('ru', undefined, (id) => id),
  });
  // Clumps of nodes (one spot each, as a region's nodes are) far apart, with labels of any length.
  const clumps = fc.array(
    fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      spread: fc.integer({ min: 0, max: 40 }),
      nodes: fc.array(
        fc.record({
          size: fc.integer({ min: 3, max: 18 }),
          label: fc.string({
            unit: fc.constantFrom(...'АБВабвгдеёжзий WMiil.«»-—ЯЮЩ0123456789'),
            minLength: 1,
            maxLength: 60,
          }),
          dx: fc.double({ min: -1, max: 1, noNaN: true }),
          dy: fc.double({ min: -1, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it('holds a node parted from a clump by a hair inside too (a case the property found)', async () => {
    const spots = [
      [6, 8.04032480098614e-19],
      [3, 0],
      [4, 0],
      [3, -1.000000090814015e-9],
      [3, 0],
      [7, 0],
    ];
    const d = await draw(doc(spots.map(([size, x], i) => node(i, x, 0, size, 'А'))), { width: 1600, height: 1000 });
    expect(d.circles).toHaveLength(spots.length);
    expectReadable(d);
  });

  it('holds every node inside and no two labels overlapping, whatever the positions and labels', async () => {
    await fc.assert(
      fc.asyncProperty(
        clumps,
        fc.constantFrom({ width: 1600, height: 1000 }, { width: 800, height: 600 }),
        async (cs, size) => {
          let i = 0;
          const nodes = cs.flatMap((c) =>
            c.nodes.map((n) => node(i++, c.x + n.dx * c.spread, c.y + n.dy * c.spread, n.size, n.label.trim() || 'x')),
          );
          const d = await draw(doc(nodes), size);
          expect(d.circles).toHaveLength(nodes.length);
          expectReadable(d);
        },
      ),
      { numRuns: 30 },
    );
    // Thirty pictures: seconds on a quiet machine, more on a busy one.
  }, 120_000);
});
