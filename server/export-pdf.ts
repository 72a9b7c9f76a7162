// The server's pictures and report: the SVG rasterised by resvg (PNG) and the PDF report laid out
// by pdfkit, in the DejaVu fonts the machine has. In the PDF only the plot is a raster: the
// caption, the legend, the definitions and the tables are text (a reader's search finds them),
// every page carries the title and «Стр. N из M», and table columns are as wide as their longest
// word at least, so that no word is ever cut.
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import { existsSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { TIE_RELS } from '../core/graph/model.js';
import { byId } from '../core/export/describe.js';
import { svgText, type ExportDoc, type ExportEdge, type PictureOptions } from '../core/export/formats.js';
import { GAP_RING, MUTED_NODE, SYNTHETIC_DASH, pictureLegend, type LegendItem } from '../core/export/picture.js';
import { createT, type Translator } from '../core/i18n/index.js';
import { dataName, isoDate } from '../core/i18n/legend.js';
import { NODE_TYPES, type NodeType } from './graph.js';
import { loadReference } from './reference.js';

/** Ties of the SME register the PDF report lists, at most (the latest). */
const TIES_LISTED = 50;
/**
 * Most pixels a picture drawn on the server may have (8000 × 8000): a PNG of the largest width
 * and height at scale 4 would be a gigapixel, minutes of work and gigabytes of memory.
 */
export const PICTURE_MAX_PIXELS = 64_000_000;

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu'];
/** A font file of the DejaVu family the machine has (fonts-dejavu-core), if any. */
export function fontFile(name: string): string | undefined {
  for (const dir of FONT_DIRS) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  return undefined;
}

/** The SVG drawn into pixels (the PNG's width is the picture's × scale). */
export function renderPng(svg: string, width: number): Buffer {
  const fonts = [fontFile('DejaVuSans.ttf'), fontFile('DejaVuSans-Bold.ttf')].filter((f): f is string => !!f);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    font: { fontFiles: fonts, loadSystemFonts: fonts.length === 0, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

// A4 portrait, in points.
const MARGIN = 40;
const FOOTER = 24;
const MARGINS = { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER };
/** The plot's width in picture pixels: its 11-pixel labels print at 7 pt on the page's width. */
const PLOT_PIXELS = 800;
const PLOT_DENSITY = 2.5;
const INK = '#1f2933';
const GREY = '#52606d';
const RULE = '#d9e2ec';

type Cell = string | number | boolean | null;
type Pdf = PDFKit.PDFDocument;

/**
 * The pieces a cell's text may wrap between: words (split at plain spaces only: a number's
 * group separator is a no-break space), and the parts of a hyphenated word after each hyphen
 * between letters (pdfkit breaks there too, so these are never narrower than its pieces).
 */
const unbreakable = (text: string) => text.split(/[ \t\r\n]+/).flatMap((w) => w.split(/(?<=\p{L}-)(?=\p{L})/u));

const TABLE_FONT_SIZES = [8, 7.5, 7, 6.5, 6, 5.5, 5];
const CELL_PAD = 4;

/**
 * Column widths for `width` points at `size`: each column at least as wide as its widest
 * unbreakable piece (bold for the header), the room left shared in proportion to how much wider
 * each column's longest cell is; null when the widest pieces alone do not fit.
 */
export function columnWidths(
  pdf: Pdf,
  header: string[],
  rows: string[][],
  width: number,
  size: number,
): number[] | null {
  const measure = (font: 'regular' | 'bold', s: string) => pdf.font(font).fontSize(size).widthOfString(s);
  const min = header.map((h, i) =>
    Math.max(
      // pdfkit fits a word with the space after it.
      ...unbreakable(h).map((w) => measure('bold', w + ' ')),
      ...rows.map((r) => Math.max(0, ...unbreakable(r[i]).map((w) => measure('regular', w + ' ')))),
    ),
  );
  const max = header.map((h, i) => Math.max(measure('bold', h) * 0.6, ...rows.map((r) => measure('regular', r[i]))));
  const lo = min.map((m) => m + CELL_PAD + 1);
  const hi = max.map((m, i) => Math.max(lo[i], m + CELL_PAD + 1));
  const sumLo = lo.reduce((a, b) => a + b, 0);
  const sumHi = hi.reduce((a, b) => a + b, 0);
  if (sumLo > width) return null;
  if (sumHi <= width) {
    const extra = (width - sumHi) / hi.length;
    return hi.map((h) => h + extra);
  }
  const share = (width - sumLo) / (sumHi - sumLo);
  return lo.map((l, i) => l + (hi[i] - l) * share);
}

const cellText = (t: Translator, c: Cell) =>
  c === null
    ? '—'
    : typeof c === 'number'
      ? t.num(c, { maximumFractionDigits: 3 })
      : typeof c === 'boolean'
        ? c
          ? '✓'
          : '—'
        : String(c);

/** The PDF report: title, date, source and filters, the picture with its legend, definitions, the tables. */
export async function pdfReport(doc: ExportDoc, picture: PictureOptions): Promise<Readable> {
  const regular = fontFile('DejaVuSans.ttf');
  const bold = fontFile('DejaVuSans-Bold.ttf') ?? regular;
  if (!regular) throw new Error('the PDF report needs the DejaVu Sans font (fonts-dejavu-core)');
  // The links are read once: the picture draws them and the tables sum them.
  const edges: ExportEdge[] = [];
  for await (const e of doc.edges as AsyncIterable<ExportEdge>) edges.push(e);
  const held: ExportDoc = { ...doc, edges };
  const lang = doc.lang;
  const t = createT(lang);

  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    info: { Title: doc.title, Creator: 'coopgraph' },
  });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold!);
  const out = new PassThrough();
  pdf.pipe(out);
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - FOOTER;

  // The caption.
  pdf.font('bold').fontSize(16).fillColor(INK).text(doc.title, MARGIN, MARGIN, { width });
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text(`${t('report_date')}: ${isoDate(t, doc.date)} · ${doc.source}`, { width });
  pdf.text(`${t('filtersLabel')}: ${doc.filters.length ? doc.filters.join('; ') : t('exportNoFilters')}`, {
    width,
  });
  pdf.moveDown(0.5);

  // The plot, drawn for the page: its labels at print size.
  const aspect = Math.min(0.75, Math.max(0.4, picture.height / picture.width));
  const plotHeight = Math.round(PLOT_PIXELS * aspect);
  const svg = await svgText(held, { width: PLOT_PIXELS, height: plotHeight, frame: false, labels: 60 });
  const png = renderPng(svg, PLOT_PIXELS * PLOT_DENSITY);
  const plotTop = pdf.y;
  const plotPoints = width * aspect;
  pdf.image(png, MARGIN, plotTop, { width, height: plotPoints });
  pdf.rect(MARGIN, plotTop, width, plotPoints).lineWidth(0.5).strokeColor(RULE).stroke();
  pdf.y = plotTop + plotPoints + 8;

  const synthetic = edges.some((e) => e.synthetic && !e.muted);
  drawLegend(pdf, pictureLegend(held, { synthetic }), width, bottom);

  // Definitions of what the picture shows.
  const definitions = [
    ...(doc.legend.sizeNote === t('sizeUniform') ? [] : [t('pic_defSize', { size: doc.legend.sizeTitle })]),
    t('pic_defWidth'),
    t('pic_defLayout'),
    doc.source,
  ];
  heading(pdf, t('pic_definitions'), bottom);
  pdf.font('regular').fontSize(7.5).fillColor(GREY);
  for (const d of definitions) pdf.text(d, MARGIN, pdf.y, { width, paragraphGap: 1 });
  pdf.fillColor(INK).moveDown(0.8);

  const table = (title: string, columns: string[], rows: Cell[][], notes: string[] = []) =>
    drawTable(pdf, t, { title, columns, rows, notes }, bottom);

  // What the subgraph holds: nodes by type, the largest enterprises, the largest supply links.
  // With «приглушить», the tables count what passes the filters, as the caption says; the
  // greyed-out nodes are one line of their own.
  const mutedIds = new Set(doc.nodes.filter((n) => n.muted).map((n) => n.id));
  const shown = doc.nodes.filter((n) => !n.muted);
  const live = edges.filter((e) => !e.muted && !mutedIds.has(e.source) && !mutedIds.has(e.target));
  const kinds = new Map<string, number>();
  for (const n of shown) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const supplies = live.filter((e) => e.rel === 'SUPPLIES');
  const volume = supplies.reduce((s, e) => s + (e.volumeMlnRub ?? 0), 0);
  table(
    t('report_whatTheSubgraphHolds'),
    [t('report_what'), t('count')],
    [
      ...[...kinds]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => [NODE_TYPES[k as NodeType] ? t.name('type', NODE_TYPES[k as NodeType].label) : k, n]),
      ...(mutedIds.size > 0 ? [[t('pic_muted'), mutedIds.size]] : []),
      [t('report_linksInAll'), live.length],
      [t('report_supplyLinks'), supplies.length],
      [t('report_supplyVolumeMlnRub'), Math.round(volume * 100) / 100],
      ...TIE_RELS.map((rel): [string, number] => [
        dataName(t, 'link', rel),
        live.filter((e) => e.rel === rel).length,
      ]).filter(([, n]) => n > 0),
    ],
    [t('report_linksBetweenTheNodesOf')],
  );
  const name = new Map(doc.nodes.map((n) => [n.id, n.label]));
  const regions = new Map(loadReference().regions.map((r) => [r.code, t.pick(r)]));
  const enterprises = shown
    .filter((n) => n.kind === 'enterprise')
    .sort((a, b) => b.degree - a.degree || (b.revenueMlnRub ?? 0) - (a.revenueMlnRub ?? 0) || byId(a.id, b.id))
    .slice(0, 20);
  if (enterprises.length) {
    table(
      t('report_enterprisesWithTheMostLinks'),
      [
        t('report_enterprise'),
        t('region'),
        t('report_size'),
        t('report_employees'),
        t('col_revenueMlnRub'),
        t('report_linksInTheSubgraph'),
      ],
      enterprises.map((n) => [
        n.label,
        n.region === null ? null : (regions.get(n.region) ?? n.region),
        n.category ? t.name('sizeCat', n.category) : null,
        n.employees,
        n.revenueMlnRub,
        n.degree,
      ]),
      [t('pic_defLinks'), t('pic_defCategory')],
    );
  }
  const largest = [...supplies]
    .sort((a, b) => (b.volumeMlnRub ?? 0) - (a.volumeMlnRub ?? 0) || byId(a.id, b.id))
    .slice(0, 20);
  if (largest.length) {
    table(
      t('report_theLargestSupplyLinks'),
      [t('supplierOne'), t('buyer'), t('product'), t('col_volumeMlnRub')],
      largest.map((e) => [name.get(e.source) ?? e.source, name.get(e.target) ?? e.target, e.product, e.volumeMlnRub]),
    );
  }
  // The ties of the SME register: who is tied to which customer, by what.
  const ties = live
    .filter((e) => TIE_RELS.includes(e.rel))
    .sort((a, b) => byId(b.date ?? '', a.date ?? '') || byId(a.id, b.id));
  if (ties.length) {
    const shown = ties.slice(0, TIES_LISTED);
    table(
      t('tiesReportTitle'),
      [
        t('tiesReportSme'),
        t('tiesReportCustomer'),
        t('tiesReportKind'),
        t('tiesLaw'),
        t('tiesNumber'),
        t('tiesDate'),
        t('tiesSubject'),
      ],
      shown.map((e) => [
        name.get(e.source) ?? e.source,
        name.get(e.target) ?? e.target,
        dataName(t, 'rel', e.rel),
        e.law && dataName(t, 'law', e.law).replace(/ \(.*\)$/, ''),
        e.number,
        e.date && isoDate(t, e.date, 'short'),
        e.subject,
      ]),
      ties.length > shown.length ? [t('tiesReportShown', { shown: shown.length, count: ties.length })] : [],
    );
  }
  for (const r of doc.tables) table(r.title, r.columns, r.rows, r.notes);

  numberPages(pdf, t, `${doc.title} · ${doc.date}`);
  pdf.end();
  return out;
}

