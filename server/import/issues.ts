// The errors of an import, by file, row and column, in the user's language.
import { importMessage, type Lang } from './messages.js';
import type { RowIssue } from './validate.js';
import type { ImportIssue } from '../../core/schemas.js';

/** Counts every issue and lists the first `max` of them. */
export class IssueList {
  readonly listed: ImportIssue[] = [];
  count = 0;
  constructor(
    private max: number,
    private lang: Lang,
  ) {}
  add(file: string, row: number | undefined, issue: RowIssue): void {
    this.count++;
    if (this.listed.length >= this.max) return;
    this.listed.push({
      file,
      row,
      column: issue.column,
      code: issue.code,
      value: issue.value,
      message: importMessage(issue.code, this.lang, { value: issue.value, column: issue.column, detail: issue.detail }),
    });
  }
}
