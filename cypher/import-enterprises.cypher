// One batch of enterprises (rows from import-enterprise-rows) that already exist: properties,
// size, region, stages, cluster membership and technopark residence. The file is the truth for
// what it has columns for: $set names the properties its columns give (an absent column leaves its
// property as it is), and memberships and residences are replaced only when the file has a cluster
// ($hasCluster) or technopark ($hasTechnopark) column. What the batch writes is held by the
// import's dataset ($dataset, added to `datasets` when absent); `tagged` counts the enterprises it
// adds the id to.
MERGE (e:Enterprise {id: row.id})
WITH e, row, NOT $dataset IN coalesce(e.datasets, []) AS fresh
SET e.datasets = CASE WHEN fresh THEN coalesce(e.datasets, []) + $dataset ELSE e.datasets END
FOREACH (key IN $set | SET e[key] = row.props[key])
WITH e, row, fresh
// The size: given in the row; else derived again (core/reference.ts smeCategory, with the limits
// $sme) from the figures the enterprise holds now, when the file has a size, headcount or revenue
// column ($deriveSize) — but a register's official category stays, and so does a size given by an
// earlier file unless this one has a size column ($sizeColumn).
CALL (e, row) {
  WITH e, row, CASE
      WHEN row.sizeSource = 'given' THEN 'given'
      WHEN $deriveSize AND coalesce(e.sizeSource, '') <> 'register'
           AND ($sizeColumn OR coalesce(e.sizeSource, '') <> 'given') THEN 'derived'
    END AS how
  WHERE how IS NOT NULL
  WITH e, how, CASE
      WHEN how = 'given' THEN row.size
      WHEN e.employees IS NULL AND e.revenueMlnRub IS NULL THEN null
      WHEN coalesce(e.employees <= $sme.microEmployees, true)
           AND coalesce(e.revenueMlnRub <= $sme.microRevenueMlnRub, true) THEN 'micro'
      WHEN coalesce(e.employees <= $sme.smallEmployees, true)
           AND coalesce(e.revenueMlnRub <= $sme.smallRevenueMlnRub, true) THEN 'small'
      WHEN coalesce(e.employees <= $sme.mediumEmployees, true)
           AND coalesce(e.revenueMlnRub <= $sme.mediumRevenueMlnRub, true) THEN 'medium'
      ELSE 'large'
    END AS size
  SET e.size = size,
      e.sizeSource = CASE WHEN size IS NULL THEN null ELSE how END,
      e.sizeDataset = CASE WHEN size IS NULL THEN null ELSE $dataset END
}
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
  OPTIONAL MATCH (e)-[old:MEMBER_OF]->(c:Cluster) WHERE $hasCluster AND c.id <> coalesce(row.cluster, '')
  DELETE old
}
CALL (e, row) {
  MATCH (c:Cluster {id: row.cluster})
  MERGE (e)-[m:MEMBER_OF]->(c)
  SET m.role = row.clusterRole,
      m.datasets = coalesce(m.datasets, []) + CASE WHEN $dataset IN coalesce(m.datasets, []) THEN [] ELSE [$dataset] END
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:RESIDENT_OF]->(t:Technopark) WHERE $hasTechnopark AND t.id <> coalesce(row.technopark, '')
  DELETE old
}
CALL (e, row) {
  MATCH (t:Technopark {id: row.technopark})
  MERGE (e)-[r:RESIDENT_OF]->(t)
  SET r.datasets = coalesce(r.datasets, []) + CASE WHEN $dataset IN coalesce(r.datasets, []) THEN [] ELSE [$dataset] END
}
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