/**
 * Writes, in the bottom margin of every page of a document made with `bufferPages`, `footer` on
 * the left and «Стр. N из M» on the right (the margin must leave 34 points for it).
 */
export function numberPages(pdf: Pdf, t: Translator, footer: string, margin = MARGIN): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const pageWidth = pdf.page.width - 2 * margin;
    const y = pdf.page.height - margin - 10;
    const margins = pdf.page.margins;
    pdf.page.margins = { ...margins, bottom: 0 };
    pdf
      .moveTo(margin, y - 4)
      .lineTo(margin + pageWidth, y - 4)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
    pdf.font('regular').fontSize(7.5).fillColor(GREY);
    const page = t('pic_page', { page: i - range.start + 1, pages: range.count });
    const numberWidth = pdf.widthOfString(page);
    pdf.text(footer, margin, y, { width: pageWidth - numberWidth - 12, lineBreak: false, ellipsis: true });
    pdf.text(page, margin + pageWidth - numberWidth, y, { lineBreak: false });
    pdf.page.margins = margins;
  }
}

function heading(pdf: Pdf, text: string, bottom: () => number) {
  if (pdf.y + 60 > bottom()) pdf.addPage();
  pdf.font('bold').fontSize(11).fillColor(INK).text(text, MARGIN, pdf.y);
  pdf.moveDown(0.3);
}

