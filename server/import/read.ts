// Reads CSV (UTF-8 with or without BOM, or Windows-1251; comma, semicolon or tab) and XLSX
// files as a stream of rows keyed by column: by the keys the caller gives for the header's cells
// (the import's columns, core/import-columns.ts), else by the headers in lower case.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { headerKey } from '../../core/import-columns.js';
import { openCheckedXlsx } from './xlsx-check.js';
import { FileFormatError, type FileLimits } from './limits.js';

export { FileFormatError, type FileFormatCode, type FileLimits } from './limits.js';
import { DEFAULT_SETTINGS } from '../config.js';

export interface TableRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  values: Record<string, string>;
}

export interface Table {
  /** The header's cells as written (trimmed, without a BOM). */
  header: string[];
  encoding: 'utf-8' | 'windows-1251' | 'xlsx';
  delimiter?: string;
  rows: AsyncIterable<TableRow>;
  /** Releases the file when the rows are not read to the end. */
  close(): void;
}

/** Checks one row's cells against the ceilings; `count` is the data rows read so far, this one included. */
function guardRow(cells: readonly unknown[], row: number, count: number, limits: FileLimits): void {
  if (count > limits.maxRows)
    throw new FileFormatError('too_many_rows', `more than ${limits.maxRows} rows (limit IMPORT_MAX_ROWS)`, row, {
      value: limits.maxRows,
      setting: 'IMPORT_MAX_ROWS',
    });
  let last = cells.length - 1;
  while (last >= 0 && (cells[last] === '' || cells[last] === null || cells[last] === undefined)) last--;
  if (last + 1 > limits.maxColumns)
    throw new FileFormatError(
      'too_many_columns',
      `a row of ${last + 1} cells (limit IMPORT_MAX_COLUMNS = ${limits.maxColumns})`,
      row,
      { value: limits.maxColumns, setting: 'IMPORT_MAX_COLUMNS' },
    );
  for (const cell of cells) {
    // A NUL byte belongs to no table a person typed (a binary file, or a hostile one).
    if (typeof cell === 'string' && cell.includes('\u0000'))
      throw new FileFormatError('control_character', 'a cell holds the control character U+0000 (NUL)', row);
    if (typeof cell === 'string' && cell.length > limits.maxCellChars)
      throw new FileFormatError(
        'cell_too_long',
        `a cell of ${cell.length} characters (limit IMPORT_MAX_CELL_CHARS = ${limits.maxCellChars})`,
        row,
        { value: limits.maxCellChars, setting: 'IMPORT_MAX_CELL_CHARS' },
      );
  }
}

/**
 * The line end a CSV's records end with, found as csv-parse would: the first \r\n, \n or \r
 * outside quotes (\n when the sample holds none). Other line ends are then cell text.
 */
function detectRecordDelimiter(sample: string): '\r\n' | '\n' | '\r' {
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n') return '\n';
    else if (c === '\r') return sample[i + 1] === '\n' || i + 1 === sample.length ? '\r\n' : '\r';
  }
  return '\n';
}

/**
 * Passes a CSV's text through, counting the cells of each record as csv-parse will split it (a
 * quoted cell's delimiters and line breaks are inside it; records end at `recordDelimiter`
 * only), and fails past `max` cells in one record, naming its row, before csv-parse holds it.
 */
function cellCounter(delimiter: string, recordDelimiter: string, max: number): Transform {
  const DELIMITER = delimiter.charCodeAt(0);
  const QUOTE = 0x22;
  const NEWLINE = 0x0a;
  const RETURN = 0x0d;
  // The byte that ends a record, and whether a \r must come just before it (\r\n).
  const END = recordDelimiter === '\r' ? RETURN : NEWLINE;
  const afterReturnOnly = recordDelimiter === '\r\n';
  let quoted = false;
  let cells = 1;
  let row = 1;
  let afterReturn = false;
  return new Transform({
    transform(chunk: string | Buffer, _encoding, done) {
      // The decoders hand on UTF-8 bytes, where these bytes are never part of another character.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i];
        const returned = afterReturn;
        afterReturn = false;
        if (c === QUOTE) quoted = !quoted;
        else if (quoted) continue;
        else if (c === END && (!afterReturnOnly || returned)) {
          cells = 1;
          row++;
        } else if (c === RETURN) afterReturn = true;
        else if (c === DELIMITER && ++cells > max)
          return done(
            new FileFormatError(
              'too_many_cells',
              `a row of more than ${max} cells, empty ones included (limit IMPORT_MAX_ROW_CELLS = ${max})`,
              row,
              { value: max, setting: 'IMPORT_MAX_ROW_CELLS' },
            ),
          );
      }
      done(null, chunk);
    },
  });
}

