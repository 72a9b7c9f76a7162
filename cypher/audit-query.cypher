// The audit trail (server/audit.ts), newest first, by user and action when given.
MATCH (e:AuditEvent)
WHERE e.at >= $since AND ($user IS NULL OR e.user = $user) AND ($action IS NULL OR e.action = $action)
RETURN e.id AS id, e.at AS at, e.user AS user, e.action AS action, e.target AS target, e.status AS status, e.counts AS counts, coalesce(e.changes, []) AS changes
ORDER BY e.at DESC, e.id
LIMIT toInteger($limit)
