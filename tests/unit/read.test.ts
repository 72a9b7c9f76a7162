import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FileFormatError, readTable, type Table, type TableRow } from '../../server/import/read.js';
import { headerKey } from '../../core/import-columns.js';

// readTable samples the first 256 KB of a file to pick the encoding and delimiter.
const SAMPLE_BYTES = 256 * 1024;

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'coopgraph-read-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(data: string | Uint8Array, ext = 'csv'): string {
  const path = join(dir, `f${++counter}.${ext}`);
  writeFileSync(path, data);
  return path;
}

async function collect(table: Table): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const r of table.rows) rows.push(r);
  return rows;
}

async function readAll(data: string | Uint8Array) {
  const table = await readTable(file(data));
  return { table, rows: await collect(table) };
}

/** The FileFormatError a promise rejects with (fails the test when it resolves or throws something else). */
async function formatError(promise: Promise<unknown>): Promise<FileFormatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FileFormatError);
    return error as FileFormatError;
  }
  throw new Error('expected a FileFormatError, but the promise resolved');
}

describe('readTable: CSV encodings', () => {
  it('reads UTF-8 with a BOM (the BOM does not reach the first header)', async () => {
    const { table, rows } = await readAll('\uFEFFid,name\nluzales,Лузалес\n');
    expect(table.encoding).toBe('utf-8');
    expect(table.header).toEqual(['id', 'name']);
    expect(rows).toEqual([{ row: 2, values: { id: 'luzales', name: 'Лузалес' } }]);
  });

  it('reads UTF-8 without a BOM', async () => {
    const { table, rows } = await readAll('id,name,region\nmondi,Монди Сыктывкарский ЛПК,11\n');
    expect(table.encoding).toBe('utf-8');
    expect(table.delimiter).toBe(',');
    expect(rows).toEqual([{ row: 2, values: { id: 'mondi', name: 'Монди Сыктывкарский ЛПК', region: '11' } }]);
  });

  it('reads Windows-1251 with a semicolon delimiter', async () => {
    const text =
      'id;name;revenue_mln_rub\r\nluzales;ООО «Лузалес» — лесопиление;1 234,5\r\nsegezha;Сегежский ЦБК;10\r\n';
    const { table, rows } = await readAll(iconv.encode(text, 'win1251'));
    expect(table.encoding).toBe('windows-1251');
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['id', 'name', 'revenue_mln_rub']);
    expect(rows).toEqual([
      { row: 2, values: { id: 'luzales', name: 'ООО «Лузалес» — лесопиление', revenue_mln_rub: '1 234,5' } },
      { row: 3, values: { id: 'segezha', name: 'Сегежский ЦБК', revenue_mln_rub: '10' } },
    ]);
  });

  it('rejects KOI8-R text with code "encoding"', async () => {
    const text = 'id,name\n1,Лесопильный завод в посёлке Лесной\n2,Монди Сыктывкарский лесопромышленный комплекс\n';
    const error = await formatError(readTable(file(iconv.encode(text, 'koi8-r'))));
    expect(error.code).toBe('encoding');
  });

  it('reads Windows-1251 names written in capitals, and rejects the same text in KOI8-R', async () => {
    const text = 'id,name\n1,ООО ЛУЗАЛЕС\n2,АО МОНДИ СЛПК\n';
    const rows = await collect(await readTable(file(iconv.encode(text, 'win1251'))));
    expect(rows.map((r) => r.values.name)).toEqual(['ООО ЛУЗАЛЕС', 'АО МОНДИ СЛПК']);
    expect((await formatError(readTable(file(iconv.encode(text, 'koi8-r'))))).code).toBe('encoding');
  });

  it('rejects UTF-16LE without a BOM with code "encoding"', async () => {
    const error = await formatError(readTable(file(iconv.encode('id,name\n1,Лес\n', 'utf16le'))));
    expect(error.code).toBe('encoding');
  });

  it('skips blank lines before the header', async () => {
    const table = await readTable(file('\n\nid,name\n1,a\n'));
    expect(table.header).toEqual(['id', 'name']);
    expect((await collect(table)).map((r) => r.values)).toEqual([{ id: '1', name: 'a' }]);
  });

  it('rejects UTF-16LE with a BOM with code "encoding"', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('id,name\n1,Лес\n', 'utf16le')]);
    const error = await formatError(readTable(file(bytes)));
    expect(error.code).toBe('encoding');
    expect(error.message).toMatch(/UTF-16/);
  });

  it('rejects UTF-16BE with a BOM with code "encoding"', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('id,name\n1,Лес\n', 'utf16be')]);
    expect((await formatError(readTable(file(bytes)))).code).toBe('encoding');
  });

  it('rejects an empty file with code "empty_file"', async () => {
    expect((await formatError(readTable(file('')))).code).toBe('empty_file');
  });

  it('rejects a file with only a BOM or only blank space with code "empty_file"', async () => {
    expect((await formatError(readTable(file('\uFEFF')))).code).toBe('empty_file');
    expect((await formatError(readTable(file('  \n\n')))).code).toBe('empty_file');
  });

  it("numbers rows as a spreadsheet shows them: a quoted cell's line breaks stay in its row, a blank line is a row", async () => {
    const { rows } = await readAll('id,name\r\na,"ООО\r\n«Лес»"\r\n\r\nb,Бор\r\nc,"x\r\ny\r\nz"\r\nd,Дуб\r\n');
    expect(rows.map((r) => [r.row, r.values.id])).toEqual([
      [2, 'a'],
      [4, 'b'],
      [5, 'c'],
      [6, 'd'],
    ]);
    expect(rows[0].values.name).toBe('ООО\r\n«Лес»');
  });

  it('reads a header-only file as a table without rows', async () => {
    const { table, rows } = await readAll('id,name\n');
    expect(table.header).toEqual(['id', 'name']);
    expect(rows).toEqual([]);
  });
});

