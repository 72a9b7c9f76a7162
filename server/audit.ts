// The audit trail (issue 6): who imported or changed what, when, with counts. Every change made
// through the API — imports, scenarios, accounts, sign-ins — is one AuditEvent node in Neo4j
// (so every server writes to the same trail), written when the answer is known; admins query it
// with GET /api/audit (server/routes/audit.ts); the API's changes are recorded by
// server/plugins/audit.ts, imports from the command line by scripts/import.ts.
import { randomUUID } from 'node:crypto';
import { cypher, type Db } from './db.js';

export interface AuditEvent {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  /** The account, `anonymous` (a failed sign-in), or `cli:<os user>`. */
  user: string;
  /** What was done: import, import-dry-run, scenario-create, scenario-update, scenario-delete, view-save, view-delete, user-create, user-update, user-delete, sign-in, sign-in-failed, sign-out, password-change. */
  action: string;
  /** What it was done to: a scenario's id, an account's name, the import's run id. */
  target: string | null;
  /** HTTP status of the answer (0 from the command line). */
  status: number;
  /** Figures of the change: rows written, items, errors. */
  counts: Record<string, number>;
  /**
   * What an account change changed: `role:<role>`, `disabled`, `enabled`, `password` (empty for
   * other actions).
   */
  changes: string[];
}

export async function recordAudit(db: Db, event: Omit<AuditEvent, 'id' | 'at' | 'changes'> & { at?: number; changes?: string[] }): Promise<void> {
  await db.write(cypher('audit-record'), {
    id: randomUUID(), at: event.at ?? Date.now(), user: event.user, action: event.action, target: event.target,
    status: event.status, counts: JSON.stringify(event.counts), changes: event.changes ?? [],
  });
}
