// The datasets the graph holds (server/datasets.ts), newest first. Their counts are kept on the
// node by whoever loaded them (counting list membership here would scan every tagged node and
// relationship on each listing).
MATCH (d:Dataset)
WITH d, coalesce(d.loadedAt, d.startedAt) AS at
ORDER BY at DESC, d.id
RETURN d.id AS id, d.kind AS kind, coalesce(d.name, d.id) AS name, d.stateDate AS stateDate,
       coalesce(d.status, 'completed') AS status,
       CASE WHEN at IS NULL THEN null WHEN at IS :: INTEGER THEN at ELSE at.epochMillis END AS loadedAt,
       d.loadedBy AS loadedBy,
       {enterprises: coalesce(d.enterprises, 0), links: coalesce(d.links, 0), ties: coalesce(d.ties, 0),
        clusters: coalesce(d.clusters, 0)} AS counts