const SAMPLE_BYTES = 256 * 1024;

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Trims a sample so a multi-byte UTF-8 sequence cut at the end does not look invalid. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if ((b & 0xc0) === 0xc0) end -= i; // lead byte of an incomplete sequence
    break;
  }
  return bytes.subarray(0, end);
}

// The most frequent letters of Russian text, in either case.
const FREQUENT_LETTERS = new Set('оеаинтсрвлкОЕАИНТСРВЛК');

function frequentShare(text: string): number {
  let letters = 0;
  let frequent = 0;
  for (const ch of text) {
    if (!/[а-яё]/i.test(ch)) continue;
    letters++;
    if (FREQUENT_LETTERS.has(ch)) frequent++;
  }
  return letters === 0 ? 0 : frequent / letters;
}

/**
 * Windows-1251 text of Russian spreadsheets is mostly Cyrillic letters, digits and punctuation.
 * Bytes that decode to rare symbols suggest another encoding; KOI8-R decodes to Cyrillic letters
 * too, but then the common letters (о, е, а, и…) turn into rare ones, whatever the case.
 */
function looksLikeWindows1251(bytes: Uint8Array): boolean {
  let high = 0;
  let plausible = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    // А..я (0xC0–0xFF), Ё/ё (0xA8/0xB8), №, «», –, —, nbsp, „“”
    if (
      b >= 0xc0 ||
      b === 0xa8 ||
      b === 0xb8 ||
      b === 0xb9 ||
      b === 0xab ||
      b === 0xbb ||
      b === 0x96 ||
      b === 0x97 ||
      b === 0xa0 ||
      b === 0x84 ||
      b === 0x93 ||
      b === 0x94
    )
      plausible++;
  }
  if (high === 0) return true;
  if (plausible / high < 0.95) return false;
  const buffer = Buffer.from(bytes);
  return frequentShare(iconv.decode(buffer, 'win1251')) >= frequentShare(iconv.decode(buffer, 'koi8-r'));
}

function detectDelimiter(headerLine: string): string {
  const counts = { ';': 0, ',': 0, '\t': 0 } as Record<string, number>;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0
    ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0]
    : ',';
}

/**
 * The keys of a row's values, by position: `columns` when given (null leaves a cell out), else
 * each header in lower case with runs of spaces and punctuation as "_".
 */
function keysOf(header: string[], columns?: (string | null)[]): (string | null)[] {
  return columns ?? header.map(headerKey);
}

function headerText(text: string): string {
  return text.replace(/^\uFEFF/, '').trim();
}

/** Decodes UTF-8 strictly, so an invalid byte later in a large file is still reported. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new FileFormatError('encoding', 'the file is not valid UTF-8 throughout (mixed encodings?)'));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new FileFormatError('encoding', 'the file ends in the middle of a UTF-8 character'));
      }
    },
  });
}

async function readSample(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Up to 64 KB of the file from its first byte above 0x7F at or after `from` (empty when the rest
 * is ASCII): read as a stream, so a large ASCII file costs one pass and little memory.
 */
