// The server's pictures and report: the SVG rasterised by resvg (PNG) and the PDF report laid out
// by pdfkit, in the DejaVu fonts the machine has.
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import { existsSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { TIE_RELS } from '../core/graph/model.js';
import { byId } from '../core/export/describe.js';
import { svgText, type ExportDoc, type ExportEdge, type PictureOptions } from '../core/export/formats.js';
import { createT } from '../core/i18n/index.js';
import { dataName, isoDate } from '../core/i18n/legend.js';
import { NODE_TYPES, type NodeType } from './graph.js';

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

/** The PDF report: title, date, source and filters, the picture with its legend, the tables. */
export async function pdfReport(doc: ExportDoc, picture: PictureOptions): Promise<Readable> {
  const regular = fontFile('DejaVuSans.ttf');
  const bold = fontFile('DejaVuSans-Bold.ttf') ?? regular;
  if (!regular) throw new Error('the PDF report needs the DejaVu Sans font (fonts-dejavu-core)');
  // The links are read once: the picture draws them and the tables sum them.
  const edges: ExportEdge[] = [];
  for await (const e of doc.edges as AsyncIterable<ExportEdge>) edges.push(e);
  const held: ExportDoc = { ...doc, edges };
  // Drawn at 1.5 times the picture's size for print, less where that would pass the pixel limit.
  const density = Math.min(1.5, Math.sqrt(PICTURE_MAX_PIXELS / (picture.width * picture.height)));
  const png = renderPng(await svgText(held, picture), picture.width * density);

  const pdf = new PDFDocument({ size: 'A4', margin: 40, info: { Title: doc.title, Creator: 'coopgraph' } });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold!);
  const out = new PassThrough();
  pdf.pipe(out);
  const lang = doc.lang;
  const t = createT(lang);
  const width = pdf.page.width - 80;
  pdf.font('bold').fontSize(16).text(doc.title);
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor('#52606d')
    .text(`${t('report_date')}: ${doc.date}`)
    .text(doc.source)
    .text(`${t('filtersLabel')}: ${doc.filters.length ? doc.filters.join('; ') : t('exportNoFilters')}`);
  pdf.moveDown(0.5);
  pdf.image(png, { fit: [width, width * (picture.height / picture.width)] });
  pdf.moveDown(0.5);
  pdf.fillColor('#1f2933');

  const table = (
    title: string,
    columns: string[],
    rows: (string | number | boolean | null)[][],
    notes: string[] = [],
    weights?: number[],
  ) => {
    if (pdf.y > pdf.page.height - 140) pdf.addPage();
    pdf.font('bold').fontSize(11).text(title, 40, pdf.y);
    pdf.moveDown(0.3);
    // The first column names the row (a stage, an enterprise): twice the others' width, unless
    // the table weighs its columns itself.
    const w = weights ?? columns.map((_, i) => (i === 0 ? 2 : 1));
    const unit = width / w.reduce((a, b) => a + b, 0);
    const colWidths = w.map((k) => k * unit);
    const colX = colWidths.map((_, i) => 40 + colWidths.slice(0, i).reduce((a, b) => a + b, 0));
    const fontSize = columns.length > 8 ? 6 : 7.5;
    const rowOf = (cells: (string | number | boolean | null)[], font: 'regular' | 'bold') => {
      pdf.font(font).fontSize(fontSize);
      const texts = cells.map((c) =>
        c === null
          ? '—'
          : typeof c === 'number'
            ? t.num(c, { maximumFractionDigits: 3 })
            : typeof c === 'boolean'
              ? c
                ? '✓'
                : '—'
              : String(c),
      );
      const h = Math.max(...texts.map((s, i) => pdf.heightOfString(s, { width: colWidths[i] - 4 }))) + 3;
      if (pdf.y + h > pdf.page.height - 40) pdf.addPage();
      const y = pdf.y;
      texts.forEach((s, i) => pdf.text(s, colX[i], y, { width: colWidths[i] - 4 }));
      pdf.y = y + h;
      pdf
        .moveTo(40, pdf.y - 1)
        .lineTo(40 + width, pdf.y - 1)
        .lineWidth(0.3)
        .strokeColor('#d9e2ec')
        .stroke();
    };
    rowOf(columns, 'bold');
    for (const row of rows) rowOf(row, 'regular');
    pdf.font('regular').fontSize(7).fillColor('#52606d');
    for (const note of notes) pdf.text(note, 40, pdf.y + 2, { width });
    pdf.fillColor('#1f2933').moveDown(0.8);
  };

  // What the subgraph holds: nodes by type, the largest enterprises, the largest supply links.
  const kinds = new Map<string, number>();
  for (const n of doc.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const supplies = edges.filter((e) => e.rel === 'SUPPLIES');
  const volume = supplies.reduce((s, e) => s + (e.volumeMlnRub ?? 0), 0);
  table(
    t('report_whatTheSubgraphHolds'),
    [t('report_what'), t('count')],
    [
      ...[...kinds]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => [NODE_TYPES[k as NodeType] ? t.name('type', NODE_TYPES[k as NodeType].label) : k, n]),
      [t('report_linksInAll'), edges.length],
      [t('report_supplyLinks'), supplies.length],
      [t('report_supplyVolumeMlnRub'), Math.round(volume * 100) / 100],
      ...TIE_RELS.map((rel): [string, number] => [
        dataName(t, 'link', rel),
        edges.filter((e) => e.rel === rel).length,
      ]).filter(([, n]) => n > 0),
    ],
    [t('report_linksBetweenTheNodesOf')],
  );
  const name = new Map(doc.nodes.map((n) => [n.id, n.label]));
  const enterprises = doc.nodes
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
        n.region,
        n.category ? t.name('sizeCat', n.category) : null,
        n.employees,
        n.revenueMlnRub,
        n.degree,
      ]),
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
  const ties = edges
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
      // Contract numbers run to 19 digits: their column is the widest but the names'.
      [1.9, 1.9, 1.3, 0.9, 2.6, 1.3, 2.1],
    );
  }
  for (const t of doc.tables) table(t.title, t.columns, t.rows, t.notes);
  pdf.end();
  return out;
}
