// What a file an import reads may not exceed, and the error a file is refused with.

/**
 * Ceilings of a file an import reads, each a setting (server/config.ts `importFile`); a file past
 * one is refused with the limit named, and nothing of it is written.
 */
export interface FileLimits {
  /** Data rows of one file (IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Cells of one row, up to its last non-empty one (IMPORT_MAX_COLUMNS). */
  maxColumns: number;
  /** Cells of one CSV record, empty ones included, counted before it is parsed (IMPORT_MAX_ROW_CELLS). */
  maxRowCells: number;
  /** Characters of one cell (IMPORT_MAX_CELL_CHARS). */
  maxCellChars: number;
  /** Members of an XLSX workbook's archive (IMPORT_XLSX_MAX_ENTRIES). */
  xlsxMaxEntries: number;
  /** Inflated megabytes of one member of an XLSX workbook (IMPORT_XLSX_MAX_ENTRY_MB). */
  xlsxMaxEntryMb: number;
  /** Inflated ÷ packed bytes of one member, judged from 1 MB inflated on (IMPORT_XLSX_MAX_RATIO). */
  xlsxMaxRatio: number;
  /** Items of an XLSX workbook's shared strings, all held while it is read (IMPORT_XLSX_MAX_SHARED_STRINGS). */
  xlsxMaxSharedStrings: number;
  /** Inflated megabytes of an XLSX workbook's styles part (IMPORT_XLSX_MAX_STYLES_MB). */
  xlsxMaxStylesMb: number;
  /** Inflated megabytes of all the parts of an XLSX workbook that are read (IMPORT_XLSX_MAX_TOTAL_MB). */
  xlsxMaxTotalMb: number;
}

export type FileFormatCode =
  | 'encoding'
  | 'empty_file'
  | 'format'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'too_many_cells'
  | 'cell_too_long'
  | 'control_character'
  | 'xlsx_entries'
  | 'xlsx_too_large'
  | 'xlsx_ratio'
  | 'xlsx_shared_strings'
  | 'xlsx_styles'
  | 'xlsx_columns'
  | 'xlsx_total'
  | 'xlsx_hidden_data';

export class FileFormatError extends Error {
  constructor(
    readonly code: FileFormatCode,
    message: string,
    readonly row?: number,
    /** A ceiling's value and the setting that sets it. */
    readonly limit?: { value: number; setting: string },
  ) {
    super(message);
  }
}
