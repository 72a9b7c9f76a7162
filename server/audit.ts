// The audit trail (issue 6): who imported or changed what, when, with counts. Every change made
// through the API — imports, scenarios, accounts, sign-ins — is one AuditEvent node in Neo4j
// (so every server writes to the same trail), written when the answer is known; admins query it
// with GET /api/audit (server/routes/audit.ts); the API's changes are recorded by
// server/plugins/audit.ts, imports from the command line by scripts/import.ts.
import { randomUUID } from 'node:crypto';
import { cypher, type Db } from './db.js';
import type { AuditEvent } from '../core/schemas.js';

export type { AuditEvent };

export async function recordAudit(
  db: Db,
  event: Omit<AuditEvent, 'id' | 'at' | 'changes'> & { at?: number; changes?: string[] },
): Promise<void> {
  await db.write(cypher('audit-record'), {
    id: randomUUID(),
    at: event.at ?? Date.now(),
    user: event.user,
    action: event.action,
    target: event.target,
    status: event.status,
    counts: JSON.stringify(event.counts),
    changes: event.changes ?? [],
  });
}
