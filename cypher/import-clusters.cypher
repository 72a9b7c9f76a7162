// One batch of clusters (rows from import-cluster-rows). The file is the truth for each cluster
// it lists: regions it no longer names are unlinked.
MERGE (c:Cluster {id: row.id})
SET c += row.props
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:BASED_IN]->(r:Region) WHERE NOT r.code IN row.regions
  DELETE old
}
CALL (c, row) {
  UNWIND row.regions AS code
  MATCH (r:Region {code: code})
  MERGE (c)-[:BASED_IN]->(r)
}
