// The audit trail: who imported or changed what, when, with counts (server/audit.ts writes it).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const AuditEvent = Type.Object({
  id: Type.String(),
  /** Epoch milliseconds. */
  at: Type.Number(),
  /** The account, `anonymous` (a failed sign-in), or `cli:<os user>`. */
  user: Type.String(),
  /** What was done: import, import-dry-run, import-cancel, dataset-remove, scenario-create, scenario-update, scenario-delete, view-save, view-delete, user-create, user-update, user-delete, sign-in, sign-in-failed, sign-out, password-change. */
  action: Type.String(),
  /** What it was done to: a scenario's id, an account's name, the import's run id, a dataset's id. */
  target: Nullable(Type.String()),
  /** HTTP status of the answer (0 from the command line). */
  status: Type.Integer(),
  /** Figures of the change: rows written, items, errors. */
  counts: Type.Record(Type.String(), Type.Number()),
  /** What an account change changed (empty for other actions). */
  changes: Type.Array(Type.String(), { description: 'for user-update: role:<role>, disabled, enabled, password' }),
});
export type AuditEvent = Static<typeof AuditEvent>;
