// A fast reader for the generator's CSV files (seed/generate/write.ts, links.ts): UTF-8, comma
// separated, a header row, cells quoted as RFC 4180 says when they hold a comma or a quote, no line
// breaks inside cells. It gives rows as server/import/read.ts does (cells keyed by the normalised
// column names, trimmed, the spreadsheet's row number), at several times the speed of the general reader,
// which also detects encodings and delimiters and reads XLSX — none of which the generator needs.
// Anything outside that format is refused rather than guessed.
import { createReadStream } from 'node:fs';
import type { TableRow } from '../../server/import/read.js';

class GeneratedCsvError extends Error {}

/** The cells of one line: quoted cells unquoted, every cell trimmed (as the import's reader does). */
function splitLine(line: string, at: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) throw new GeneratedCsvError(`row ${at}: a quoted cell does not end on its line`);
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      cells.push(value.trim());
      if (i === line.length) return cells;
      if (line.charCodeAt(i) !== 44 /* , */) throw new GeneratedCsvError(`row ${at}: text after a quoted cell`);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) throw new GeneratedCsvError(`row ${at}: a quote inside an unquoted cell`);
      cells.push(value.trim());
      if (comma < 0) return cells;
      i = comma + 1;
    }
  }
}

/** The rows of a generated CSV file, streamed. */
export async function* generatedRows(path: string): AsyncIterable<TableRow> {
  let header: string[] | null = null;
  let rest = '';
  let row = 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const rowOf = (line: string): TableRow | null => {
    row++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (header === null) {
      // The generator writes the import's own column names: lower case already.
      header = splitLine(line.replace(/^\uFEFF/, ''), row).map((h) => h.toLowerCase());
      return null;
    }
    if (line === '') return null;
    const cells = splitLine(line, row);
    const values: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) values[header[c]] = cells[c] ?? '';
    return { row, values };
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const r = rowOf(text.slice(start, nl));
      if (r) yield r;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') {
    const r = rowOf(rest);
    if (r) yield r;
  }
  if (header === null) throw new GeneratedCsvError(`${path} is empty`);
}
