// Full-text search over names (Russian morphology, English names, Latin transliteration).
CALL db.index.fulltext.queryNodes('names', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:LOCATED_IN]->(region:Region)
RETURN labels(node)[0] AS label, coalesce(node.id, node.code) AS key, node.name AS name,
       node.nameEn AS nameEn, coalesce(region.code, node.region) AS region, region.name AS regionName,
       node.inn AS inn, node.okved AS okved, node.size AS size, node.tiesOnly AS tiesOnly, score
ORDER BY score DESC
