// Pass 1 of an import: every row of every file checked, duplicates found across the files, and
// what the rows refer to collected for the database to confirm (./references.ts).
import { FileFormatError, type Table } from './read.js';
import {
  validateCluster,
  validateEnterprise,
  validateLink,
  type ClusterRow,
  type EnterpriseRow,
  type LinkRow,
  type ValidationContext,
} from './validate.js';
import { formatIssue, openTable, type OpenedFile } from './headers.js';
import type { IssueList } from './issues.js';
import type { ImportOptions, ImportReport } from './options.js';

export type ValidatedRow = ClusterRow | EnterpriseRow | LinkRow;

export interface EnterpriseInfo {
  okved: string[];
  stages: string[];
}

/** Keys a file refers to but does not define: rows by "file, column, key", and the key of each. */
export interface References {
  rows: Map<string, number[]>;
  keys: Map<string, string>;
}

export interface CheckedRows {
  /** The files' enterprises, with where each was first seen. */
  enterpriseRows: Map<string, number>;
  /** OKVED codes and stages of the enterprises, which pick a link's stage when it is written. */
  enterpriseInfo: Map<string, EnterpriseInfo>;
  /** Each INN of the files, with the enterprise and the row that holds it. */
  innRows: Map<string, { id: string; file: string; row: number }>;
  clusterRefs: References;
  technoparkRefs: References;
  enterpriseRefs: References;
  /** Validated rows kept for pass 2, per file, while they fit; null where the file is read again. */
  cache: Map<OpenedFile, ValidatedRow[] | null>;
}

/** Rows of pass 1 kept for pass 2 up to this many (beyond it, pass 2 reads the files again). */
const CACHED_ROWS = 2_000_000;

const references = (): References => ({ rows: new Map(), keys: new Map() });

function refer(refs: References, column: string, key: string, file: string, row: number): void {
  const fileKey = `${file}\u0000${column}\u0000${key}`;
  const rows = refs.rows.get(fileKey);
  if (rows) rows.push(row);
  else refs.rows.set(fileKey, [row]);
  refs.keys.set(fileKey, key);
}

export async function checkRows(
  opened: OpenedFile[],
  ctx: ValidationContext,
  issues: IssueList,
  report: ImportReport,
  opts: ImportOptions,
): Promise<CheckedRows> {
  const fileReport = (name: string) => report.files.find((f) => f.file === name)!;
  // Where each id was first seen, as a number (file index · 2^32 + row): a million enterprises
  // cost a Map of numbers, not a million small objects.
  const at = (fileIndex: number, row: number) => fileIndex * 2 ** 32 + row;
  const where = (position: number) => `${opened[Math.floor(position / 2 ** 32)].name}:${position % 2 ** 32}`;
  const clusterRows = new Map<string, number>();
  const linkKeys = new Map<string, number>();
  const checked: CheckedRows = {
    enterpriseRows: new Map(),
    enterpriseInfo: new Map(),
    innRows: new Map(),
    clusterRefs: references(),
    technoparkRefs: references(),
    enterpriseRefs: references(),
    cache: new Map(),
  };
  const { enterpriseRows, enterpriseInfo, innRows, clusterRefs, technoparkRefs, enterpriseRefs, cache } = checked;

  let cachedRows = 0;
  for (const opened1 of opened) {
    const { name, kind } = opened1;
    const fileIndex = opened.indexOf(opened1);
    const kept: ValidatedRow[] | null = [];
    cache.set(opened1, kept);
    let table: Table;
    try {
      table = await openTable(opened1);
    } catch (error) {
      if (!(error instanceof FileFormatError)) throw error;
      issues.add(name, error.row, formatIssue(error));
      continue;
    }
    let count = 0;
    const keep = (validated: ValidatedRow) => {
      if (cache.get(opened1) === null) return;
      if (++cachedRows > CACHED_ROWS) {
        cache.set(opened1, null);
        kept!.length = 0;
      } else kept!.push(validated);
    };
    try {
      for await (const { row, values } of table.rows) {
        count++;
        if (count % 50_000 === 0) opts.onProgress?.({ phase: 'validate', kind, rows: count });
        if (kind === 'clusters') {
          const { row: c, issues: rowIssues } = validateCluster(values, ctx);
          keep(c);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (c.id) {
            const first = clusterRows.get(c.id);
            if (first !== undefined)
              issues.add(name, row, { column: 'id', code: 'duplicate_id', value: c.id, detail: where(first) });
            else clusterRows.set(c.id, at(fileIndex, row));
          }
        } else if (kind === 'enterprises') {
          const { row: e, issues: rowIssues } = validateEnterprise(values, ctx);
          keep(e);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (e.id) {
            const first = enterpriseRows.get(e.id);
            if (first !== undefined)
              issues.add(name, row, { column: 'id', code: 'duplicate_id', value: e.id, detail: where(first) });
            else {
              enterpriseRows.set(e.id, at(fileIndex, row));
              enterpriseInfo.set(e.id, { okved: e.okvedAll, stages: e.stages });
            }
          }
          if (e.inn) {
            const first = innRows.get(e.inn);
            if (first && first.id !== e.id)
              issues.add(name, row, {
                column: 'inn',
                code: 'duplicate_inn',
                value: e.inn,
                detail: `${first.file}:${first.row}`,
              });
            else innRows.set(e.inn, { id: e.id, file: name, row });
          }
          if (e.cluster && !clusterRows.has(e.cluster)) refer(clusterRefs, 'cluster', e.cluster, name, row);
          if (e.technopark) refer(technoparkRefs, 'technopark', e.technopark, name, row);
        } else {
          const { row: l, issues: rowIssues } = validateLink(values);
          keep(l);
          rowIssues.forEach((i) => issues.add(name, row, i));
          if (l.supplier && l.buyer) {
            const key = `${l.supplier}\u0000${l.buyer}\u0000${l.product}`;
            const first = linkKeys.get(key);
            if (first !== undefined) {
              issues.add(name, row, {
                column: 'product',
                code: 'duplicate_link',
                value: `${l.supplier} → ${l.buyer} «${l.product}»`,
                detail: String(first),
              });
            } else linkKeys.set(key, row);
          }
          if (l.supplier && !enterpriseRows.has(l.supplier)) refer(enterpriseRefs, 'supplier', l.supplier, name, row);
          if (l.buyer && !enterpriseRows.has(l.buyer)) refer(enterpriseRefs, 'buyer', l.buyer, name, row);
        }
      }
    } catch (error) {
      table.close();
      if (!(error instanceof FileFormatError)) throw error;
      issues.add(name, error.row ?? count + 2, formatIssue(error));
    }
    fileReport(name).rows = count;
  }
  return checked;
}

/** The validated rows of a file: from the pass-1 cache, or read and checked again. */
export async function* validatedRows(
  opened: OpenedFile,
  cached: ValidatedRow[] | null,
  ctx: ValidationContext,
): AsyncIterable<ValidatedRow> {
  if (cached) {
    yield* cached;
    return;
  }
  const { kind } = opened;
  const table = await openTable(opened);
  for await (const { values } of table.rows) {
    if (kind === 'clusters') yield validateCluster(values, ctx).row;
    else if (kind === 'enterprises') yield validateEnterprise(values, ctx).row;
    else yield validateLink(values).row;
  }
}
