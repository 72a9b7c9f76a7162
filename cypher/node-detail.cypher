// One node by its key with relationship counts by type and direction.
// {{label}} and {{key}} come from a fixed table in server/graph.ts, never from user input.
MATCH (n:{{label}}) WHERE n.{{key}} = $key
OPTIONAL CALL (n) {
  MATCH (n)-[r]->()
  RETURN type(r) AS type, 'out' AS direction, count(*) AS count
  UNION ALL
  MATCH (n)<-[r]-()
  RETURN type(r) AS type, 'in' AS direction, count(*) AS count
}
WITH n, collect({type: type, direction: direction, count: count}) AS relationships
RETURN properties(n) AS properties, labels(n)[0] AS label, relationships,
       COUNT { (n)-[r:SUPPLIES]-() WHERE r.synthetic } AS syntheticLinks