async function firstNonAscii(path: string, from: number): Promise<Uint8Array> {
  let at = -1;
  let offset = from;
  const stream = createReadStream(path, { start: from });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!isAscii(chunk)) {
      at = offset + chunk.findIndex((b) => b >= 0x80);
      break;
    }
    offset += chunk.length;
  }
  stream.destroy();
  if (at < 0) return new Uint8Array(0);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readCsv(path: string, columns: (string | null)[] | undefined, limits: FileLimits): Promise<Table> {
  const sample = await readSample(path);
  if (sample.length === 0) throw new FileFormatError('empty_file', 'the file is empty');
  let encoding: Table['encoding'];
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) encoding = 'utf-8';
  else if (
    (sample[0] === 0xff && sample[1] === 0xfe) ||
    (sample[0] === 0xfe && sample[1] === 0xff) ||
    sample.includes(0)
  ) {
    throw new FileFormatError('encoding', 'the file is UTF-16 or binary; save it as CSV UTF-8 or CSV (Windows-1251)');
  } else {
    // A sample without a single non-ASCII byte tells nothing: the bytes after it decide.
    const telling =
      sample.length === SAMPLE_BYTES && sample.every((b) => b < 0x80)
        ? await firstNonAscii(path, SAMPLE_BYTES)
        : sample;
    if (isValidUtf8(trimPartialUtf8(telling))) encoding = 'utf-8';
    else if (looksLikeWindows1251(telling)) encoding = 'windows-1251';
    else throw new FileFormatError('encoding', 'the file is neither UTF-8 nor Windows-1251 text');
  }

  const text =
    encoding === 'utf-8'
      ? new TextDecoder('utf-8').decode(trimPartialUtf8(sample))
      : iconv.decode(Buffer.from(sample), 'win1251');
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  if (firstLine === '') throw new FileFormatError('empty_file', 'the file holds no header row');
  const delimiter = detectDelimiter(firstLine);
  const recordDelimiter = detectRecordDelimiter(text);

  const source: Readable = createReadStream(path);
  const decoded = (
    encoding === 'utf-8' ? source.pipe(strictUtf8()) : source.pipe(iconv.decodeStream('win1251'))
  ) as Transform;
  source.on('error', (e) => decoded.destroy(e));
  // csv-parse builds a record whole before anything can look at it, and empty cells make it no
  // longer in characters: a line of a hundred million commas held the server past its heap.
  const counted = decoded.pipe(cellCounter(delimiter, recordDelimiter, limits.maxRowCells));
  const parser = counted.pipe(
    parse({
      delimiter,
      // Decided here, as csv-parse would from the first line, so that the counter splits alike.
      record_delimiter: recordDelimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // A record is held whole while it is parsed: bound it before the per-cell check can run.
      max_record_size: limits.maxCellChars * limits.maxColumns,
    }),
  );
  decoded.on('error', (e) => parser.destroy(e));
  counted.on('error', (e) => parser.destroy(e));

  const close = () => {
    parser.destroy();
    source.destroy();
  };
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: CsvInfo }>;
  const next = async () => {
    try {
      return await iterator.next();
    } catch (error) {
      close();
      if (error instanceof FileFormatError) throw error;
      const e = error as { message: string; code?: string } & Partial<CsvInfo>;
      // The record being read when the error struck is the one after those counted.
      const row = e.records !== undefined ? spreadsheetRow(e as CsvInfo) + 1 : e.lines;
      if (e.code === 'CSV_MAX_RECORD_SIZE')
        throw new FileFormatError(
          'cell_too_long',
          `a row of more than ${limits.maxCellChars * limits.maxColumns} characters (limits IMPORT_MAX_CELL_CHARS × IMPORT_MAX_COLUMNS)`,
          row,
          { value: limits.maxCellChars, setting: 'IMPORT_MAX_CELL_CHARS' },
        );
      throw new FileFormatError('format', `CSV syntax error: ${e.message}`, row);
    }
  };
  const first = await next();
  if (first.done) {
    close();
    throw new FileFormatError('empty_file', 'the file has no header row');
  }
  guardRow(first.value.record, 1, 0, limits);
  const header = first.value.record.map(headerText);
  const keys = keysOf(header, columns);

  async function* rows(): AsyncIterable<TableRow> {
    let count = 0;
    for (;;) {
      const result = await next();
      if (result.done) return;
      const { record, info } = result.value;
      if (record.every((v) => v === '')) continue;
      guardRow(record, spreadsheetRow(info), ++count, limits);
      const values: Record<string, string> = {};
      keys.forEach((name, i) => {
        if (name !== null) values[name] = record[i] ?? '';
      });
      yield { row: spreadsheetRow(info), values };
    }
  }
  return { header, encoding, delimiter, rows: rows(), close };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

