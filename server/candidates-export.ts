// The candidate entrants of a gap (server/gaps/candidates.ts) as files for a report: an XLSX
// workbook (a sheet of candidates with every component of the score, a sheet with the method) and
// a PDF (the parameters, the table, the method). Every label, kind, category and stage is written
// out in the request's language: the files carry no internal codes (OKVED2 codes and INNs are data).
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { CandidateReport } from '../core/schemas.js';
import { fontFile, numberPages } from './export-pdf.js';
import { createT, type Lang, type Translator } from '../core/i18n/index.js';

export const CANDIDATE_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
type CandidateExportFormat = (typeof CANDIDATE_EXPORT_FORMATS)[number];
/** Candidates a file holds at most (the rest are counted in its caption). */
export const CANDIDATE_EXPORT_MAX = 500;

const MIME: Record<CandidateExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

// The fonts of the planner's PDF report (server/export.ts): DejaVu Sans has Cyrillic.

type Cell = string | number | null;
type Row = CandidateReport['candidates'][number];

/** The method in the language of the file, with the answer's own settings. */
function methodText(t: Translator, report: CandidateReport): string {
  return t('candidatesMethod', {
    radius: report.radiusKm,
    neighbours: report.neighbours,
    staff: report.capacityScale.employees,
    revenue: report.capacityScale.revenueMlnRub,
    tiesFull: report.tiesFull,
  });
}

const round = (v: number | null, d = 2) =>
  v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d;

function evidenceText(t: Translator, r: Row): string {
  const kind = t(`candidatesEvidence_${r.evidence.kind}`);
  if (r.evidence.kind !== 'adjacent' || !r.evidence.direction) return kind;
  return `${kind} (${t(`candidatesDirection_${r.evidence.direction}`)})`;
}

function tiesText(t: Translator, r: Row): string {
  return r.ties.list
    .map((p) => {
      const role = [p.anchor ? t('candidatesAnchor') : null, p.large ? t('candidatesLarge') : null].filter(Boolean);
      const kinds = p.kinds.map((k) => (t.has(`candidatesRel_${k}`) ? t(`candidatesRel_${k}` as never) : k));
      return `${t.pick(p)}${role.length ? ` (${role.join(', ')})` : ''}: ${kinds.join(', ')}`;
    })
    .join('; ');
}

/** The table's columns and its rows, for both formats. */
function table(t: Translator, report: CandidateReport): { columns: string[]; rows: Cell[][] } {
  const columns = [
    t('candidatesColRank'),
    t('candidatesColName'),
    t('candidatesColInn'),
    t('candidatesColRegion'),
    t('candidatesColDistance'),
    t('candidatesColEvidence'),
    t('candidatesColCode'),
    t('candidatesColActivity'),
    t('candidatesColStage'),
    t('candidatesColCategory'),
    t('candidatesColStaff'),
    t('candidatesColStaffYear'),
    t('candidatesColRevenue'),
    t('candidatesColRevenueYear'),
    t('candidatesColPartners'),
    t('candidatesColPartnerNames'),
    t('candidatesColE'),
    t('candidatesColP'),
    t('candidatesColK'),
    t('candidatesColT'),
    t('candidatesColScore'),
  ];
  const rows = report.candidates.map((r): Cell[] => [
    r.rank,
    t.pick(r),
    r.inn,
    t.pick({ name: r.regionName, nameEn: r.regionNameEn }),
    round(r.distanceKm, 0),
    evidenceText(t, r),
    r.evidence.code ?? t('candidatesNoCode'),
    r.evidence.codeName ? t.pick({ name: r.evidence.codeName, nameEn: r.evidence.codeNameEn }) : null,
    t.pick({ name: r.evidence.stageName, nameEn: r.evidence.stageNameEn }),
    t.name('sizeCat', r.size),
    r.employees,
    r.employeesYear,
    round(r.revenueMlnRub, 3),
    r.revenueYear,
    r.ties.partners,
    tiesText(t, r) || null,
    round(r.components.evidence.points),
    round(r.components.proximity.points),
    round(r.components.capacity.points),
    round(r.components.ties.points),
    round(r.score),
  ]);
  return { columns, rows };
}

function caption(t: Translator, report: CandidateReport, date: string): { title: string; lines: string[] } {
  const stage = t.pick(report.stage);
  const region = t.pick(report.region);
  const lines = [
    `${t('candidatesReportChain')}: ${t.pick(report.chain)}`,
    `${t('candidatesReportStage')}: ${stage}`,
    `${t('candidatesReportRegion')}: ${region}`,
    `${t('candidatesReportDate')}: ${date}`,
    t('candidatesReportSearch', { neighbours: report.neighbours, radius: report.radiusKm }),
    `${t('candidatesReportRegions')}: ${report.regions
      .map((r) => t('candidatesReportRegionItem', { region: t.pick(r), km: Math.round(r.distanceKm), n: r.candidates }))
      .join('; ')}`,
    `${t('candidatesReportTotal')}: ${report.total}`,
  ];
  if (report.total > report.candidates.length)
    lines.push(t('candidatesReportTruncated', { shown: report.candidates.length, total: report.total }));
  lines.push(t('candidatesReportSource'));
  return { title: t('candidatesReportTitle', { stage, region }), lines };
}

