// One batch of enterprises (rows from import-enterprise-rows) that already exist: properties,
// region, stages, cluster membership and technopark residence. The file is the truth for each
// enterprise it lists, so relationships it no longer names are removed.
MERGE (e:Enterprise {id: row.id})
SET e += row.props
WITH e, row
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:LOCATED_IN]->(r:Region) WHERE r.code <> row.region
  DELETE old
}
CALL (e, row) {
  MATCH (r:Region {code: row.region})
  MERGE (e)-[:LOCATED_IN]->(r)
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:OPERATES_AT]->(s:Stage) WHERE NOT s.id IN row.stages
  DELETE old
}
CALL (e, row) {
  UNWIND row.stages AS stageId
  MATCH (s:Stage {id: stageId})
  MERGE (e)-[:OPERATES_AT]->(s)
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:MEMBER_OF]->(c:Cluster) WHERE c.id <> coalesce(row.cluster, '')
  DELETE old
}
CALL (e, row) {
  MATCH (c:Cluster {id: row.cluster})
  MERGE (e)-[m:MEMBER_OF]->(c)
  SET m.role = row.clusterRole
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:RESIDENT_OF]->(t:Technopark) WHERE t.id <> coalesce(row.technopark, '')
  DELETE old
}
CALL (e, row) {
  MATCH (t:Technopark {id: row.technopark})
  MERGE (e)-[:RESIDENT_OF]->(t)
}
