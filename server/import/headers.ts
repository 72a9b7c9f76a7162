// The import's first look at its files: each file's kind and its required columns, before any
// row is read.
import { basename } from 'node:path';
import { FileFormatError, readTable, type Table } from './read.js';
import { COLUMNS, FILE_KINDS, detectKind, type FileKind } from './validate.js';
import type { IssueList } from './issues.js';
import type { ImportFile, ImportReport } from './options.js';

/** A file whose header passed: its name as shown in errors and its kind. */
export interface OpenedFile {
  file: ImportFile;
  name: string;
  kind: FileKind;
}

export async function openTable(f: ImportFile): Promise<Table> {
  return readTable(f.path);
}

/**
 * The files whose headers pass, clusters first, then enterprises, then links (each refers to
 * the ones before); every file is listed in the report, and what is wrong goes into `issues`.
 */
export async function readHeaders(files: ImportFile[], report: ImportReport, issues: IssueList): Promise<OpenedFile[]> {
  const opened: OpenedFile[] = [];
  for (const file of files) {
    const name = file.name ?? basename(file.path);
    try {
      const table = await openTable(file);
      table.close();
      const kind = file.kind ?? detectKind(table.header, name);
      report.files.push({ file: name, kind, rows: 0, encoding: table.encoding, delimiter: table.delimiter });
      if (!kind) {
        issues.add(name, 1, { code: 'unknown_file_kind' });
        continue;
      }
      for (const column of COLUMNS[kind].required) {
        if (!table.header.includes(column)) issues.add(name, 1, { column, code: 'missing_column' });
      }
      opened.push({ file, name, kind });
    } catch (error) {
      if (!(error instanceof FileFormatError)) throw error;
      report.files.push({ file: name, kind: file.kind ?? null, rows: 0 });
      issues.add(name, error.row, { code: error.code, detail: error.message });
    }
  }
  opened.sort((a, b) => FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));
  return opened;
}
