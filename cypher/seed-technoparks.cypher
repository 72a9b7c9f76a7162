// Technoparks of the seed (the import files refer to them by id).
UNWIND $rows AS row
MERGE (t:Technopark {id: row.id})
SET t.name = row.name, t.nameEn = row.nameEn, t.kind = row.kind, t.region = row.region, t.source = row.source
WITH t, row
MATCH (r:Region {code: row.region})
MERGE (t)-[:LOCATED_IN]->(r)
