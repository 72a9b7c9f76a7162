// What an import is given (files, options) and what it answers (its report), shared by its phases.
import type { Settings } from '../config.js';
import type { SmeLimits } from '../../core/reference.js';
import type { FileKind, ImportAggregate, ImportReport as ApiImportReport } from '../../core/schemas.js';
import type { Lang } from './messages.js';

export interface ImportFile {
  path: string;
  /** Name shown in errors (an upload's original name); defaults to the path's base name. */
  name?: string;
  kind?: FileKind;
}

export interface ImportOptions {
  sme: SmeLimits;
  batchSize: number;
  maxErrors: number;
  timeoutMs: number;
  /** How long to wait for an import running in another process (server/import/lock.ts). */
  waitMs: number;
  dryRun?: boolean;
  /**
   * Refresh the overview's aggregate (server/aggregate.ts) after a successful import; default
   * true. The seed turns it off for its imports and refreshes once at the end.
   */
  aggregate?: boolean;
  lang?: Lang;
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
  };
}

/**
 * An import's report: the API's answer (core/schemas/import.ts) and, for the command line and the
 * seed, the outcome of the aggregate's refresh, which the API's answer leaves out.
 */
export type ImportReport = ApiImportReport & {
  /**
   * The refresh of the overview's aggregate after the writes (absent for dry runs, rejected
   * imports and `aggregate: false`). A failed refresh leaves the import done and the previous
   * aggregate in place; the next import or start-up refreshes it.
   */
  aggregate?: ImportAggregate;
};