/** The picture's legend as text and vector marks, in two columns under the plot. */
function drawLegend(pdf: Pdf, items: LegendItem[], width: number, bottom: () => number) {
  const gap = 16;
  const colWidth = (width - gap) / 2;
  const size = 8;
  const textWidth = colWidth - 18;
  const heightOf = (item: LegendItem) => {
    pdf.font(item.kind === 'title' ? 'bold' : 'regular').fontSize(size);
    const text = item.kind === 'color' || item.kind === 'mark' ? `${item.text} ${item.count ?? ''}` : item.text;
    return (
      pdf.heightOfString(text, { width: item.kind === 'title' || item.kind === 'note' ? colWidth : textWidth }) + 3
    );
  };
  const total = items.reduce((s, i) => s + heightOf(i), 0);
  if (pdf.y + Math.min(total, 120) > bottom()) pdf.addPage();
  const top = pdf.y;
  let column = 0;
  let y = top;
  let lowest = top;
  for (const [index, item] of items.entries()) {
    const h = heightOf(item);
    // The second column starts at a heading once the first holds about half.
    if (column === 0 && index > 0 && item.kind === 'title' && y - top + h / 2 > total / 2) {
      column = 1;
      y = top;
    }
    if (y + h > bottom()) {
      pdf.addPage();
      y = pdf.y;
    }
    const x = MARGIN + column * (colWidth + gap);
    const mid = y + size * 0.6;
    if (item.kind === 'color') pdf.circle(x + 6, mid, 3.5).fill(item.color);
    else if (item.kind === 'link') {
      if (item.shape === 'triangle') pdf.polygon([x, mid - 2.5], [x, mid + 2.5], [x + 12, mid]).fill(item.color);
      else {
        pdf
          .moveTo(x, mid)
          .lineTo(x + 11, mid)
          .lineWidth(1.5)
          .strokeColor(item.color)
          .stroke();
        if (item.shape === 'arrow') pdf.polygon([x + 14, mid], [x + 9, mid - 2.8], [x + 9, mid + 2.8]).fill(item.color);
      }
    } else if (item.kind === 'mark') {
      if (item.mark === 'muted') pdf.circle(x + 6, mid, 3.5).fill(MUTED_NODE);
      else if (item.mark === 'gap')
        pdf
          .circle(x + 6, mid, 3.5)
          .lineWidth(1.5)
          .strokeColor(GAP_RING)
          .stroke();
      else {
        const [on, off] = SYNTHETIC_DASH.split(' ').map(Number);
        pdf
          .moveTo(x, mid)
          .lineTo(x + 14, mid)
          .lineWidth(1)
          .dash(on * 0.7, { space: off * 0.7 })
          .strokeColor('#3e4c59')
          .stroke()
          .undash();
      }
    }
    const plain = item.kind === 'title' || item.kind === 'note';
    pdf
      .font(item.kind === 'title' ? 'bold' : 'regular')
      .fontSize(size)
      .fillColor(INK);
    const counted = (item.kind === 'color' || item.kind === 'mark') && item.count !== undefined;
    pdf.text(item.text + (counted ? ' ' : ''), plain ? x : x + 18, y + (item.kind === 'title' && index > 0 ? 0 : 0), {
      width: plain ? colWidth : textWidth,
      continued: counted,
    });
    if (counted) pdf.fillColor(GREY).text(String(item.count));
    y += h;
    lowest = Math.max(lowest, y);
  }
  pdf.fillColor(INK);
  pdf.x = MARGIN;
  pdf.y = lowest + 6;
}

