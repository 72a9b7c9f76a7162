// The ceilings of the files an import reads: a hostile XLSX (a decompression bomb, a ZIP whose
// directory lies or hides data) is refused before exceljs inflates it, and CSV/XLSX rows, cells
// and columns past their settings are refused with the limit named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { FileFormatError, readTable, type FileLimits, type Table } from '../../server/import/read.js';
import { TagCounter } from '../../server/import/xlsx-check.js';
import { SST, workbook, workbookWith, xlsxBomb } from '../fixtures/xlsx.js';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'coopgraph-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMITS: FileLimits = { ...DEFAULT_SETTINGS.importFile };
const path = (ext: string) => join(dir, `f${++counter}.${ext}`);

async function refusal(work: Promise<unknown>): Promise<FileFormatError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('expected a FileFormatError');
}

async function readAll(table: Table): Promise<number> {
  let n = 0;
  for await (const row of table.rows) if (row) n++;
  return n;
}

/** Offsets of the end of central directory record and of every central directory entry. */
function directory(zip: Uint8Array): { eocd: number; entries: number[] } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: number[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(at);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { eocd, entries };
}

describe('an XLSX decompression bomb', () => {
  it('is refused by its ratio after about a megabyte, whatever it would inflate to', async () => {
    // 64 MB of one letter packs to about 64 KB: a ratio near 1,000.
    const bomb = xlsxBomb(64);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const p = path('xlsx');
    writeFileSync(p, bomb);
    const before = process.memoryUsage().rss;
    const e = await refusal(readTable(p, undefined, LIMITS));
    expect(e.code).toBe('xlsx_ratio');
    expect(e.limit).toEqual({ value: 200, setting: 'IMPORT_XLSX_MAX_RATIO' });
    expect(e.message).toContain('xl/sharedStrings.xml');
    // The refusal came before anything held the inflated text (64 MB of it).
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('is refused by its inflated size when the ratio is allowed', async () => {
    const p = path('xlsx');
    writeFileSync(p, workbook(SST('Б'.repeat(3 * 1024 * 1024))));
    const e = await refusal(readTable(p, undefined, { ...LIMITS, xlsxMaxRatio: 100_000, xlsxMaxEntryMb: 2 }));
    expect(e.code).toBe('xlsx_too_large');
    expect(e.limit).toEqual({ value: 2, setting: 'IMPORT_XLSX_MAX_ENTRY_MB' });
  });

  it('is refused when its directory understates a member (the header lies)', async () => {
    const zip = workbook(SST('В'.repeat(2 * 1024 * 1024)));
    const { entries } = directory(zip);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const sst = entries.find((at) => {
      const n = view.getUint16(at + 28, true);
      return new TextDecoder().decode(zip.subarray(at + 46, at + 46 + n)) === 'xl/sharedStrings.xml';
    })!;
    view.setUint32(sst + 24, 1000, true); // uncompressed size: 1,000 bytes
    const p = path('xlsx');
    writeFileSync(p, zip);
    const e = await refusal(readTable(p, undefined, { ...LIMITS, xlsxMaxRatio: 100_000 }));
    expect(e.code).toBe('format');
  });

  it('a local header that says otherwise than the directory is not what exceljs follows', async () => {
    // The directory says the shared strings are stored (ratio 1), their local header says deflate:
    // a reader walking local headers would inflate 64 MB nobody checked.
    const zip = xlsxBomb(64);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const sst = directory(zip).entries.find((at) => {
      const n = view.getUint16(at + 28, true);
      return new TextDecoder().decode(zip.subarray(at + 46, at + 46 + n)) === 'xl/sharedStrings.xml';
    })!;
    view.setUint16(sst + 10, 0, true); // method: stored
    view.setUint32(sst + 24, view.getUint32(sst + 20, true), true); // inflated size = packed size
    const p = path('xlsx');
    writeFileSync(p, zip);
    const before = process.memoryUsage().rss;
    // exceljs reads the member as the directory says (stored): deflate bytes are no XML.
    const e = await refusal(readTable(p, undefined, LIMITS).then(readAll));
    expect(e.code).toBe('format');
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('leaves no temporary file behind, whatever the order of its members', async () => {
    // The fixture stores its sheet before the shared strings: exceljs parks such a sheet in a
    // temporary file, removed only when its reader is read to the end.
    const parked = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`));
    const before = parked();
    const p = path('xlsx');
    writeFileSync(p, workbook(SST('id')));
    const table = await readTable(p, undefined, LIMITS);
    expect(await readAll(table)).toBe(1);
    table.close();
    expect(parked()).toEqual(before);
  });

  it('is refused when its archive hides a member its directory does not list', async () => {
    const honest = workbook(SST('id'));
    // A member nobody lists, in front of the listed ones: a streaming reader would meet it first.
    const hidden = zipSync({ 'xl/sharedStrings.xml': SST('A'.repeat(1 << 20)) });
    const hiddenBytes = hidden.subarray(0, directory(hidden).entries[0]); // its local header and data
    const zip = new Uint8Array(hiddenBytes.length + honest.length);
    zip.set(hiddenBytes, 0);
    zip.set(honest, hiddenBytes.length);
    const view = new DataView(zip.buffer);
    const shifted = directory(zip.subarray(hiddenBytes.length));
    const base = hiddenBytes.length;
    view.setUint32(base + shifted.eocd + 16, view.getUint32(base + shifted.eocd + 16, true) + base, true);
    for (const at of shifted.entries) view.setUint32(base + at + 42, view.getUint32(base + at + 42, true) + base, true);
    const p = path('xlsx');
    writeFileSync(p, zip);
    const e = await refusal(readTable(p, undefined, LIMITS));
    expect(e.code).toBe('xlsx_hidden_data');
  });

  it('styles past IMPORT_XLSX_MAX_STYLES_MB, columns past IMPORT_MAX_ROW_CELLS, and parts past IMPORT_XLSX_MAX_TOTAL_MB are refused', async () => {
    // exceljs builds about 1.4 KB of objects per 70-byte style, and an object per column definition.
    const xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const styles = path('xlsx');
    writeFileSync(
      styles,
      workbookWith({
        'xl/styles.xml': `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>${xf.repeat(40_000)}</cellXfs></styleSheet>`,
      }),
    );
    const e1 = await refusal(readTable(styles, undefined, { ...LIMITS, xlsxMaxStylesMb: 2 }));
    expect(e1.code).toBe('xlsx_styles');
    expect(e1.limit).toEqual({ value: 2, setting: 'IMPORT_XLSX_MAX_STYLES_MB' });
    const cols = path('xlsx');
    writeFileSync(
      cols,
      workbookWith({
        'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${'<col min="1" max="1" width="9"/>'.repeat(101)}</cols><sheetData/></worksheet>`,
      }),
    );
    const e2 = await refusal(readTable(cols, undefined, { ...LIMITS, maxRowCells: 100 }));
    expect(e2.code).toBe('xlsx_columns');
    expect(e2.limit).toEqual({ value: 100, setting: 'IMPORT_MAX_ROW_CELLS' });
    const total = path('xlsx');
    writeFileSync(total, workbook(SST('Ж'.repeat(600 * 1024))));
    const e3 = await refusal(readTable(total, undefined, { ...LIMITS, xlsxMaxTotalMb: 1, xlsxMaxRatio: 100_000 }));
    expect(e3.code).toBe('xlsx_total');
    expect(e3.limit).toEqual({ value: 1, setting: 'IMPORT_XLSX_MAX_TOTAL_MB' });
  });

  it('a workbook without its relations is refused (exceljs would park its sheets in temporary files)', async () => {
    const p = path('xlsx');
    writeFileSync(p, workbookWith({ 'xl/_rels/workbook.xml.rels': null, 'xl/sharedStrings.xml': SST('id') }));
    const e = await refusal(readTable(p, undefined, LIMITS));
    expect(e.code).toBe('format');
    expect(e.message).toContain('xl/_rels/workbook.xml.rels');
  });

  it('relations with absolute targets (as openpyxl writes them) still find the first visible tab', async () => {
    const sheet = (rows: string[][]) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
        .map(
          (r, i) =>
            `<row r="${i + 1}">${r.map((v, j) => `<c r="${'AB'[j]}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`,
        )
        .join('')}</sheetData></worksheet>`;
    const p = path('xlsx');
    writeFileSync(
      p,
      workbookWith({
        'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Служебный" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Предприятия" sheetId="2" r:id="rId2"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
        'xl/worksheets/sheet1.xml': sheet([['junk']]),
        'xl/worksheets/sheet2.xml': sheet([
          ['id', 'name'],
          ['e1', 'Пармалес'],
        ]),
        'xl/sharedStrings.xml': null,
      }),
    );
    const table = await readTable(p, undefined, LIMITS);
    expect(table.header).toEqual(['id', 'name']);
    expect(await readAll(table)).toBe(1);
  });

  it('a member count past the limit is refused', async () => {
    const p = path('xlsx');
    writeFileSync(p, workbook(SST('id')));
    const e = await refusal(readTable(p, undefined, { ...LIMITS, xlsxMaxEntries: 3 }));
    expect(e.code).toBe('xlsx_entries');
    expect(e.limit?.setting).toBe('IMPORT_XLSX_MAX_ENTRIES');
  });

  it('more shared strings than IMPORT_XLSX_MAX_SHARED_STRINGS are refused while they are counted', async () => {
    // Short strings cost exceljs about three times their bytes: their number is a ceiling too.
    const items = (n: number) => Array.from({ length: n }, (_, i) => `<si><t>s${i}</t></si>`).join('');
    const sst = (n: number) =>
      new TextEncoder().encode(
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items(n)}</sst>`,
      );
    const over = path('xlsx');
    writeFileSync(over, workbook(sst(1001)));
    const e = await refusal(readTable(over, undefined, { ...LIMITS, xlsxMaxSharedStrings: 1000 }));
    expect(e.code).toBe('xlsx_shared_strings');
    expect(e.limit).toEqual({ value: 1000, setting: 'IMPORT_XLSX_MAX_SHARED_STRINGS' });
    const at = path('xlsx');
    writeFileSync(at, workbook(sst(1000)));
    expect(await readAll(await readTable(at, undefined, { ...LIMITS, xlsxMaxSharedStrings: 1000 }))).toBe(1);
  });

  it('counts start tags with or without a prefix, empty ones, spaced ones, and tags cut between chunks', () => {
    const text =
      '<sst><si><t>a</t></si><x:si><x:t>b</x:t></x:si><si/><x:si/><si><r><t>si></t></r></si><xsi>no</xsi>' +
      '<si ><t>c</t></si ><x:si\n/><cols><col min="1"/><col\tmin="2"></col></cols></sst>';
    const bytes = Buffer.from(text);
    for (const [name, expected] of [
      ['si', 7],
      ['col', 2],
      ['cols', 1],
    ] as const)
      for (let cut = 0; cut <= bytes.length; cut++)
        for (const step of [1, 3, 7]) {
          const counter = new TagCounter(name);
          counter.push(bytes.subarray(0, cut));
          for (let i = cut; i < bytes.length; i += step) counter.push(bytes.subarray(i, i + step));
          expect(counter.count, `${name}: cut at ${cut}, then ${step} bytes at a time`).toBe(expected);
        }
  });

  it('an honest workbook of the same shape reads', async () => {
    const p = path('xlsx');
    writeFileSync(p, workbook(SST('id')));
    const table = await readTable(p, undefined, LIMITS);
    expect(table.header).toEqual(['id', 'name']);
    expect(await readAll(table)).toBe(1);
  });
});

