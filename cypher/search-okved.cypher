// OKVED prefix: the industries with that code and the enterprises whose main activity falls under it.
CALL (*) {
  MATCH (node:Industry) WHERE node.code STARTS WITH $prefix
  RETURN node, null AS region, 2.0 AS score
  ORDER BY node.code
  LIMIT $limit
  UNION ALL
  MATCH (node:Enterprise) WHERE node.okved STARTS WITH $prefix
  WITH node ORDER BY node.okved, node.name LIMIT $limit
  OPTIONAL MATCH (node)-[:LOCATED_IN]->(region:Region)
  RETURN node, region, 1.0 AS score
}
RETURN labels(node)[0] AS label, coalesce(node.id, node.code) AS key, node.name AS name,
       node.nameEn AS nameEn, region.code AS region, region.name AS regionName, node.inn AS inn,
       coalesce(node.okved, node.code) AS okved, node.size AS size, node.tiesOnly AS tiesOnly, score
LIMIT $limit