async function workbook(t: Translator, report: CandidateReport, date: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'coopgraph';
  wb.created = new Date(`${date}T00:00:00Z`);
  const { title, lines } = caption(t, report, date);
  const { columns, rows } = table(t, report);
  const sheet = wb.addWorksheet(t('candidatesSheet'));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  for (const line of lines) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow(columns);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const headerRow = header.number;
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 2 }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  const widths = [5, 40, 14, 24, 12, 30, 11, 40, 30, 12, 12, 10, 14, 10, 12, 50, 9, 9, 9, 9, 9];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const method = wb.addWorksheet(t('candidatesMethodSheet'));
  method.getColumn(1).width = 140;
  method.addRow([t('candidatesMethodTitle')]).font = { bold: true, size: 14 };
  const text = method.addRow([methodText(t, report)]);
  text.alignment = { wrapText: true, vertical: 'top' };
  text.height = 260;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function pdfReport(t: Translator, report: CandidateReport, date: string): Promise<Buffer> {
  const regular = fontFile('DejaVuSans.ttf');
  const bold = fontFile('DejaVuSans-Bold.ttf') ?? regular;
  if (!regular) throw new Error('the PDF report needs the DejaVu Sans font (fonts-dejavu-core)');
  const { title, lines } = caption(t, report, date);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // The bottom margin holds the title and «Стр. N из M».
    margins: { top: 36, left: 36, right: 36, bottom: 60 },
    bufferPages: true,
    info: { Title: title, Creator: 'coopgraph' },
  });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold!);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const left = 36;
  const width = pdf.page.width - 72;
  pdf.font('bold').fontSize(14).fillColor('#1f2933').text(title, left, pdf.y, { width });
  pdf.moveDown(0.3);
  pdf.font('regular').fontSize(8.5).fillColor('#52606d');
  for (const line of lines) pdf.text(line, { width });
  pdf.moveDown(0.6).fillColor('#1f2933');

  // The columns a page can hold: the full set is in the workbook.
  const { columns, rows } = table(t, report);
  const pick = [0, 1, 2, 3, 4, 5, 6, 9, 10, 12, 14, 16, 17, 18, 19, 20];
  const text = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? t.num(c, { maximumFractionDigits: 2 }) : c);
  // Each column at least as wide as its longest word (no word is broken), the rest of the line
  // shared out by weight: names and kinds of evidence get the most.
  const rel = [0, 2.5, 0.4, 1.2, 0, 1.6, 0.2, 0.3, 0.1, 0.1, 0.2, 0, 0, 0, 0, 0];
  // Words split at plain spaces only (a number's groups are joined by a no-break space), each
  // measured with the space after it, as pdfkit fits it.
  const longest = (font: 'regular' | 'bold', s: string) => {
    pdf.font(font).fontSize(7);
    return Math.max(...s.split(/[ \t\r\n]+/).map((w) => pdf.widthOfString(w + ' ')));
  };
  const minW = pick.map(
    (ci) => Math.max(longest('bold', columns[ci]), ...rows.map((r) => longest('regular', text(r[ci])))) + 4,
  );
  const spare = width - minW.reduce((a, b) => a + b, 0);
  const relSum = rel.reduce((a, b) => a + b, 0);
  const colW =
    spare >= 0 ? minW.map((w, i) => w + (spare * rel[i]) / relSum) : minW.map((w) => (w * width) / (width - spare));
  const colX = colW.map((_, i) => left + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const line = (cells: Cell[], font: 'regular' | 'bold') => {
    pdf.font(font).fontSize(7);
    const texts = pick.map((i) => text(cells[i]));
    const h = Math.max(...texts.map((s, i) => pdf.heightOfString(s, { width: colW[i] - 3 }))) + 3;
    if (pdf.y + h > pdf.page.height - 60) pdf.addPage();
    const y = pdf.y;
    texts.forEach((s, i) => pdf.text(s, colX[i], y, { width: colW[i] - 3 }));
    pdf.y = y + h;
    pdf
      .moveTo(left, pdf.y - 1)
      .lineTo(left + width, pdf.y - 1)
      .lineWidth(0.3)
      .strokeColor('#d9e2ec')
      .stroke();
  };
  line(columns, 'bold');
  for (const row of rows) line(row, 'regular');
  if (rows.length === 0)
    pdf
      .font('regular')
      .fontSize(9)
      .text(t('candidatesEmpty', { neighbours: report.neighbours, radius: report.radiusKm }), left, pdf.y + 4, {
        width,
      });
  pdf.moveDown(1);
  if (pdf.y > pdf.page.height - 160) pdf.addPage();
  pdf.font('bold').fontSize(10).text(t('candidatesMethodTitle'), left, pdf.y, { width });
  pdf
    .font('regular')
    .fontSize(8)
    .fillColor('#52606d')
    .text(methodText(t, report), left, pdf.y + 2, { width });
  numberPages(pdf, t, `${title} · ${date}`, left);
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

interface CandidateFile {
  body: Buffer;
  mime: string;
  fileName: string;
}

/** The report as a file of `format` in `lang`. */
export async function candidatesExport(
  report: CandidateReport,
  format: CandidateExportFormat,
  lang: Lang,
  date: string,
): Promise<CandidateFile> {
  const t = createT(lang);
  const body = format === 'xlsx' ? await workbook(t, report, date) : await pdfReport(t, report, date);
  const base = `${t('candidatesSheet')}-${t.pick(report.stage)}-${t.pick(report.region)}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return { body, mime: MIME[format], fileName: `${base}-${date}.${format}` };
}