describe('readTable: large CSV files (beyond the 256 KB sample)', () => {
  function lines(minBytes: number): Buffer {
    const parts: Buffer[] = [Buffer.from('id,name\n')];
    let size = parts[0].length;
    for (let i = 0; size < minBytes; i++) {
      const line = Buffer.from(`${i},Лесопилка № ${i}\n`);
      parts.push(line);
      size += line.length;
    }
    return Buffer.concat(parts);
  }

  /** A one-column-per-line ASCII CSV of at least `minBytes` bytes, ending in an open record "last,". */
  function asciiHeadUpTo(minBytes: number): Buffer {
    const parts = ['id,name\n'];
    let size = parts[0].length;
    for (let i = 0; size < minBytes; i++) {
      const line = `${i},x\n`;
      parts.push(line);
      size += line.length;
    }
    parts.push('last,');
    return Buffer.from(parts.join(''));
  }

  it('reports an invalid byte after the first 256 KB as "encoding" while iterating the rows', async () => {
    const head = lines(300 * 1024);
    expect(head.length).toBeGreaterThan(SAMPLE_BYTES);
    const bytes = Buffer.concat([head, Buffer.from('999999,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const table = await readTable(file(bytes));
    expect(table.encoding).toBe('utf-8');
    let seen = 0;
    const error = await formatError(
      (async () => {
        for await (const _ of table.rows) seen++;
      })(),
    );
    expect(error.code).toBe('encoding');
    expect(seen).toBeGreaterThan(0); // the rows before the bad byte were read
  });

  it.each(['windows-1251', 'utf-8'] as const)(
    'reads %s whose first 256 KB are plain ASCII by the bytes after them',
    async (encoding) => {
      const head = asciiHeadUpTo(SAMPLE_BYTES + 1000);
      const tail = '1\nрусский,ООО «Лесная №1»\n';
      const bytes = Buffer.concat([head, encoding === 'utf-8' ? Buffer.from(tail) : iconv.encode(tail, 'win1251')]);
      const { table, rows } = await readAll(bytes);
      expect(table.encoding).toBe(encoding);
      expect(rows.at(-1)!.values).toEqual({ id: 'русский', name: 'ООО «Лесная №1»' });
    },
  );

  it('reads an all-ASCII file larger than the sample as UTF-8', async () => {
    const { table, rows } = await readAll(Buffer.concat([asciiHeadUpTo(SAMPLE_BYTES + 1000), Buffer.from('1\n')]));
    expect(table.encoding).toBe('utf-8');
    expect(rows.at(-1)!.values).toEqual({ id: 'last', name: '1' });
  });

  it('reads a UTF-8 file whose sample boundary cuts a two-byte Cyrillic letter', async () => {
    const head = asciiHeadUpTo(SAMPLE_BYTES - 64);
    const pad = Buffer.from('a'.repeat(SAMPLE_BYTES - 1 - head.length));
    const bytes = Buffer.concat([head, pad, Buffer.from('Жук\nfinal,ёлка\n')]);
    // 'Ж' is D0 96: its lead byte is the last byte of the sample, its continuation byte the first after it.
    expect(bytes[SAMPLE_BYTES - 1]).toBe(0xd0);
    expect(bytes[SAMPLE_BYTES]).toBe(0x96);

    const { table, rows } = await readAll(bytes);
    expect(table.encoding).toBe('utf-8');
    const last = rows.slice(-2);
    expect(last[0].values).toEqual({ id: 'last', name: 'a'.repeat(pad.length) + 'Жук' });
    expect(last[1].values).toEqual({ id: 'final', name: 'ёлка' });
    // Every record is one line here, so the last record is on line (number of rows + 1).
    expect(last[1].row).toBe(rows.length + 1);
  });

  it.each([1, 2])(
    'reads a UTF-8 file whose sample boundary cuts a three-byte character after %i byte(s)',
    async (inSample) => {
      const head = asciiHeadUpTo(SAMPLE_BYTES - 64);
      const pad = Buffer.from('a'.repeat(SAMPLE_BYTES - inSample - head.length));
      const bytes = Buffer.concat([head, pad, Buffer.from('№1\n')]); // '№' is E2 84 96
      expect(bytes[SAMPLE_BYTES - inSample]).toBe(0xe2);
      const { table, rows } = await readAll(bytes);
      expect(table.encoding).toBe('utf-8');
      expect(rows.at(-1)!.values).toEqual({ id: 'last', name: 'a'.repeat(pad.length) + '№1' });
    },
  );
});

describe('readTable: CSV structure', () => {
  it('reads a tab delimiter', async () => {
    const { table, rows } = await readAll('id\tname\tokved\nluzales\tЛузалес, ООО\t16.10\n');
    expect(table.delimiter).toBe('\t');
    expect(rows).toEqual([{ row: 2, values: { id: 'luzales', name: 'Лузалес, ООО', okved: '16.10' } }]);
  });

  it('picks the delimiter that occurs most often outside quotes in the header', async () => {
    const { table, rows } = await readAll('"id,x";name;okved\na;b;16.10;\n');
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['id,x', 'name', 'okved']);
    expect(rows[0].values).toEqual({ id_x: 'a', name: 'b', okved: '16.10' });
  });

  it('keeps headers as written and keys values by them in lower case, runs of spaces and punctuation as "_"', async () => {
    const { table, rows } = await readAll(
      ' Revenue MLN RUB ,Cluster-Role,ID,"Выручка, млн руб.",Объём\n1,anchor,x,2,3\n',
    );
    expect(table.header).toEqual(['Revenue MLN RUB', 'Cluster-Role', 'ID', 'Выручка, млн руб.', 'Объём']);
    expect(rows[0].values).toEqual({
      revenue_mln_rub: '1',
      cluster_role: 'anchor',
      id: 'x',
      выручка_млн_руб: '2',
      объем: '3',
    });
    expect(headerKey('\uFEFFSynthetic  Figures')).toBe('synthetic_figures');
  });

  it('keys values by the columns given, leaving out cells whose column is null', async () => {
    const table = await readTable(file('Наименование;ИНН;Примечание\nЛузалес;1101526017;что-то\n'), [
      'name',
      'inn',
      null,
    ]);
    expect(table.header).toEqual(['Наименование', 'ИНН', 'Примечание']);
    expect(await collect(table)).toEqual([{ row: 2, values: { name: 'Лузалес', inn: '1101526017' } }]);
  });

  it('trims values and fills missing trailing columns with empty strings', async () => {
    const { rows } = await readAll('id,name,region\n  a  , b ,\nc\n');
    expect(rows).toEqual([
      { row: 2, values: { id: 'a', name: 'b', region: '' } },
      { row: 3, values: { id: 'c', name: '', region: '' } },
    ]);
  });

  it('skips blank lines and delimiter-only lines but keeps counting physical lines', async () => {
    const { rows } = await readAll('id,name\n\n1,a\n\n\n2,b\n,\n3,c\n');
    expect(rows).toEqual([
      { row: 3, values: { id: '1', name: 'a' } },
      { row: 6, values: { id: '2', name: 'b' } },
      { row: 8, values: { id: '3', name: 'c' } },
    ]);
  });

  it('keeps the delimiter and newlines inside quoted fields; a multi-line record is one spreadsheet row', async () => {
    const { rows } = await readAll('id,name,note\n1,"Лузалес, ООО","line one\nline two"\n2,x,y\n');
    expect(rows).toEqual([
      // the record occupies text lines 2–3, and row 2 in a spreadsheet
      { row: 2, values: { id: '1', name: 'Лузалес, ООО', note: 'line one\nline two' } },
      { row: 3, values: { id: '2', name: 'x', note: 'y' } },
    ]);
  });

  it('numbers a record spanning three lines as one row, and the next record as the row after it', async () => {
    const { rows } = await readAll('id,note\n1,"a\nb\nc"\n2,d\n');
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[0].values.note).toBe('a\nb\nc');
  });

  it('numbers records of an Excel-style CRLF file with LF inside a quoted cell (Alt+Enter) as Excel shows them', async () => {
    const { rows } = await readAll('id,note\r\n1,"a\nb"\r\n2,c\r\n');
    expect(rows).toEqual([
      { row: 2, values: { id: '1', note: 'a\nb' } },
      { row: 3, values: { id: '2', note: 'c' } },
    ]);
  });

  it('handles escaped quotes inside quoted fields', async () => {
    const { rows } = await readAll('id,name\n1,"ООО ""Лузалес"""\n');
    expect(rows[0].values.name).toBe('ООО "Лузалес"');
  });

  it('reports an unclosed quote as a "format" error while iterating', async () => {
    const table = await readTable(file('id,name\n1,"open\n2,b\n'));
    const error = await formatError(collect(table));
    expect(error.code).toBe('format');
    expect(error.message).toMatch(/CSV syntax error/);
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet written by exceljs: header, numbers, text, rich text, with the sheet row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Предприятия');
    sheet.addRow([' ID ', 'Revenue MLN RUB', 'Employees', 'Name', 'Priority Territory', 'inn']);
    sheet.addRow(['luzales', 1234.5, 320, 'ООО «Лузалес»', true, 7707083893]);
    sheet.getRow(4).values = [
      'mondi',
      0,
      5000,
      { richText: [{ text: 'Монди ' }, { text: 'СЛПК', font: { bold: true } }] },
      false,
      '500100732259',
    ];
    sheet.getRow(6).values = ['formula', { formula: '1+2', result: 3 }, null, '  padded  ', null, null];
    workbook.addWorksheet('Second').addRow(['ignored']);
    const path = join(dir, `w${++counter}.xlsx`);
    await workbook.xlsx.writeFile(path);

    const table = await readTable(path);
    expect(table.encoding).toBe('xlsx');
    expect(table.header).toEqual(['ID', 'Revenue MLN RUB', 'Employees', 'Name', 'Priority Territory', 'inn']);
    const rows = await collect(table);
    expect(rows).toEqual([
      {
        row: 2,
        values: {
          id: 'luzales',
          revenue_mln_rub: '1234.5',
          employees: '320',
          name: 'ООО «Лузалес»',
          priority_territory: 'true',
          inn: '7707083893',
        },
      },
      {
        row: 4,
        values: {
          id: 'mondi',
          revenue_mln_rub: '0',
          employees: '5000',
          name: 'Монди СЛПК',
          priority_territory: 'false',
          inn: '500100732259',
        },
      },
      {
        row: 6,
        values: { id: 'formula', revenue_mln_rub: '3', employees: '', name: 'padded', priority_territory: '', inn: '' },
      },
    ]);
  });

  it('reads the first visible tab, wherever Excel stored it in the file', async () => {
    // Tabs in the workbook's order: a hidden one, the data, then notes. In the zip, as Excel keeps
    // them by creation: the workbook first, then sheet1 (notes), sheet2 (hidden), sheet3 (data).
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Пояснения');
    notes.addRow(['Это лист с пояснениями']);
    const hidden = workbook.addWorksheet('Служебный', { state: 'hidden' });
    hidden.addRow(['service']);
    const data = workbook.addWorksheet('Данные');
    data.addRow(['id', 'name']);
    data.addRow(['luzales', 'ООО «Лузалес»']);
    // exceljs writes the tabs by `orderNo`, which its typings leave out.
    const order = (sheet: ExcelJS.Worksheet, n: number) => Object.assign(sheet, { orderNo: n });
    order(hidden, 0);
    order(data, 1);
    order(notes, 2);
    const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const zip = new JSZip();
    const first = [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ];
    const sheets = Object.keys(written.files)
      .filter((n) => n.startsWith('xl/worksheets/sheet'))
      .sort();
    expect(sheets).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']);
    const rest = Object.keys(written.files).filter(
      (n) => !written.files[n].dir && !first.includes(n) && !sheets.includes(n),
    );
    for (const name of [...first, ...sheets, ...rest]) zip.file(name, await written.file(name)!.async('uint8array'));
    const path = join(dir, `w${++counter}.xlsx`);
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const table = await readTable(path);
    expect(table.header).toEqual(['id', 'name']);
    expect(await collect(table)).toEqual([{ row: 2, values: { id: 'luzales', name: 'ООО «Лузалес»' } }]);
  });

  it('reads date cells of a sheet as ISO dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Links');
    sheet.addRow(['supplier', 'since']);
    sheet.addRow(['a', new Date(Date.UTC(2019, 2, 1))]);
    const path = join(dir, `w${++counter}.xlsx`);
    await workbook.xlsx.writeFile(path);
    const rows = await collect(await readTable(path));
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(2);
    expect(rows[0].values.since).toBe('2019-03-01');
  });

  it('skips rows whose cells are all empty', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.addRow(['id', 'name']);
    sheet.getRow(2).values = ['', ''];
    sheet.getRow(3).values = ['a', 'b'];
    const path = join(dir, `w${++counter}.xlsx`);
    await workbook.xlsx.writeFile(path);
    const rows = await collect(await readTable(path));
    expect(rows).toEqual([{ row: 3, values: { id: 'a', name: 'b' } }]);
  });

  it('rejects a file that starts like a zip but is not a workbook with code "format"', async () => {
    const path = file(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip archive')]),
      'xlsx',
    );
    const error = await formatError(readTable(path));
    expect(error.code).toBe('format');
    expect(error.message).toMatch(/XLSX/);
  });
});
