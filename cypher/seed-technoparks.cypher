// Technoparks of the seed (the import files refer to them by id), held by the seed's dataset.
UNWIND $rows AS row
MERGE (t:Technopark {id: row.id})
SET t.name = row.name, t.nameEn = row.nameEn, t.kind = row.kind, t.region = row.region, t.source = row.source,
    t.datasets = CASE WHEN $dataset IN coalesce(t.datasets, []) THEN t.datasets ELSE coalesce(t.datasets, []) + $dataset END
WITH t, row
MATCH (r:Region {code: row.region})
MERGE (t)-[:LOCATED_IN]->(r)
