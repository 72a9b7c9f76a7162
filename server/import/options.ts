// What an import is given (files, options) and what it answers (its report), shared by its phases.
import type { Settings } from '../config.js';
import type { SmeLimits } from '../../core/reference.js';
import type { FileKind, ImportReport as ApiImportReport } from '../../core/schemas.js';
import type { Lang } from './messages.js';
import type { FileLimits } from './read.js';

export interface ImportFile {
  path: string;
  /** Name shown in errors (an upload's original name); defaults to the path's base name. */
  name?: string;
  kind?: FileKind;
}

export interface ImportDataset {
  id: string;
  kind: 'seed' | 'file';
  /** Shown in the list of datasets; default the file names (kept when a later import adds to it). */
  name?: string;
  /** Who loads it; default `ImportOptions.user`. */
  user?: string;
}

export interface ImportOptions {
  sme: SmeLimits;
  batchSize: number;
  maxErrors: number;
  timeoutMs: number;
  /** How long to wait for an import running in another process (server/import/lock.ts). */
  waitMs: number;
  dryRun?: boolean;
  /** Ceilings of each file read (default: the settings' defaults). */
  fileLimits?: FileLimits;
  /**
   * Refresh the overview's aggregate (server/aggregate.ts) after a successful import; default
   * true. The seed turns it off for its imports and refreshes once at the end.
   */
  aggregate?: boolean;
  lang?: Lang;
  /** Who starts the import: the dataset's `loadedBy` (unless `dataset.user` names another). */
  user?: string;
  /**
   * The dataset the import writes into: every node and relationship it writes gets the id in its
   * `datasets` list, and the (:Dataset) node records the load. Default: `file:<ImportRun id>`, kind
   * 'file', named by the file names. The seed passes `{ id: 'seed', kind: 'seed' }` to both of its
   * imports, which add to one dataset.
   */
  dataset?: ImportDataset;
  onProgress?: (p: { phase: 'validate' | 'write'; kind: FileKind; rows: number }) => void;
}

/** The import options that come from the settings. */
export function importOptions(settings: Settings): ImportOptions {
  return {
    sme: settings.sme,
    batchSize: settings.importBatchSize,
    maxErrors: settings.importMaxErrors,
    timeoutMs: settings.importTimeoutMs,
    waitMs: settings.importWaitMs,
    fileLimits: settings.importFile,
  };
}

/**
 * An import's report, as the API answers it (core/schemas/import.ts): with the dataset written into
 * and the outcome of the aggregate's refresh. A failed refresh leaves the import done and the
 * previous aggregate in place; the next import or start-up refreshes it.
 */
export type ImportReport = ApiImportReport;
