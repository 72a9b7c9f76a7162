// One event of the audit trail (server/audit.ts).
CREATE (:AuditEvent {id: $id, at: $at, user: $user, action: $action, target: $target, status: $status, counts: $counts, changes: $changes})
