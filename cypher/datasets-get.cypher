// One dataset's state (server/datasets.ts), and whether an import holds the lease now.
MATCH (d:Dataset {id: $id})
OPTIONAL MATCH (l:ImportLock {id: 'import'}) WHERE l.token IS NOT NULL AND l.expiresAt >= datetime()
RETURN d.id AS id, d.kind AS kind, coalesce(d.status, 'completed') AS status,
       {enterprises: coalesce(d.enterprises, 0), links: coalesce(d.links, 0), ties: coalesce(d.ties, 0),
        clusters: coalesce(d.clusters, 0)} AS counts,
       l IS NOT NULL AS leased, l.holder AS holder, l.host AS host, l.pid AS pid, toString(l.since) AS since