async function readXlsx(path: string, columns: (string | null)[] | undefined, limits: FileLimits): Promise<Table> {
  const checked = await openCheckedXlsx(path, limits);
  const input = checked.stream;
  const close = () => input.destroy();
  // The archive's own failure, when it stopped the stream early, says more than exceljs's.
  const unreadable = (error?: unknown): never => {
    close();
    const cause = checked.failure() ?? (error as Error);
    throw new FileFormatError('format', `not a readable XLSX workbook: ${cause.message}`);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  // The first sheet is the first visible tab (the workbook's order), not the first in the zip:
  // Excel stores sheets by creation, so a tab moved to the front may come later in the file.
  const sheets = reader[Symbol.asyncIterator]();
  let firstSheet: AsyncIterable<ExcelJS.Row>;
  for (;;) {
    const next = await sheets.next().catch(unreadable);
    if (next.done) {
      if (checked.failure()) unreadable();
      close();
      throw new FileFormatError('empty_file', 'the workbook has no sheets');
    }
    const sheet = next.value as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
    const tabs = (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } }).model?.sheets ?? [];
    const first = tabs.find((t) => t.state !== 'hidden' && t.state !== 'veryHidden') ?? tabs[0];
    // A sheet exceljs could not match to a tab has no known place: the first of them is taken.
    const unmatched = sheet.name === undefined || !tabs.some((t) => t.name === sheet.name);
    if (!first || unmatched || sheet.name === first.name) {
      firstSheet = sheet;
      break;
    }
    // Another tab: read past it to reach the next entry of the zip.
    try {
      for await (const row of sheet) void row;
    } catch (error) {
      unreadable(error);
    }
  }
  const rowIterator = firstSheet[Symbol.asyncIterator]();
  const nextRow = () => rowIterator.next().catch(unreadable);
  const headerRow = await nextRow();
  if (headerRow.done) {
    if (checked.failure()) unreadable();
    close();
    throw new FileFormatError('empty_file', 'the first sheet is empty');
  }
  const headerValues = (headerRow.value.values as ExcelJS.CellValue[]).slice(1);
  const headerCells = headerValues.map(cellText);
  try {
    guardRow(headerCells, headerRow.value.number, 0, limits);
  } catch (error) {
    close();
    throw error;
  }
  const header = headerCells.map(headerText);
  const keys = keysOf(header, columns);

  async function* rows(): AsyncIterable<TableRow> {
    let count = 0;
    for (;;) {
      const next = await nextRow();
      if (next.done) {
        // A sheet cut short by an unreadable archive is no whole sheet.
        if (checked.failure()) unreadable();
        return;
      }
      const cells = (next.value.values as ExcelJS.CellValue[]).slice(1);
      guardRow(cells.map(cellText), next.value.number, ++count, limits);
      const values: Record<string, string> = {};
      keys.forEach((name, i) => {
        if (name !== null) values[name] = cellText(cells[i]);
      });
      if (Object.values(values).every((v) => v === '')) continue;
      yield { row: next.value.number, values };
    }
  }
  return { header, encoding: 'xlsx', rows: rows(), close };
}

/** What csv-parse reports with each record (`info: true`). */
interface CsvInfo {
  lines: number;
  records: number;
  empty_lines: number;
}

/**
 * The row a spreadsheet shows a record on: one row per record (a quoted cell's line breaks stay
 * inside its row) and one per blank line. csv-parse's `lines` would count a cell's line breaks.
 */
const spreadsheetRow = (info: CsvInfo) => info.records + info.empty_lines;

/**
 * The table of a CSV or XLSX file. `columns` gives the key of each header cell's values (null
 * leaves the cell out), as core/import-columns.ts resolveHeader finds them.
 */
export async function readTable(
  path: string,
  columns?: (string | null)[],
  limits: FileLimits = DEFAULT_SETTINGS.importFile,
): Promise<Table> {
  const sample = await readSample(path);
  // XLSX is a zip archive: "PK\x03\x04".
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04)
    return readXlsx(path, columns, limits);
  return readCsv(path, columns, limits);
}