/**
 * A table with its heading and notes; the header row repeats on every page it runs onto. The
 * type narrows until the longest words fit; a table whose words do not fit a portrait page even
 * so goes on a landscape one.
 */
function drawTable(
  pdf: Pdf,
  t: Translator,
  table: { title: string; columns: string[]; rows: Cell[][]; notes: string[] },
  bottom: () => number,
) {
  const body = table.rows.map((r) => table.columns.map((_, i) => cellText(t, r[i] ?? null)));
  const layout = (width: number, sizes: number[]) => {
    for (const size of sizes) {
      const widths = columnWidths(pdf, table.columns, body, width, size);
      if (widths) return { size, widths };
    }
    return null;
  };
  let width = pdf.page.width - 2 * MARGIN;
  let fitted = layout(width, TABLE_FONT_SIZES);
  if (!fitted && pdf.page.width < pdf.page.height) {
    const landscape = layout(pdf.page.height - 2 * MARGIN, TABLE_FONT_SIZES);
    if (landscape) {
      pdf.addPage({ size: 'A4', layout: 'landscape', margins: MARGINS });
      width = pdf.page.width - 2 * MARGIN;
      fitted = landscape;
    }
  }
  // Not even the smallest type fits the longest words: the columns share the page equally.
  const size = fitted?.size ?? TABLE_FONT_SIZES[TABLE_FONT_SIZES.length - 1];
  const widths = fitted?.widths ?? table.columns.map(() => width / table.columns.length);
  const numeric = table.columns.map((_, i) => {
    const values = table.rows.map((r) => r[i]).filter((v) => v !== null && v !== '');
    return values.length > 0 && values.every((v) => typeof v === 'number');
  });
  const x = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const rowHeight = (cells: string[], font: 'regular' | 'bold') => {
    pdf.font(font).fontSize(size);
    return Math.max(...cells.map((s, i) => pdf.heightOfString(s, { width: widths[i] - CELL_PAD }))) + 3;
  };
  const drawRow = (cells: string[], font: 'regular' | 'bold') => {
    const h = rowHeight(cells, font);
    const y = pdf.y;
    pdf.font(font).fontSize(size).fillColor(INK);
    cells.forEach((s, i) =>
      pdf.text(s, x[i], y, { width: widths[i] - CELL_PAD, align: numeric[i] ? 'right' : 'left' }),
    );
    pdf.y = y + h;
    pdf
      .moveTo(MARGIN, pdf.y - 1)
      .lineTo(MARGIN + width, pdf.y - 1)
      .lineWidth(font === 'bold' ? 0.6 : 0.3)
      .strokeColor(RULE)
      .stroke();
  };

  const headerHeight = rowHeight(table.columns, 'bold');
  const firstRow = body.length ? rowHeight(body[0], 'regular') : 0;
  // Pages a table runs onto keep its orientation.
  const nextPage = () =>
    pdf.addPage({ size: 'A4', layout: pdf.page.width > pdf.page.height ? 'landscape' : 'portrait', margins: MARGINS });
  if (pdf.y + 20 + headerHeight + firstRow > bottom()) nextPage();
  pdf.font('bold').fontSize(11).fillColor(INK).text(table.title, MARGIN, pdf.y, { width });
  pdf.moveDown(0.3);
  drawRow(table.columns, 'bold');
  for (const cells of body) {
    if (pdf.y + rowHeight(cells, 'regular') > bottom()) {
      nextPage();
      drawRow(table.columns, 'bold');
    }
    drawRow(cells, 'regular');
  }
  pdf.font('regular').fontSize(7).fillColor(GREY);
  for (const note of table.notes) pdf.text(note, MARGIN, pdf.y + 2, { width });
  pdf.fillColor(INK).moveDown(0.8);
}