describe('rows, columns and cells', () => {
  const csv = (text: string) => {
    const p = path('csv');
    writeFileSync(p, text);
    return p;
  };

  it('a CSV with more rows than IMPORT_MAX_ROWS is refused at the row past it', async () => {
    const table = await readTable(csv('id,name\n1,a\n2,b\n3,c\n4,d\n'), undefined, { ...LIMITS, maxRows: 3 });
    const e = await refusal(readAll(table));
    expect(e.code).toBe('too_many_rows');
    expect(e.row).toBe(5);
    expect(e.limit).toEqual({ value: 3, setting: 'IMPORT_MAX_ROWS' });
  });

  it('exactly IMPORT_MAX_ROWS rows read', async () => {
    const table = await readTable(csv('id,name\n1,a\n2,b\n3,c\n'), undefined, { ...LIMITS, maxRows: 3 });
    expect(await readAll(table)).toBe(3);
  });

  it('a record of more cells than IMPORT_MAX_ROW_CELLS, empty or not, is refused before it is held', async () => {
    // Ten million commas: csv-parse would hold ten million empty strings in one record.
    const p = csv(`id,name\n1,a\n\n"2,\n",b${','.repeat(10_000_000)}\n`);
    const before = process.memoryUsage().rss;
    const e = await refusal(readTable(p, undefined, LIMITS).then(readAll));
    expect(e.code).toBe('too_many_cells');
    expect(e.row).toBe(4); // a blank line is a row, a quoted line break is not
    expect(e.limit).toEqual({ value: 16_384, setting: 'IMPORT_MAX_ROW_CELLS' });
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('delimiters inside quotes are no cells, and a row of exactly IMPORT_MAX_ROW_CELLS cells reads', async () => {
    const limits = { ...LIMITS, maxRowCells: 5 };
    const quoted = await readTable(csv(`id,name\n1,"a${',;'.repeat(50)}"\n`), undefined, limits);
    expect(await readAll(quoted)).toBe(1);
    expect(await readAll(await readTable(csv('id,name\n1,a,,,\n'), undefined, limits))).toBe(1);
    // Records end at a lone \r too, and \r\n is one end: the cells of a file are not one row's.
    expect(await readAll(await readTable(csv('id,name\r1,a\r2,b\r3,c\r4,d\r5,e\r6,f\r'), undefined, limits))).toBe(6);
    const crlf = await refusal(readTable(csv('id,name\r\n1,a\r\n\r\n2,b,,,,\r\n'), undefined, limits).then(readAll));
    expect(crlf.row).toBe(4);
    // Only the line end of the first line ends records (as csv-parse decides): other line ends
    // are cell text and do not start a new count.
    for (const [text, row] of [
      ['id,name\n1,a,,\r,,\r,,\n', 2],
      ['id,name\r\n1,a,,\n,,\n,,\r\n', 2],
      ['id,name\r1,a,,\n,,\n,,\r', 2],
    ] as const) {
      const e = await refusal(readTable(csv(text), undefined, limits).then(readAll));
      expect(e.code, JSON.stringify(text)).toBe('too_many_cells');
      expect(e.row).toBe(row);
    }
    const e = await refusal(readTable(csv('id,name\n1,a,,,,\n'), undefined, limits).then(readAll));
    expect(e.code).toBe('too_many_cells');
  });

  it('a cell longer than IMPORT_MAX_CELL_CHARS is refused with its row', async () => {
    const table = await readTable(csv(`id,name\n1,a\n2,${'я'.repeat(101)}\n`), undefined, {
      ...LIMITS,
      maxCellChars: 100,
    });
    const e = await refusal(readAll(table));
    expect(e.code).toBe('cell_too_long');
    expect(e.row).toBe(3);
  });

  it('a record too long to hold is refused while it is parsed', async () => {
    // csv-parse reads ahead: the refusal may come with the header or with the rows.
    const e = await refusal(
      readTable(csv(`id,name\n1,"${'x'.repeat(50_000)}"\n`), undefined, {
        ...LIMITS,
        maxCellChars: 100,
        maxColumns: 10,
      }).then(readAll),
    );
    expect(e.code).toBe('cell_too_long');
    expect(e.limit?.setting).toBe('IMPORT_MAX_CELL_CHARS');
  });

  it('a header wider than IMPORT_MAX_COLUMNS is refused; trailing empty cells do not count', async () => {
    const wide = Array.from({ length: 12 }, (_, i) => `c${i}`).join(',');
    const e = await refusal(readTable(csv(`${wide}\n`), undefined, { ...LIMITS, maxColumns: 10 }));
    expect(e.code).toBe('too_many_columns');
    const table = await readTable(csv(`id,name${',,,,,,,,,,,,'}\n1,a${',,,,,,,,,,,,'}\n`), undefined, {
      ...LIMITS,
      maxColumns: 10,
    });
    expect(await readAll(table)).toBe(1);
  });

  it('a NUL byte in a cell (past the sample the encoding is judged on) is refused with its row', async () => {
    const filler = Array.from({ length: 6000 }, (_, i) => `${i},${'абвгд'.repeat(5)}`).join('\n');
    const table = await readTable(csv(`id,name\n${filler}\n6000,bad\u0000name\n`), undefined, LIMITS);
    const e = await refusal(readAll(table));
    expect(e.code).toBe('control_character');
    expect(e.row).toBe(6002);
  });

  it('an XLSX row past the limits is refused the same way', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Лист1');
    sheet.addRow(['id', 'name']);
    sheet.addRow(['e1', 'ж'.repeat(200)]);
    const p = path('xlsx');
    await book.xlsx.writeFile(p);
    const table = await readTable(p, undefined, { ...LIMITS, maxCellChars: 100 });
    const e = await refusal(readAll(table));
    expect(e.code).toBe('cell_too_long');
    expect(e.row).toBe(2);
  });
});
