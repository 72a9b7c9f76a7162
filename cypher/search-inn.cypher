// Exact taxpayer number.
MATCH (node:Enterprise {inn: $inn})
OPTIONAL MATCH (node)-[:LOCATED_IN]->(region:Region)
RETURN 'Enterprise' AS label, node.id AS key, node.name AS name, node.nameEn AS nameEn,
       coalesce(region.code, node.region) AS region, region.name AS regionName, node.inn AS inn, node.okved AS okved,
       node.size AS size, node.tiesOnly AS tiesOnly, 1.0 AS score
