// One batch of enterprises (rows from import-enterprise-rows) that already exist: properties,
// region, stages, cluster membership and technopark residence. The file is the truth for each
// enterprise it lists, so relationships it no longer names are removed. What the batch writes is
// held by the import's dataset ($dataset, added to `datasets` when absent); `tagged` counts the
// enterprises it adds the id to.
MERGE (e:Enterprise {id: row.id})
WITH e, row, NOT $dataset IN coalesce(e.datasets, []) AS fresh
SET e += row.props,
    e.datasets = CASE WHEN fresh THEN coalesce(e.datasets, []) + $dataset ELSE e.datasets END
WITH e, row, fresh
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
  SET m.role = row.clusterRole,
      m.datasets = coalesce(m.datasets, []) + CASE WHEN $dataset IN coalesce(m.datasets, []) THEN [] ELSE [$dataset] END
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:RESIDENT_OF]->(t:Technopark) WHERE t.id <> coalesce(row.technopark, '')
  DELETE old
}
CALL (e, row) {
  MATCH (t:Technopark {id: row.technopark})
  MERGE (e)-[r:RESIDENT_OF]->(t)
  SET r.datasets = coalesce(r.datasets, []) + CASE WHEN $dataset IN coalesce(r.datasets, []) THEN [] ELSE [$dataset] END
}
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
