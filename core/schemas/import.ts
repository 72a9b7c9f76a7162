// Imports of enterprises, links and clusters: the kind of a file and the report of an import. The
// kinds and their columns are plain data in core/import-columns.ts.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';
import { FILE_KINDS } from '../import-columns.js';

export { COLUMNS, FILE_KINDS } from '../import-columns.js';
export const FileKind = Type.Union(FILE_KINDS.map((k) => Type.Literal(k)));
export type FileKind = (typeof FILE_KINDS)[number];

/** One error of an import, by file, row and column, in the user's language. */
export const ImportIssue = Type.Object({
  file: Type.String(),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
  code: Type.String(),
  value: Type.Optional(Type.String()),
  message: Type.String(),
});
export type ImportIssue = Static<typeof ImportIssue>;

/**
 * The refresh of the overview's aggregate after an import's writes: its new version, or why it
 * failed (the import stays done and the previous aggregate in place). Absent for dry runs,
 * rejected imports and imports that skip the refresh (the seed refreshes once at the end).
 */
export const ImportAggregate = Type.Union([
  Type.Object({ version: Type.Integer(), durationMs: Type.Integer() }),
  Type.Object({ error: Type.String() }),
]);
export type ImportAggregate = Static<typeof ImportAggregate>;

export const ImportReport = Type.Object({
  ok: Type.Boolean(),
  dryRun: Type.Boolean(),
  runId: Nullable(Type.String()),
  files: Type.Array(
    Type.Object({
      file: Type.String(),
      kind: Type.Union([...FileKind.anyOf, Type.Null()]),
      rows: Type.Integer(),
      encoding: Type.Optional(Type.String()),
      delimiter: Type.Optional(Type.String()),
    }),
  ),
  /** Every issue found; `errors` lists the first of them. */
  errorCount: Type.Integer(),
  errors: Type.Array(ImportIssue),
  written: Type.Object({ clusters: Type.Integer(), enterprises: Type.Integer(), links: Type.Integer() }),
  durationMs: Type.Integer(),
  dataset: Type.Optional(
    Type.String({
      description: 'the dataset the import wrote into (file:<runId> unless given); absent when nothing was written',
    }),
  ),
  aggregate: Type.Optional(ImportAggregate),
});
export type ImportReport = Static<typeof ImportReport>;

/** One import as the log lists it (GET /api/imports); times are epoch milliseconds. */
export const ImportRun = Type.Object({
  id: Type.String(),
  status: Type.Union(
    [Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed'), Type.Literal('interrupted')],
    {
      description:
        'interrupted: recorded as running, but no import holds the lease (its process died); importing the same files again completes it',
    },
  ),
  user: Nullable(Type.String(), {
    description: 'who started it, from the audit trail (cli:<name> for `npm run import`)',
  }),
  files: Type.Array(Type.String()),
  startedAt: Nullable(Type.Number()),
  finishedAt: Nullable(Type.Number()),
  enterprises: Nullable(Type.Integer()),
  links: Nullable(Type.Integer()),
  clusters: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});
export type ImportRun = Static<typeof ImportRun>;

/** The import log: the latest runs, newest first, and the import holding the lease now. */
export const ImportRuns = Type.Object({
  lease: Type.Union([Type.Null(), Type.Object({ holder: Type.String(), since: Type.String() })], {
    description: 'the import holding the lease now',
  }),
  runs: Type.Array(ImportRun),
});
export type ImportRuns = Static<typeof ImportRuns>;
