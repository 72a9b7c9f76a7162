// Contract suggestions (server/scenarios.ts): what a cluster's participants buy, at a chain
// stage, from enterprises outside the cluster — the purchases a contract with another participant
// could take over. Grouped by buyer, supplier and stage; largest volume first, at most $limit.
MATCH (c:Cluster {id: $id})<-[:MEMBER_OF]-(b:Enterprise)<-[l:SUPPLIES]-(x:Enterprise)
WHERE l.stage IS NOT NULL AND x <> b AND NOT (x)-[:MEMBER_OF]->(c)
WITH b, x, l.stage AS stage, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
ORDER BY volumeMlnRub DESC, b.id, x.id, stage
LIMIT toInteger($limit)
RETURN b.id AS buyer, x.id AS supplier, x.name AS supplierName, x.region AS supplierRegion, stage, volumeMlnRub, links
