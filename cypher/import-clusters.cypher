// One batch of clusters (rows from import-cluster-rows). $set names the properties the file's
// columns give; kind, status and chain a row leaves empty stay as the cluster holds them (a new
// cluster takes $defaults, and no chain). A row that gives regions is the truth for them: regions
// it no longer names are unlinked; one that gives none leaves them. The cluster and its BASED_IN
// links are held by the import's dataset ($dataset); `tagged` counts the clusters it adds the id to.
MERGE (c:Cluster {id: row.id})
WITH c, row, NOT $dataset IN coalesce(c.datasets, []) AS fresh
SET c.datasets = CASE WHEN fresh THEN coalesce(c.datasets, []) + $dataset ELSE c.datasets END
FOREACH (key IN $set | SET c[key] = row.props[key])
SET c.kind = coalesce(row.kind, c.kind, $defaults.kind),
    c.status = coalesce(row.status, c.status, $defaults.status),
    c.chain = coalesce(row.chain, c.chain),
    c.regions = coalesce(row.regions, c.regions, [])
WITH c, row, fresh
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:BASED_IN]->(r:Region) WHERE row.regions IS NOT NULL AND NOT r.code IN row.regions
  DELETE old
}
CALL (c, row) {
  UNWIND coalesce(row.regions, []) AS code
  MATCH (r:Region {code: code})
  MERGE (c)-[b:BASED_IN]->(r)
  SET b.datasets = coalesce(b.datasets, []) + CASE WHEN $dataset IN coalesce(b.datasets, []) THEN [] ELSE [$dataset] END
}
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
