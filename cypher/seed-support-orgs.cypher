// Support organisations of the seed and the clusters and technoparks they support, held (nodes and
// SUPPORTS relationships) by the seed's dataset.
UNWIND $rows AS row
MERGE (o:SupportOrg {id: row.id})
SET o.name = row.name, o.nameEn = row.nameEn, o.kind = row.kind, o.region = row.region, o.source = row.source,
    o.datasets = CASE WHEN $dataset IN coalesce(o.datasets, []) THEN o.datasets ELSE coalesce(o.datasets, []) + $dataset END
WITH o, row
CALL (o, row) {
  MATCH (r:Region {code: row.region})
  MERGE (o)-[:LOCATED_IN]->(r)
}
CALL (o, row) {
  UNWIND row.supports AS target
  MATCH (t) WHERE (t:Cluster OR t:Technopark) AND t.id = target
  MERGE (o)-[s:SUPPORTS]->(t)
  SET s.datasets = CASE WHEN $dataset IN coalesce(s.datasets, []) THEN s.datasets ELSE coalesce(s.datasets, []) + $dataset END
}
