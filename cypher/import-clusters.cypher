// One batch of clusters (rows from import-cluster-rows). The file is the truth for each cluster
// it lists: regions it no longer names are unlinked. The cluster and its BASED_IN links are held
// by the import's dataset ($dataset); `tagged` counts the clusters it adds the id to.
MERGE (c:Cluster {id: row.id})
WITH c, row, NOT $dataset IN coalesce(c.datasets, []) AS fresh
SET c += row.props,
    c.datasets = CASE WHEN fresh THEN coalesce(c.datasets, []) + $dataset ELSE c.datasets END
WITH c, row, fresh
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:BASED_IN]->(r:Region) WHERE NOT r.code IN row.regions
  DELETE old
}
CALL (c, row) {
  UNWIND row.regions AS code
  MATCH (r:Region {code: code})
  MERGE (c)-[b:BASED_IN]->(r)
  SET b.datasets = coalesce(b.datasets, []) + CASE WHEN $dataset IN coalesce(b.datasets, []) THEN [] ELSE [$dataset] END
}
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
