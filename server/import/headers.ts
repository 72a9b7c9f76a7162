// The import's first look at its files: each file's kind, which columns its headers name (English
// names or Russian aliases, core/import-columns.ts) and whether the identifying ones are there,
// before any row is read.
import { basename } from 'node:path';
import { FileFormatError, readTable, type FileLimits, type Table } from './read.js';
import { COLUMNS, FILE_KINDS, detectKind, type FileKind } from './validate.js';
import { resolveHeader } from '../../core/import-columns.js';
import type { IssueList } from './issues.js';
import type { ImportFile, ImportReport } from './options.js';

/** A file whose header passed: its name as shown in errors, its kind and its columns. */
export interface OpenedFile {
  file: ImportFile;
  name: string;
  kind: FileKind;
  /** The column each header cell names, by position (null: a header that names none, ignored). */
  columns: (string | null)[];
  /** The columns the file has: what it leaves out stays as the database holds it. */
  present: Set<string>;
  limits?: FileLimits;
}

/** The file's rows, keyed by column. */
export async function openTable(f: Pick<OpenedFile, 'file' | 'columns' | 'limits'>): Promise<Table> {
  return readTable(f.file.path, f.columns, f.limits);
}

/**
 * The files whose headers pass, clusters first, then enterprises, then links (each refers to
 * the ones before); every file is listed in the report, and what is wrong goes into `issues`.
 */
export async function readHeaders(
  files: ImportFile[],
  report: ImportReport,
  issues: IssueList,
  limits?: FileLimits,
): Promise<OpenedFile[]> {
  const opened: OpenedFile[] = [];
  for (const file of files) {
    const name = file.name ?? basename(file.path);
    try {
      const table = await readTable(file.path, undefined, limits);
      table.close();
      const kind = file.kind ?? detectKind(table.header, name);
      report.files.push({ file: name, kind, rows: 0, encoding: table.encoding, delimiter: table.delimiter });
      if (!kind) {
        issues.add(name, 1, { code: 'unknown_file_kind' });
        continue;
      }
      const { columns, duplicates } = resolveHeader(kind, table.header);
      const present = new Set(columns.filter((c): c is string => c !== null));
      for (const column of COLUMNS[kind].required) {
        if (!present.has(column))
          issues.add(name, 1, {
            column,
            code: 'missing_column',
            detail: (COLUMNS[kind].aliases[column] ?? []).map((a) => `«${a}»`).join(', '),
          });
      }
      for (const { column, headers } of duplicates) {
        issues.add(name, 1, {
          column,
          code: 'duplicate_column',
          value: headers.map((h) => `«${h}»`).join(', '),
        });
      }
      opened.push({ file, name, kind, columns, present, limits });
    } catch (error) {
      if (!(error instanceof FileFormatError)) throw error;
      report.files.push({ file: name, kind: file.kind ?? null, rows: 0 });
      issues.add(name, error.row, formatIssue(error));
    }
  }
  opened.sort((a, b) => FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));
  return opened;
}

/** The report's entry for a file refused by the reader: a ceiling names its value and setting. */
export function formatIssue(error: FileFormatError): { code: string; detail: string; value?: string } {
  return error.limit
    ? { code: error.code, value: String(error.limit.value), detail: error.limit.setting }
    : { code: error.code, detail: error.message };
}
