// The latest import runs, newest first, with who started them (from the audit trail; imports
// from the command line are audited as cli:<user>) and the import lease as it stands.
OPTIONAL MATCH (l:ImportLock {id: 'import'}) WHERE l.token IS NOT NULL AND l.expiresAt >= datetime()
WITH l
OPTIONAL MATCH (r:ImportRun)
WITH l, r ORDER BY r.startedAt DESC LIMIT toInteger($limit)
OPTIONAL MATCH (a:AuditEvent {target: r.id}) WHERE a.action = 'import'
WITH l, r, head(collect(a.user)) AS user
RETURN CASE WHEN l IS NULL THEN null ELSE {holder: l.holder, since: toString(l.since)} END AS lease,
       collect(CASE WHEN r IS NULL THEN null ELSE {
         id: r.id, status: r.status, user: user, files: coalesce(r.files, []),
         startedAt: r.startedAt.epochMillis, finishedAt: r.finishedAt.epochMillis,
         enterprises: r.enterprises, links: r.links, clusters: r.clusters, error: r.error
       } END) AS runs
